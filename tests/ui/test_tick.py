"""A checkbox's state reads without colour: X when ticked, blank when not."""

from __future__ import annotations

from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.widgets.tick import Tick
from tests.ui.test_fast_input import settle
from tests.ui.test_journal import list_start


async def test_starred_filter_shows_x_only_when_ticked(workspace: Workspace) -> None:
    app = KohtaaApp(workspace, start=list_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tick = app.screen.query_one("#filter-starred", Tick)
        assert "X" not in str(tick.render()) and "Starred" in str(tick.render())
        tick.focus()
        await pilot.press("space")
        await settle(pilot)
        assert tick.value and "X" in str(tick.render())
        await pilot.press("space")
        await settle(pilot)
        assert not tick.value and "X" not in str(tick.render())


async def test_ticked_state_survives_the_language_switch(workspace: Workspace) -> None:
    app = KohtaaApp(workspace, start=list_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#filter-starred", Tick).value = True
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        tick = app.screen.query_one("#filter-starred", Tick)
        assert tick.value and "X" in str(tick.render())

