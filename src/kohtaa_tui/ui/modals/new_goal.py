"""A new goal: title, why, an optional step, start and due dates, and a target of one kind.

When a step is chosen, concrete goals drawn from the step's typical mistake and goal ideas are
offered; Ctrl+T (or Enter on one) puts a suggestion in the title and sets its target.
The dialog saves the goal itself and closes with it (None when cancelled). What was typed is
kept as a draft when the app closes meanwhile, and comes back the next time the dialog opens.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from kohtaa_tui import i18n
from kohtaa_tui.domain.assessment import AssessmentResult, goal_target_value
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.goals import Goal, goal_draft_to_document
from kohtaa_tui.domain.goals import GoalDraft as StoredDraft
from kohtaa_tui.domain.steps import STEPS, get_step, is_step
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.goal_actions import today
from kohtaa_tui.services.goal_form import (
    MAX_TITLE,
    GoalFields,
    GoalProblem,
    check_goal_fields,
    save_new_goal,
)
from kohtaa_tui.services.goal_inputs import load_goal_inputs
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.schemas import load_schemas
from kohtaa_tui.ui.focus_marks import FocusMarks
from kohtaa_tui.ui.input_order import after_earlier_input
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.modals.discard_guard import AsksBeforeDiscard
from kohtaa_tui.ui.text import literal, rich_literal, safe_notice
from kohtaa_tui.ui.widgets.bars import KeyBar

DEFAULT_BANK = "core"
FIELD_WIDGETS = {"title": "#goal-title", "why": "#goal-why", "step": "#goal-step",
                 "start": "#goal-start", "due": "#goal-due", "kind": "#goal-kind",
                 "bank": "#goal-bank", "value": "#goal-value", "count": "#goal-count",
                 "min_rating": "#goal-min-rating", "schema": "#goal-schema"}
"""The widget of each field a goal's problem can name: it takes the focus."""


@dataclass(frozen=True)
class GoalPrefill:
    """Values to start the dialog with (from an assessment result, say)."""

    title: str = ""
    why: str = ""
    step: str | None = None
    due: date | None = None
    kind: str = "manual"
    bank_id: str | None = None
    value: float | None = None
    count: int | None = None
    schema_id: str | None = None
    min_rating: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """A concrete goal offered for a step: its title and the target it comes with."""

    title: str
    kind: str = "manual"
    bank_id: str | None = None
    value: float | None = None
    count: int | None = None
    min_rating: int | None = None


