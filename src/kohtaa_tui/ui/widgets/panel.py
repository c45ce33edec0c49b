"""A dashboard panel: lines of text, some of them items that Enter opens.

The panels of a grid are reached with Tab and with the arrows: up and down move between
the items of a panel and, past its first or last, to the panel above or below; left and
right go to the panel beside. The item under the cursor is shown in reverse while the panel
has the focus (its border changes colour too), so it reads without colour.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import ClassVar, NamedTuple

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from kohtaa_tui.i18n import N_
from kohtaa_tui.ui.text import literal


class Row(NamedTuple):
    """One line of a panel (or several, split at newlines); rows that follow each other
    with the same `item` are one item, opened together."""

    text: str
    item: Hashable | None = None


class Panel(Static, can_focus=True):
    """Rows of text with a cursor over its items; Enter posts `Panel.Opened`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), id="panel-open"),
        Binding("up", "move(-1)", N_("Previous"), id="panel-up", show=False),
        Binding("down", "move(1)", N_("Next"), id="panel-down", show=False),
        Binding("left", "beside(-1)", N_("Panel to the left"), id="panel-left", show=False),
        Binding("right", "beside(1)", N_("Panel to the right"), id="panel-right",
                show=False),
    ]

    class Opened(Message):
        """Enter on an item."""

        def __init__(self, panel: Panel, item: Hashable) -> None:
            super().__init__()
            self.panel = panel
            self.item = item

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Row] = []
        self._items: list[Hashable] = []
        self._cursor = 0
        self._wanted: Hashable | None = None
        """The item to put the cursor on when rows arrive (kept across a language switch)."""

    # -- contents -------------------------------------------------------------------------
    def show_rows(self, rows: Iterable[Row]) -> None:
        """Show `rows`; the cursor stays on the item it was on when that is still shown."""
        keep = self._wanted if self._wanted is not None else self.value
        self._wanted = None
        self._lines = [Row(line, row.item) for row in rows for line in row.text.split("\n")]
        self._items = list(dict.fromkeys(r.item for r in self._lines if r.item is not None))
        if keep in self._items:
            self._cursor = self._items.index(keep)
        else:
            self._cursor = min(self._cursor, max(0, len(self._items) - 1))
        self._paint()
        self.refresh_bindings()

    @property
    def value(self) -> Hashable | None:
        """The item under the cursor (None when the panel has no items)."""
        return self._items[self._cursor] if self._items else None

    def set_value(self, item: Hashable | None) -> None:
        """Put the cursor on `item`, now or when the rows come."""
        if item in self._items:
            self._cursor = self._items.index(item)
            self._paint()
        else:
            self._wanted = item

    @property
    def items(self) -> list[Hashable]:
        """The items, in order."""
        return list(self._items)

    def _paint(self) -> None:
        current = self.value if self.has_focus else None
        lines = [literal(row.text).stylize("reverse") if current is not None
                 and row.item == current else literal(row.text) for row in self._lines]
        self.update(Content("\n").join(lines))

    def watch_has_focus(self, has_focus: bool) -> None:
        """Show the cursor while focused, hide it when not."""
        super().watch_has_focus(has_focus)
        self._paint()
        if has_focus:
            self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        current = self.value
        rows = [n for n, row in enumerate(self._lines) if current is not None
                and row.item == current]
        if rows:
            self.scroll_to_region(Region(0, rows[0], 1, rows[-1] - rows[0] + 1),
                                  animate=False, immediate=True)

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is dimmed where there is nothing to open."""
        if action == "open":
            return bool(self._items) or None
        return True

    def action_open(self) -> None:
        """Open the item under the cursor."""
        if self.value is not None:
            self.post_message(self.Opened(self, self.value))

    def action_move(self, step: int) -> None:
        """The next or previous item; past the last or first, the panel below or above."""
        target = self._cursor + step
        if 0 <= target < len(self._items):
            self._cursor = target
            self._paint()
            self._scroll_to_cursor()
            return
        self._go(self._neighbour(rows=step))

    def action_beside(self, step: int) -> None:
        """The panel to the left or right."""
        self._go(self._neighbour(columns=step))

    def _neighbour(self, rows: int = 0, columns: int = 0) -> Panel | None:
        parent = self.parent
        if parent is None:
            return None
        panels = [p for p in parent.children if isinstance(p, Panel) and p.display]
        width = parent.styles.grid_size_columns or 1
        here = panels.index(self)
        row, column = divmod(here, width)
        column += columns
        if not 0 <= column < width:
            return None
        there = (row + rows) * width + column
        return panels[there] if 0 <= there < len(panels) else None

    def _go(self, panel: Panel | None) -> None:
        if panel is None:
            return
        panel.focus()
        if panel.items:
            # Coming from below lands on the last item, from above on the first.
            below = self.parent is not None and panel.region.y < self.region.y
            panel.set_value(panel.items[-1] if below else panel.items[0])
