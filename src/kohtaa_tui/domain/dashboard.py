"""What the first screen summarises: step trends, the reflection habit, what is due."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.steps import STEP_IDS


@dataclass(frozen=True, kw_only=True)
class StepTrend:
    """A step's scores over time in one bank, oldest first."""

    step: str
    scores: tuple[float, ...]

    @property
    def latest(self) -> float | None:
        """The most recent score."""
        return self.scores[-1] if self.scores else None

    @property
    def change(self) -> float | None:
        """The change since the result before the latest."""
        return self.scores[-1] - self.scores[-2] if len(self.scores) >= 2 else None


def step_trends(results: Iterable[AssessmentResult], bank_id: str) -> tuple[StepTrend, ...]:
    """Each step's scores in `bank_id`'s results, oldest first."""
    ordered = sorted((r for r in results if r.bank_id == bank_id), key=lambda r: r.completed)
    return tuple(
        StepTrend(step=step, scores=tuple(r.scores[step] for r in ordered if step in r.scores))
        for step in STEP_IDS
    )


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, kw_only=True)
class Habit:
    """The reflection habit: entries this week and the streak of weeks with at least one."""

    this_week: int
    streak_weeks: int
    streak_ends_last_week: bool = False
    """True when this week has no entry yet and the streak counted is the one up to last week
    (a week in progress does not break it, but the screen says so)."""


def reflection_habit(days: Sequence[date], today: date) -> Habit:
    """Count this week's entries and the run of consecutive weeks with an entry.

    The streak ends at this week if it has an entry, else at last week (a week in progress
    does not break it).
    """
    weeks: dict[date, int] = {}
    for day in days:
        start = week_start(day)
        weeks[start] = weeks.get(start, 0) + 1
    current = week_start(today)
    this_week = weeks.get(current, 0)
    cursor = current if this_week else current - timedelta(weeks=1)
    streak = 0
    while weeks.get(cursor, 0) > 0:
        streak += 1
        cursor -= timedelta(weeks=1)
    return Habit(this_week=this_week, streak_weeks=streak,
                 streak_ends_last_week=not this_week and streak > 0)


LOCAL_DAY_SLACK = timedelta(days=2)
"""How far a later moment's local day can fall before an earlier one's (a clock moved back
across midnight, at most a day anywhere): the margin of `recent_habit`."""

_EPOCH_DAY = date(1970, 1, 1)
_DAY_SECONDS = 86400


def _surely_in_week(monday: date) -> tuple[float, float]:
    """The epoch seconds whose local day lies in `monday`'s week in every time zone: a UTC
    offset is always less than a day (Python's tzinfo contract), so a moment more than a day
    inside the week's span read as UTC is inside the local week too."""
    start = (monday - _EPOCH_DAY).days * _DAY_SECONDS
    return start + _DAY_SECONDS, start + 6 * _DAY_SECONDS


def recent_habit(newest_first: Iterable[float], tz: tzinfo, today: date) -> Habit:
    """`reflection_habit` of the local days of `newest_first` (epoch seconds, newest first),
    reading only as far back as the streak reaches: it stops after the first week without an
    entry.

    The local days come newest first too, except that a clock moved back can give an older
    moment a day up to LOCAL_DAY_SLACK after a newer one's: so once a moment lies that far
    before the newest empty week, no moment still to come can fill that week. A moment
    surely inside a past week already counted is not converted at all (a streak of years
    reads thousands of moments).
    """
    current = week_start(today)
    week = timedelta(weeks=1)
    days: list[date] = []  # this week's every entry, else each day once: the same habit
    weeks: set[date] = set()
    gap: date | None = None  # the newest week without an entry, once this week is settled
    previous: date | None = None
    known_low, known_high = 0.0, 0.0  # moments surely in a past week already in `weeks`
    for stamp in newest_first:
        if known_low <= stamp < known_high:
            continue
        day = datetime.fromtimestamp(stamp, tz).date()
        if day == previous:
            if day >= current:
                days.append(day)
            continue
        previous = day
        days.append(day)
        monday = week_start(day)
        weeks.add(monday)
        if monday < current:
            known_low, known_high = _surely_in_week(monday)
        reach = week_start(day + LOCAL_DAY_SLACK)  # no moment to come is in a later week
        if reach >= current:
            continue  # this week's count can still grow
        if gap is None:  # an empty week in progress does not break the streak
            gap = current if current in weeks else current - week
        while gap in weeks:
            gap -= week
        if gap > reach:
            break
    return reflection_habit(days, today)


def scale_of(results: Iterable[AssessmentResult], bank_id: str,
             default: tuple[int, int] = (1, 5)) -> tuple[int, int]:
    """The answer scale of a bank's results (for drawing trends)."""
    for result in results:
        if result.bank_id == bank_id:
            return result.scale_min, result.scale_max
    return default


def counts_by(values: Iterable[str]) -> Mapping[str, int]:
    """How many times each value occurs, most frequent first."""
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
