"""Sync from the app: s on the dashboard (and the palette's Sync) syncs in the background
with a one-line outcome; the dashboard says when it last synced and whether anything
waits; a sync or a pull made behind the app's back is noticed and the screens redrawn."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.workspace import open_workspace
from kohtaa_tui.ui import sync_action
from kohtaa_tui.ui.app import KohtaaApp
from tests.sync_devices import NOW, Device, bare_remote


def _habit(app: KohtaaApp) -> str:
    return str(app.screen.query_one("#habit-panel", Static).content)


def _notices(app: KohtaaApp) -> list[str]:
    return [n.message for n in app._notifications]


async def _settle(app: KohtaaApp, pilot: object) -> None:
    for _round in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]


async def test_s_syncs_and_the_dashboard_shows_what_arrived(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    laptop, home = Device(tmp_path, "laptop", remote), Device(tmp_path, "home", remote)
    laptop.init()
    laptop.new_entry("e-laptop", "Wrote on the laptop", title="Laptop meeting")
    home.init()
    home.new_entry("e-home", "Wrote at home", title="Home meeting")
    home.sync()
    app = KohtaaApp(open_workspace(str(laptop.data), str(tmp_path / "config"), "en",
                                   clock=FixedClock(NOW)))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        habit = _habit(app)
        assert "synced" in habit and "1 change waits (s syncs)" in habit
        assert "Home meeting" not in str(app.screen.query_one("#recent-panel", Static).content)
        await pilot.press("s")
        await _settle(app, pilot)
        line = _notices(app)[-1]
        assert line.startswith("synced: committed 1 reflection") and "1 file arrived" in line
        assert "pushed" in line and "\n" not in line
        assert "Home meeting" in str(app.screen.query_one("#recent-panel", Static).content)
        assert "nothing waits" in _habit(app)
        assert app.sub_title == ""
        # Synced again from the shell while the app runs: noticed, dashboard drawn again.
        home.new_entry("e-home-2", "Again at home", title="Second home meeting")
        home.sync()
        assert laptop.kohtaa("sync") == 0
        assert sync_action.check_for_changes(app)
        await _settle(app, pilot)
        assert "Second home meeting" in str(
            app.screen.query_one("#recent-panel", Static).content)
        assert "changed on disk" in _notices(app)[-1]
        assert not sync_action.check_for_changes(app)  # nothing more: no second redraw


async def test_sync_without_git_says_how_to_set_it_up(tmp_path: Path) -> None:
    device = Device(tmp_path, "alone", tmp_path / "nowhere")
    device.new_entry("e1", "A text")
    app = KohtaaApp(open_workspace(str(device.data), str(tmp_path / "config"), "en",
                                   clock=FixedClock(NOW)))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        assert "synced" not in _habit(app)  # no sync lines without git
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Sync")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert "kohtaa sync init" in _notices(app)[-1]


async def test_the_journal_list_on_screen_shows_what_a_pull_brought(tmp_path: Path) -> None:
    """A sync run in the shell while the journal list is open: the list reads the journal
    again and shows the arrived reflection."""
    remote = bare_remote(tmp_path)
    laptop, home = Device(tmp_path, "laptop", remote), Device(tmp_path, "home", remote)
    laptop.init()
    laptop.new_entry("e-laptop", "Wrote on the laptop", title="Laptop meeting")
    laptop.sync()
    home.init()
    app = KohtaaApp(open_workspace(str(laptop.data), str(tmp_path / "config"), "en",
                                   clock=FixedClock(NOW)))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        await pilot.press("j")
        await _settle(app, pilot)
        screen = app.screen
        assert type(screen).__name__ == "JournalListScreen"
        titles = [row.title for row in screen.rows.values()]  # type: ignore[attr-defined]
        assert titles == ["Laptop meeting"]
        home.new_entry("e-home", "Wrote at home", title="Home meeting")
        home.sync()
        assert laptop.kohtaa("sync") == 0
        assert sync_action.check_for_changes(app)
        await _settle(app, pilot)
        titles = [row.title for row in screen.rows.values()]  # type: ignore[attr-defined]
        assert sorted(titles) == ["Home meeting", "Laptop meeting"]


async def test_the_dashboard_names_versions_kept_from_conflicts(tmp_path: Path) -> None:
    """A version kept in sync-conflicts/ is named on the dashboard with the command that
    settles it."""
    remote = bare_remote(tmp_path)
    laptop = Device(tmp_path, "laptop", remote)
    laptop.init()
    laptop.new_goal("g1")
    laptop.sync()
    (laptop.data / "sync-conflicts").mkdir()
    (laptop.data / "sync-conflicts" / "goals__g1.0123456789.toml").write_text("x = 1\n")
    app = KohtaaApp(open_workspace(str(laptop.data), str(tmp_path / "config"), "en",
                                   clock=FixedClock(NOW)))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        assert "1 version kept from a conflict: kohtaa sync conflicts" in _habit(app)
