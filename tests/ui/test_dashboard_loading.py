"""The dashboard says it is loading, shows index-building progress, and a failed load is one
line with a way to retry, never blank panels."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Static

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.overview import Overview, load_overview
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens import dashboard
from kohtaa_tui.ui.screens.dashboard import DashboardScreen


def shown(app: KohtaaApp) -> str:
    return "\n".join(str(w.content) for w in app.screen.query(Static) if w.display)


async def test_loading_and_index_progress_are_shown_then_the_panels_fill(
        workspace: Workspace, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    populate(workspace.store, clock, "en")
    release = threading.Event()
    reported = threading.Event()

    def slow(ws: Workspace, on_index: object = None,
               thorough: bool = True) -> Overview:
        assert callable(on_index)
        on_index(200, 1000)
        reported.set()
        release.wait(10)
        return load_overview(ws)

    monkeypatch.setattr(dashboard, "load_overview", slow)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        assert reported.wait(10)
        await pilot.pause()
        assert "Building the search index… 200 of 1000" in shown(app)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app)
        assert "Building the search index" not in text and "Listening" in text


async def test_a_failed_load_is_one_line_and_r_retries(
        workspace: Workspace, clock: FixedClock, monkeypatch: pytest.MonkeyPatch,
        failing_overview: None) -> None:
    populate(workspace.store, clock, "en")
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app)
        assert "Could not load the overview: disk on fire" in text
        assert "Press r to try again." in text
        monkeypatch.setattr(dashboard, "load_overview", load_overview)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.overview is not None
        assert "Could not load" not in shown(app)


async def test_a_failed_journal_load_is_one_line(
        workspace: Workspace, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    from kohtaa_tui.services import journal_data

    populate(workspace.store, clock, "en")

    def broken(*_args: object, **_kwargs: object) -> journal_data.JournalSource:
        raise OSError("index on fire")

    monkeypatch.setattr(journal_data.JournalSource, "load", broken)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        count = app.screen.query_one("#journal-count", Static)
        assert str(count.content) == "The reflections could not be read: index on fire"
