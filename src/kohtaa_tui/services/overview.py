"""What the dashboard shows, gathered from the store in one call (headless, testable)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.assignments import AssignmentStatus, assignment_status
from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.dashboard import Habit, StepTrend, recent_habit, scale_of, step_trends
from kohtaa_tui.domain.document import latest_versions
from kohtaa_tui.domain.goals import (
    Goal,
    Progress,
    count_progress,
    entries_for_goal,
    is_overdue,
    progress,
)
from kohtaa_tui.domain.journal import JournalEntry, JournalSchema
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.services.feedback import FeedbackSummary, feedback_summary
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.index import EntryFilter, JournalIndex
from kohtaa_tui.storage.index import Progress as IndexProgress
from kohtaa_tui.storage.kinds import DATA_KINDS
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
    results = ws.journal(sync="quick").index.results(answers=False)
    lines = assignments_of(banks, results, tz, today, ws.lang)
    return {line.bank_id: line for line in lines}


def banks_with_assignments(store: Store) -> list[Loaded[QuestionBank]]:
    """The banks `assignment_lines` needs: all of them once any bank is installed (a newer
    shipped version hides an older installed one's assignment), none before that, for the
    shipped banks carry no assignment (a test checks) and are not worth parsing for it."""
    folder = store.banks_dir
    if not folder.is_dir() or not any(folder.rglob("*.toml")):
        return []
    return [entry.loaded for entry in load_banks(store).offered()]


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


def goal_lines(index: JournalIndex, goals: Sequence[Goal],
               results: Sequence[AssessmentResult], schemas: Mapping[str, JournalSchema],
               tz: tzinfo, today: date) -> list[GoalLine]:
    """Each goal with its progress (domain.goals.progress); a count goal's from the moments
    of what it counts, read from the index in one query (at 100,000 entries, thousands of
    entries are not built to be counted)."""
    counting = [goal for goal in goals if goal.target.kind == "count" and goal.target.count]
    rows: list[tuple[Any, ...]] = []
    if counting:
        schema_ids = None if any(not g.target.schema_id for g in counting) else {
            g.target.schema_id for g in counting if g.target.schema_id}
        rows = index.counted_rows(min(_local_start(g.start, tz) for g in counting),
                                  schema_ids)
    lines = []
    for goal in goals:
        if goal in counting:
            state = count_progress(goal, _moments(goal, rows, tz))
        else:
            state = progress(goal, results, (), schemas, tz)
        lines.append(GoalLine(goal, state, is_overdue(goal, today)))
    return lines


def _local_start(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, datetime.min.time(), tz)


def _moments(goal: Goal, rows: Sequence[tuple[Any, ...]], tz: tzinfo) -> list[datetime]:
    """When each entry of `rows` (JournalIndex.counted_rows) that the count goal counts was
    written: from its start's local midnight, of its schema, rated as it asks."""
    target = goal.target
    since = math.ceil(_local_start(goal.start, tz).timestamp())
    column = (2 + STEP_IDS.index(target.step)
              if target.step in STEP_IDS and target.min_rating is not None else None)
    stamp = datetime.fromtimestamp
    return [stamp(row[0], UTC) for row in rows
            if row[0] >= since and (not target.schema_id or row[1] == target.schema_id)
            and (column is None or (row[column] is not None
                                    and row[column] >= target.min_rating))]


INDEXED_TREES = ("journal", "results")
"""The folders whose files the index reads (and knows the problems of)."""

_in_the_way: dict[str, tuple[Problem, ...]] = {}
"""What the last look (a thorough load or check_index, in this process) found in the way
below INDEXED_TREES (a folder or fifo named like an entry), by data directory."""


def indexed_trees_in_the_way(data_dir: Path) -> tuple[Problem, ...]:
    """What is in the way below the folders the index reads (a walk of every name in them:
    at 100,000 entries about 80 ms), kept for the next quick load."""
    kinds = tuple(kind for kind in DATA_KINDS if kind.folder in INDEXED_TREES)
    found = tuple(survey(data_dir, skip=INDEXED_TREES, kinds=kinds).errors)
    _in_the_way[str(data_dir)] = found
    return found


def check_index(ws: Workspace) -> bool:
    """Compare the index with every journal file's size and mtime (a thorough sync, for
    after a quick load) and look for what is in the way below its folders; True when an
    entry was read again, added or dropped, or what is in the way is not what the last quick
    load showed."""
    before = _in_the_way.get(str(ws.store.data_dir), ())
    changed = ws.journal(sync="none").index.sync(thorough=True).changed > 0
    return indexed_trees_in_the_way(ws.store.data_dir) != before or changed


def load_overview(ws: Workspace, on_index: IndexProgress | None = None, *,
                  thorough: bool = True) -> Overview:
    """Read what the dashboard needs (entries and results through the index, not by
    parsing every file); `on_index(done, total)` is called while the index is built.

    thorough: sync the index by every file's size and mtime, and walk the index's folders
    for what is in the way; else by the folders' mtimes, which sees files created, deleted
    or replaced (every save of kohtaa and of sync tools), not a file rewritten in place, and
    what is in the way as the last look found it (`check_index` afterwards catches both).
    """
    store = ws.store
    tz = ws.clock.local_tz()
    today = local_date(ws.clock.now(), tz)
    loaded_goals, goal_problems = store.goals()
    journal = ws.journal(sync="thorough" if thorough else "quick", progress=on_index)
    schemas = latest_versions(journal.schemas)
    index = journal.index
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
    goals = goal_lines(index, active, results, schemas, tz, today)
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
        problems=tuple(problems + goal_problems + list(
            indexed_trees_in_the_way(store.data_dir) if thorough
            else _in_the_way.get(str(store.data_dir), ())) + survey(
            store.data_dir, skip=("goals",), kinds=tuple(
                kind for kind in DATA_KINDS if kind.folder not in INDEXED_TREES)).errors),
    )
