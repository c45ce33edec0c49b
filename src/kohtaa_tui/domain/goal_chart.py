"""A goal's history as a column chart in text: one column per point, oldest on the left.

Readable without colour: the height of a column is the value on a fixed range, partial
blocks show the top, and a row of dashes marks the target where no column covers it.
"""

from __future__ import annotations

from collections.abc import Sequence

from kohtaa_tui.domain.charts import FULL, TICKS, fraction

TARGET_MARK = "╌"


def _cell(level: float, row: int) -> str:
    fill = level - row
    if fill >= 1:
        return FULL
    if fill <= 0:
        return ""
    index = round(fill * len(TICKS)) - 1
    return TICKS[index] if index >= 0 else ""


def column_chart(values: Sequence[float], low: float, high: float, height: int = 6,
                 width: int = 60, target: float | None = None) -> list[str]:
    """Rows from top to bottom, each `columns` wide (the last `width` values are shown).

    A value at the bottom of the range still shows `▁`, so a point is never invisible.
    """
    shown = list(values)[-width:] if width > 0 else []
    if not shown or height < 1:
        return []
    column = max(1, min(3, width // len(shown)))
    levels = [fraction(v, low, high) * height for v in shown]
    target_row = None
    if target is not None:
        target_row = min(height - 1, int(fraction(target, low, high) * height))
    rows: list[str] = []
    for row in range(height - 1, -1, -1):
        cells: list[str] = []
        for level in levels:
            mark = _cell(level, row) or (TICKS[0] if row == 0 and level < 1 / len(TICKS)
                                         else "")
            blank = TARGET_MARK if row == target_row else " "
            cell = mark or blank
            cells.append(cell * max(1, column - 1) + (blank if column > 1 else ""))
        rows.append("".join(cells).rstrip())
    return rows
