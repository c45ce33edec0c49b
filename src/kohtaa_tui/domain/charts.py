"""Charts drawn with text characters, so they read without colour in any terminal."""

from __future__ import annotations

from collections.abc import Sequence

_LEVELS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], low: float, high: float) -> str:
    """One character per value, its height showing where it lies between `low` and `high`."""
    if high <= low:
        return _LEVELS[0] * len(values)
    out = []
    for value in values:
        ratio = (min(max(value, low), high) - low) / (high - low)
        out.append(_LEVELS[round(ratio * (len(_LEVELS) - 1))])
    return "".join(out)


def bar(value: float, low: float, high: float, width: int) -> str:
    """A horizontal bar of `width` cells, filled in proportion (full blocks and a light rest)."""
    if width <= 0:
        return ""
    ratio = 0.0 if high <= low else (min(max(value, low), high) - low) / (high - low)
    filled = round(ratio * width)
    return "█" * filled + "░" * (width - filled)
