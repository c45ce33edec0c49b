"""Snapshots at 80x24 of the assessment screens, with a fixed clock and fixed data."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from kohtaa_tui.domain.assessment import AssessmentDraft, AssessmentResult
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.launch import fresh_ui
from kohtaa_tui.ui.screens.bank_picker import start_assessment

Snap = Callable[..., bool]


def previous(workspace: Workspace) -> None:
    """A result of after-meeting a month before the fixed clock."""
    workspace.store.save_result(AssessmentResult(
        id="20261022-120000-000000", bank_id="after-meeting", bank_version=1, bank_hash="sha256:x",
        completed=datetime(2026, 10, 22, 12, tzinfo=UTC), scale_min=1, scale_max=5, answers={},
        scores={"listening": 3.0, "communication": 4.5, "negotiation": 3.5, "positivity": 3.5,
         "feedback": 4.0}))


async def loaded(pilot: Pilot[Any]) -> None:
    """Wait for background loading to finish."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class TestAssessmentScreens:
    """The question, the resume dialog, the result and the history, at 80x24."""

    def test_question_with_anchors(self, snap_compare: Snap, workspace: Workspace) -> None:
        """The first core item: step, item, the labelled scale with both anchors."""
        app = KohtaaApp(workspace, start=start_assessment("core"))
        assert snap_compare(app, terminal_size=(80, 24))

    def test_question_with_an_earlier_answer(self, snap_compare: Snap,
                                             workspace: Workspace) -> None:
        """Going back shows the earlier answer marked in words, not only by colour."""
        app = KohtaaApp(workspace, start=start_assessment("core"))
        assert snap_compare(app, terminal_size=(80, 24), press=["4", "left"])

    def test_open_question(self, snap_compare: Snap, workspace: Workspace) -> None:
        """The open item of after-meeting: a text box and how to go on."""
        app = KohtaaApp(workspace, start=start_assessment("after-meeting"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await pilot.press(*"3" * 15, *"Call back")
            pilot.app.screen.query_one(TextArea).cursor_blink = False
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_resume_dialog(self, snap_compare: Snap, workspace: Workspace) -> None:
        """An unfinished answer set offers Continue / Start over."""
        now = workspace.clock.now()
        workspace.store.save_assessment_draft(AssessmentDraft(
            bank_id="core", bank_version=1, started=now, updated=now,
            answers={"listening-let-finish": 4}, open_answers={}, position=1))
        app = KohtaaApp(workspace, start=start_assessment("core"))
        assert snap_compare(app, terminal_size=(80, 24))

    def test_result_with_change(self, snap_compare: Snap, workspace: Workspace) -> None:
        """Bars with numbers, the change since last time, weakest step's mistake and tips."""
        previous(workspace)
        app = KohtaaApp(workspace, start=start_assessment("after-meeting"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await pilot.press(*"425143354533315", "ctrl+s", "enter")
            await loaded(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_result_in_finnish(self, snap_compare: Snap, workspace: Workspace,
                               request: pytest.FixtureRequest) -> None:
        """Finnish bank texts and numbers written 3,8."""
        previous(workspace)
        fresh_ui("fi")
        picker = importlib.import_module("kohtaa_tui.ui.screens.bank_picker")
        app = fresh_ui("fi").KohtaaApp(workspace.with_lang("fi"),
                                       start=picker.start_assessment("after-meeting"))
        request.addfinalizer(lambda: fresh_ui("en"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await pilot.press(*"425143354533315", "ctrl+s", "enter")
            await loaded(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_history(self, snap_compare: Snap, workspace: Workspace) -> None:
        """One sparkline row per step with the latest number, and the results table."""
        previous(workspace)
        app = KohtaaApp(workspace, start=start_assessment("after-meeting"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await pilot.press(*"425143354533315", "ctrl+s", "enter", "h")
            await loaded(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_picker(self, snap_compare: Snap, workspace: Workspace) -> None:
        """The bank picker: titles, number of questions, minutes."""
        app = KohtaaApp(workspace, start=start_assessment(None))
        assert snap_compare(app, terminal_size=(80, 24))
