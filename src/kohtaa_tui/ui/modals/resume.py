"""Asks whether to continue an unfinished assessment or start it over."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kohtaa_tui.i18n import N_, _
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.text import literal
from kohtaa_tui.ui.widgets.bars import KeyBar


class ResumeChoice(Enum):
    """What the person chose."""

    CONTINUE = "continue"
    START_OVER = "start-over"


class ResumeModal(Relabels, ModalScreen[ResumeChoice | None]):
    """Continue / Start over; Escape cancels (returns None)."""

    DEFAULT_CSS = """
    ResumeModal { align: center middle; }
    ResumeModal #resume-box {
        width: 60; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: thick $accent; background: $surface;
    }
    ResumeModal #resume-buttons { height: auto; margin-top: 1; }
    ResumeModal Button { margin-right: 2; }
    ResumeModal .title { text-style: bold; margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose('continue')", N_("Continue"), id="resume-continue"),
        Binding("s", "choose('start-over')", N_("Start over"), id="resume-start-over"),
        Binding("escape", "cancel", N_("Cancel"), id="resume-cancel"),
    ]

    def __init__(self, bank_title: str, answered: int, total: int) -> None:
        super().__init__()
        self.bank_title = bank_title
        self.answered = answered
        self.total = total

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="resume-box"):
            yield Static(literal(self.bank_title), classes="title")
            yield Static(literal(_("You have an unfinished answer set: {answered} of {total} "
                                   "answered. Continue where you left off?").format(
                answered=self.answered, total=self.total)))
            with Horizontal(id="resume-buttons"):
                yield Button(literal(_("Continue")), id="continue", variant="primary")
                yield Button(literal(_("Start over")), id="start-over")
        yield KeyBar()

    def on_mount(self) -> None:
        """Continue is the default."""
        self.query_one("#continue", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button chooses."""
        event.stop()
        self.action_choose(event.button.id or "continue")

    def action_choose(self, choice: str) -> None:
        """Close with the choice."""
        self.dismiss(ResumeChoice(choice))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
