"""The title line and the key line: what they show, how they follow changes, clicks on them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens.dashboard import DashboardScreen
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar

HOSTILE = "[b]bold[/b] [@click=app.quit]quit[/] \x1b[31mred"


def line(widget: Widget) -> Strip:
    return widget.render_line(0)


def text(widget: Widget) -> str:
    return line(widget).text


class Pad(Widget, can_focus=True):
    """A focusable widget with a key of its own."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "app.mark('pad')", "Pad key")]


class Keys(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "app.mark('a')", "Alpha"),
        Binding("b", "app.mark('b')", "Blocked"),
        Binding("h", "app.mark('h')", "Hidden", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Pad(id="pad")
        yield Widget(id="other")
        yield KeyBar()


class BarsApp(App[None]):
    TITLE = "bars"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f1", "help", "Help")]

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(Keys())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("b",) else True

    def action_help(self) -> None:
        self.marks.append("help")

    def action_mark(self, name: str) -> None:
        self.marks.append(name)

    def bell(self) -> None:
        self.bells += 1


async def test_key_line_shows_the_shown_keys_in_order_and_the_palette_at_the_right() -> None:
    app = BarsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = text(bar)
        assert shown.startswith("x Pad key a Alpha b Blocked ")  # the focused widget's first
        assert "Hidden" not in shown
        # At the right edge, but for one space (as Textual's compact Footer has it).
        assert shown.index("▏^p palette") + len("▏^p palette") == bar.size.width - 1


async def test_a_disabled_key_is_dimmed_and_a_click_on_it_only_rings_the_bell() -> None:
    app = BarsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        segments = list(line(bar))
        alpha = next(s for s in segments if s.text == "a")
        blocked = next(s for s in segments if s.text == "b")
        assert blocked.style is not None and blocked.style.dim
        assert alpha.style is not None and not alpha.style.dim
        start = text(bar).index("b Blocked")
        await pilot.click(KeyBar, offset=(start + 3, 0))
        await pilot.click(KeyBar, offset=(0, 0))
        await pilot.pause()
        assert app.marks == ["pad"]  # the first key: the focused widget's
        assert app.bells == 1


async def test_the_key_line_follows_the_focus() -> None:
    app = BarsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#pad").focus()
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert "x Pad key" in text(bar)
        app.screen.query_one("#pad").blur()
        await pilot.pause()
        assert "Pad key" not in text(bar)


async def test_the_title_line_shows_titles_literally_and_follows_them() -> None:
    app = BarsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen.query_one(TitleBar)
        assert text(title).strip() == "⭘                                  bars".strip()
        assert text(title).index("bars") == 36  # centred between the icon and the right edge
        app.screen.sub_title = HOSTILE
        await pilot.pause()
        shown = text(title)
        assert "bars — [b]bold[/b] [@click=app.quit]quit[/]" in shown
        assert "\x1b" not in shown and "red" in shown  # the control made visible
        await pilot.click(TitleBar, offset=(30, 0))  # on the title: nothing happens
        await pilot.pause()
        assert app.marks == [] and app.is_running


async def test_a_long_title_is_cut_with_an_ellipsis() -> None:
    app = BarsApp()
    async with app.run_test(size=(40, 10)) as pilot:
        app.screen.sub_title = "a very long subtitle that cannot fit in forty columns"
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        shown = bar.render().plain
        assert len(shown) == bar.size.width
        assert "…" in shown and shown.startswith(" ⭘")


async def test_a_click_on_the_icon_opens_the_command_palette() -> None:
    app = BarsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_a_click_on_a_key_of_the_dashboard_opens_its_screen(workspace: Workspace) -> None:
    """In the app: the key line of the dashboard presses the key clicked."""
    from kohtaa_tui.ui.screens.journal_list import JournalListScreen

    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        bar = app.screen.query_one(KeyBar)
        shown = text(bar)
        assert shown.startswith("n Reflect a Assess j Journal g Goals p Report ^q Quit f1 Help")
        await pilot.click(KeyBar, offset=(shown.index("j Journal") + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, JournalListScreen)


async def test_keys_that_do_not_fit_are_left_out_whole_but_help_stays() -> None:
    app = BarsApp()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = bar.render().plain
        assert shown.split() == ["x", "Pad", "key", "a", "Alpha", "f1", "Help"]
        await pilot.click(KeyBar, offset=(shown.index("f1") + 1, 0))
        await pilot.pause()
        assert app.marks == ["help"]


async def test_a_remapped_palette_key_is_the_one_shown(workspace: Workspace) -> None:
    """The palette's key is found by its action: `app-palette = "ctrl+k"` shows ^k."""
    from dataclasses import replace

    from kohtaa_tui.domain.config import Settings

    app = KohtaaApp(replace(workspace, settings=Settings(keymap={"app-palette": "ctrl+k"})))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = text(app.screen.query_one(KeyBar))
        assert shown.rstrip().endswith("▏^k palette")
        assert "^p" not in shown
