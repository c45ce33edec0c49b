"""Ask for feedback from the app: a bank others can answer, the role asked, the name to be
known by, an optional due date, and the folder for the request file and its HTML form
(what `kohtaa feedback request` does). Closes with the two files written, None if cancelled."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from kohtaa_tui.domain.dates import parse_day
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.feedback import ROLES
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.feedback import (
    FeedbackError,
    askable_banks,
    hand_out,
    make_request,
)
from kohtaa_tui.services.feedback_words import role_label
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.modals.form_layout import form_css
from kohtaa_tui.ui.text import literal, rich_literal
from kohtaa_tui.ui.widgets.bars import KeyBar

Written = tuple[Path, Path]


class FeedbackRequestModal(Relabels, ModalScreen[Written | None]):
    """The form; Ctrl+S writes the request and its form, Escape cancels."""

    DEFAULT_CSS = form_css("FeedbackRequestModal", "request", 16)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="feedback-request-save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="feedback-request-cancel"),
    ]

    def __init__(self, workspace: Workspace, folder: Path | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.folder = folder or Path.cwd()
        self.banks = askable_banks(workspace)

    def compose(self) -> ComposeResult:
        """The fields, a line on what happens, an error line."""
        lang = self.workspace.lang
        with Vertical(id="request-box"):
            yield Static(literal(_("Ask for feedback")), classes="title")
            with Grid():
                yield Label(_("Question bank"))
                yield Select([(rich_literal(one_line(bank.title.get(lang), 50)), bank.id)
                              for bank, _roles in self.banks], prompt=_("(choose)"),
                             value=self.banks[0][0].id if self.banks else Select.NULL,
                             id="request-bank", compact=True)
                yield Label(_("Who is asked"))
                yield Select([(rich_literal(role_label(r)), r) for r in ROLES],
                             allow_blank=False, value="colleague", id="request-role",
                             compact=True)
                yield Label(_("Your name"))
                yield Input(id="request-from", max_length=100, compact=True,
                            placeholder=_("as they know you"))
                yield Label(_("Due"))
                yield Input(id="request-due", placeholder=_("optional"), compact=True)
                yield Label(_("Folder"))
                yield Input(str(self.folder), id="request-folder", compact=True)
            yield Static(literal(_(
                "Writes a request file and an HTML form beside it: send the form to someone "
                "without kohtaa, the request file to someone with it.")), id="request-help")
            yield Static(id="request-error")
        yield KeyBar()

    def on_mount(self) -> None:
        """Start at the name (the bank and role have a choice already)."""
        if not self.banks:
            self.query_one("#request-error", Static).update(literal(_(
                "No question bank here has observer wording, so others cannot answer one.")))
        self.query_one("#request-from", Input).focus()

    def redraw(self, kept: Kept) -> None:
        """Nothing to redraw beyond the labels."""

    def _selected(self, selector: str) -> Any:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    def _error(self, text: str) -> None:
        self.query_one("#request-error", Static).update(literal(one_line(text, 300)))

    def action_save(self) -> None:
        """Check the fields, keep the request, write the two files, close with them."""
        ws = self.workspace
        bank_id, role = self._selected("#request-bank"), self._selected("#request-role")
        name = " ".join(self.query_one("#request-from", Input).value.split())
        due_text = self.query_one("#request-due", Input).value.strip()
        folder = Path(self.query_one("#request-folder", Input).value.strip() or ".")
        if bank_id is None:
            self._error(_("Choose a question bank."))
            return
        if not name:
            self._error(_("Give the name they know you by."))
            self.query_one("#request-from", Input).focus()
            return
        due = None
        if due_text:
            due = parse_day(due_text)
            if due is None:
                self._error(_("{text!r} is not a date; write it as 2026-12-20 or "
                              "20.12.2026").format(text=due_text[:40]))
                return
        if not folder.is_dir():
            self._error(_("the folder {folder} does not exist").format(folder=folder))
            return
        try:
            request, bank = make_request(ws, bank_id, role, name, due, ws.lang)
            written = hand_out(request, bank, folder / f"feedback-{role}-{request.id}.toml",
                               ws.lang)
        except (FeedbackError, StorageError) as error:
            self._error(str(error))
            return
        self.dismiss(written)

    def action_cancel(self) -> None:
        """Close without asking."""
        self.dismiss(None)
