"""The reflection streak counts back from this week, or from last week while this one is empty."""

from __future__ import annotations

from datetime import date, timedelta

from kohtaa_tui.domain.dashboard import reflection_habit

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
