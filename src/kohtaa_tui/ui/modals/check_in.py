"""A check-in on a goal: the date, progress in percent (manual goals), a note, and optionally
a reflection to link. Correcting a check-in opens this prefilled; the old one is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from kohtaa_tui import i18n
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.goals import CheckIn, Goal
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.goal_actions import today
from kohtaa_tui.services.goal_inputs import EntryLine
from kohtaa_tui.services.goal_text import parse_day
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.focus_marks import FocusMarks
from kohtaa_tui.ui.input_order import after_earlier_input
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.modals.discard_guard import AsksBeforeDiscard
from kohtaa_tui.ui.text import literal, rich_literal
from kohtaa_tui.ui.widgets.bars import KeyBar

MAX_NOTE = 4000


@dataclass(frozen=True)
class CheckInData:
    """What the person entered."""

    on: date
    progress: int | None
    note: str
    entry_id: str | None


class CheckInModal(AsksBeforeDiscard, FocusMarks, Relabels, ModalScreen[CheckInData | None]):
    """Ctrl+S (or Enter in a field) saves; Escape cancels (asking first when text was typed)."""

    DEFAULT_CSS = """
    CheckInModal { align: center middle; }
    CheckInModal #check-in-box {
        width: 72; max-width: 100%; height: auto; max-height: 100%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    CheckInModal .title { text-style: bold; margin-bottom: 1; }
    CheckInModal Grid { grid-size: 2; grid-columns: 16 1fr; grid-rows: 1; grid-gutter: 1 0;
                        height: auto; }
    CheckInModal #check-in-error { color: $error; margin-top: 1; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="check-in-save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="check-in-cancel"),
    ]

    def __init__(self, workspace: Workspace, goal: Goal, recent: list[EntryLine],
                 replaces: CheckIn | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.goal = goal
        self.recent = recent
        self.replaces = replaces

    def compose(self) -> ComposeResult:
        """Heading, the fields, an error line."""
        ws = self.workspace
        old = self.replaces
        tz = ws.clock.local_tz()
        on = old.at.astimezone(tz).date() if old else today(ws)
        with Vertical(id="check-in-box"):
            heading = _("Correct a check-in") if old else _("Check in")
            yield Static(literal(f"{heading}: {one_line(self.goal.title, 50)}"),
                         classes="title")
            with Grid():
                yield Label(_("Date"))
                yield Input(i18n.day(on, ws.lang), id="check-in-date", compact=True)
                if self.goal.target.kind == "manual":
                    yield Label(_("Progress %"))
                    yield Input("" if old is None or old.progress is None else str(old.progress),
                                placeholder="0–100", id="check-in-progress", compact=True)
                yield Label(_("Note"))
                yield Input(old.note if old else "", id="check-in-note", max_length=MAX_NOTE,
                            compact=True)
                yield Label(_("Reflection"))
                options = [(rich_literal(one_line(
                    f"{i18n.day(line.created.astimezone(tz).date(), ws.lang)} {line.title}",
                    50)), line.id) for line in self.recent]
                known = {line.id for line in self.recent}
                value = old.entry_id if old and old.entry_id in known else Select.NULL
                yield Select(options, prompt=_("(none)"), value=value, id="check-in-entry",
                             compact=True)
            yield Static(id="check-in-error")
        yield KeyBar()

    def on_mount(self) -> None:
        """Start at the field people change first: progress (manual goals) or the note.

        The date stays above (it is today unless changed); Tab goes down the fields as shown.
        """
        self.remember_fields()
        first = "#check-in-progress" if self.goal.target.kind == "manual" else "#check-in-note"
        self.query_one(first, Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field saves."""
        event.stop()
        self.action_save()

    @after_earlier_input
    def action_save(self) -> None:
        """Check the fields and close with them."""
        error = self.query_one("#check-in-error", Static)
        on = parse_day(self.query_one("#check-in-date", Input).value)
        if on is None:
            error.update(literal(_("Write the date as 2026-11-22 or 22.11.2026.")))
            return
        if on > today(self.workspace):
            error.update(literal(_("A check-in cannot be dated in the future.")))
            return
        progress: int | None = None
        if self.goal.target.kind == "manual":
            field = self.query_one("#check-in-progress", Input)
            text = field.value.strip().removesuffix("%").strip()
            if text:
                try:
                    progress = int(text)
                except ValueError:
                    error.update(literal(_(
                        "Progress “{text}” is not a number: write a whole number from 0 to "
                        "100.").format(text=one_line(field.value.strip(), 20))))
                    field.focus()
                    return
                if not 0 <= progress <= 100:
                    error.update(literal(_("Progress is a whole number from 0 to 100.")))
                    field.focus()
                    return
        note = self.query_one("#check-in-note", Input).value.strip()
        entry = self.query_one("#check-in-entry", Select).value
        entry_id = entry if isinstance(entry, str) else None
        if progress is None and not note and entry_id is None:
            error.update(literal(_("Write a note, give progress or link a reflection.")))
            return
        self.dismiss(CheckInData(on, progress, note, entry_id))

    def action_cancel(self) -> None:
        """Close without saving; asks first when something was typed."""
        self.cancel_or_ask(lambda: self.dismiss(None))
