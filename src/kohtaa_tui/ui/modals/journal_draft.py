"""Asks what to do with an unfinished reflection: continue it, keep it for later, or discard."""

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


class DraftChoice(Enum):
    """What the person chose."""

    CONTINUE = "continue"
    LATER = "later"
    DISCARD = "discard"


class JournalDraftModal(Relabels, ModalScreen[DraftChoice]):
    """Continue / Later / Discard; Escape means later (the draft stays)."""

    DEFAULT_CSS = """
    JournalDraftModal { align: center middle; }
    JournalDraftModal #draft-box {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: thick $accent; background: $surface;
    }
    JournalDraftModal #draft-buttons { height: auto; margin-top: 1; }
    JournalDraftModal Button { margin-right: 1; }
    JournalDraftModal .title { text-style: bold; margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose('continue')", N_("Continue"), id="journal-draft-continue"),
        Binding("l,escape", "choose('later')", N_("Later"), id="journal-draft-later"),
        Binding("d", "choose('discard')", N_("Discard"), id="journal-draft-discard"),
    ]

    def __init__(self, schema_title: str, first_line: str, when: str) -> None:
        super().__init__()
        self.schema_title = schema_title
        self.first_line = first_line
        self.when = when

    def compose(self) -> ComposeResult:
        """What the draft is, and three buttons."""
        with Vertical(id="draft-box"):
            yield Static(literal(_("Unfinished reflection")), classes="title")
            yield Static(literal(self.schema_title))
            if self.first_line:
                yield Static(literal(f"“{self.first_line}”"))
            yield Static(literal(_("Last changed {when}. Continue writing it?").format(
                when=self.when)))
            with Horizontal(id="draft-buttons"):
                yield Button(literal(_("Continue")), id="continue", variant="primary")
                yield Button(literal(_("Later")), id="later")
                yield Button(literal(_("Discard")), id="discard", variant="error")
        yield KeyBar()

    def on_mount(self) -> None:
        """Continue is the default."""
        self.query_one("#continue", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button chooses."""
        event.stop()
        self.action_choose(event.button.id or "later")

    def action_choose(self, choice: str) -> None:
        """Close with the choice."""
        self.dismiss(DraftChoice(choice))
