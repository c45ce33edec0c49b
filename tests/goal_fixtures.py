"""Small builders for goals, results and entries used by the goal tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.goals import CheckIn, Goal, Target
from kohtaa_tui.domain.journal import JournalEntry

START = date(2026, 11, 1)
CREATED = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def result(day: int, scores: dict[str, float], bank: str = "core",
           ident: str | None = None) -> AssessmentResult:
    """A result completed on November `day`, 2026."""
    moment = datetime(2026, 11, day, 10, 0, tzinfo=UTC)
    return AssessmentResult(ident or f"r{day:02d}-{bank}", bank, 1, "hash", moment, 1, 5,
                            {}, scores)


def entry(day: int, ident: str, schema: str = "quick", ratings: dict[str, int] | None = None,
          title: str = "A meeting", goal_ids: tuple[str, ...] = ()) -> JournalEntry:
    """A quick entry written on November `day`, 2026 (or October for day <= 0)."""
    moment = datetime(2026, 11, 1, 9, 0, tzinfo=UTC) + timedelta(days=day - 1)
    answers: dict[str, object] = {"title": title, "what": "It went fine."}
    if ratings:
        answers["step_ratings"] = ratings
    return JournalEntry(ident, schema, 1, moment, moment, answers,  # type: ignore[arg-type]
                        goal_ids=goal_ids)


def goal(target: Target, ident: str = "g1", title: str = "Listen to the end",
         check_ins: tuple[CheckIn, ...] = (), **kw: object) -> Goal:
    """A goal started on 2026-11-01."""
    return Goal(ident, title, CREATED, START, target, check_ins=check_ins,
                **kw)  # type: ignore[arg-type]


def check_in(day: int, ident: str, progress: int | None = None, note: str = "",
             replaces: str | None = None, entry_id: str | None = None) -> CheckIn:
    """A check-in on November `day`, 2026."""
    return CheckIn(ident, datetime(2026, 11, day, 15, 0, tzinfo=UTC), note, progress,
                   entry_id, replaces)
