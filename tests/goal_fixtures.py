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
    return AssessmentResult(id=ident or f"r{day:02d}-{bank}", bank_id=bank, bank_version=1,
                            bank_hash="hash", completed=moment, scale_min=1, scale_max=5,
                            answers={}, scores=scores)


def entry(day: int, ident: str, schema: str = "quick", ratings: dict[str, int] | None = None,
          title: str = "A meeting", goal_ids: tuple[str, ...] = ()) -> JournalEntry:
    """A quick entry written on November `day`, 2026 (or October for day <= 0)."""
    moment = datetime(2026, 11, 1, 9, 0, tzinfo=UTC) + timedelta(days=day - 1)
    answers: dict[str, object] = {"title": title, "what": "It went fine."}
    if ratings:
        answers["step_ratings"] = ratings
    return JournalEntry(id=ident, schema_id=schema, schema_version=1, created=moment,
                        updated=moment, answers=answers,  # type: ignore[arg-type]
                        goal_ids=goal_ids)


def goal(target: Target, ident: str = "g1", title: str = "Listen to the end",
         check_ins: tuple[CheckIn, ...] = (), **kw: object) -> Goal:
    """A goal started on 2026-11-01."""
    return Goal(id=ident, title=title, created=CREATED, start=START, target=target,
                check_ins=check_ins,
                **kw)  # type: ignore[arg-type]


def check_in(day: int, ident: str, progress: int | None = None, note: str = "",
             replaces: str | None = None, entry_id: str | None = None) -> CheckIn:
    """A check-in on November `day`, 2026."""
    return CheckIn(id=ident, at=datetime(2026, 11, day, 15, 0, tzinfo=UTC), note=note,
                   progress=progress,
                   entry_id=entry_id, replaces=replaces)
