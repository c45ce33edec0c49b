"""Personal goals: a target of one of three kinds, append-only check-ins, and progress."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.document import (
    MAX_ENTRY_TEXT,
    Reader,
    merge_extra,
    read_header,
)
from kohtaa_tui.domain.journal import JournalEntry, JournalSchema, step_ratings
from kohtaa_tui.domain.problems import N_, Issue, has_errors
from kohtaa_tui.domain.steps import STEP_IDS

STATUSES: tuple[str, ...] = ("active", "achieved", "paused", "dropped")
TARGET_KINDS: tuple[str, ...] = ("score", "count", "manual")
MAX_CHECK_INS = 100_000


@dataclass(frozen=True, kw_only=True)
class Target:
    """What reaching the goal means.

    score: `step`'s score in bank `bank_id` reaches `value`; progress counts from
    `baseline`, the step's score when the goal started.
    count: `count` reflections (of schema `schema_id` if given; rating `step` at least
    `min_rating` if given) written since the goal started.
    manual: check-ins move progress in percent.
    """

    kind: str
    value: float | None = None
    bank_id: str | None = None
    step: str | None = None
    count: int | None = None
    schema_id: str | None = None
    min_rating: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)
    baseline: float | None = None


@dataclass(frozen=True, kw_only=True)
class CheckIn:
    """A note on the way. Never changed in place: an edit is a new check-in that `replaces`."""

    id: str
    at: datetime
    note: str = ""
    progress: int | None = None
    entry_id: str | None = None
    replaces: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class Goal:
    """A personal goal, saved as one file with its check-ins."""

    id: str
    title: str
    created: datetime
    start: date
    target: Target
    why: str = ""
    step: str | None = None
    due: date | None = None
    status: str = "active"
    achieved_on: date | None = None
    check_ins: tuple[CheckIn, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def current_check_ins(self) -> tuple[CheckIn, ...]:
        """The check-ins as they read now: each edit shown in place of what it replaced."""
        replaced = {c.replaces for c in self.check_ins if c.replaces}
        return tuple(c for c in self.check_ins if c.id not in replaced)

    def history_of(self, check_in_id: str) -> tuple[CheckIn, ...]:
        """The versions of one check-in, oldest first."""
        by_id = {c.id: c for c in self.check_ins}
        chain: list[CheckIn] = []
        current = by_id.get(check_in_id)
        while current is not None:
            chain.append(current)
            current = by_id.get(current.replaces) if current.replaces else None
        return tuple(reversed(chain))


@dataclass(frozen=True, kw_only=True)
class Progress:
    """Where a goal stands: percent 0..100, the current and target values, and the series."""

    percent: float
    current: float | None
    target: float | None
    reached: bool
    series: tuple[tuple[datetime, float], ...] = ()
    reached_at: datetime | None = None
    """When the target was reached: the result, entry or check-in from which it has held."""


def _reached_at(series: tuple[tuple[datetime, float], ...], goal_value: float,
                reached: bool) -> datetime | None:
    """The first point of the last run of points at or over the target."""
    if not reached:
        return None
    moment: datetime | None = None
    for at, value in series:
        if value >= goal_value:
            if moment is None:
                moment = at
        else:
            moment = None
    return moment


def with_check_in(goal: Goal, check_in: CheckIn) -> Goal:
    """The goal with one more check-in (history is only ever added to)."""
    return replace(goal, check_ins=(*goal.check_ins, check_in))


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def score_baseline(bank_id: str, step: str, start: date,
                   results: Iterable[AssessmentResult], tz: tzinfo) -> float | None:
    """The step's score at the start: the latest result of the bank on or before `start`."""
    before = [r for r in results
              if r.bank_id == bank_id and step in r.scores
              and local_date(r.completed, tz) <= start]
    latest = max(before, key=lambda r: r.completed, default=None)
    return latest.scores[step] if latest is not None else None


def with_baseline(target: Target, start: date, results: Iterable[AssessmentResult],
                  tz: tzinfo) -> Target:
    """A score target with its baseline filled in from the results (others unchanged)."""
    if target.kind != "score" or not target.bank_id or not target.step:
        return target
    return replace(target, baseline=score_baseline(target.bank_id, target.step, start,
                                                   results, tz))


