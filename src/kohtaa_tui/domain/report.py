"""The summary of a period to bring to a development discussion (pure: no I/O, no UI)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from statistics import fmean

from kohtaa_tui.domain.assessment import AssessmentResult, strongest_and_weakest
from kohtaa_tui.domain.assignments import add_months
from kohtaa_tui.domain.catalogues import MISTAKES
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.dashboard import counts_by
from kohtaa_tui.domain.dates import parse_day as parse_day  # the one date parser, re-exported
from kohtaa_tui.domain.feedback import OthersSection
from kohtaa_tui.domain.goals import Goal, Progress
from kohtaa_tui.domain.journal import (
    JournalEntry,
    JournalSchema,
    entry_title,
    role_value,
    step_ratings,
)
from kohtaa_tui.domain.steps import STEP_IDS, get_step


@dataclass(frozen=True, kw_only=True)
class StepChange:
    """A step's score at the start and the end of the period."""

    step: str
    start: float | None
    end: float | None
    points: tuple[tuple[date, float], ...] = ()
    """Each score of the period, oldest first (the day in the person's zone)."""

    @property
    def change(self) -> float | None:
        """end - start, when both exist."""
        return None if self.start is None or self.end is None else self.end - self.start


@dataclass(frozen=True, kw_only=True)
class GoalSummary:
    """A goal as the report shows it."""

    title: str
    status: str
    percent: float
    due: date | None
    achieved_on: date | None
    notes: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Highlight:
    """A starred reflection's best parts."""

    day: date
    title: str
    kind: str
    went_well: str
    take_forward: str


@dataclass(frozen=True, kw_only=True)
class Report:
    """Everything in a development-discussion summary."""

    since: date | None
    until: date
    bank_id: str
    scale: tuple[int, int]
    assessments: int
    steps: tuple[StepChange, ...]
    weakest: str | None
    strongest: str | None
    goals: tuple[GoalSummary, ...]
    entry_counts: tuple[tuple[str, int], ...]
    top_mistakes: tuple[tuple[str, int], ...]
    lowest_rated: tuple[tuple[str, float, int], ...]
    highlights: tuple[Highlight, ...]
    questions: tuple[str, ...]
    private_left_out: int
    include_private: bool
    bank_title: str = ""
    """The bank's title in the report's language (its id when unknown)."""
    private_notes_left_out: int = 0
    """Goal check-in notes left out because their check-in links a private reflection."""
    others: tuple[OthersSection, ...] = ()
    """Others' view per bank with feedback answered in the period (added by the service)."""


def _in_period(day: date, since: date | None, until: date) -> bool:
    return (since is None or day >= since) and day <= until