class NewGoalModal(AsksBeforeDiscard, FocusMarks, Relabels, ModalScreen[Goal | None]):
    """The form; Ctrl+S saves, Escape cancels."""

    DEFAULT_CSS = """
    NewGoalModal { align: center middle; }
    NewGoalModal #goal-box {
        width: 78; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: thick $accent; background: $surface;
    }
    NewGoalModal .title { text-style: bold; }
    NewGoalModal Grid { grid-size: 2; grid-columns: 16 1fr; grid-rows: 1; grid-gutter: 0 0;
                        height: auto; margin-top: 1; }
    NewGoalModal #suggest-head { margin-top: 1; height: auto; }
    NewGoalModal #suggestions { height: auto; max-height: 5; }
    NewGoalModal #goal-error { color: $error; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="new-goal-save", priority=True),
        Binding("ctrl+t", "next_suggestion", N_("Use suggestion"), id="new-goal-suggest",
                priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="new-goal-cancel"),
    ]

    def __init__(self, workspace: Workspace, draft: GoalPrefill | None = None) -> None:
        """`draft`: values to start with; without it, a kept draft comes back."""
        super().__init__()
        self.workspace = workspace
        self.prefilled = draft is not None
        self.draft = draft or GoalPrefill()
        self.suggestions: list[Suggestion] = []
        self.next_index = 0
        self.latest: dict[str, tuple[dict[str, float], int]] = {}
        self.results: tuple[AssessmentResult, ...] | None = None
        """Every result, once read: a score goal keeps its step's score at the start."""
        """Per bank: the latest scores and the top of its scale (read in the background)."""
        catalogue = load_banks(workspace.store)
        self.banks = [(e.doc.id, e.doc.title.get(workspace.lang))
                      for e in catalogue.latest_all()]
        titles: dict[str, str] = {}
        for schema in load_schemas(workspace.store).docs():
            titles[schema.id] = schema.title.get(workspace.lang)
        self.schemas = sorted(titles.items(), key=lambda pair: pair[1].casefold())

    def compose(self) -> ComposeResult:
        """The fields, the suggestions, an error line."""
        ws, draft = self.workspace, self.draft
        lang = ws.lang
        with Vertical(id="goal-box"):
            yield Static(literal(_("New goal")), classes="title")
            with Grid():
                yield Label(_("Title"))
                yield Input(draft.title, id="goal-title", max_length=MAX_TITLE, compact=True)
                yield Label(_("Why it matters"))
                yield Input(draft.why, id="goal-why", compact=True)
                yield Label(_("Step"))
                yield Select([(rich_literal(f"{s.number} {s.name.get(lang)}"), s.id)
                              for s in STEPS], prompt=_("(none)"),
                             value=draft.step if draft.step and is_step(draft.step)
                             else Select.NULL, id="goal-step", compact=True)
                yield Label(_("Start"))
                yield Input(i18n.day(today(ws), lang), id="goal-start", compact=True)
                yield Label(_("Due"))
                yield Input(i18n.day(draft.due, lang) if draft.due else "",
                            placeholder=_("optional"), id="goal-due", compact=True)
                yield Label(_("Target"))
                yield Select([(rich_literal(_("score in an assessment")), "score"),
                              (rich_literal(_("number of reflections")), "count"),
                              (rich_literal(_("manual, in percent")), "manual")],
                             allow_blank=False, value=draft.kind, id="goal-kind",
                             compact=True)
                yield Label(_("Bank"), classes="score")
                bank_ids = {bank_id for bank_id, _title in self.banks}
                bank = draft.bank_id if draft.bank_id in bank_ids else (
                    DEFAULT_BANK if DEFAULT_BANK in bank_ids else Select.NULL)
                yield Select([(rich_literal(one_line(title, 50)), bank_id)
                              for bank_id, title in self.banks], prompt=_("(choose)"),
                             value=bank, id="goal-bank", compact=True, classes="score")
                yield Label(_("Score to reach"), classes="score")
                yield Input(i18n.number(draft.value, 1, lang) if draft.value is not None else "",
                            id="goal-value", compact=True, classes="score")
                yield Label(_("Reflections"), classes="count")
                yield Input(str(draft.count) if draft.count else "", placeholder="10",
                            id="goal-count", type="integer", compact=True, classes="count")
                yield Label(_("Template"), classes="count")
                yield Select([(rich_literal(one_line(title, 50)), schema_id)
                              for schema_id, title in self.schemas], prompt=_("(any)"),
                             value=draft.schema_id if draft.schema_id in dict(self.schemas)
                             else Select.NULL, id="goal-schema", compact=True,
                             classes="count")
                yield Label(_("Step rated ≥"), classes="count")
                yield Input(str(draft.min_rating) if draft.min_rating else "",
                            placeholder=_("optional, 1–5"), id="goal-min-rating",
                            type="integer", compact=True, classes="count")
            yield Static(id="suggest-head")
            yield OptionList(id="suggestions")
            yield Static(id="goal-error")
        yield KeyBar()

    def on_mount(self) -> None:
        """Show the fields of the target kind; read the latest scores for suggestions."""
        self.remember_fields()  # before a kept draft comes back: Escape asks about it too
        if not self.prefilled:
            self.restore_draft()
        self.show_kind()
        self.show_suggestions()
        self.query_one("#goal-title", Input).focus()
        self.read_scores()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the fields of the target kind and the suggestions."""
        self.show_kind()
        self.show_suggestions()

    @work(thread=True, exclusive=True, group="new-goal", exit_on_error=False)
    def read_scores(self) -> None:
        """The latest result of each bank, so suggestions can name a reachable score."""
        inputs = load_goal_inputs(self.workspace)
        latest: dict[str, tuple[dict[str, float], int]] = {}
        for result in sorted(inputs.results, key=lambda r: r.completed):
            latest[result.bank_id] = (dict(result.scores), result.scale_max)
        self.app.call_from_thread(self.scores_read, latest, inputs.results)

    def scores_read(self, latest: dict[str, tuple[dict[str, float], int]],
                    results: tuple[AssessmentResult, ...] = ()) -> None:
        """Offer score suggestions now that the scores are known."""
        self.latest = latest
        self.results = results
        self.show_suggestions()

    def _selected(self, selector: str) -> Any:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    def show_kind(self) -> None:
        """Only the fields of the chosen kind of target are shown."""
        kind = self._selected("#goal-kind")
        for widget in self.query(".score"):
            widget.display = kind == "score"
        for widget in self.query(".count"):
            widget.display = kind == "count"

    def on_select_changed(self, event: Select.Changed) -> None:
        """The kind shows its fields; the step brings its suggestions."""
        if event.select.id == "goal-kind":
            self.show_kind()
        elif event.select.id in ("goal-step", "goal-bank"):
            self.show_suggestions()

    def make_suggestions(self, step_id: str) -> list[Suggestion]:
        """Concrete goals for a step: its goal ideas, a reflection count, a score to reach."""
        lang = self.workspace.lang
        step = get_step(step_id)
        name = step.short.get(lang)
        # Each behaviour comes with the target it can be counted by, never a score.
        found = [Suggestion(idea.text.get(lang), idea.kind, count=idea.count,
                            min_rating=idea.min_rating) for idea in step.goal_ideas]
        found.append(Suggestion(
            _("I write five reflections in which I rate {step} 4 or more.").format(
                step=name.lower()),
            "count", count=5, min_rating=4))
        bank = self._selected("#goal-bank") or DEFAULT_BANK
        scores, top = self.latest.get(bank, ({}, 5))
        if step_id in scores:
            value = goal_target_value(scores[step_id], top)
            title = dict(self.banks).get(bank, bank)
            found.append(Suggestion(
                step.score_goal_title(lang, one_line(title, 80),
                                      i18n.number(scores[step_id], 1, lang),
                                      i18n.number(value, 1, lang)),
                "score", bank_id=bank, value=value))
        return found

    def show_suggestions(self) -> None:
        """The typical mistake of the chosen step and the goals suggested for it."""
        step_id = self._selected("#goal-step")
        head = self.query_one("#suggest-head", Static)
        options = self.query_one("#suggestions", OptionList)
        options.clear_options()
        if step_id is None:
            self.suggestions = []
            head.update(literal(_("Choose a step to see suggested goals.")))
            options.display = False
            return
        step = get_step(step_id)
        self.suggestions = self.make_suggestions(step_id)
        self.next_index = 0
        head.update(literal(_("Typical mistake: {mistake}").format(
            mistake=step.mistake.get(self.workspace.lang)) + "\n"
            + _("Suggestions (Ctrl+T or Enter puts one in the title):")))
        options.add_options([Option(literal(one_line(s.title, 120)), id=str(n))
                             for n, s in enumerate(self.suggestions)])
        options.display = True

    def use_suggestion(self, index: int) -> None:
        """Fill the title (and the target) from a suggestion."""
        if not 0 <= index < len(self.suggestions):
            return
        chosen = self.suggestions[index]
        self.query_one("#goal-title", Input).value = chosen.title
        self.query_one("#goal-kind", Select).value = chosen.kind
        if chosen.kind == "score" and chosen.value is not None:
            if chosen.bank_id in {bank_id for bank_id, _title in self.banks}:
                self.query_one("#goal-bank", Select).value = chosen.bank_id
            self.query_one("#goal-value", Input).value = i18n.number(
                chosen.value, 1, self.workspace.lang)
        if chosen.kind == "count":
            self.query_one("#goal-count", Input).value = str(chosen.count or "")
            self.query_one("#goal-min-rating", Input).value = str(chosen.min_rating or "")
        self.show_kind()

    def action_next_suggestion(self) -> None:
        """Ctrl+T: the next suggestion into the title."""
        if not self.suggestions:
            return
        self.use_suggestion(self.next_index % len(self.suggestions))
        self.query_one("#suggestions", OptionList).highlighted = (
            self.next_index % len(self.suggestions))
        self.next_index += 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a suggestion uses it."""
        event.stop()
        self.use_suggestion(int(event.option.id or 0))
        self.query_one("#goal-title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field saves."""
        event.stop()
        self.action_save()

    # -- the draft -----------------------------------------------------------------------------
    INPUTS: ClassVar[dict[str, str]] = {
        "title": "#goal-title", "why": "#goal-why", "start": "#goal-start", "due": "#goal-due",
        "value": "#goal-value", "count": "#goal-count", "min_rating": "#goal-min-rating"}
    SELECTS: ClassVar[dict[str, str]] = {
        "step": "#goal-step", "target_kind": "#goal-kind", "bank": "#goal-bank",
        "journal_schema": "#goal-schema"}

    def form_fields(self) -> dict[str, str]:
        """Every field as typed or chosen."""
        fields = {key: self.query_one(selector, Input).value
                  for key, selector in self.INPUTS.items()}
        for key, selector in self.SELECTS.items():
            chosen = self._selected(selector)
            fields[key] = chosen if isinstance(chosen, str) else ""
        return fields

    def flush_draft(self) -> None:
        """Keep what was typed (called on quit, SIGTERM and SIGHUP)."""
        fields = self.form_fields()
        if not (fields["title"].strip() or fields["why"].strip()):
            return
        store = self.workspace.store
        store.write_draft(store.goal_draft_path, goal_draft_to_document(
            StoredDraft(updated=self.workspace.clock.now(), fields=fields)))

    def restore_draft(self) -> None:
        """Bring back a kept draft into the fields."""
        loaded = self.workspace.store.goal_draft()
        if loaded is None:
            return
        fields = loaded.value.fields
        for key, selector in self.INPUTS.items():
            if key in fields:
                self.query_one(selector, Input).value = fields[key]
        allowed = {"step": {s.id for s in STEPS}, "target_kind": {"score", "count", "manual"},
                   "bank": {bank_id for bank_id, _title in self.banks},
                   "journal_schema": {schema_id for schema_id, _title in self.schemas}}
        for key, selector in self.SELECTS.items():
            if fields.get(key) in allowed[key]:
                self.query_one(selector, Select).value = fields[key]
        self.notify(_("Your unsaved goal is back."), markup=False)

    def discard_draft(self) -> None:
        """The goal was saved or thrown away: its draft goes."""
        store = self.workspace.store
        try:
            store.discard_draft(store.goal_draft_path)
        except (StorageError, OSError) as error:
            self.notify(safe_notice(one_line(str(error), 300)), severity="warning",
                        markup=False)

    # -- saving --------------------------------------------------------------------------------
    def _fail(self, message: str) -> None:
        self.query_one("#goal-error", Static).update(literal(message))

    def goal_fields(self) -> GoalFields:
        """The fields as the check of a new goal takes them."""
        def text(selector: str) -> str:
            return self.query_one(selector, Input).value

        return GoalFields(
            title=text("#goal-title"), why=text("#goal-why"), step=self._selected("#goal-step"),
            start=text("#goal-start"), due=text("#goal-due"),
            kind=self._selected("#goal-kind") or "manual", bank=self._selected("#goal-bank"),
            value=text("#goal-value"), count=text("#goal-count"),
            schema=self._selected("#goal-schema"), min_rating=text("#goal-min-rating"))

    @after_earlier_input
    def action_save(self) -> None:
        """Check every field, save the goal, close with it."""
        checked = check_goal_fields(self.goal_fields())
        if isinstance(checked, GoalProblem):
            self._fail(checked.reason)
            with contextlib.suppress(NoMatches):
                self.query_one(FIELD_WIDGETS[checked.field]).focus()
            return
        try:
            goal = save_new_goal(self.workspace, checked, self.results).value
        except StorageError as error:
            self._fail(one_line(str(error), 300))
            return
        self.discard_draft()
        self.notify(safe_notice(_("Goal saved: {title}").format(
            title=one_line(goal.title, 80))), markup=False)
        self.dismiss(goal)

    def action_cancel(self) -> None:
        """Close without saving (a kept draft is thrown away too); asks first when the
        fields hold typed text or a kept draft."""

        def discard() -> None:
            self.discard_draft()
            self.dismiss(None)

        self.cancel_or_ask(discard)
