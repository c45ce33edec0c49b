"""Assignments over a fixed calendar: due, overdue, done, across recurrence boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from kohtaa_tui.domain.assignments import add_months, assignment_status
from kohtaa_tui.domain.banks import Assignment


def weekly(due: date) -> Assignment:
    return Assignment("Coach Anna", due, "weekly")


def test_once_due_then_overdue_then_done() -> None:
    """A one-time assignment: due before the date, overdue after, done by a completion."""
    task = Assignment("Coach", date(2026, 11, 30), "once")
    assert assignment_status(task, [], date(2026, 11, 25)).state == "due"
    assert assignment_status(task, [], date(2026, 10, 1)).state == "upcoming"
    assert assignment_status(task, [], date(2026, 12, 1)).state == "overdue"
    done = assignment_status(task, [date(2026, 12, 3)], date(2026, 12, 4))
    assert done.state == "done" and done.done_on == date(2026, 12, 3)


def test_once_ignores_an_old_completion() -> None:
    """An assessment taken long before the assignment does not fulfil it."""
    task = Assignment("Coach", date(2026, 11, 30), "once")
    assert assignment_status(task, [date(2025, 1, 1)], date(2026, 11, 25)).state == "due"
    task_with_date = Assignment("Coach", date(2026, 11, 30), "once", None, date(2026, 11, 20))
    assert assignment_status(task_with_date, [date(2026, 11, 19)],
                             date(2026, 11, 25)).state == "due"
    assert assignment_status(task_with_date, [date(2026, 11, 20)],
                             date(2026, 11, 25)).state == "done"


def test_weekly_periods_and_the_boundary() -> None:
    """Weekly: each period ends on a due date; done in one period is not done in the next."""
    task = weekly(date(2026, 11, 23))  # a Monday
    # In the first period (17.11-23.11), nothing done: due on 23.11.
    status = assignment_status(task, [], date(2026, 11, 20))
    assert (status.state, status.due) == ("due", date(2026, 11, 23))
    # Done on the due date itself: that period is done.
    assert assignment_status(task, [date(2026, 11, 23)], date(2026, 11, 23)).state == "done"
    # The day after the boundary, a new period has started and is due on 30.11.
    status = assignment_status(task, [date(2026, 11, 23)], date(2026, 11, 24))
    assert (status.state, status.due) == ("due", date(2026, 11, 30))
    # A missed period shows as overdue until the current one is done.
    status = assignment_status(task, [], date(2026, 11, 25))
    assert (status.state, status.due) == ("overdue", date(2026, 11, 23))
    assert assignment_status(task, [date(2026, 11, 26)], date(2026, 11, 27)).state == "done"


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 11, 30), 2, date(2027, 1, 30)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_add_months_clamps_to_the_month(day: date, months: int, expected: date) -> None:
    """Month arithmetic keeps the day where the month allows."""
    assert add_months(day, months) == expected


def test_monthly_across_the_boundary() -> None:
    """Monthly: 31.1 -> 28.2 -> 28.3; a completion on 1.2 belongs to the February period."""
    task = Assignment("Coach", date(2026, 1, 31), "monthly")
    status = assignment_status(task, [date(2026, 1, 31)], date(2026, 2, 1))
    assert (status.state, status.due) == ("due", date(2026, 2, 28))
    assert assignment_status(task, [date(2026, 2, 1)], date(2026, 2, 20)).state == "done"