def progress(goal: Goal, results: Iterable[AssessmentResult], entries: Iterable[JournalEntry],
             schemas: Mapping[str, JournalSchema], tz: tzinfo) -> Progress:
    """The goal's progress from the results and entries (manual goals: from check-ins)."""
    target = goal.target
    if target.kind == "score" and target.value is not None and target.bank_id and target.step:
        series = tuple(
            (r.completed, r.scores[target.step])
            for r in sorted(results, key=lambda r: r.completed)
            if r.bank_id == target.bank_id and target.step in r.scores
        )
        if not series:
            return Progress(percent=0.0, current=None, target=target.value, reached=False,
                            series=())
        current = series[-1][1]
        baseline = target.baseline
        if baseline is None:
            # goals saved before baselines were kept: the first score since the start
            baseline = next((value for moment, value in series
                             if local_date(moment, tz) >= goal.start), None)
        if baseline is None:
            baseline = float(next((r.scale_min for r in results
                                   if r.bank_id == target.bank_id), 1))
        span = target.value - baseline
        percent = 100.0 if current >= target.value else (
            _clamp((current - baseline) / span * 100) if span > 0 else 0.0)
        reached = current >= target.value
        return Progress(percent=percent, current=current, target=target.value, reached=reached,
                        series=series,
                        reached_at=_reached_at(series, target.value, reached))
    if target.kind == "count" and target.count:
        counted: list[datetime] = []
        # An entry a day or more from the start's midnight (UTC) is on the same side of the
        # start in every time zone: only those nearer need their local day (thousands of
        # entries, a few near the start).
        midnight = datetime.combine(goal.start, time(0), UTC)
        before, after = midnight - timedelta(days=1), midnight + timedelta(days=1)
        for entry in sorted(entries, key=lambda e: e.created):
            moment = entry.created
            if moment.tzinfo is None:  # taken as UTC, as local_date does
                moment = moment.replace(tzinfo=UTC)
            if moment < before or (moment < after and local_date(moment, tz) < goal.start):
                continue
            if target.schema_id and entry.schema_id != target.schema_id:
                continue
            if target.step and target.min_rating is not None:
                rating = step_ratings(entry, schemas.get(entry.schema_id)).get(target.step)
                if rating is None or rating < target.min_rating:
                    continue
            counted.append(entry.created)
        return count_progress(goal, counted)
    # manual
    points = [(c.at, float(c.progress)) for c in goal.current_check_ins()
              if c.progress is not None]
    points.sort(key=lambda point: point[0])
    current_value = points[-1][1] if points else 0.0
    reached = current_value >= 100
    return Progress(percent=_clamp(current_value), current=current_value, target=100.0,
                    reached=reached, series=tuple(points),
                    reached_at=_reached_at(tuple(points), 100.0, reached))


def count_progress(goal: Goal, counted: Sequence[datetime]) -> Progress:
    """A count goal's progress from the moments of the entries it counts, oldest first (as
    `progress` finds them; the index can find them without building entries)."""
    target = goal.target
    count = float(target.count or 0)
    series = tuple((moment, float(n)) for n, moment in enumerate(counted, start=1))
    current = float(len(counted))
    reached = current >= count
    return Progress(percent=_clamp(current / count * 100) if count else 0.0, current=current,
                    target=count, reached=reached, series=series,
                    reached_at=_reached_at(series, count, reached))


def settle(goal: Goal, state: Progress, today: date, tz: tzinfo) -> Goal:
    """An active goal whose target is reached becomes achieved, dated the day it was reached.

    The day is that of the result, entry or check-in that reached the target (in `tz`);
    `today` only when the progress does not say.
    """
    if goal.status == "active" and state.reached:
        on = local_date(state.reached_at, tz) if state.reached_at is not None else today
        return replace(goal, status="achieved", achieved_on=on)
    return goal


def is_overdue(goal: Goal, today: date) -> bool:
    """True when an active goal's due date has passed."""
    return goal.status == "active" and goal.due is not None and goal.due < today


# -- documents --------------------------------------------------------------------------------

def _read_target(reader: Reader) -> Target | None:
    table = reader.table_reader("target", required=True)
    if table is None:
        return None
    kind = table.choice("kind", TARGET_KINDS, required=True)
    value = bank_id = step = count = schema_id = min_rating = None
    baseline = None
    if kind == "score":
        value = table.number("value", required=True, low=-1000, high=1000)
        bank_id = table.document_id("bank", required=True)
        step = table.choice("step", STEP_IDS, required=True)
        baseline = table.number("baseline", low=-1000, high=1000)
    elif kind == "count":
        count = table.integer("count", required=True, low=1, high=1_000_000)
        schema_id = table.document_id("journal_schema")
        step = table.choice("step", STEP_IDS)
        min_rating = table.integer("min_rating", low=1, high=5)
        if (step is None) != (min_rating is None) and not has_errors(table.issues):
            table.error("min_rating", N_("give both step and min_rating, or neither"))
    extra = table.extra()
    if kind is None:
        return None
    return Target(kind=kind, value=value, bank_id=bank_id, step=step, count=count,
                  schema_id=schema_id, min_rating=min_rating, extra=extra, baseline=baseline)


