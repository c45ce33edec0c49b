"""Assignments of question banks by a coach: what is due, overdue or done, period by period."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from kohtaa_tui.domain.banks import Assignment

State = Literal["upcoming", "due", "overdue", "done"]
SOON = timedelta(days=14)
"""How far ahead an open period counts as due (shown on the dashboard)."""
ONCE_WINDOW = timedelta(days=30)
"""For a one-time assignment without an `assigned` date: completions this long before the
due date count (an assessment from last year does not)."""


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(assignment: Assignment, k: int) -> date:
    """The due date of period `k` (0 is the first due date)."""
    if assignment.recurrence == "weekly":
        return assignment.due + timedelta(weeks=k)
    if assignment.recurrence == "monthly":
        return add_months(assignment.due, k)
    return assignment.due


def period_start(assignment: Assignment, k: int) -> date:
    """The first day of period `k`: the day after the previous due date."""
    if assignment.recurrence in ("weekly", "monthly") and k > 0:
        return period_end(assignment, k - 1) + timedelta(days=1)
    if assignment.recurrence == "weekly":
        return assignment.due - timedelta(weeks=1) + timedelta(days=1)
    if assignment.recurrence == "monthly":
        return add_months(assignment.due, -1) + timedelta(days=1)
    return assignment.assigned or assignment.due - ONCE_WINDOW


@dataclass(frozen=True, kw_only=True)
class AssignmentStatus:
    """Where an assignment stands today."""

    state: State
    due: date
    period_start: date
    done_on: date | None = None


def _done_in(days: list[date], start: date, end: date) -> date | None:
    found = [d for d in days if start <= d <= end]
    return max(found) if found else None


def assignment_status(assignment: Assignment, completed: Iterable[date],
                      today: date) -> AssignmentStatus:
    """The state of the current period, from the days the bank's assessment was completed.

    once: done by a completion on or after the assigned date (default: 30 days before the
    due date); overdue after the due date if not.
    weekly/monthly: the current period runs from the day after the previous due date to the
    next one; it is done when an assessment falls in it. A missed previous period shows as
    overdue until the current one is done.
    """
    days = sorted(completed)
    if assignment.recurrence == "once":
        since = assignment.assigned or assignment.due - ONCE_WINDOW
        counted = [d for d in days if d >= since]
        done = max(counted) if counted else None
        if done is not None:
            return AssignmentStatus(state="done", due=assignment.due, period_start=since,
                                    done_on=done)
        state: State = "overdue" if today > assignment.due else (
            "due" if assignment.due - today <= SOON else "upcoming")
        return AssignmentStatus(state=state, due=assignment.due, period_start=since)
    first_start = period_start(assignment, 0)
    if today < first_start:
        return AssignmentStatus(state="upcoming", due=assignment.due, period_start=first_start)
    k = 0
    while period_end(assignment, k) < today:
        k += 1
    start, end = period_start(assignment, k), period_end(assignment, k)
    done = _done_in(days, start, end)
    if done is not None:
        return AssignmentStatus(state="done", due=end, period_start=start, done_on=done)
    if k > 0:
        before_start = period_start(assignment, k - 1)
        before_end = period_end(assignment, k - 1)
        if _done_in(days, before_start, before_end) is None:
            return AssignmentStatus(state="overdue", due=before_end, period_start=before_start)
    return AssignmentStatus(state="due", due=end, period_start=start)


MemberState = Literal["upcoming", "due", "overdue", "done", "left"]
LEFT_AFTER = 3
"""Periods without a publication after which an overdue person counts as having left."""


def period_days(recurrence: str) -> int:
    """The length of one period in days, for the rule of LEFT_AFTER (a one-time
    assignment counts 30 days)."""
    return {"weekly": 7, "monthly": 30}.get(recurrence, 30)


def member_state(assignment: Assignment, completed: Iterable[date], published: date,
                 today: date) -> tuple[MemberState, AssignmentStatus]:
    """A team member's state: the assignment's, except that someone overdue who has not
    published for LEFT_AFTER periods has left the group (not overdue for ever)."""
    status = assignment_status(assignment, completed, today)
    if status.state == "overdue" and today - published > timedelta(
            days=LEFT_AFTER * period_days(assignment.recurrence)):
        return "left", status
    return status.state, status
