"""Asks before a reflection goes to the trash."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kohtaa_tui.domain.display import one_line
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.text import literal
from kohtaa_tui.ui.widgets.bars import KeyBar


class ConfirmDeleteModal(Relabels, ModalScreen[bool]):
    """Delete / Keep; Escape keeps."""

    DEFAULT_CSS = """
    ConfirmDeleteModal { align: center middle; }
    ConfirmDeleteModal #delete-box {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: thick $error; background: $surface;
    }
    ConfirmDeleteModal #delete-buttons { height: auto; margin-top: 1; }
    ConfirmDeleteModal Button { margin-right: 2; }
    ConfirmDeleteModal .title { text-style: bold; margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Delete"), id="journal-delete-yes"),
        Binding("n,escape", "answer(False)", N_("Keep"), id="journal-delete-no"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.entry_title = title

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="delete-box"):
            yield Static(literal(_("Delete this reflection?")), classes="title")
            yield Static(literal(f"“{one_line(self.entry_title, 56)}”"))
            yield Static(literal(_("It is moved to the trash; `kohtaa doctor` can empty "
                                   "the trash.")))
            with Horizontal(id="delete-buttons"):
                yield Button(literal(_("Keep")), id="keep", variant="primary")
                yield Button(literal(_("Delete")), id="delete", variant="error")
        yield KeyBar()

    def on_mount(self) -> None:
        """Keep is the default: a stray Enter deletes nothing."""
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button answers."""
        event.stop()
        self.action_answer(event.button.id == "delete")

    def action_answer(self, delete: bool) -> None:
        """Close with the answer."""
        self.dismiss(delete)
