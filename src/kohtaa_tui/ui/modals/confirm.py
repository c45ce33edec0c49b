"""The one yes-or-no dialog: a question, optional lines that explain it, and two buttons;
the safe answer (No) is the default. ConfirmDeleteModal is it with the delete wording."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kohtaa_tui.i18n import N_
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.text import literal
from kohtaa_tui.ui.widgets.bars import KeyBar


class ConfirmModal(Relabels, ModalScreen[bool]):
    """A question with Yes and No; Escape and n answer No.

    `detail`: lines under the question (which is then a bold title); `danger`: an answer
    that throws something away, drawn in the error colour with the safe answer first.
    """

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal #confirm-box {
        width: 64; max-width: 100%; height: auto; padding: 1 2; border: thick $warning;
        background: $surface;
    }
    ConfirmModal #confirm-box.danger { border: thick $error; }
    ConfirmModal #confirm-question.title { text-style: bold; margin-bottom: 1; }
    ConfirmModal #confirm-buttons { height: auto; margin-top: 1; }
    ConfirmModal Button { margin-right: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm-yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str, no: str, detail: Sequence[str] = (),
                 danger: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.detail = tuple(detail)
        self.danger = danger

    def texts(self) -> tuple[str, Sequence[str], str, str]:
        """The question, the lines under it, and the two answers, as shown now."""
        return self.question, self.detail, self.yes, self.no

    def compose(self) -> ComposeResult:
        """The question, its lines and two buttons."""
        question, detail, yes, no = self.texts()
        with Vertical(id="confirm-box", classes="danger" if self.danger else ""):
            yield Static(literal(question), id="confirm-question",
                         classes="title" if detail else "")
            for line in detail:
                yield Static(literal(line))
            with Horizontal(id="confirm-buttons"):
                if self.danger:  # the safe answer first
                    yield Button(literal(no), id="no", variant="primary")
                    yield Button(literal(yes), id="yes", variant="error")
                else:
                    yield Button(literal(yes), id="yes", variant="warning")
                    yield Button(literal(no), id="no", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        """No is the default: Enter on it changes nothing."""
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button answers."""
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)
