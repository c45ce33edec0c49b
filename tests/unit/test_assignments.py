"""Assignments over a fixed calendar: due, overdue, done, across recurrence boundaries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.assignments import add_months, assignment_status
from kohtaa_tui.domain.banks import Assignment
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.overview import AssignmentLine, load_overview
from kohtaa_tui.services.workspace import open_workspace
from tests.unit.test_bank_validate import GOOD


def weekly(due: date) -> Assignment:
    return Assignment(assigned_by="Coach Anna", due=due, recurrence="weekly")


def test_once_due_then_overdue_then_done() -> None:
    """A one-time assignment: due before the date, overdue after, done by a completion."""
    task = Assignment(assigned_by="Coach", due=date(2026, 11, 30), recurrence="once")
    assert assignment_status(task, [], date(2026, 11, 25)).state == "due"
    assert assignment_status(task, [], date(2026, 10, 1)).state == "upcoming"
    assert assignment_status(task, [], date(2026, 12, 1)).state == "overdue"
    done = assignment_status(task, [date(2026, 12, 3)], date(2026, 12, 4))
    assert done.state == "done" and done.done_on == date(2026, 12, 3)


def test_once_ignores_an_old_completion() -> None:
    """An assessment taken long before the assignment does not fulfil it."""
    task = Assignment(assigned_by="Coach", due=date(2026, 11, 30), recurrence="once")
    assert assignment_status(task, [date(2025, 1, 1)], date(2026, 11, 25)).state == "due"
    task_with_date = Assignment(assigned_by="Coach", due=date(2026, 11, 30), recurrence="once",
                                assigned=date(2026, 11, 20))
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
    task = Assignment(assigned_by="Coach", due=date(2026, 1, 31), recurrence="monthly")
    status = assignment_status(task, [date(2026, 1, 31)], date(2026, 2, 1))
    assert (status.state, status.due) == ("due", date(2026, 2, 28))
    assert assignment_status(task, [date(2026, 2, 1)], date(2026, 2, 20)).state == "done"


def test_monthly_due_overdue_done_over_two_periods() -> None:
    """Monthly on the 15th: the period runs 16th to 15th; a completion counts only in its own
    period, and a missed period shows as overdue until the next one is done."""
    task = Assignment(assigned_by="Coach", due=date(2026, 11, 15), recurrence="monthly")
    status = assignment_status(task, [], date(2026, 11, 10))
    assert (status.state, status.due, status.period_start) == (
        "due", date(2026, 11, 15), date(2026, 10, 16))
    # Before the first period, an assessment does not count.
    assert assignment_status(task, [date(2026, 10, 15)], date(2026, 11, 10)).state == "due"
    assert assignment_status(task, [date(2026, 10, 16)], date(2026, 11, 10)).state == "done"
    done = assignment_status(task, [date(2026, 11, 15)], date(2026, 11, 15))
    assert (done.state, done.done_on) == ("done", date(2026, 11, 15))
    # Across the boundary: the next period is due on 15.12; the done one stays done.
    status = assignment_status(task, [date(2026, 11, 15)], date(2026, 11, 16))
    assert (status.state, status.due, status.period_start) == (
        "due", date(2026, 12, 15), date(2026, 11, 16))
    # Missed the first period: overdue (for 15.11) until the December one is done.
    status = assignment_status(task, [], date(2026, 11, 20))
    assert (status.state, status.due) == ("overdue", date(2026, 11, 15))
    status = assignment_status(task, [date(2026, 12, 1)], date(2026, 12, 2))
    assert (status.state, status.done_on) == ("done", date(2026, 12, 1))
    # A year-end boundary and a short month.
    task = Assignment(assigned_by="Coach", due=date(2026, 12, 31), recurrence="monthly")
    status = assignment_status(task, [date(2026, 12, 31)], date(2027, 1, 1))
    assert (status.state, status.due) == ("due", date(2027, 1, 31))
    status = assignment_status(task, [date(2027, 1, 31)], date(2027, 2, 1))
    assert (status.state, status.due) == ("due", date(2027, 2, 28))


def test_weekly_missed_twice_then_caught_up() -> None:
    """Weekly: two missed weeks show the latest missed due date; one done week clears it."""
    task = weekly(date(2026, 11, 2))
    status = assignment_status(task, [], date(2026, 11, 12))
    assert (status.state, status.due) == ("overdue", date(2026, 11, 9))
    status = assignment_status(task, [date(2026, 11, 11)], date(2026, 11, 12))
    assert (status.state, status.due, status.done_on) == ("done", date(2026, 11, 16),
                                                         date(2026, 11, 11))
    # The Monday boundary: a completion on the due day belongs to the week that ends then.
    status = assignment_status(task, [date(2026, 11, 9)], date(2026, 11, 10))
    assert (status.state, status.due) == ("due", date(2026, 11, 16))


ASSIGNED_BANK = """
[assignment]
assigned_by = "Coach Anna"
due = 2026-11-27
recurrence = "weekly"
note = { fi = "Viikon tarkistus.", en = "The weekly check." }
"""


def test_installed_assignment_on_the_dashboard(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """`kohtaa bank add` with an assignment: due, then overdue after the due date, then done
    once the bank's assessment is completed in the current week."""
    source = tmp_path / "tiny.toml"
    source.write_text(GOOD + ASSIGNED_BANK, encoding="utf-8")
    assert main(["bank", "add", str(source)]) == 0
    capsys.readouterr()

    def line_on(day: int, month: int = 11) -> AssignmentLine:
        clock = FixedClock(datetime(2026, month, day, 12, tzinfo=UTC))
        [line] = load_overview(open_workspace(lang="en", clock=clock)).assignments
        return line

    line = line_on(22)
    assert (line.bank_id, line.assigned_by, line.status.state, line.status.due) == (
        "tiny", "Coach Anna", "due", date(2026, 11, 27))
    assert line_on(27).status.state == "due"
    line = line_on(28)
    assert (line.status.state, line.status.due) == ("overdue", date(2026, 11, 27))
    store = open_workspace(lang="en").store
    store.save_result(AssessmentResult(id="r-tiny", bank_id="tiny", bank_version=1,
                                       bank_hash="sha256:x",
                                       completed=datetime(2026, 11, 29, 8, tzinfo=UTC), scale_min=1,
                                       scale_max=3,
                                       answers={"a": 2}, scores={"listening": 2.0}))
    line = line_on(30)
    assert (line.status.state, line.status.done_on, line.status.due) == (
        "done", date(2026, 11, 29), date(2026, 12, 4))
    assert line_on(5, 12).status.state == "due"  # the next week has begun
    line = line_on(12, 12)
    assert (line.status.state, line.status.due) == ("overdue", date(2026, 12, 11))


async def test_dashboard_shows_the_assignment(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The dashboard names the state in words (not by colour alone) and who assigned it."""
    from textual.widgets import Static

    from kohtaa_tui.ui.app import KohtaaApp

    source = tmp_path / "tiny.toml"
    source.write_text(GOOD + ASSIGNED_BANK, encoding="utf-8")
    assert main(["bank", "add", str(source)]) == 0
    clock = FixedClock(datetime(2026, 11, 28, 12, tzinfo=UTC))
    app = KohtaaApp(open_workspace(lang="en", clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#habit-panel", Static).content)
    assert "OVERDUE 2026-11-27: Tiny" in text
    assert "assigned by Coach Anna: The weekly check." in text
