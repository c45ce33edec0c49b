"""What the app does at start: the dashboard loads its data once, and the housekeeping (temp
files of a killed save swept, the data directory made private) runs once the data is on
screen, in the background."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services import journal_data
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.overview import Overview, load_overview
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui import app as app_module
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens import dashboard
from kohtaa_tui.ui.screens.dashboard import DashboardScreen


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


async def settle(app: KohtaaApp, pilot: Pilot[int], done: object,
                 wait_workers: bool = True) -> None:
    """Wait (at most 10 s) until `done()` is true, letting workers run."""
    assert callable(done)
    for _ in range(200):
        if wait_workers:
            await app.workers.wait_for_complete()
        await pilot.pause()
        if done():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


def demo_with_a_killed_save(workspace: Workspace, clock: FixedClock) -> Path:
    """The demo data, and the temp file a save killed halfway left behind."""
    populate(workspace.store, clock, "en")
    temp = workspace.store.goals_dir / ".a-goal.toml.killed.tmp"
    temp.write_bytes(b"half of a private note")
    return temp


async def test_temp_files_are_swept_and_permissions_tightened_after_the_first_frame(
        workspace: Workspace, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    store = workspace.store
    temp = demo_with_a_killed_save(workspace, clock)
    loose = next(store.goals_dir.glob("*.toml"))
    os.chmod(loose, 0o644)
    os.chmod(store.goals_dir, 0o755)
    seen_at_first_frame: list[tuple[bool, int]] = []
    real_show = DashboardScreen.show

    def show(screen: DashboardScreen, overview: Overview) -> None:
        seen_at_first_frame.append((temp.exists(), mode(loose)))
        real_show(screen, overview)

    monkeypatch.setattr(DashboardScreen, "show", show)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: not temp.exists() and mode(loose) == 0o600)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.overview is not None
    # The dashboard did not wait for the housekeeping: it ran after the data was shown.
    assert seen_at_first_frame[0] == (True, 0o644)
    assert mode(store.goals_dir) == 0o700 and mode(store.data_dir) == 0o700
    assert not [p for p in store.data_dir.rglob("*.tmp")]


async def test_housekeeping_also_runs_when_the_dashboard_cannot_load(
        workspace: Workspace, clock: FixedClock, failing_overview: None) -> None:
    temp = demo_with_a_killed_save(workspace, clock)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: not temp.exists())


async def test_the_housekeeping_stops_when_the_app_quits(
        workspace: Workspace, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Quitting right after start does not wait for the walk of every file."""
    populate(workspace.store, clock, "en")
    started = threading.Event()
    stopped = threading.Event()

    def tighten(stop: object = None) -> list[str]:
        assert callable(stop)
        started.set()
        for _ in range(500):  # at most 5 s
            if stop():
                stopped.set()
                break
            time.sleep(0.01)
        return []

    monkeypatch.setattr(workspace.store, "tighten_permissions", tighten)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, started.is_set, wait_workers=False)
        assert not stopped.is_set()
        app.exit()
    assert stopped.wait(2)


async def test_the_dashboard_loads_once_at_start(
        workspace: Workspace, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    populate(workspace.store, clock, "en")
    calls: list[int] = []

    def counted(ws: Workspace, on_index: object = None,
               thorough: bool = True) -> Overview:
        calls.append(1)
        return load_overview(ws)

    monkeypatch.setattr(dashboard, "load_overview", counted)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: bool(calls))
        await asyncio.sleep(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(calls) == 1
        # Coming back from another screen loads again (it may have changed something).
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("escape")
        await settle(app, pilot, lambda: len(calls) == 2)


def test_the_app_looks_for_journal_drafts_by_their_names() -> None:
    """The app checks for drafts before importing the journal screens: same names."""
    assert f"{journal_data.DRAFT_PREFIX}*.toml" == app_module.JOURNAL_DRAFTS


async def test_a_file_rewritten_in_place_shows_after_the_background_check(
        workspace: Workspace, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first load trusts the folders' mtimes; the check after it reads every file's."""
    store = workspace.store
    populate(store, clock, "en")
    hour_ago = time.time_ns() - 3600 * 10**9  # folders changed just now are not trusted
    for folder in [store.journal_dir, *store.journal_dir.rglob("*")]:
        if folder.is_dir():
            os.utime(folder, ns=(hour_ago, hour_ago))
    newest = load_overview(workspace).recent[0]  # builds the index
    [path] = store.journal_dir.glob(f"*/*/{newest.id}.toml")
    data = path.read_bytes()
    assert newest.title.encode() in data
    with path.open("r+b") as handle:  # in place: the folder's mtime stays as it was
        handle.write(data.replace(newest.title.encode(), b"Rewritten by a sync tool", 1))
        handle.truncate()
    os.utime(path.parent, ns=(hour_ago, hour_ago))
    titles: list[str] = []
    real_show = DashboardScreen.show

    def show(screen: DashboardScreen, overview: Overview) -> None:
        titles.append(overview.recent[0].title)
        real_show(screen, overview)

    monkeypatch.setattr(DashboardScreen, "show", show)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: len(titles) == 2)
        assert "Rewritten by a sync tool" in str(
            app.screen.query_one("#recent-panel", Static).content)
    assert titles == [newest.title, "Rewritten by a sync tool"]
