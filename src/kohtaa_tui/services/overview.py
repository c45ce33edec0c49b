"""What the dashboard shows, gathered from the store in one call (headless, testable)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.assignments import AssignmentStatus, assignment_status
from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.dashboard import Habit, StepTrend, recent_habit, scale_of, step_trends
from kohtaa_tui.domain.document import latest_versions
from kohtaa_tui.domain.goals import Goal, Progress, entries_for_goal, is_overdue, progress
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.services.feedback import FeedbackSummary, feedback_summary
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.index import EntryFilter, JournalIndex
from kohtaa_tui.storage.index import Progress as IndexProgress
from kohtaa_tui.storage.journal import JournalService
from kohtaa_tui.storage.repository import Loaded, Store
from kohtaa_tui.storage.survey import survey

CORE_BANK = "core"
LATEST_COUNT = 5


@dataclass(frozen=True)
class RecentEntry:
    """One line of the latest reflections."""

    id: str
    created: datetime
    title: str
    schema_title: str


@dataclass(frozen=True)
class GoalLine:
    """One active goal with its progress."""

    goal: Goal
    progress: Progress
    overdue: bool


@dataclass(frozen=True)
class AssignmentLine:
    """An assigned bank and where it stands this period."""

    bank_id: str
    title: str
    assigned_by: str
    status: AssignmentStatus
    note: str = ""
    """The coach's note, in the person's language ("" when there is none)."""


@dataclass(frozen=True)
class Overview:
    """Everything the dashboard draws."""

    today: date
    trends: tuple[StepTrend, ...]
    scale: tuple[int, int]
    core_results: int
    goals: tuple[GoalLine, ...]
    recent: tuple[RecentEntry, ...]
    habit: Habit
    entry_count: int
    result_count: int
    assignments: tuple[AssignmentLine, ...] = field(default=())
    problems: tuple[Problem, ...] = field(default=())
    feedback: FeedbackSummary | None = None
    """Others' view in one line, when feedback was imported."""

    @property
    def empty(self) -> bool:
        """True when nothing has been saved yet: the dashboard welcomes instead."""
        return not (self.entry_count or self.result_count or self.goals or self.assignments)


def assignment_lines(banks: list[Loaded[QuestionBank]], results: list[AssessmentResult],
                     tz: tzinfo, today: date, lang: str) -> tuple[AssignmentLine, ...]:
    """Each bank's current assignment (from its latest version), overdue and due first."""
    return assignments_of([item.value for item in banks], results, tz, today, lang)


def assignments_of(banks: Sequence[QuestionBank], results: Sequence[AssessmentResult],
                   tz: tzinfo, today: date, lang: str) -> tuple[AssignmentLine, ...]:
    """As `assignment_lines`, of banks already read."""
    latest = latest_versions(banks)
    lines = []
    for bank in latest.values():
        if bank.assignment is None:
            continue
        done_days = [local_date(r.completed, tz) for r in results if r.bank_id == bank.id]
        status = assignment_status(bank.assignment, done_days, today)
        note = bank.assignment.note.get(lang) if bank.assignment.note else ""
        lines.append(AssignmentLine(bank.id, bank.title.get(lang), bank.assignment.assigned_by,
                                    status, note))
    order = {"overdue": 0, "due": 1, "upcoming": 2, "done": 3}
    lines.sort(key=lambda line: (order[line.status.state], line.status.due))
    return tuple(lines)


def bank_assignments(ws: Workspace, banks: Sequence[QuestionBank]) -> dict[str, AssignmentLine]:
    """The current assignment of each of `banks` that carries one, by bank id (the bank
    picker marks them); nothing is read when none does."""
    if not any(bank.assignment is not None for bank in banks):
        return {}
    tz = ws.clock.local_tz()
    today = local_date(ws.clock.now(), tz)
    with JournalIndex.open(ws.store) as index:
        index.sync(thorough=False)
        results = index.results(answers=False)
    lines = assignments_of(banks, results, tz, today, ws.lang)
    return {line.bank_id: line for line in lines}


