"""Assign a bank from the app (the coach's `kohtaa team assign` / `bank assign`): the bank,
the due date, how often, a note and the coach's name; pushed to the team repository, or
written to a file to hand out. Closes with the outcome in one line, None if cancelled."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from kohtaa_tui.domain.banks import RECURRENCES
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.dates import parse_day
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services import team_repo
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.atomic import write_atomic
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.modals.form_layout import form_css
from kohtaa_tui.ui.text import literal, rich_literal
from kohtaa_tui.ui.widgets.bars import KeyBar


class AssignModal(Relabels, ModalScreen[str | None]):
    """The form; Ctrl+S assigns, Escape cancels."""

    DEFAULT_CSS = form_css("AssignModal", "assign", 18)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Assign"), id="assign-save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="assign-cancel"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.catalogue = load_banks(workspace.store)
        self.banks = self.catalogue.latest_all()
        self.busy = False

    def compose(self) -> ComposeResult:
        """The fields, a line on what happens, an error line."""
        ws = self.workspace
        lang = ws.lang
        coach = ws.settings.extra.get("coach")
        by = coach.get("by", "") if isinstance(coach, dict) else ""
        labels = {r: _(team_repo.RECURRENCE_LABELS[r]) for r in RECURRENCES}
        with Vertical(id="assign-box"):
            yield Static(literal(_("Assign a question bank")), classes="title")
            with Grid():
                yield Label(_("Question bank"))
                yield Select([(rich_literal(one_line(e.doc.title.get(lang), 50)), e.doc.id)
                              for e in self.banks], prompt=_("(choose)"),
                             value=self._first_bank(), id="assign-bank", compact=True)
                yield Label(_("Due"))
                yield Input(id="assign-due", placeholder="15.12.2026", compact=True)
                yield Label(_("How often"))
                yield Select([(rich_literal(labels[r]), r) for r in RECURRENCES],
                             allow_blank=False, value="once", id="assign-recurrence",
                             compact=True)
                yield Label(_("Note"))
                yield Input(id="assign-note", placeholder=_("optional"), compact=True)
                yield Label(_("Your name"))
                yield Input(str(by) if isinstance(by, str) else "", id="assign-by",
                            max_length=200, compact=True)
                yield Label(_("Team repository"))
                yield Input(team_repo.coach_repo(ws.settings.extra) or "", id="assign-repo",
                            compact=True, placeholder=_("a git remote, or leave empty"))
                yield Label(_("or a file"))
                yield Input(id="assign-file", compact=True,
                            placeholder=_("without a team repository: the file to write"))
            yield Static(literal(_(
                "With a team repository the bank is pushed there and arrives on the next "
                "`kohtaa sync` of everyone who joined it; otherwise hand the file out.")),
                id="assign-help")
            yield Static(id="assign-error")
        yield KeyBar()

    def _first_bank(self) -> Any:
        """The core bank when there is one (what a coach assigns first), else the first."""
        ids = [e.doc.id for e in self.banks]
        return "core" if "core" in ids else (ids[0] if ids else Select.NULL)

    def on_mount(self) -> None:
        """Start at the due date (the bank has a choice already)."""
        self.query_one("#assign-due", Input).focus()

    def redraw(self, kept: Kept) -> None:
        """Nothing to redraw beyond the labels."""

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def _error(self, text: str) -> None:
        self.query_one("#assign-error", Static).update(literal(one_line(text, 300)))

    def action_save(self) -> None:
        """Check the fields, then assign in the background (git may take a moment)."""
        if self.busy:
            return
        bank_id: Any = self.query_one("#assign-bank", Select).value
        entry = self.catalogue.latest(bank_id) if bank_id is not Select.NULL else None
        if entry is None:
            self._error(_("Choose a question bank."))
            return
        due = parse_day(self._value("#assign-due"))
        if due is None:
            self._error(_("Give the due date as 2026-12-15 or 15.12.2026."))
            self.query_one("#assign-due", Input).focus()
            return
        by = " ".join(self._value("#assign-by").split())
        if not by:
            self._error(_("Give your name: the people you assign to see it."))
            self.query_one("#assign-by", Input).focus()
            return
        repo, file = self._value("#assign-repo"), self._value("#assign-file")
        if not repo and not file:
            self._error(_("Give a team repository or a file to write."))
            return
        shipped = any(e.source == "shipped" and e.doc.version == entry.doc.version
                      for e in self.catalogue.versions(entry.doc.id))
        recurrence: Any = self.query_one("#assign-recurrence", Select).value
        request = team_repo.AssignRequest(entry.doc, shipped, due, str(recurrence),
                                          self._value("#assign-note") or None, by)
        self.busy = True
        self._error(_("Assigning…"))
        # The app runs it: closing this dialog at the end must not cancel its own worker.
        self.app.run_worker(lambda: self._assign(request, repo, file), thread=True,
                        group="assign", exit_on_error=False)

    def _assign(self, request: team_repo.AssignRequest, repo: str, file: str) -> None:
        ws = self.workspace
        today = local_date(ws.clock.now(), ws.clock.local_tz())
        try:
            if repo:
                bank, rel = team_repo.assign_to_team(ws.data_dir, repo, request, today)
                line = (_("{bank} v{version} assigned in {repo} ({path})").format(
                    bank=bank.id, version=bank.version, repo=repo, path=rel) if rel else
                    _("{bank}: the team repository already has this assignment").format(
                        bank=bank.id))
            else:
                bank, data = team_repo.assigned_bytes(request, today)
                target = Path(file).expanduser()
                write_atomic(target, data)
                line = _("{bank} with its assignment written to {file}").format(
                    bank=bank.id, file=target)
        except (StorageError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error) or type(error).__name__)
            return
        self.app.call_from_thread(self.dismiss, line)

    def _failed(self, message: str) -> None:
        self.busy = False
        self._error(message)

    def action_cancel(self) -> None:
        """Close without assigning."""
        if not self.busy:
            self.dismiss(None)
