"""The CLI goes by the clock it is given (main's `clock`), not the machine's: the export's
time stamp, the report's default last day and relative dates of journal filters."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.clock import FixedClock

LONG_AGO = datetime(2024, 3, 9, 8, 30, tzinfo=UTC)


def test_the_journal_export_is_stamped_by_the_clock(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "export", "--format", "json"], clock=FixedClock(LONG_AGO)) == 0
    exported = datetime.fromisoformat(json.loads(capsys.readouterr().out)["exported"])
    assert exported == LONG_AGO


def test_the_report_ends_on_the_clocks_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--format", "json"], clock=FixedClock(LONG_AGO)) == 0
    assert json.loads(capsys.readouterr().out)["until"] == "2024-03-09"


def test_relative_journal_dates_count_from_the_clock(
        capsys: pytest.CaptureFixture[str]) -> None:
    """`--since yesterday` is the day before the clock's: an `--until` of that day is
    accepted (by the machine's date it would be years before the start), one day earlier
    refused."""
    clock = FixedClock(LONG_AGO)
    assert main(["journal", "list", "--since", "yesterday", "--until", "2024-03-08"],
                clock=clock) == 0
    capsys.readouterr()
    assert main(["journal", "list", "--since", "yesterday", "--until", "2024-03-07"],
                clock=clock) == 1
    assert "--since is after --until" in capsys.readouterr().err
