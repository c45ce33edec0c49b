"""The goals screen: active goals with a bar, the number beside it and the due date.

`a` shows every goal (achieved, paused and dropped too); Enter opens a goal; `n` starts a new
one. Goals whose target has been reached are marked achieved here, and the person is told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from kohtaa_tui.domain.charts import bar
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.goals import Goal, Progress
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.i18n import N_, _, ngettext
from kohtaa_tui.services.goal_actions import settle_reached, today
from kohtaa_tui.services.goal_inputs import goal_progress, load_goal_inputs
from kohtaa_tui.services.goal_text import due_text, progress_number, status_label
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.text import literal, rich_literal, safe_notice
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar

BAR_WIDTH = 10
TITLE_WIDTH = 34
STATUS_ORDER = {"active": 0, "paused": 1, "achieved": 2, "dropped": 3}


@dataclass(frozen=True)
class GoalsView:
    """What the screen draws, read off the UI thread."""

    goals: tuple[Goal, ...]
    states: dict[str, Progress]
    achieved_now: tuple[Goal, ...]
    today: date
    problems: tuple[Problem, ...]


def read_goals(ws: Workspace) -> GoalsView:
    """Every goal with its progress; active goals that reached their target become achieved."""
    loaded, problems = ws.store.goals()
    goals = [item.value for item in loaded]
    inputs = load_goal_inputs(ws)
    states = goal_progress(ws, goals, inputs)
    achieved: list[Goal] = []
    try:
        achieved = settle_reached(ws, goals, states, inputs)
    except StorageError as error:
        problems.append(Problem(file="goals", message=str(error)))
    if achieved:
        by_id = {g.id: g for g in achieved}
        goals = [by_id.get(g.id, g) for g in goals]
    return GoalsView(tuple(goals), states, tuple(achieved), today(ws), tuple(problems))


def reached_notice(goals: tuple[Goal, ...] | list[Goal]) -> str:
    """One message for every goal just marked achieved ("" when none)."""
    if not goals:
        return ""
    if len(goals) == 1:
        return _("Target reached: {title}. Marked achieved.").format(
            title=one_line(goals[0].title, 80))
    titles = ", ".join(one_line(g.title, 40) for g in goals)
    return ngettext("{n} goal reached its target: {titles}",
                    "{n} goals reached their target: {titles}", len(goals)).format(
        n=len(goals), titles=titles)


class GoalsScreen(Relabels, Screen[None]):
    """Goals as a table; one key between active goals and all of them."""

    CSS_PATH = Path(__file__).with_name("goals.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_goal", N_("Open"), id="goals-open", priority=True),
        Binding("n", "new_goal", N_("New goal"), id="goals-new"),
        Binding("a", "toggle_all", N_("All / active"), id="goals-toggle-all"),
        Binding("escape", "back", N_("Back"), id="goals-back"),
    ]

    def __init__(self, workspace: Workspace, show_all: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.show_all = show_all
        """False: active goals only; True: every goal, by status."""
        self.view: GoalsView | None = None

    def compose(self) -> ComposeResult:
        """A heading line and the table."""
        yield TitleBar()
        yield Static(literal(_("Loading goals…")), id="goals-heading")
        table: DataTable[object] = DataTable(id="goals-table", cursor_type="row",
                                             zebra_stripes=True)
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        """Read the goals in the background."""
        self.sub_title = _("Goals")
        self.load()

    def on_screen_resume(self) -> None:
        """Back from a goal or a dialog: read again (a check-in may have moved things)."""
        if self.view is not None:
            self.load()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the table as it was."""
        self.sub_title = _("Goals")
        self.draw()

    @work(thread=True, exclusive=True, group="goals", exit_on_error=False)
    def load(self) -> None:
        """Read goals and progress off the UI thread."""
        view = read_goals(self.workspace)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, view)

    def show(self, view: GoalsView) -> None:
        """Draw the table; say which goals were just achieved."""
        first = self.view is None
        self.view = view
        notice = reached_notice(view.achieved_now)
        if notice:
            self.notify(safe_notice(notice), markup=False, timeout=8)
        if first:
            for problem in view.problems[:3]:
                self.notify(safe_notice(str(problem)), severity="warning", markup=False)
        self.draw()

    def shown_goals(self) -> list[Goal]:
        """The goals in the table, in order."""
        if self.view is None:
            return []
        if self.show_all:
            goals = list(self.view.goals)
        else:
            goals = [g for g in self.view.goals if g.status == "active"]
        goals.sort(key=lambda g: (STATUS_ORDER.get(g.status, 9), g.due or date.max,
                                  g.title.casefold(), g.id))
        return goals

    def draw(self) -> None:
        """Fill the heading and the table."""
        view = self.view
        if view is None:
            return
        lang = self.workspace.lang
        goals = self.shown_goals()
        heading = self.query_one("#goals-heading", Static)
        others = sum(1 for g in view.goals if g.status != "active")
        if self.show_all:
            text = ngettext("{n} goal in all", "{n} goals in all", len(goals)).format(
                n=len(goals)) + " · " + _("a: active only")
        else:
            text = ngettext("{n} active goal", "{n} active goals", len(goals)).format(
                n=len(goals))
            if others:
                text += " · " + ngettext("a: show {n} more (achieved, paused, dropped)",
                                         "a: show {n} more (achieved, paused, dropped)",
                                         others).format(n=others)
        if not view.goals:
            text = _("No goals yet. Press n to set one.")
        heading.update(literal(text))
        table: DataTable[object] = self.query_one("#goals-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        # The title takes what progress and due leave of the width (the bar is shorter
        # below 80 columns); a title that does not fit ends in an ellipsis.
        bar_width = BAR_WIDTH if self.app.size.width >= 80 else 5
        rows = []
        for goal in goals:
            state = view.states.get(goal.id)
            if state is None:
                continue
            title = goal.title
            if self.show_all and goal.status != "active":
                title = f"[{status_label(goal.status)}] {goal.title}"
            rows.append((goal.id, title,
                         f"{bar(state.percent, 0, 100, bar_width)} "
                         f"{progress_number(goal.target, state, lang)}",
                         due_text(goal, view.today, lang, in_due_column=True)))
        progress_width = max([len(_("Progress"))] + [len(r[2]) for r in rows])
        due_width = max([len(_("Due"))] + [len(r[3]) for r in rows])
        inside = table.content_size.width or self.app.size.width - 2
        room = inside - 1 - progress_width - due_width - 2 * 3  # a scroll bar, the padding
        title_width = max(12, min(TITLE_WIDTH, room))
        table.add_column(rich_literal(_("Goal")), key="title", width=title_width)
        table.add_column(rich_literal(_("Progress")), key="progress", width=progress_width)
        table.add_column(rich_literal(_("Due")), key="due", width=due_width)
        for ident, title, progress_text, due in rows:
            table.add_row(rich_literal(one_line(title, title_width)),
                          rich_literal(progress_text), rich_literal(due), key=ident)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        table.focus()

    def on_resize(self) -> None:
        """The columns fit the new width."""
        self.draw()

    # -- actions -------------------------------------------------------------------------------
    def action_toggle_all(self) -> None:
        """Between active goals and every goal."""
        self.show_all = not self.show_all
        self.draw()

    def action_open_goal(self) -> None:
        """Open the goal under the cursor."""
        table: DataTable[object] = self.query_one("#goals-table", DataTable)
        if table.row_count == 0:
            return
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.open_goal(str(row_key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click or Enter on a row opens that goal."""
        event.stop()
        self.open_goal(str(event.row_key.value))

    def open_goal(self, goal_id: str) -> None:
        """Push the goal's own screen."""
        from kohtaa_tui.ui.screens.goal import GoalScreen

        self.app.push_screen(GoalScreen(self.workspace, goal_id))

    def action_new_goal(self) -> None:
        """Open the new-goal dialog; the list is read again when it closes."""
        from kohtaa_tui.ui.modals.new_goal import NewGoalModal

        def reload(_goal: object) -> None:
            self.load()

        self.app.push_screen(NewGoalModal(self.workspace), reload)

    def action_back(self) -> None:
        """Back to where we came from."""
        self.app.pop_screen()
