"""Text charts of scores that read without colour: bars and sparklines on the scale's range.

Used by the result and history screens; the position is always relative to the whole
scale (not to the data), so a short bar always means a low score.
"""

from __future__ import annotations

from collections.abc import Sequence

FULL = "█"
EMPTY = "░"
TICKS = "▁▂▃▄▅▆▇█"
GAP = "·"


def fraction(value: float, low: float, high: float) -> float:
    """Where `value` sits on [low, high], clamped to 0..1."""
    if high <= low:
        return 0.0
    return max(0.0, min(1.0, (value - low) / (high - low)))


def bar(value: float, low: float, high: float, width: int = 20) -> str:
    """A bar `width` characters wide: filled for the share of the scale reached."""
    filled = round(fraction(value, low, high) * width)
    return FULL * filled + EMPTY * (width - filled)


def sparkline(values: Sequence[float | None], low: float, high: float,
              width: int | None = None) -> str:
    """One character per value (the last `width` values); a gap where there is no value."""
    shown = list(values)[-width:] if width else list(values)
    out: list[str] = []
    for value in shown:
        if value is None:
            out.append(GAP)
            continue
        index = round(fraction(value, low, high) * (len(TICKS) - 1))
        out.append(TICKS[index])
    return "".join(out)
