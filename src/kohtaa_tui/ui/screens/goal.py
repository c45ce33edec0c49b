"""One goal: what it is, its history as a chart over time, its check-ins and linked reflections.

Keys: `c` adds a check-in, Enter on a check-in corrects it (the old one is kept), `s` changes
the status, `e` edits the title, why and due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from kohtaa_tui import i18n
from kohtaa_tui.domain.charts import bar
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.goal_chart import column_chart
from kohtaa_tui.domain.goals import CheckIn, Goal, Progress
from kohtaa_tui.domain.steps import get_step, is_step
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.goal_actions import (
    add_check_in,
    edit_goal,
    new_check_in,
    set_status,
    settle_reached,
    today,
)
from kohtaa_tui.services.goal_inputs import (
    EntryLine,
    GoalInputs,
    bank_title,
    linked_entries,
    load_goal_inputs,
    progress_of,
    recent_entries,
)
from kohtaa_tui.services.goal_text import due_text, progress_number, status_label, target_text
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.text import literal, safe_notice
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar

CHART_HEIGHT = 6
SHORT_CHART_HEIGHT = 3
"""At 30 rows or fewer the chart is this tall, so the latest check-in shows without scrolling."""
TALL_SCREEN = 30
CHART_WIDTH = 60
LABEL_WIDTH = 7


@dataclass(frozen=True)
class GoalView:
    """A goal with what its screen shows, read off the UI thread."""

    goal: Goal
    progress: Progress
    linked: tuple[EntryLine, ...]
    recent: tuple[EntryLine, ...]
    scale: tuple[float, float]
    today: date
    achieved_now: bool
    bank_title: str | None = None
    schema_title: str | None = None


def _scale(goal: Goal, state: Progress, inputs: GoalInputs) -> tuple[float, float]:
    target = goal.target
    if target.kind == "score":
        mine = [r for r in inputs.results if r.bank_id == target.bank_id]
        latest = max(mine, key=lambda r: r.completed, default=None)
        return (latest.scale_min, latest.scale_max) if latest else (1.0, 5.0)
    if target.kind == "count":
        return 0.0, float(max(target.count or 1, int(state.current or 0)))
    return 0.0, 100.0


def read_goal(ws: Workspace, goal_id: str) -> GoalView:
    """The goal as on disk, settled if its target is reached, with its reflections."""
    goal = ws.store.goal(goal_id).value
    inputs = load_goal_inputs(ws)
    state = progress_of(ws, goal, inputs)
    settled = settle_reached(ws, [goal], {goal.id: state}, inputs)
    if settled:
        goal = settled[0]
    return GoalView(goal, state, tuple(linked_entries(goal, inputs, ws.lang)),
                    tuple(recent_entries(inputs, ws.lang)), _scale(goal, state, inputs),
                    today(ws), bool(settled), bank_title(ws, goal.target.bank_id),
                    _schema_title(inputs, goal.target.schema_id, ws.lang))


def _schema_title(inputs: GoalInputs, schema_id: str | None, lang: str) -> str | None:
    schema = inputs.schemas.get(schema_id) if schema_id else None
    return schema.title.get(lang) if schema is not None else None


class GoalScreen(Relabels, Screen[None]):
    """A goal's page."""

    CSS_PATH = Path(__file__).with_name("goal.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "check_in", N_("Check in"), id="goal-check-in"),
        Binding("s", "status", N_("Status"), id="goal-status"),
        Binding("e", "edit", N_("Edit"), id="goal-edit"),
        Binding("escape", "back", N_("Back"), id="goal-back"),
    ]

    def __init__(self, workspace: Workspace, goal_id: str) -> None:
        super().__init__()
        self.workspace = workspace
        self.goal_id = goal_id
        self.view: GoalView | None = None

    def compose(self) -> ComposeResult:
        """About, chart, check-ins, reflections."""
        yield TitleBar()
        with VerticalScroll(id="goal-page"):
            yield Static(literal(_("Loading the goal…")), id="goal-about")
            yield Static(id="goal-chart")
            yield Static(id="check-ins-title", classes="section")
            yield OptionList(id="check-ins")
            yield Static(id="reflections", classes="section")
        yield KeyBar()

    def on_mount(self) -> None:
        """Read the goal in the background."""
        self.sub_title = _("Goal")
        self.load()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the page as it was."""
        self.sub_title = _("Goal")
        if self.view is not None:
            self.show(self.view, again=True)

    @work(thread=True, exclusive=True, group="goal", exit_on_error=False)
    def load(self) -> None:
        """Read the goal and what its progress comes from."""
        try:
            view = read_goal(self.workspace, self.goal_id)
        except StorageError as error:
            self.app.call_from_thread(self.failed, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, view)

    def failed(self, message: str) -> None:
        """The goal could not be read: say so on the page."""
        self.query_one("#goal-about", Static).update(literal(message))

    def show(self, view: GoalView, again: bool = False) -> None:
        """Draw every part of the page (`again`: the same view, in another language)."""
        self.view = view
        if view.achieved_now and not again:
            self.notify(safe_notice(_("Target reached: {title}. Marked achieved.").format(
                title=one_line(view.goal.title, 80))), markup=False, timeout=8)
        self.query_one("#goal-about", Static).update(literal(self._about(view)))
        self.query_one("#goal-chart", Static).update(literal(self._chart(view)))
        current = view.goal.current_check_ins()
        self.query_one("#check-ins-title", Static).update(literal(
            _("Check-ins ({n}) · c: new · Enter: correct").format(n=len(current))
            if current else _("No check-ins yet. Press c to add one.")))
        options = self.query_one("#check-ins", OptionList)
        options.clear_options()
        options.add_options([Option(literal(self._check_in_text(view.goal, c)), id=c.id)
                             for c in reversed(current)])
        options.display = bool(current)
        self.query_one("#reflections", Static).update(literal(self._reflections(view)))
        if current and not again:
            options.highlighted = 0
            options.focus(scroll_visible=False)  # the page stays at its top: about, chart

    # -- parts -----------------------------------------------------------------------------------
    def _about(self, view: GoalView) -> str:
        goal, state = view.goal, view.progress
        lang = self.workspace.lang
        lines = [one_line(goal.title, 200)]
        if goal.why:
            lines.append(_("Why: {why}").format(why=goal.why))
        if goal.step and is_step(goal.step):
            lines.append(_("Step: {step}").format(step=get_step(goal.step).name.get(lang)))
        lines.append(_("Target: {target}").format(
            target=target_text(goal.target, lang, view.bank_title, view.schema_title)))
        when = [status_label(goal.status), _("started {date}").format(
            date=i18n.day(goal.start, lang))]
        due = due_text(goal, view.today, lang)
        if due:
            when.append(due)
        lines.append(" · ".join(when))
        reached = "  " + _("target reached") if state.reached else ""
        lines.append(f"{bar(state.percent, 0, 100, 20)} "
                     f"{progress_number(goal.target, state, lang)}{reached}")
        return "\n".join(lines)

    def _chart(self, view: GoalView) -> str:
        goal, state = view.goal, view.progress
        lang = self.workspace.lang
        kind = goal.target.kind
        if not state.series:
            return {
                "score": _("No results of bank {bank} yet; take it to see the chart.").format(
                    bank=one_line(view.bank_title or goal.target.bank_id or "", 60)),
                "count": _("No reflections counted yet."),
            }.get(kind, _("No progress recorded yet; a check-in with a percent adds a point."))
        low, high = view.scale
        target = state.target
        values = [value for _at, value in state.series]
        height = self.chart_height()
        rows = column_chart(values, low, high, height, CHART_WIDTH, target)
        decimals = 1 if kind == "score" else 0
        title = {"score": _("Score at each assessment"),
                 "count": _("Reflections counted so far")}.get(kind, _("Progress at each check-in"))
        target_row = None
        if target is not None and high > low:
            share = max(0.0, min(1.0, (target - low) / (high - low)))
            target_row = height - 1 - min(height - 1, int(share * height))
        lines = [title]
        for index, row in enumerate(rows):
            if index == 0:
                label = i18n.number(high, decimals, lang)
            elif index == len(rows) - 1:
                label = i18n.number(low, decimals, lang)
            elif index == target_row:
                label = _("target")
            else:
                label = ""
            lines.append(f"{label[:LABEL_WIDTH - 1]:>{LABEL_WIDTH - 1}} │{row}")
        width = max((len(row) for row in rows), default=0)
        lines.append(" " * LABEL_WIDTH + "└" + "─" * max(width, 10))
        tz = self.workspace.clock.local_tz()
        first = i18n.day(state.series[0][0].astimezone(tz).date(), lang)
        last = i18n.day(state.series[-1][0].astimezone(tz).date(), lang)
        gap = " " * max(1, width - len(first) - len(last))
        span = first if first == last else f"{first}{gap}{last}"
        if target_row is not None and target is not None:
            span += "   " + _("╌ target {value}").format(
                value=i18n.number(target, decimals, lang))
        lines.append(" " * (LABEL_WIDTH + 1) + span)
        return "\n".join(lines)

    def chart_height(self) -> int:
        """Rows of the chart: shorter on a small terminal."""
        return CHART_HEIGHT if self.app.size.height > TALL_SCREEN else SHORT_CHART_HEIGHT

    def on_resize(self) -> None:
        """Draw the chart again for the new size."""
        if self.view is not None:
            self.query_one("#goal-chart", Static).update(literal(self._chart(self.view)))

    def _check_in_text(self, goal: Goal, check_in: CheckIn) -> str:
        lang = self.workspace.lang
        tz = self.workspace.clock.local_tz()
        head = i18n.moment(check_in.at, tz, lang)
        if check_in.progress is not None:
            head += f"  {check_in.progress} %"
        if check_in.entry_id:
            head += "  " + _("linked reflection")
        lines = [head]
        if check_in.note:
            lines.append("  " + one_line(check_in.note, 300))
        for old in goal.history_of(check_in.id)[:-1]:
            was = f"{old.progress} % " if old.progress is not None else ""
            lines.append("  " + _("was: {text}").format(text=one_line(was + old.note, 200)))
        return "\n".join(lines)

    def _reflections(self, view: GoalView) -> str:
        if not view.linked:
            return _("No reflections linked yet (link one in a check-in).")
        tz = self.workspace.clock.local_tz()
        lines = [_("Linked reflections")]
        for line in view.linked:
            day = i18n.day(line.created.astimezone(tz).date(), self.workspace.lang)
            title = (_("(private reflection)") if line.private and not line.title
                     else one_line(line.title, 200))
            lines.append(f"  {day}  {title}")
        return "\n".join(lines)

    # -- actions -------------------------------------------------------------------------------
    def action_check_in(self, replaces: CheckIn | None = None) -> None:
        """A new check-in (or a correction of `replaces`)."""
        from kohtaa_tui.ui.modals.check_in import CheckInData, CheckInModal

        view = self.view
        if view is None:
            return
        goal = view.goal

        def save(data: CheckInData | None) -> None:
            if data is None:
                return
            check_in = new_check_in(self.workspace, on=data.on, note=data.note,
                                    progress=data.progress, entry_id=data.entry_id,
                                    replaces=replaces.id if replaces else None)
            try:
                _loaded, achieved = add_check_in(self.workspace, goal.id, check_in)
            except StorageError as error:
                self.notify(safe_notice(str(error)), severity="error", markup=False)
                return
            self.notify(_("Check-in saved."), markup=False)
            if achieved:
                self.notify(safe_notice(_("Target reached: {title}. Marked achieved.").format(
                    title=one_line(goal.title, 80))), markup=False, timeout=8)
            self.load()

        self.app.push_screen(CheckInModal(self.workspace, goal, list(view.recent), replaces),
                             save)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a check-in corrects it."""
        event.stop()
        if self.view is None:
            return
        found = next((c for c in self.view.goal.check_ins if c.id == event.option.id), None)
        if found is not None:
            self.action_check_in(found)

    def action_status(self) -> None:
        """Choose active, achieved, paused or dropped."""
        from kohtaa_tui.ui.modals.goal_edit import StatusModal

        if self.view is None:
            return

        def save(status: str | None) -> None:
            if status is None or self.view is None or status == self.view.goal.status:
                return
            try:
                set_status(self.workspace, self.goal_id, status)
            except StorageError as error:
                self.notify(safe_notice(str(error)), severity="error", markup=False)
                return
            self.notify(safe_notice(_("Status: {status}").format(status=status_label(status))),
                        markup=False)
            self.load()

        self.app.push_screen(StatusModal(self.view.goal.status), save)

    def action_edit(self) -> None:
        """Change the title, why and due date."""
        from kohtaa_tui.ui.modals.goal_edit import GoalEdit, GoalEditModal

        if self.view is None:
            return

        def save(edit: GoalEdit | None) -> None:
            if edit is None:
                return
            try:
                edit_goal(self.workspace, self.goal_id, edit.title, edit.why, edit.due)
            except StorageError as error:
                self.notify(safe_notice(str(error)), severity="error", markup=False)
                return
            self.notify(_("Goal saved."), markup=False)
            self.load()

        self.app.push_screen(GoalEditModal(self.workspace, self.view.goal), save)

    def action_back(self) -> None:
        """Back to where we came from."""
        self.app.pop_screen()

