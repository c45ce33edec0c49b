"""The reflection streak counts back from this week, or from last week while this one is empty."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.dashboard import recent_habit, reflection_habit

TODAY = date(2026, 11, 25)  # a Wednesday
MONDAY = date(2026, 11, 23)


def weeks_back(*offsets: int) -> list[date]:
    return [MONDAY - timedelta(weeks=n) + timedelta(days=1) for n in offsets]


def test_streak_counts_from_this_week_when_it_has_an_entry() -> None:
    habit = reflection_habit(weeks_back(0, 1, 2, 4), TODAY)
    assert (habit.this_week, habit.streak_weeks, habit.streak_ends_last_week) == (1, 3, False)


def test_an_empty_week_in_progress_keeps_last_weeks_streak_and_says_so() -> None:
    habit = reflection_habit(weeks_back(1, 2, 3), TODAY)
    assert (habit.this_week, habit.streak_weeks, habit.streak_ends_last_week) == (0, 3, True)


def test_two_empty_weeks_end_the_streak() -> None:
    habit = reflection_habit(weeks_back(2, 3, 4, 5), TODAY)
    assert (habit.this_week, habit.streak_weeks, habit.streak_ends_last_week) == (0, 0, False)


def test_old_weeks_before_a_gap_do_not_count() -> None:
    habit = reflection_habit(weeks_back(0, 2, 3, 4), TODAY)
    assert habit.streak_weeks == 1


# -- recent_habit: the same answer, reading only the recent moments ------------------------------

_ZONES = [ZoneInfo(name) for name in ("Europe/Helsinki", "America/St_Johns", "Pacific/Apia",
                                      "Pacific/Kiritimati", "Pacific/Pago_Pago")] + [UTC]
_START = datetime(2010, 1, 1, tzinfo=UTC)


@settings(max_examples=300)
@given(offsets=st.lists(st.integers(0, 6000 * 24), max_size=80),
       today_hours=st.integers(0, 6000 * 24), zone=st.sampled_from(_ZONES),
       dense=st.booleans(), naive=st.booleans())
def test_recent_habit_equals_the_habit_of_every_entry(offsets: list[int], today_hours: int,
                                                       zone: tzinfo, dense: bool,
                                                       naive: bool) -> None:
    hours = sorted({o // 40 if dense else o for o in offsets}, reverse=True)
    moments = [_START + timedelta(hours=h, microseconds=h % 7) for h in hours]
    if naive:  # taken as UTC
        moments = [m.replace(tzinfo=None) for m in moments]
    today = local_date(_START + timedelta(hours=today_hours // (40 if dense else 1)), zone)
    expected = reflection_habit([local_date(m, zone) for m in moments], today)
    stamps = [(m if m.tzinfo else m.replace(tzinfo=UTC)).timestamp() for m in moments]
    assert recent_habit(stamps, zone, today) == expected


def test_recent_habit_stops_reading_at_the_first_week_without_an_entry() -> None:
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    recent = [now - timedelta(weeks=n) for n in range(3)]  # this week and the two before
    read: list[datetime] = []

    def moments() -> Iterator[float]:
        for moment in [*recent, *(now - timedelta(weeks=10 + n) for n in range(1000))]:
            read.append(moment)
            yield moment.timestamp()

    habit = recent_habit(moments(), UTC, now.date())
    assert (habit.this_week, habit.streak_weeks) == (1, 3)
    assert len(read) <= len(recent) + 2


def test_a_long_streak_converts_only_the_moments_near_the_ends_of_its_weeks() -> None:
    """Ten entries a day for a year: a week's moments well inside it are not converted."""
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    stamps = [(now - timedelta(hours=2.4 * n)).timestamp() for n in range(3650)]

    class Counting(tzinfo):
        calls = 0

        def utcoffset(self, dt: datetime | None) -> timedelta:
            return timedelta(hours=2)

        def dst(self, dt: datetime | None) -> timedelta:
            return timedelta(0)

        def tzname(self, dt: datetime | None) -> str:
            return "+02"

        def fromutc(self, dt: datetime) -> datetime:
            Counting.calls += 1
            return (dt + timedelta(hours=2)).replace(tzinfo=self)

    zone = Counting()
    habit = recent_habit(stamps, zone, now.date())
    assert habit == reflection_habit(
        [datetime.fromtimestamp(s, UTC).astimezone(zone).date() for s in stamps], now.date())
    assert habit.streak_weeks == 53
    Counting.calls = 0
    recent_habit(stamps, zone, now.date())
    assert Counting.calls < len(stamps) / 2
