"""The title line at the top of each screen and the key line at its foot.

Each is one widget that draws one line. Textual's Header is four widgets and its Footer one
widget per key, made again whenever the keys change: together they took about a tenth of
the app's start (docs/performance.md). These draw the same things: the title, and each key
with what it does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from kohtaa_tui.ui.text import literal_line

PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})
"""The command palette's action, however its key is mapped."""


def palette_binding(active: Mapping[str, ActiveBinding]) -> ActiveBinding | None:
    """The command palette's binding among a screen's active bindings (found by its action:
    its key may be remapped)."""
    return next((b for b in active.values() if b.binding.action in PALETTE_ACTIONS), None)


class TitleBar(Widget, can_focus=False):
    """The screen's title (else the app's) and subtitle, centred; a click on the icon opens
    the command palette."""

    ALLOW_SELECT = False
    ICON = "⭘"
    ICON_WIDTH = 8
    CLOCK_WIDTH = 10
    """Columns kept free on the left and the right, as Textual's Header keeps them."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        """Draw again whenever a title changes."""
        self.watch(self.app, "title", self._title_changed, init=False)
        self.watch(self.app, "sub_title", self._title_changed, init=False)
        self.watch(self.screen, "title", self._title_changed, init=False)
        self.watch(self.screen, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def title_text(self, room: int | None = None) -> Content:
        """The title and subtitle, as one display-safe line (text, never markup); where
        both do not fit in `room` columns, the subtitle alone (it names what is open)."""
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        if not sub_title:
            return literal_line(title)
        both = Content.assemble(literal_line(title), (" — ", "dim"),
                                literal_line(sub_title).stylize("dim"))
        if room is not None and both.cell_length > room:
            return literal_line(sub_title)
        return both

    def render(self) -> Content:
        width = self.size.width
        middle = max(0, width - self.ICON_WIDTH - self.CLOCK_WIDTH)
        title = self.title_text(middle).truncate(middle, ellipsis=True)
        left = " " * (self.ICON_WIDTH + (middle - title.cell_length) // 2)
        line = Content.assemble(f" {self.ICON}", left[2:], title)
        return line.pad_right(max(0, width - line.cell_length))

    def on_click(self, event: events.Click) -> None:
        """A click on the icon opens the command palette, as Textual's Header does."""
        if event.x < self.ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()


class _Key(NamedTuple):
    """One key on the key line, and the columns it takes."""

    key: str
    start: int
    end: int
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The keys of the screen and what they do, one line, as Textual's compact Footer shows
    them: the keys in binding order, one per action, then the command palette's key at the
    right when there is room. A disabled key is dimmed; a click on a key presses it."""

    ALLOW_SELECT = False
    KEEP: ClassVar[frozenset[str]] = frozenset({"help", "app.help", "quit", "app.quit"})
    """Actions whose key stays on the line when not every key fits (help lists the rest;
    where quit is shown, a newcomer needs it)."""
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key", "key-bar--description", "key-bar--disabled", "key-bar--separator"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        width: 100%;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--disabled {
            text-style: dim;
        }
        .key-bar--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._keys: list[_Key] = []

    def on_mount(self) -> None:
        """Draw again whenever the screen's keys change (focus moved, a key was disabled)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        self.refresh()

    @staticmethod
    def _shown(active: Mapping[str, ActiveBinding]) -> list[tuple[Binding, bool]]:
        """The keys to show, in binding order, one per action, without the palette's."""
        shown: list[tuple[Binding, bool]] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen or binding.action in PALETTE_ACTIONS:
                continue
            seen.add(binding.action)
            shown.append((binding, enabled))
        return shown

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        description_style = self.get_visual_style("key-bar--description")
        dimmed = self.get_visual_style("key-bar--disabled", partial=True)
        app = self.app
        width = self.size.width
        active = self.screen.active_bindings
        items = [(binding, enabled, app.get_key_display(binding)) for binding, enabled
                 in self._shown(active)]

        def cells(item: tuple[Binding, bool, str]) -> int:
            binding, _enabled, display = item
            description = binding.description
            return cell_len(display) + (cell_len(description) + 1 if description else 0) + 1

        # Keys that do not fit are left out whole, from the end, but never the help key
        # (the help lists every key of the screen) nor a quit key shown.
        while sum(cells(item) for item in items) > width:
            dropped = [i for i, (b, _e, _d) in enumerate(items) if b.action not in self.KEEP]
            if not dropped:
                break
            del items[dropped[-1]]
        parts: list[tuple[str, Style]] = []
        keys: list[_Key] = []
        column = 0
        for binding, enabled, display in items:
            start = column
            parts.append((display, key_style if enabled else key_style + dimmed))
            if binding.description:
                parts.append((" " + binding.description,
                              description_style if enabled else description_style + dimmed))
            parts.append((" ", Style()))
            column += cells((binding, enabled, display))
            keys.append(_Key(binding.key, start, column - 1, enabled))
        line = Content.assemble(*parts)
        palette = palette_binding(active)
        if app.ENABLE_COMMAND_PALETTE and palette is not None:
            _node, binding, enabled, _tooltip = palette
            tail = Content.assemble(
                ("▏", self.get_visual_style("key-bar--separator")),
                (app.get_key_display(binding), key_style),
                (" " + binding.description if binding.description else "", description_style))
            room = width - tail.cell_length - 1  # and a space at the right edge
            if room > line.cell_length:
                keys.append(_Key(binding.key, room, width - 1, enabled))
                line = Content.assemble(line.pad_right(room - line.cell_length), tail)
        self._keys = [k for k in keys if k.start < width]
        return line

    def on_click(self, event: events.Click) -> None:
        """Press the key under the pointer (a bell for a disabled one)."""
        for key in self._keys:
            if key.start <= event.x < key.end:
                event.stop()
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
