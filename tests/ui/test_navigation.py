"""Every place in the app is reachable by a key on the dashboard and by the command palette,
and Escape always comes back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.command import CommandPalette

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.config import Settings
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens.dashboard import DashboardScreen

# (dashboard key, palette title, name of the screen class that opens)
PLACES = [
    ("a", "Take a self-assessment", "BankPickerScreen"),
    ("h", "Assessment history", "HistoryScreen"),
    ("p", "Development discussion report", "ReportScreen"),
    ("o", "Others’ view", "FeedbackScreen"),
    ("n", "Write a reflection", "SchemaPickerScreen"),
    ("j", "Journal", "JournalListScreen"),
    ("g", "Goals", "GoalsScreen"),
    ("question_mark", "Help", "HelpScreen"),
]

# Places offered only by the palette (and from inside other screens).
PALETTE_ONLY = [("New goal", "NewGoalModal"), ("Ask for feedback", "FeedbackRequestModal")]


@pytest.fixture
def demo(workspace: Workspace, clock: FixedClock) -> Workspace:
    populate(workspace.store, clock, "en")
    return workspace


async def _settled(app: KohtaaApp) -> None:
    await app.workers.wait_for_complete()


@pytest.mark.parametrize(("key", "title", "screen"), PLACES)
async def test_by_key_and_back(demo: Workspace, key: str, title: str, screen: str) -> None:
    app = KohtaaApp(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app)
        await pilot.press(key)
        await pilot.pause()
        assert type(app.screen).__name__ == screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


@pytest.mark.parametrize(("title", "screen"),
                         [(title, screen) for _key, title, screen in PLACES] + PALETTE_ONLY)
async def test_by_command_palette(demo: Workspace, title: str, screen: str) -> None:
    app = KohtaaApp(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*title)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == screen


def test_every_navigation_entry_is_covered(demo: Workspace) -> None:
    """A new place added to the palette must be added to PLACES above."""
    app = KohtaaApp(demo)
    titles = {title for title, _help, _action in app.navigation()}
    covered = {title for _key, title, _screen in PLACES} | {t for t, _s in PALETTE_ONLY}
    # Sync is an action, and Team status needs a team repository: tests/ui/test_sync_in_app.py
    # and tests/ui/test_team_screen.py run them.
    assert titles - covered <= {"Dashboard", "Switch language", "Sync", "Team status",
                                "Assign a bank"}


async def test_a_remapped_key_works(demo: Workspace) -> None:
    """`[keymap] dashboard-assess = "s"` in config.toml moves the binding to s."""
    ws = replace(demo, settings=Settings(keymap={"dashboard-assess": "s"}))
    app = KohtaaApp(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "BankPickerScreen"
