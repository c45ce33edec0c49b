"""Escape in a dialog that holds typed text asks before throwing it away."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from kohtaa_tui.domain.goals import Target
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.check_in import CheckInModal
from kohtaa_tui.ui.modals.confirm import ConfirmModal
from kohtaa_tui.ui.modals.goal_edit import GoalEditModal
from kohtaa_tui.ui.modals.new_goal import NewGoalModal
from kohtaa_tui.ui.screens.goal import GoalScreen
from tests.goal_fixtures import goal
from tests.ui.test_fast_input import goal_files, settle


async def test_new_goal_escape_with_a_title_asks_and_keeps_it(workspace: Workspace,
                                                              data_dir: Path) -> None:
    """Escape on a typed title asks; n keeps the dialog and the title; Escape then y
    throws it away; nothing is saved."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(NewGoalModal(workspace))
        await settle(pilot)
        await pilot.press(*"Ask more")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "Throw away" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewGoalModal)
        assert app.screen.query_one("#goal-title", Input).value == "Ask more"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # Escape in the question keeps editing too
        await settle(pilot)
        assert isinstance(app.screen, NewGoalModal)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, (NewGoalModal, ConfirmModal))
    assert goal_files(data_dir) == []


async def test_untouched_dialogs_close_on_escape_at_once(workspace: Workspace) -> None:
    """Nothing typed: Escape closes the new-goal, check-in and edit dialogs without a
    question (the edit dialog's values and the check-in's date are what they opened with)."""
    workspace.store.save_goal(goal(Target(kind="manual"), title="Plain offers"), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, modal in (("c", CheckInModal), ("e", GoalEditModal)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, modal)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, GoalScreen)
        app.push_screen(NewGoalModal(workspace))
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GoalScreen)


async def test_check_in_and_edit_ask_before_dropping_typed_text(workspace: Workspace,
                                                                data_dir: Path) -> None:
    """A typed note or a changed title: Escape asks; y closes without saving anything."""
    workspace.store.save_goal(goal(Target(kind="manual"), title="Plain offers"), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        steps: list[tuple[str, type[Any], list[str]]] = [
            ("c", CheckInModal, ["tab", *"sent two"]),
            ("e", GoalEditModal, ["end", *" now"]),
        ]
        for key, modal, typing in steps:
            await pilot.press(key)
            await settle(pilot)
            await pilot.press(*typing)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, modal)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert isinstance(app.screen, GoalScreen)
    [saved] = goal_files(data_dir)
    assert saved["title"] == "Plain offers"
    assert not saved.get("check_ins")


async def test_the_goal_edit_dialog_shows_stored_controls_and_keeps_them_untouched(
        workspace: Workspace, data_dir: Path) -> None:
    """A control character in a goal's title and why is shown with the visible marker; the
    why left alone keeps its stored text, the edited title saves what it showed."""
    workspace.store.save_goal(goal(Target(kind="manual"), title="Bell\x07 offers",
                                   why="Ring\x07 twice"), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, GoalEditModal)
        assert app.screen.query_one("#edit-title", Input).value == "Bell\u2407 offers"
        assert app.screen.query_one("#edit-why", Input).value == "Ring\u2407 twice"
        await pilot.press("end", *" now", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalScreen)
    [saved] = goal_files(data_dir)
    assert saved["title"] == "Bell\u2407 offers now"
    assert saved["why"] == "Ring\x07 twice"
