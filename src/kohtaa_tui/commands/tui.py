"""Starting the app. The only command module that imports the UI, and only when run."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.ids import checked_id, known_bank_ids
from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.feedback import FeedbackRequest
from kohtaa_tui.services.workspace import Workspace


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """`kohtaa assess [BANK]` opens the app at a bank."""
    commands.choices["assess"].set_defaults(handler=assess)


def run_app(args: argparse.Namespace) -> int:
    """Run the TUI on the workspace named by the flags."""
    ws = workspace_from(args)
    from kohtaa_tui.ui.launch import launch

    return launch(ws)


def assess(args: argparse.Namespace) -> int:
    """Open the app at the bank picker, or straight at a bank (checked before the app starts)."""
    bank_id: str | None = args.bank
    if bank_id is not None:
        checked_id(bank_id, "bank", "assess")
    ws = workspace_from(args)
    if bank_id is not None:
        checked_id(bank_id, "bank", "assess", lambda: known_bank_ids(ws))
    from kohtaa_tui.ui.launch import launch

    def start(workspace: Workspace) -> Any:
        # Imported here, after the launcher has set the language the UI modules are read in.
        from kohtaa_tui.ui.screens.bank_picker import start_assessment

        return start_assessment(bank_id)(workspace)

    return launch(ws, start)


def answer_in_app(ws: Workspace, request: FeedbackRequest, bank: QuestionBank,
                  target: Path | None,
                  name: str | None) -> Path | None:
    """Answer a request for feedback in the full-screen app (`kohtaa feedback answer`):
    the response file written, or None when the person left without saving."""
    from kohtaa_tui.ui.launch import fresh_ui

    fresh_ui(ws.lang)  # the UI modules are read in the answer's language
    from kohtaa_tui.ui.answer_app import run_answer

    return run_answer(ws, request, bank, target, name)
