"""Snapshots at 80x24 of answering a request for feedback in the app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from kohtaa_tui.services.feedback import make_request
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.answer_app import AnswerApp

Snap = Callable[..., bool]


def app_for(workspace: Workspace, role: str) -> AnswerApp:
    request, bank = make_request(workspace, "core", role, "Kettu", date(2026, 12, 20), "en")
    return AnswerApp(workspace, request, bank, Path("answer.toml"))


def test_a_question_in_observer_wording(snap_compare: Snap, workspace: Workspace) -> None:
    """Who asks and as whom one answers, the item about them, the scale, the keys."""
    assert snap_compare(app_for(workspace, "customer"), terminal_size=(80, 24),
                        press=["4", "3", "left"])


def test_the_comment_name_and_file(snap_compare: Snap, workspace: Workspace) -> None:
    """The last page: how many were answered, the comment, an anonymous name, the file."""
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("4", "2", "end", *"Calm and clear.")
        pilot.app.screen.query_one(TextArea).cursor_blink = False
        await pilot.pause()

    assert snap_compare(app_for(workspace, "colleague"), terminal_size=(80, 24),
                        run_before=run_before)