def banks_with_assignments(store: Store) -> list[Loaded[QuestionBank]]:
    """The banks `assignment_lines` needs: all of them once any bank is installed (a newer
    shipped version hides an older installed one's assignment), none before that, for the
    shipped banks carry no assignment (a test checks) and are not worth parsing for it."""
    folder = store.banks_dir
    if not folder.is_dir() or not any(folder.rglob("*.toml")):
        return []
    return store.banks()[0]


def _countable(goal: Goal, entries: Sequence[JournalEntry]) -> Sequence[JournalEntry]:
    """The entries a count goal can count (all of them for other kinds of goal: unused)."""
    if goal.target.kind != "count":
        return ()
    return entries_for_goal(entries, goal.start, goal.target.schema_id)


def counted_entries(index: JournalIndex, goals: Sequence[Goal]) -> list[JournalEntry]:
    """What the count goals among `goals` may count, from the index (nothing when there is
    no count goal): from the earliest start, of their schemas."""
    counting = [goal for goal in goals if goal.target.kind == "count"]
    if not counting:
        return []
    schema_ids = None if any(g.target.schema_id is None for g in counting) else {
        g.target.schema_id for g in counting if g.target.schema_id}
    return index.progress_entries(min(g.start for g in counting), schema_ids)


def check_index(ws: Workspace) -> bool:
    """Compare the index with every journal file's size and mtime (a thorough sync, for
    after a quick load); True when an entry was read again, added or dropped."""
    with JournalIndex.open(ws.store) as index:
        return index.sync(thorough=True).changed > 0


def load_overview(ws: Workspace, on_index: IndexProgress | None = None, *,
                  thorough: bool = True) -> Overview:
    """Read what the dashboard needs (entries and results through the index, not by
    parsing every file); `on_index(done, total)` is called while the index is built.

    thorough: sync the index by every file's size and mtime; else by the folders' mtimes,
    which sees files created, deleted or replaced (every save of kohtaa and of sync tools),
    not a file rewritten in place (`check_index` afterwards catches that).
    """
    store = ws.store
    tz = ws.clock.local_tz()
    today = local_date(ws.clock.now(), tz)
    loaded_goals, goal_problems = store.goals()
    all_schemas = [item.value for item in store.schemas()[0]]
    schemas = latest_versions(all_schemas)
    journal = JournalService.open(store, all_schemas, progress=on_index, thorough=thorough)
    with journal.index as index:
        results: list[AssessmentResult] = index.results(answers=False)
        problems = index.problems()
        everything = EntryFilter(include_private=True)
        recent = tuple(
            RecentEntry(s.id, s.created, s.title,
                        schemas[s.schema_id].title.get(ws.lang) if s.schema_id in schemas
                        else s.schema_id)
            for s in index.query(everything, limit=LATEST_COUNT)
        )
        entry_count = index.count(everything)
        habit = recent_habit(index.created_newest_first(), tz, today)
        active = [item.value for item in loaded_goals if item.value.status == "active"]
        counted = counted_entries(index, active)
    goals = []
    for goal in active:
        state = progress(goal, results, _countable(goal, counted), schemas, tz)
        goals.append(GoalLine(goal, state, is_overdue(goal, today)))
    goals.sort(key=lambda line: (line.goal.due or date.max, line.goal.title.casefold()))
    assignments = assignment_lines(banks_with_assignments(store), results, tz, today, ws.lang)
    return Overview(
        today=today,
        trends=step_trends(results, CORE_BANK),
        scale=scale_of(results, CORE_BANK),
        core_results=sum(1 for r in results if r.bank_id == CORE_BANK),
        goals=tuple(goals),
        recent=recent,
        habit=habit,
        entry_count=entry_count,
        result_count=len(results),
        assignments=assignments,
        feedback=feedback_summary(ws),
        # The same files `kohtaa doctor` counts: entries and results from the index, goals
        # as loaded above, every other kind (and anything in the way) from the survey.
        problems=tuple(problems + goal_problems + survey(
            store.data_dir, skip=("journal", "results", "goals")).errors),
    )
