"""The app of `kohtaa feedback answer FILE`: only the answer screen, with the keys, help,
language switch (F2) and command palette of the whole app, and none of its own data
(no dashboard, no housekeeping, no sync)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events

from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.feedback import FeedbackRequest
from kohtaa_tui.i18n import _
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens.feedback_answer import FeedbackAnswerScreen


class AnswerApp(KohtaaApp):
    """Answer one request; `saved` is the response file once written."""

    def __init__(self, workspace: Workspace, request: FeedbackRequest, bank: QuestionBank,
                 target: Path | None = None, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(workspace, **kwargs)
        self.answer_screen = FeedbackAnswerScreen(workspace, request, bank, target, name)

    @property
    def saved(self) -> Path | None:
        """The response file written, None when the person left without saving."""
        return self.answer_screen.saved

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        """The answer screen alone: the whole app's start (KohtaaApp.on_mount, which
        Textual would call next, up the classes) is not run."""
        event.prevent_default()
        self._apply_settings()
        self._install_signal_handlers()
        self.push_screen(self.answer_screen)

    def navigation(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """The palette offers what the answer screen can do now, then help and language."""
        screen = self.answer_screen
        offered = [
            ("save", _("Save the answer"),
             _("Write the response file to send back"), screen.action_save),
            ("to_end", _("To the comment"),
             _("Skip the rest of the questions: a comment, your name, the file"),
             screen.action_to_end),
            ("next", _("Next question"), _("Leave this one unanswered"), screen.action_next),
            ("previous", _("Previous question"), _("Change an earlier answer"),
             screen.action_previous),
            ("leave", _("Leave"), _("Close without saving anything"), screen.action_leave),
        ]
        commands = [(title, help_text, callback) for action, title, help_text, callback
                    in offered if screen.is_attached and screen.check_action(action, ())]
        return [*commands,
                (_("Help"), _("Keys of this screen and the ideas behind kohtaa"),
                 self.action_help),
                (_("Switch language"), _("Suomeksi / in English"),
                 self.action_switch_language)]

    async def action_back(self) -> None:
        """The answer screen is the first and only one: Escape is its own Leave."""
        self.answer_screen.action_leave()


def run_answer(workspace: Workspace, request: FeedbackRequest, bank: QuestionBank,
               target: Path | None, name: str | None) -> Path | None:
    """Run the app until the answer is saved (its file) or left (None)."""
    app = AnswerApp(workspace, request, bank, target, name)
    app.run()
    return app.saved
