"""The language is a property of the running app: F2 draws every screen again in the other
language and keeps what it holds.

Every kohtaa screen and dialog mixes in `Relabels`:

- its key descriptions (Binding descriptions, marked with `N_()` and so kept as English
  msgids) are translated whenever the keys are read: the key line, the help, Textual's key
  panel;
- `refresh_language(workspace)` composes the screen again in the new language and puts back
  what its fields held (text, cursor, choices, ticks, the highlighted row or option, the
  scroll position and the focus), then calls `redraw()`, where a screen draws again what
  its `on_mount` or a background read drew (a table's rows, a loaded overview).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from textual.binding import ActiveBinding, Binding
from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select, TextArea

from kohtaa_tui.i18n import _
from kohtaa_tui.services.workspace import Workspace

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[Any]
else:
    _Base = object


def translated(binding: Binding) -> Binding:
    """The binding with its description in the active language."""
    if not binding.description:
        return binding
    return replace(binding, description=_(binding.description),
                   tooltip=_(binding.tooltip) if binding.tooltip else binding.tooltip)


@dataclass
class Kept:
    """What a screen's widgets held before it was composed again, by widget id."""

    values: dict[str, Any] = field(default_factory=dict)
    cursors: dict[str, Any] = field(default_factory=dict)
    scroll: dict[str, tuple[float, float]] = field(default_factory=dict)
    focused: str | None = None


def keep(screen: Widget) -> Kept:
    """Read what the screen's widgets with an id hold now."""
    kept = Kept()
    for widget in screen.query("*").results(Widget):
        ident = widget.id
        if ident is None:
            continue
        if isinstance(widget, Input):
            kept.values[ident] = widget.value
            kept.cursors[ident] = widget.cursor_position
        elif isinstance(widget, TextArea):
            kept.values[ident] = widget.text
            kept.cursors[ident] = widget.selection
        elif isinstance(widget, (Select, Checkbox)):
            kept.values[ident] = widget.value
        elif isinstance(widget, OptionList):
            kept.cursors[ident] = widget.highlighted
        elif isinstance(widget, DataTable):
            kept.cursors[ident] = widget.cursor_coordinate
        elif callable(getattr(widget, "set_value", None)) and hasattr(widget, "value"):
            kept.values[ident] = widget.value  # the journal form's pick and rating fields
        if isinstance(widget, ScrollableContainer | DataTable | TextArea | OptionList):
            kept.scroll[ident] = (widget.scroll_x, widget.scroll_y)
    focused = screen.screen.focused if screen.is_attached else None
    kept.focused = focused.id if focused is not None else None
    return kept


def put_back_values(screen: Widget, kept: Kept) -> None:
    """Give the freshly composed widgets the values they held."""
    for ident, value in kept.values.items():
        widget = _by_id(screen, ident)
        if isinstance(widget, Input):
            if widget.value != value:
                widget.value = value
            widget.cursor_position = kept.cursors.get(ident, len(value))
        elif isinstance(widget, TextArea):
            if widget.text != value:
                widget.load_text(value)
            selection = kept.cursors.get(ident)
            if selection is not None:
                widget.selection = selection
        elif isinstance(widget, Select):
            try:
                widget.value = value
            except Exception:  # the choice is no longer offered
                continue
        elif isinstance(widget, Checkbox):
            widget.value = bool(value)
        elif widget is not None and callable(set_value := getattr(widget, "set_value", None)):
            set_value(value)


def put_back_places(screen: Widget, kept: Kept) -> None:
    """The highlighted option and row, the scroll positions and the focus."""
    for ident, cursor in kept.cursors.items():
        widget = _by_id(screen, ident)
        if isinstance(widget, OptionList) and cursor is not None:
            if cursor < widget.option_count:
                widget.highlighted = cursor
        elif isinstance(widget, DataTable) and cursor.row < widget.row_count:
            widget.cursor_coordinate = cursor
    if kept.focused is not None:
        widget = _by_id(screen, kept.focused)
        if widget is not None and widget.focusable:
            widget.focus(scroll_visible=False)


def put_back_scroll(screen: Widget, kept: Kept) -> None:
    """The scroll positions (once the screen is laid out again)."""
    for ident, (x, y) in kept.scroll.items():
        widget = _by_id(screen, ident)
        if widget is not None:
            widget.scroll_to(x, y, animate=False, immediate=True)


def _by_id(screen: Widget, ident: str) -> Widget | None:
    found = screen.query(f"#{ident}").results(Widget)
    return next(iter(found), None)


class Relabels(_Base):
    """Mix into every kohtaa screen and dialog, before Screen or ModalScreen."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys of the screen, each described in the active language."""
        active = super().active_bindings
        return {key: item._replace(binding=translated(item.binding))
                for key, item in active.items()}

    async def refresh_language(self, workspace: Workspace) -> None:
        """Draw this screen again in `workspace.lang`, keeping what it shows and holds."""
        if hasattr(self, "workspace"):
            self.workspace = workspace
        if isinstance(getattr(self, "lang", None), str):
            self.lang = workspace.lang
        kept = keep(self)
        await self.recompose()
        put_back_values(self, kept)
        self.redraw(kept)
        put_back_places(self, kept)
        self.call_after_refresh(put_back_scroll, self, kept)
        self.refresh_bindings()

    def redraw(self, kept: Kept) -> None:
        """Draw again what was drawn after composing (a screen's own hook); `kept` holds
        what the widgets held before, by id (the fields have it back already)."""
