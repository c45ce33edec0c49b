"""Snapshots at 80x24 of the goals list, a goal's page and the new-goal dialog (demo data)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.new_goal import GoalPrefill, NewGoalModal
from tests.snapshots.conftest import settle

Snap = Callable[..., bool]


async def still(pilot: Pilot[Any]) -> None:
    """Wait for loads; stop the cursors blinking."""
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


class TestGoalScreens:
    """Half a year of demo goals."""

    def test_goals_list(self, snap_compare: Snap, workspace: Workspace,
                        clock: FixedClock) -> None:
        """Active goals: bar, number, due or overdue in words."""
        populate(workspace.store, clock, "en")
        app = KohtaaApp(workspace)
        async def run_before(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.press("g")
            await settle(pilot)  # the table is read in the background

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_all_goals(self, snap_compare: Snap, workspace: Workspace,
                       clock: FixedClock) -> None:
        """`a` adds achieved, paused and dropped goals, each with its status in words."""
        populate(workspace.store, clock, "en")
        app = KohtaaApp(workspace)
        async def run_before(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.press("g")
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_goal_detail(self, snap_compare: Snap, workspace: Workspace,
                         clock: FixedClock) -> None:
        """The overdue manual goal: about, chart over time, check-ins."""
        populate(workspace.store, clock, "en")
        app = KohtaaApp(workspace)

        async def run_before(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.press("g")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_new_goal_with_suggestions(self, snap_compare: Snap,
                                       workspace: Workspace) -> None:
        """The dialog for a listening goal: the typical mistake and suggested goals."""
        app = KohtaaApp(workspace, start=lambda ws: NewGoalModal(
            ws, GoalPrefill(step="listening", kind="score", bank_id="core", value=4.0)))
        assert snap_compare(app, terminal_size=(80, 24), run_before=still)