def build_report(*, since: date | None, until: date, results: Iterable[AssessmentResult],
                 entries: Iterable[JournalEntry], schemas: Mapping[str, JournalSchema],
                 goals: Sequence[tuple[Goal, Progress]], lang: str, tz: tzinfo,
                 bank_id: str = "core", include_private: bool = False,
                 bank_title: str | None = None,
                 private_entry_ids: Collection[str] = frozenset()) -> Report:
    """Summarise the period [since, until] (dates in the person's zone).

    A goal check-in that links one of `private_entry_ids` may quote that private reflection:
    its note is left out (and counted) unless include_private.
    """
    period_results = sorted(
        (r for r in results if r.bank_id == bank_id
         and _in_period(local_date(r.completed, tz), since, until)),
        key=lambda r: r.completed)
    steps = []
    for step in STEP_IDS:
        scored = [r.scores[step] for r in period_results if step in r.scores]
        points = tuple((local_date(r.completed, tz), r.scores[step])
                       for r in period_results if step in r.scores)
        steps.append(StepChange(step=step, start=scored[0] if scored else None,
                                end=scored[-1] if scored else None, points=points))
    latest_scores = {s.step: s.end for s in steps if s.end is not None}
    ends = strongest_and_weakest(latest_scores)
    scale = ((period_results[-1].scale_min, period_results[-1].scale_max)
             if period_results else (1, 5))

    kept: list[JournalEntry] = []
    private_left_out = 0
    for entry in entries:
        if not _in_period(local_date(entry.created, tz), since, until):
            continue
        if entry.private and not include_private:
            private_left_out += 1
            continue
        kept.append(entry)
    kept.sort(key=lambda e: e.created)

    def kind_of(entry: JournalEntry) -> str:
        schema = schemas.get(entry.schema_id)
        return schema.title.get(lang) if schema else entry.schema_id

    entry_counts = tuple(counts_by(kind_of(e) for e in kept).items())
    mistake_labels = {m.id: m.label.get(lang) for m in MISTAKES}
    tagged: list[str] = []
    ratings: dict[str, list[int]] = {}
    for entry in kept:
        schema = schemas.get(entry.schema_id)
        value = role_value(entry, schema, "mistakes")
        if isinstance(value, tuple):
            tagged.extend(mistake_labels.get(m, m) for m in value)
        for step, rating in step_ratings(entry, schema).items():
            ratings.setdefault(step, []).append(rating)
    top_mistakes = tuple(list(counts_by(tagged).items())[:5])
    lowest = sorted(((s, fmean(v), len(v)) for s, v in ratings.items()),
                    key=lambda item: (item[1], STEP_IDS.index(item[0])))
    highlights = []
    for entry in kept:
        if not entry.starred:
            continue
        schema = schemas.get(entry.schema_id)
        well = role_value(entry, schema, "went_well")
        forward = role_value(entry, schema, "take_forward")
        highlights.append(Highlight(day=local_date(entry.created, tz),
                                    title=entry_title(entry, schema, lang), kind=kind_of(entry),
                                    went_well=well if isinstance(well, str) else "",
                                    take_forward=forward if isinstance(forward, str) else ""))

    summaries = []
    private_notes_left_out = 0
    for goal, state in goals:
        shown: list[str] = []
        hidden = 0
        for check_in in goal.current_check_ins():
            if not check_in.note.strip() or local_date(check_in.at, tz) > until:
                continue
            if (not include_private and check_in.entry_id is not None
                    and check_in.entry_id in private_entry_ids):
                hidden += 1
                continue
            shown.append(check_in.note)
        notes = tuple(shown[-2:])
        if goal.status == "active" or _touched(goal, since, until, tz):
            summaries.append(GoalSummary(title=goal.title, status=goal.status,
                                         percent=state.percent, due=goal.due,
                                         achieved_on=goal.achieved_on, notes=notes))
            private_notes_left_out += hidden
    order = {"achieved": 0, "active": 1, "paused": 2, "dropped": 3}
    summaries.sort(key=lambda g: (order.get(g.status, 9), g.title.casefold()))

    weakest = ends[1] if ends else (lowest[0][0] if lowest else None)
    questions: list[str] = []
    if weakest is not None:
        questions.extend(q.get(lang) for q in get_step(weakest).questions)
    return Report(since=since, until=until, bank_id=bank_id, scale=scale,
                  assessments=len(period_results), steps=tuple(steps), weakest=weakest,
                  strongest=ends[0] if ends else None, goals=tuple(summaries),
                  entry_counts=entry_counts, top_mistakes=top_mistakes,
                  lowest_rated=tuple(lowest[:3]), highlights=tuple(highlights),
                  questions=tuple(questions), private_left_out=private_left_out,
                  include_private=include_private, bank_title=bank_title or bank_id,
                  private_notes_left_out=private_notes_left_out)


def _touched(goal: Goal, since: date | None, until: date, tz: tzinfo) -> bool:
    """True when the goal was achieved, started or checked in during the period."""
    if goal.achieved_on is not None and _in_period(goal.achieved_on, since, until):
        return True
    if _in_period(goal.start, since, until):
        return True
    return any(_in_period(local_date(c.at, tz), since, until) for c in goal.check_ins)


PRESETS: tuple[str, ...] = ("3m", "6m", "year", "custom")
"""The periods a person can choose on the report screen."""


def preset_period(preset: str, today: date) -> tuple[date, date]:
    """(since, until) of a preset period ending today: 3m, 6m or year (custom: 3m)."""
    if preset == "year":
        return date(today.year, 1, 1), today
    months = 6 if preset == "6m" else 3
    return add_months(today, -months) + timedelta(days=1), today
