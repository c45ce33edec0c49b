"""The first screen: steps with their trend, goals, latest reflections and the habit."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from kohtaa_tui import i18n
from kohtaa_tui.domain.charts import bar, sparkline
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.overview import Overview, load_overview
from kohtaa_tui.ui.text import literal, safe_notice
from kohtaa_tui.workspace import Workspace


class DashboardScreen(Screen[None]):
    """Where a person lands: how they stand, what moves, what is due."""

    CSS_PATH = Path(__file__).with_name("dashboard.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_entry", _("Reflect"), id="dashboard-new-entry"),
        Binding("a", "app.assess", _("Assess"), id="dashboard-assess"),
        Binding("j", "app.journal", _("Journal"), id="dashboard-journal"),
        Binding("h", "app.history", _("History"), id="dashboard-history"),
        Binding("g", "app.goals", _("Goals"), id="dashboard-goals"),
        Binding("p", "app.report", _("Report"), id="dashboard-report"),
        Binding("r", "refresh", _("Refresh"), id="dashboard-refresh", show=False),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.overview: Overview | None = None
        """The data on screen, once loaded."""

    def compose(self) -> ComposeResult:
        """Four panels, or a welcome when nothing is saved yet."""
        yield Header()
        with VerticalScroll(id="welcome"):
            yield Static(id="welcome-text")
        with Grid(id="panels"):
            yield Static(id="steps-panel", classes="panel")
            yield Static(id="goals-panel", classes="panel")
            yield Static(id="recent-panel", classes="panel")
            yield Static(id="habit-panel", classes="panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Titles now, data from a worker."""
        self.query_one("#steps-panel").border_title = _("Skill steps")
        self.query_one("#goals-panel").border_title = _("Active goals")
        self.query_one("#recent-panel").border_title = _("Latest reflections")
        self.query_one("#habit-panel").border_title = _("This week")
        self.query_one("#welcome").display = False
        self.load()

    def on_screen_resume(self) -> None:
        """Coming back from another screen: show what changed there."""
        self.load()

    def action_refresh(self) -> None:
        """Load everything again."""
        self.load()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        """Read the overview off the UI thread."""
        overview = load_overview(self.workspace)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, overview)

    def show(self, overview: Overview) -> None:
        """Draw the overview."""
        first_time = self.overview is None
        self.overview = overview
        welcome = overview.empty
        self.query_one("#welcome").display = welcome
        self.query_one("#panels").display = not welcome
        if welcome:
            self.query_one("#welcome-text", Static).update(self._welcome())
        else:
            self.query_one("#steps-panel", Static).update(self._steps(overview))
            self.query_one("#goals-panel", Static).update(self._goals(overview))
            self.query_one("#recent-panel", Static).update(self._recent(overview))
            self.query_one("#habit-panel", Static).update(self._habit(overview))
        if first_time and overview.problems:
            count = len(overview.problems)
            self.notify(safe_notice(ngettext(
                "{n} file could not be read and was left as it is; run `kohtaa doctor`.",
                "{n} files could not be read and were left as they are; run `kohtaa doctor`.",
                count).format(n=count)), severity="warning", markup=False, timeout=8)

    # -- panels ---------------------------------------------------------------------------
    def _welcome(self) -> Content:
        lang = self.workspace.lang
        lines = [
            _("Welcome to kohtaa."),
            "",
            _("Good encounters rest on five skill steps:"),
        ]
        for step_id in ("listening", "communication", "negotiation", "positivity", "feedback"):
            step = get_step(step_id)
            lines.append(f"  {step.number}. {step.name.get(lang)}")
        lines += [
            "",
            _("Start where you stand:"),
            "  " + _("a  take your first self-assessment (about 8 minutes)"),
            "  " + _("n  write a reflection on your latest customer encounter"),
            "  " + _("g  set a goal"),
            "",
            _("Press F1 for help, Ctrl+P for every command."),
        ]
        return literal("\n".join(lines))

    def _steps(self, overview: Overview) -> Content:
        lang = self.workspace.lang
        low, high = overview.scale
        rows: list[str] = []
        for trend in overview.trends:
            name = get_step(trend.step).short.get(lang)[:13].ljust(13)
            if trend.latest is None:
                rows.append(f"{name}  " + _("no score yet"))
                continue
            line = sparkline(trend.scores[-8:], low, high).rjust(8)
            change = f" {i18n.signed(trend.change)}" if trend.change is not None else ""
            rows.append(f"{name} {line} {i18n.number(trend.latest)}{change}")
        rows.append("")
        if overview.core_results == 0:
            rows.append(_("Take the core assessment (a) to see your scores."))
        else:
            rows.append(ngettext("from {n} core assessment", "from {n} core assessments",
                                 overview.core_results).format(n=overview.core_results))
        return literal("\n".join(rows))

    def _goals(self, overview: Overview) -> Content:
        if not overview.goals:
            return literal(_("No active goals. Press g to set one."))
        rows: list[str] = []
        for line in overview.goals[:5]:
            percent = line.progress.percent
            due = ""
            if line.goal.due is not None:
                due = (_("overdue {date}") if line.overdue else _("due {date}")).format(
                    date=i18n.day(line.goal.due))
            rows.append(one_line(line.goal.title, 80))
            rows.append(f"  {bar(percent, 0, 100, 10)} {percent:3.0f} %  {due}".rstrip())
        if len(overview.goals) > 5:
            rows.append(_("… and {n} more").format(n=len(overview.goals) - 5))
        return literal("\n".join(rows))

    def _recent(self, overview: Overview) -> Content:
        if not overview.recent:
            return literal(_("No reflections yet. Press n after your next encounter."))
        tz = self.workspace.clock.local_tz()
        rows = []
        for entry in overview.recent:
            day = i18n.day(entry.created.astimezone(tz).date())
            rows.append(one_line(f"{day} {entry.title}", 80))
            rows.append(one_line(f"  {entry.schema_title}", 80))
        return literal("\n".join(rows))

    def _habit(self, overview: Overview) -> Content:
        habit = overview.habit
        rows = []
        for line in overview.assignments:
            state = line.status.state
            if state == "upcoming":
                continue
            label = {"overdue": _("OVERDUE"), "due": _("due"), "done": _("done")}[state]
            when = i18n.day(line.status.done_on if state == "done" and line.status.done_on
                            else line.status.due)
            rows.append(f"{label} {when}: {line.title}")
            by = (_("assigned by {name}: {note}").format(name=line.assigned_by, note=line.note)
                  if line.note.strip() else _("assigned by {name}").format(name=line.assigned_by))
            rows.append(one_line("  " + by, 200))
        if rows:
            rows.append("")
        rows += [
            ngettext("{n} reflection this week", "{n} reflections this week",
                     habit.this_week).format(n=habit.this_week),
            ngettext("streak: {n} week with a reflection", "streak: {n} weeks in a row",
                     habit.streak_weeks).format(n=habit.streak_weeks),
            "",
            ngettext("{n} reflection in all", "{n} reflections in all",
                     overview.entry_count).format(n=overview.entry_count),
            ngettext("{n} assessment in all", "{n} assessments in all",
                     overview.result_count).format(n=overview.result_count),
        ]
        return literal("\n".join(rows))
