"""Editing a goal's words and due date, and choosing its status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from kohtaa_tui import i18n
from kohtaa_tui.domain.display import display_safe
from kohtaa_tui.domain.goals import STATUSES, Goal
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.goal_form import MAX_TITLE
from kohtaa_tui.services.goal_text import parse_day, status_label
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.focus_marks import FocusMarks
from kohtaa_tui.ui.input_order import after_earlier_input
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.modals.discard_guard import AsksBeforeDiscard
from kohtaa_tui.ui.text import literal
from kohtaa_tui.ui.widgets.bars import KeyBar


@dataclass(frozen=True)
class GoalEdit:
    """The new words and date."""

    title: str
    why: str
    due: date | None


class GoalEditModal(AsksBeforeDiscard, FocusMarks, Relabels, ModalScreen[GoalEdit | None]):
    """Title, why, due; Ctrl+S saves, Escape cancels."""

    DEFAULT_CSS = """
    GoalEditModal { align: center middle; }
    GoalEditModal #edit-box {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: thick $accent; background: $surface;
    }
    GoalEditModal .title { text-style: bold; margin-bottom: 1; }
    GoalEditModal Grid { grid-size: 2; grid-columns: 10 1fr; grid-rows: 1; grid-gutter: 1 0;
                         height: auto; }
    GoalEditModal #edit-error { color: $error; margin-top: 1; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="goal-edit-save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="goal-edit-cancel"),
    ]

    def __init__(self, workspace: Workspace, goal: Goal) -> None:
        super().__init__()
        self.workspace = workspace
        self.goal = goal

    def compose(self) -> ComposeResult:
        """Three fields and an error line."""
        goal = self.goal
        with Vertical(id="edit-box"):
            yield Static(literal(_("Edit the goal")), classes="title")
            with Grid():
                yield Label(_("Title"))
                yield Input(display_safe(goal.title, keep_newlines=False), id="edit-title",
                            max_length=MAX_TITLE, compact=True)
                yield Label(_("Why"))
                yield Input(display_safe(goal.why, keep_newlines=False), id="edit-why",
                            compact=True)
                yield Label(_("Due"))
                yield Input(i18n.day(goal.due, self.workspace.lang) if goal.due else "",
                            placeholder=_("optional"), id="edit-due", compact=True)
            yield Static(id="edit-error")
        yield KeyBar()

    def on_mount(self) -> None:
        """The goal's values count as untouched."""
        self.remember_fields()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field saves."""
        event.stop()
        self.action_save()

    @after_earlier_input
    def action_save(self) -> None:
        """Check and close with the new values."""
        error = self.query_one("#edit-error", Static)
        title = self._typed("#edit-title", self.goal.title)
        if not title:
            error.update(literal(_("A goal needs a title.")))
            return
        due_text = self.query_one("#edit-due", Input).value.strip()
        due = parse_day(due_text) if due_text else None
        if due_text and due is None:
            error.update(literal(_("Write the date as 2026-11-22 or 22.11.2026.")))
            return
        if due is not None and due < self.goal.start:
            error.update(literal(_("The due date cannot be before the start.")))
            return
        self.dismiss(GoalEdit(title, self._typed("#edit-why", self.goal.why), due))

    def _typed(self, selector: str, stored: str) -> str:
        """A field's text; left as shown, the stored text exactly (controls and all)."""
        value = self.query_one(selector, Input).value
        if value == display_safe(stored, keep_newlines=False):
            return stored
        return value.strip()

    def action_cancel(self) -> None:
        """Close without saving; asks first when something was changed."""
        self.cancel_or_ask(lambda: self.dismiss(None))


class StatusModal(Relabels, ModalScreen[str | None]):
    """Active, achieved, paused or dropped; Enter chooses, Escape cancels."""

    DEFAULT_CSS = """
    StatusModal { align: center middle; }
    StatusModal #status-box {
        width: 44; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: thick $accent; background: $surface;
    }
    StatusModal .title { text-style: bold; margin-bottom: 1; }
    StatusModal OptionList { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="status-cancel"),
    ]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        """The four statuses, the current one marked."""
        with Vertical(id="status-box"):
            yield Static(literal(_("Status of the goal")), classes="title")
            yield OptionList(*(Option(literal(
                status_label(s) + ("  " + _("(now)") if s == self.current else "")), id=s)
                for s in STATUSES), id="statuses")
        yield KeyBar()

    def on_mount(self) -> None:
        """The current status is highlighted."""
        options = self.query_one(OptionList)
        options.highlighted = STATUSES.index(self.current) if self.current in STATUSES else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Choose."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without changing."""
        self.dismiss(None)