def goal_from_document(doc: Mapping[str, Any]) -> tuple[Goal | None, list[Issue]]:
    """Read a saved goal with its check-ins."""
    issues: list[Issue] = []
    reader = read_header(doc, "goal", issues, MAX_ENTRY_TEXT)
    if reader is None:
        return None, issues
    ident = reader.document_id("id", required=True)
    title = reader.string("title", required=True, max_len=500, allow_empty=False)
    why = reader.string("why") or ""
    step = reader.choice("step", STEP_IDS)
    created = reader.datetime("created", required=True)
    start = reader.date("start", required=True)
    due = reader.date("due")
    status = reader.choice("status", STATUSES, default="active") or "active"
    achieved_on = reader.date("achieved_on")
    target = _read_target(reader)
    check_ins: list[CheckIn] = []
    for sub in reader.table_readers("check_ins", max_count=MAX_CHECK_INS):
        check_id = sub.document_id("id", required=True)
        at = sub.datetime("at", required=True)
        note = sub.string("note") or ""
        value = sub.integer("progress", low=0, high=100)
        entry_id = sub.document_id("entry")
        replaces = sub.document_id("replaces")
        if check_id and at:
            check_ins.append(CheckIn(id=check_id, at=at, note=note, progress=value,
                                     entry_id=entry_id, replaces=replaces, extra=sub.extra()))
    extra = reader.extra()
    if has_errors(issues):
        return None, issues
    assert ident and title and created and start and target
    return Goal(id=ident, title=title, created=created, start=start, target=target, why=why,
                step=step, due=due, status=status, achieved_on=achieved_on,
                check_ins=tuple(check_ins), extra=extra), issues


def goal_to_document(goal: Goal) -> dict[str, Any]:
    """The TOML table of a goal."""
    target = goal.target
    target_table = merge_extra({
        "kind": target.kind, "value": target.value, "bank": target.bank_id,
        "step": target.step, "count": target.count, "journal_schema": target.schema_id,
        "min_rating": target.min_rating, "baseline": target.baseline,
    }, target.extra)
    table: dict[str, Any] = {
        "schema_version": 1,
        "kind": "goal",
        "id": goal.id,
        "title": goal.title,
        "why": goal.why,
        "step": goal.step,
        "created": goal.created,
        "start": goal.start,
        "due": goal.due,
        "status": goal.status,
        "achieved_on": goal.achieved_on,
        "target": target_table,
        "check_ins": [merge_extra({
            "id": c.id, "at": c.at, "progress": c.progress, "note": c.note,
            "entry": c.entry_id, "replaces": c.replaces,
        }, c.extra) for c in goal.check_ins],
    }
    return merge_extra(table, goal.extra)


# -- the new-goal form, kept when the app is closed mid-way ---------------------------------------

GOAL_DRAFT_FIELDS: tuple[str, ...] = (
    "title", "why", "step", "start", "due", "target_kind", "bank", "value", "count",
    "journal_schema", "min_rating",
)
"""The fields of the new-goal form, kept as typed (a draft may not be valid yet)."""


@dataclass(frozen=True, kw_only=True)
class GoalDraft:
    """An unfinished new goal: each form field's text as typed."""

    updated: datetime
    fields: Mapping[str, str]
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


def goal_draft_from_document(doc: Mapping[str, Any]) -> tuple[GoalDraft | None, list[Issue]]:
    """Read an unfinished new goal."""
    issues: list[Issue] = []
    reader = read_header(doc, "goal_draft", issues, MAX_ENTRY_TEXT)
    if reader is None:
        return None, issues
    updated = reader.datetime("updated", required=True)
    values: dict[str, str] = {}
    table = reader.table_reader("fields", required=True)
    if table is not None:
        for key in GOAL_DRAFT_FIELDS:
            text = table.string(key)
            if text:
                values[key] = text
        table.extra()
    extra = reader.extra()
    if has_errors(issues):
        return None, issues
    assert updated
    return GoalDraft(updated=updated, fields=values, extra=extra), issues


def goal_draft_to_document(draft: GoalDraft) -> dict[str, Any]:
    """The TOML table of an unfinished new goal."""
    return merge_extra({
        "schema_version": 1,
        "kind": "goal_draft",
        "updated": draft.updated,
        "fields": {k: v for k, v in draft.fields.items() if k in GOAL_DRAFT_FIELDS and v},
    }, draft.extra)


def entries_for_goal(entries: Sequence[JournalEntry], start: date,
                     schema_id: str | None) -> Sequence[JournalEntry]:
    """The part of `entries` (oldest first, as from `progress_entries`) that a count goal
    starting on `start` can count: a day's margin for time zones, its schema only. Goal
    progress gives the same answer from these as from all entries, sooner."""
    cutoff = datetime.combine(start - timedelta(days=1), time(0), UTC)
    first = bisect.bisect_left([e.created for e in entries], cutoff) if entries else 0
    tail = entries[first:]
    if schema_id:
        return [e for e in tail if e.schema_id == schema_id]
    return tail
