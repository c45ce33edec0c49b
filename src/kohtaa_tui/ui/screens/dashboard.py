"""The first screen: steps with their trend, goals, latest reflections and the habit."""

from __future__ import annotations

import textwrap
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from kohtaa_tui import i18n
from kohtaa_tui.domain.charts import bar, sparkline
from kohtaa_tui.domain.dashboard import Habit
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.i18n import N_, _, ngettext
from kohtaa_tui.services.overview import CORE_BANK, Overview, check_index, load_overview
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.text import literal, safe_notice
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar
from kohtaa_tui.ui.widgets.panel import Panel, Row

if TYPE_CHECKING:
    from kohtaa_tui.services.sync import SyncStatus

LoadKind = Literal["quick", "thorough", "check"]
"""quick: the index synced by folder mtimes, then the overview read; thorough: synced by
every file's size and mtime; check: a thorough sync, the overview read only if it changed."""

PANEL_TEXT_WIDTH = 34
"""Columns inside a panel at 80x24: hints are wrapped to the panel's width rather than cut."""


def _wrap(text: str, width: int = PANEL_TEXT_WIDTH) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


class DashboardScreen(Relabels, Screen[None]):
    """Where a person lands: how they stand, what moves, what is due."""

    class Drawn(Message):
        """An overview is drawn (the app starts its background work after the first one,
        so that nothing delays the first frame with data)."""

    class Failed(Message):
        """A load failed; its message is drawn."""

    CSS_PATH = Path(__file__).with_name("dashboard.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_entry", N_("Reflect"), id="dashboard-new-entry"),
        Binding("a", "app.assess", N_("Assess"), id="dashboard-assess"),
        Binding("j", "app.journal", N_("Journal"), id="dashboard-journal"),
        Binding("h", "app.history", N_("History"), id="dashboard-history", show=False),
        Binding("g", "app.goals", N_("Goals"), id="dashboard-goals"),
        Binding("p", "app.report", N_("Report"), id="dashboard-report"),
        Binding("o", "app.feedback", N_("Others’ view"), id="dashboard-feedback", show=False),
        Binding("r", "refresh", N_("Refresh"), id="dashboard-refresh", show=False),
        Binding("s", "app.sync", N_("Sync"), id="dashboard-sync", show=False),
        # Shown here, where a newcomer looks for how to leave (the app's own is hidden);
        # priority, as the app's, so that this one is the one on the key line.
        Binding("ctrl+q", "app.quit", N_("Quit"), id="dashboard-quit", priority=True),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.overview: Overview | None = None
        """The data on screen, once loaded."""
        self._loading = False
        self._load_again: LoadKind | None = None
        """What was asked for while a load was under way."""
        self._covered = False
        """True while another screen is on top: coming back loads again."""
        self.sync_status: SyncStatus | None = None
        """Where sync stands (None when the data directory is not synced through git)."""

    def compose(self) -> ComposeResult:
        """Four panels, or a welcome when nothing is saved yet."""
        yield TitleBar()
        with VerticalScroll(id="welcome"):
            yield Static(id="welcome-text")
        with Grid(id="panels"):
            yield Panel(id="steps-panel", classes="panel")
            yield Panel(id="goals-panel", classes="panel")
            yield Panel(id="recent-panel", classes="panel")
            yield Panel(id="habit-panel", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        """Titles and a loading note now, data from a worker."""
        self._panel_titles()
        self.query_one("#welcome").display = False
        self._note(_("Loading…"))
        self.load("quick")

    def _inner_width(self, panel: str | None = None) -> int:
        """Columns inside a panel (`panel`'s own once laid out, else the narrower half of
        the screen, less padding, gutter and borders)."""
        if panel is not None and (width := self.query_one(panel).content_size.width) > 0:
            return width
        return max(10, (self.app.size.width - 3) // 2 - 4)

    def on_resize(self) -> None:
        """The panels fit their rows to the new width."""
        if self.overview is not None:
            self.call_after_refresh(self._draw, self.overview)  # once the panels are laid out

    def _panel_titles(self) -> None:
        self.query_one("#steps-panel").border_title = _("Skill steps")
        self.query_one("#goals-panel").border_title = _("Active goals")
        self.query_one("#recent-panel").border_title = _("Latest reflections")
        self.query_one("#habit-panel").border_title = _("This week")

    def redraw(self, kept: Kept) -> None:
        """In the new language: the titles, and the overview on screen (or the note); then
        the overview read again, as its template and bank titles and the coach's notes were
        read in the language it was loaded in."""
        self._panel_titles()
        if self.overview is None:
            self.query_one("#welcome").display = False
            self._note(_("Loading…"))
        else:
            self._draw(self.overview)
            self.load("quick")

    def on_screen_suspend(self) -> None:
        """Another screen opened on top."""
        self._covered = True

    def on_screen_resume(self) -> None:
        """Coming back from another screen: show what changed there (not on the first
        resume, which comes right after mount and its load)."""
        if self._covered:
            self._covered = False
            self.load("quick")  # kohtaa's own saves are in the index already

    def action_refresh(self) -> None:
        """Load everything again, every file checked."""
        self.load("thorough")

    def check(self) -> None:
        """Check every file against the index (after a quick load), and show the overview
        again if that found a change."""
        self.load("check")

    def load(self, kind: LoadKind = "thorough") -> None:
        """Start a load, or ask for one more after the load under way (two loads at once
        would build the same index twice)."""
        if self._loading:
            pending = self._load_again
            self._load_again = kind if pending in (None, kind) else "thorough"
            return
        self._loading = True
        self._load_again = None
        self._load_worker(kind)

    def _loaded(self) -> None:
        """A load ended (shown or failed): start the one asked for meanwhile."""
        self._loading = False
        if self._load_again is not None and self.is_attached:
            self.load(self._load_again)

    def _note(self, text: str) -> None:
        """One line in the panels while there is nothing (yet) to show in them."""
        if self.overview is not None:
            return
        self.query_one("#welcome").display = False
        self.query_one("#panels").display = True
        self.query_one("#steps-panel", Panel).show_rows([Row(text)])

    def _progress(self, done: int, total: int) -> None:
        """Called from the worker while the search index is built."""
        self.app.call_from_thread(self._note, _("Building the search index… {done} of {total}")
                                  .format(done=done, total=total))

    def _failed(self, message: str) -> None:
        self._loaded()
        text = one_line(_("Could not load the overview: {error}").format(error=message), 200)
        self._note(text + "\n" + _("Press r to try again."))
        self.notify(safe_notice(text), severity="error", markup=False, timeout=10)
        self.post_message(self.Failed())

    @work(thread=True, group="dashboard", exit_on_error=False)
    def _load_worker(self, kind: LoadKind) -> None:
        """Read the overview off the UI thread; a failure becomes a one-line message."""
        try:
            if kind == "check" and not check_index(self.workspace):
                self.app.call_from_thread(self._loaded)
                return
            overview = load_overview(self.workspace, on_index=self._progress,
                                     thorough=kind == "thorough")
            self.sync_status = None
            if not self.workspace.demo and (self.workspace.data_dir / ".git").exists():
                from kohtaa_tui.services.sync import brief

                self.sync_status = brief(self.workspace.data_dir)
        except Exception as error:  # shown in one line, never blank panels
            message = str(error) or type(error).__name__
            self.app.call_from_thread(self._failed, message)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, overview)

    def show(self, overview: Overview) -> None:
        """Draw the overview."""
        self._loaded()
        first_time = self.overview is None
        self.overview = overview
        self._draw(overview)
        if first_time and not overview.empty and not isinstance(self.focused, Panel):
            # The cursor on the first panel: the arrows and Enter work from the start.
            self.query_one("#steps-panel", Panel).focus()
        if first_time and overview.problems:
            count = len(overview.problems)
            self.notify(safe_notice(ngettext(
                "{n} file could not be read and was left as it is; run `kohtaa doctor`.",
                "{n} files could not be read and were left as they are; run `kohtaa doctor`.",
                count).format(n=count)), severity="warning", markup=False, timeout=8)
        self.post_message(self.Drawn())

    def _draw(self, overview: Overview) -> None:
        """The panels (or the welcome) of `overview`."""
        welcome = overview.empty
        self.query_one("#welcome").display = welcome
        self.query_one("#panels").display = not welcome
        if welcome:
            self.query_one("#welcome-text", Static).update(self._welcome())
        else:
            self.query_one("#steps-panel", Panel).show_rows(self._steps(overview))
            self.query_one("#goals-panel", Panel).show_rows(self._goals(overview))
            self.query_one("#recent-panel", Panel).show_rows(self._recent(overview))
            self.query_one("#habit-panel", Panel).show_rows(self._habit(overview))

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
            _("Press F1 for help, Ctrl+P for every command, Ctrl+Q to quit."),
        ]
        return literal("\n".join(lines))

    def _steps(self, overview: Overview) -> list[Row]:
        lang = self.workspace.lang
        low, high = overview.scale
        rows: list[Row] = []
        # Name, trend, score and change; where the panel is narrow (60 columns), the trend
        # gives way first, so that every step's score stays on screen.
        width = self._inner_width("#steps-panel")
        spark = min(8, width - 13 - 10)
        for trend in overview.trends:
            name = one_line(get_step(trend.step).short.get(lang), 13).ljust(13)
            if trend.latest is None:
                rows.append(Row(f"{name}  " + _("no score yet"), ("step", trend.step)))
                continue
            line = (" " + sparkline(trend.scores[-spark:], low, high).rjust(spark)
                    if spark >= 3 else "")
            change = f" {i18n.signed(trend.change)}" if trend.change is not None else ""
            rows.append(Row(f"{name}{line} {i18n.number(trend.latest)}{change}",
                            ("step", trend.step)))
        if overview.feedback is None:  # room for others' view at 80x24
            rows.append(Row(""))
        if overview.core_results == 0:
            rows.append(Row(_wrap(_("Take the core assessment (a) to see your scores."),
                                  width)))
        else:
            rows.append(Row(_wrap(ngettext("from {n} core assessment",
                                           "from {n} core assessments", overview.core_results)
                                  .format(n=overview.core_results), width)))
        rows.extend(Row(line, ("feedback", "")) for line in self._feedback(overview))
        return rows

    def _feedback(self, overview: Overview) -> list[str]:
        """Others' view in two short lines (o or Enter opens it), when feedback was imported."""
        found = overview.feedback
        if found is None:
            return []
        lines = [ngettext("others’ view: {n} answer (o)", "others’ view: {n} answers (o)",
                          found.responses).format(n=found.responses)]
        if found.step is not None and found.gap is not None:
            label = (_("blind spot") if found.reading == "blind_spot"
                     else _("hidden strength"))
            lines.append(f"  {label}: {get_step(found.step).short.get(self.workspace.lang)} "
                         f"{i18n.signed(found.gap)}")
        return lines

    def _goals(self, overview: Overview) -> list[Row]:
        if not overview.goals:
            return [Row(_wrap(_("No active goals. Press g to set one."),
                              self._inner_width("#goals-panel")))]
        rows: list[Row] = []
        tails = []
        for line in overview.goals[:5]:
            percent = line.progress.percent
            due = ""
            if line.goal.due is not None:
                due = (_("overdue {date}") if line.overdue else _("due {date}")).format(
                    date=i18n.day(line.goal.due))
            tails.append(f"{percent:.0f} % {due}".rstrip())
        # One bar width for every goal: shorter (or none) when the panel is narrow, so that
        # no due date is cut.
        inner = self._inner_width("#goals-panel")
        room = inner - 3 - max(map(len, tails))
        width = 10 if room >= 20 else 6 if room >= 6 else 0
        indent = "  " if width else " "
        if len(indent) + max(map(len, tails)) > inner:  # the narrowest: "90% due …"
            indent, tails = "", [tail.replace(" % ", "% ", 1) for tail in tails]
        for line, tail in zip(overview.goals[:5], tails, strict=True):
            item = ("goal", line.goal.id)
            rows.append(Row(one_line(line.goal.title, 80), item))
            meter = f"{bar(line.progress.percent, 0, 100, width)} " if width else ""
            rows.append(Row(f"{indent}{meter}{tail}", item))
        if len(overview.goals) > 5:
            rows.append(Row(_("… and {n} more").format(n=len(overview.goals) - 5),
                            ("goals", "")))
        return rows

    def _recent(self, overview: Overview) -> list[Row]:
        if not overview.recent:
            return [Row(_wrap(_("No reflections yet. Press n after your next encounter."),
                              self._inner_width("#recent-panel")))]
        tz = self.workspace.clock.local_tz()
        rows = []
        for entry in overview.recent:
            day = i18n.day(entry.created.astimezone(tz).date())
            # The title has the whole line; the day and the form below it.
            item = ("entry", entry.id)
            rows.append(Row(one_line(entry.title, 80), item))
            rows.append(Row(one_line(f"  {day} · {entry.schema_title}", 80), item))
        return rows

    @staticmethod
    def _streak(habit: Habit) -> str:
        if habit.streak_ends_last_week:
            # Two short lines: the panel is about 34 columns wide at 80x24.
            return ngettext("streak: {n} week up to last week",
                            "streak: {n} weeks up to last week",
                            habit.streak_weeks).format(n=habit.streak_weeks) + "\n" + _(
                "reflect this week to keep it")
        return ngettext("streak: {n} week with a reflection", "streak: {n} weeks in a row",
                        habit.streak_weeks).format(n=habit.streak_weeks)

    def _habit(self, overview: Overview) -> list[Row]:
        habit = overview.habit
        rows: list[Row] = []
        for line in overview.assignments:
            state = line.status.state
            if state == "upcoming":
                continue
            label = {"overdue": _("OVERDUE"), "due": _("due"), "done": _("done")}[state]
            when = i18n.day(line.status.done_on if state == "done" and line.status.done_on
                            else line.status.due)
            item = ("assignment", line.bank_id)
            rows.append(Row(one_line(f"{label} {when}: {line.title}"), item))
            by = (_("assigned by {name}: {note}").format(name=line.assigned_by, note=line.note)
                  if line.note.strip() else _("assigned by {name}").format(name=line.assigned_by))
            rows.append(Row(one_line("  " + by, 200), item))
        if rows:
            rows.append(Row(""))
        width = self._inner_width("#habit-panel")
        rows += [Row(text) for text in [
            _wrap(ngettext("{n} reflection this week", "{n} reflections this week",
                           habit.this_week).format(n=habit.this_week), width),
            "\n".join(_wrap(line, width) for line in self._streak(habit).split("\n")),
            "",
            _wrap(ngettext("{n} reflection in all", "{n} reflections in all",
                           overview.entry_count).format(n=overview.entry_count), width),
            _wrap(ngettext("{n} assessment in all", "{n} assessments in all",
                           overview.result_count).format(n=overview.result_count), width),
        ]]
        rows += [Row(line) for line in self._sync_lines()]
        return rows

    def _sync_lines(self) -> list[str]:
        """When sync is set up: when it last ran and what waits (s syncs)."""
        found = self.sync_status
        if found is None:
            return []
        when = _("never")
        if found.last_sync:
            try:
                moment = datetime.fromisoformat(found.last_sync)
                when = i18n.moment(moment, self.workspace.clock.local_tz(), self.workspace.lang)
            except ValueError:
                pass
        waiting = found.waiting + found.ahead
        wait = (ngettext("{n} change waits (s syncs)", "{n} changes wait (s syncs)",
                         waiting).format(n=waiting) if waiting else _("nothing waits"))
        lines = ["", one_line(_("synced {when}").format(when=when), 60), wait]
        if found.conflict_copies:
            lines.append(ngettext("{n} version kept from a conflict: kohtaa sync conflicts",
                                  "{n} versions kept from conflicts: kohtaa sync conflicts",
                                  found.conflict_copies).format(n=found.conflict_copies))
        return lines

    # -- opening what is under the cursor -----------------------------------------------------
    def on_panel_opened(self, event: Panel.Opened) -> None:
        """Enter on a panel's item: the steps' history, others' view, the goal, the
        reflection, or the assignment with its whole note."""
        event.stop()
        if not isinstance(event.item, tuple):
            return
        kind, ident = str(event.item[0]), str(event.item[1])
        app = self.app
        if kind == "step":
            from kohtaa_tui.ui.screens.history import HistoryScreen

            app.push_screen(HistoryScreen(self.workspace, CORE_BANK))
        elif kind == "goal":
            from kohtaa_tui.ui.screens.goal import GoalScreen

            app.push_screen(GoalScreen(self.workspace, ident))
        elif kind == "goals":
            from kohtaa_tui.ui.screens.goals import GoalsScreen

            app.push_screen(GoalsScreen(self.workspace))
        elif kind == "feedback":
            from kohtaa_tui.ui.screens.feedback import FeedbackScreen

            app.push_screen(FeedbackScreen(self.workspace))
        elif kind == "entry":
            self._open_entry(ident)
        elif kind == "assignment":
            self._open_assignment(ident)

    def _open_entry(self, entry_id: str) -> None:
        from kohtaa_tui.services import journal_data
        from kohtaa_tui.ui.screens.journal_entry import EntryViewScreen

        loaded = journal_data.find_entry(self.workspace, entry_id)
        if loaded is None:
            self.notify(safe_notice(_("That reflection is no longer there.")),
                        severity="warning", markup=False)
            self.load("thorough")
            return
        self.app.push_screen(EntryViewScreen(self.workspace, loaded))

    def _open_assignment(self, bank_id: str) -> None:
        from kohtaa_tui.ui.modals.assignment import AssignmentModal
        from kohtaa_tui.ui.screens.bank_picker import BankPickerScreen

        line = next((a for a in self.overview.assignments if a.bank_id == bank_id), None) \
            if self.overview is not None else None
        if line is None:
            return

        def chosen(start: bool | None) -> None:
            if start:
                self.app.push_screen(BankPickerScreen(self.workspace, bank_id))

        self.app.push_screen(AssignmentModal(line), chosen)
