"""Charts as inline SVG for the HTML report: no script, nothing from outside the file, and
readable in print and without colour (every line and bar is named in text beside it, and
the voices differ by fill and outline in black and greys, never by hue alone).

Pure: the callers pass the words already translated and the numbers already formatted;
every text is escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from kohtaa_tui.domain.charts import fraction

Numbers = Callable[[float], str]


def _t(text: str) -> str:
    return html.escape(text, quote=True)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, kw_only=True)
class Series:
    """One line: a name and its (day, score) points, oldest first."""

    name: str
    points: tuple[tuple[date, float], ...]


def line_chart(series: Sequence[Series], low: int, high: int, first: date, last: date,
               title: str, number: Numbers, day: Callable[[date], str]) -> str:
    """One small panel per series (no legend to match by colour): the step's name on the
    left, its line with a dot at each score, the last score written at its end; the scale's
    ends on the left and the period's first and last day below."""
    label_w, plot_w, panel_h, gap, pad = 130, 360, 44, 22, 8
    width = label_w + plot_w + 60
    height = len(series) * (panel_h + gap) + 24
    span = max((last - first).days, 1)
    out = [f'<svg class="chart" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-label="{_t(title)}">',
           f"<title>{_t(title)}</title>"]
    for index, one in enumerate(series):
        top = index * (panel_h + gap) + pad

        def y(value: float, top: int = top) -> float:
            return top + panel_h - fraction(value, low, high) * panel_h

        out.append(f'<text x="0" y="{top + panel_h / 2 + 4:.1f}" font-size="13">'
                   f"{_t(one.name)}</text>")
        for value in (low, high):
            out.append(f'<line x1="{label_w}" y1="{y(value):.1f}" x2="{label_w + plot_w}" '
                       f'y2="{y(value):.1f}" stroke="#999" stroke-width="0.6"/>')
            out.append(f'<text x="{label_w - 4}" y="{y(value) + 4:.1f}" font-size="10" '
                       f'text-anchor="end">{_t(number(value))}</text>')
        points = [(label_w + (d - first).days / span * plot_w, y(v), v)
                  for d, v in one.points]
        if len(points) > 1:
            joined = " ".join(f"{px:.1f},{py:.1f}" for px, py, _v in points)
            out.append(f'<polyline points="{joined}" fill="none" stroke="#111" '
                       'stroke-width="2"/>')
        for px, py, _v in points:
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="#111"/>')
        if points:
            px, py, last_value = points[-1]
            out.append(f'<text x="{px + 6:.1f}" y="{py + 4:.1f}" font-size="11">'
                       f"{_t(number(last_value))}</text>")
    base = len(series) * (panel_h + gap) + 16
    out.append(f'<text x="{label_w}" y="{base}" font-size="10">{_t(day(first))}</text>')
    out.append(f'<text x="{label_w + plot_w}" y="{base}" font-size="10" '
               f'text-anchor="end">{_t(day(last))}</text>')
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True, kw_only=True)
class Bar:
    """One voice on one step: its name, its score (None: not shown) and what to write."""

    voice: str
    name: str
    value: float | None
    text: str


@dataclass(frozen=True, kw_only=True)
class BarGroup:
    """One step: its name and a bar per voice, the person's own first."""

    name: str
    bars: tuple[Bar, ...]


STYLES = (
    'fill="#111" stroke="#111"',
    'fill="#fff" stroke="#111" stroke-width="1.5"',
    'fill="#fff" stroke="#111" stroke-width="1.5" stroke-dasharray="4 2"',
    'fill="#bbb" stroke="#111" stroke-width="0.8"',
)
"""Solid, outlined, dashed outline, light grey: they differ in print without colour."""


def side_by_side(groups: Sequence[BarGroup], voices: Sequence[str], low: int, high: int,
                 title: str, number: Numbers) -> str:
    """Per step, one bar per voice on the whole scale, each bar named and its score
    written after it; a voice with too few answers is a sentence, not a bar."""
    label_w, name_w, plot_w, bar_h, pad = 120, 160, 240, 12, 4
    width = label_w + name_w + plot_w + 190
    style = {voice: STYLES[index % len(STYLES)] for index, voice in enumerate(voices)}
    rows = sum(len(g.bars) for g in groups)
    height = 22 + rows * (bar_h + pad) + len(groups) * 12
    left = label_w + name_w
    out = [f'<svg class="chart" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-label="{_t(title)}">',
           f"<title>{_t(title)}</title>"]
    for value in range(low, high + 1):
        x = left + fraction(value, low, high) * plot_w
        out.append(f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{height}" stroke="#ccc" '
                   'stroke-width="0.6"/>')
        out.append(f'<text x="{x:.1f}" y="10" font-size="10" text-anchor="middle">'
                   f"{_t(number(value))}</text>")
    y = 20
    for group in groups:
        out.append(f'<text x="0" y="{y + bar_h - 2}" font-size="13" font-weight="bold">'
                   f"{_t(group.name)}</text>")
        for bar in group.bars:
            out.append(f'<text x="{label_w}" y="{y + bar_h - 2}" font-size="11">'
                       f"{_t(bar.name)}</text>")
            if bar.value is None:
                out.append(f'<text x="{left}" y="{y + bar_h - 2}" font-size="11" '
                           f'font-style="italic">{_t(bar.text)}</text>')
            else:
                length = max(fraction(bar.value, low, high) * plot_w, 1.5)
                out.append(f'<rect x="{left}" y="{y}" width="{_f(length)}" '
                           f'height="{bar_h}" {style.get(bar.voice, STYLES[0])}/>')
                out.append(f'<text x="{left + length + 5:.1f}" y="{y + bar_h - 2}" '
                           f'font-size="11">{_t(bar.text)}</text>')
            y += bar_h + pad
        y += 12
    out.append("</svg>")
    return "".join(out)
