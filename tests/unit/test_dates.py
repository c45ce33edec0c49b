"""Dates a person types (domain.dates), and `--since`/`--until` on the command line."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.cli import main
from kohtaa_tui.domain.clock import SystemClock
from kohtaa_tui.domain.dates import parse_day, parse_days
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.journal import JournalService
from tests.goal_fixtures import entry

TODAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(("text", "first", "last"), [
    ("today", TODAY, TODAY),
    ("tänään", TODAY, TODAY),
    ("yesterday", date(2026, 12, 2), date(2026, 12, 2)),
    ("Eilen", date(2026, 12, 2), date(2026, 12, 2)),
    ("toissapäivänä", date(2026, 12, 1), date(2026, 12, 1)),
    ("last week", date(2026, 11, 23), date(2026, 11, 29)),
    ("viime viikko", date(2026, 11, 23), date(2026, 11, 29)),
    ("viime  viikolla", date(2026, 11, 23), date(2026, 11, 29)),
    ("this week", date(2026, 11, 30), date(2026, 12, 6)),
    ("tällä viikolla", date(2026, 11, 30), date(2026, 12, 6)),
    ("last month", date(2026, 11, 1), date(2026, 11, 30)),
    ("viime kuussa", date(2026, 11, 1), date(2026, 11, 30)),
    ("this month", date(2026, 12, 1), date(2026, 12, 31)),
    ("last year", date(2025, 1, 1), date(2025, 12, 31)),
    ("tänä vuonna", date(2026, 1, 1), date(2026, 12, 31)),
    ("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
    ("2026-2", date(2026, 2, 1), date(2026, 2, 28)),
    ("11.2026", date(2026, 11, 1), date(2026, 11, 30)),
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("november", date(2026, 11, 1), date(2026, 11, 30)),
    ("marraskuu", date(2026, 11, 1), date(2026, 11, 30)),
    ("marraskuussa", date(2026, 11, 1), date(2026, 11, 30)),
    ("tammikuu", date(2026, 1, 1), date(2026, 1, 31)),
    ("dec", date(2026, 12, 1), date(2026, 12, 31)),
    ("3d", date(2026, 11, 30), date(2026, 11, 30)),
    ("3 days ago", date(2026, 11, 30), date(2026, 11, 30)),
    ("3 päivää sitten", date(2026, 11, 30), date(2026, 11, 30)),
    ("2w", date(2026, 11, 19), date(2026, 11, 19)),
    ("2 viikkoa", date(2026, 11, 19), date(2026, 11, 19)),
    ("1m", date(2026, 11, 3), date(2026, 11, 3)),
    ("1y", date(2025, 12, 3), date(2025, 12, 3)),
    ("2026-11-22", date(2026, 11, 22), date(2026, 11, 22)),
    ("22.11.2026", date(2026, 11, 22), date(2026, 11, 22)),
    ("22.11.", date(2026, 11, 22), date(2026, 11, 22)),
])
def test_typed_dates(text: str, first: date, last: date) -> None:
    assert parse_days(text, TODAY) == (first, last)


@pytest.mark.parametrize("text", ["", "someday", "2026-13-01", "31.2.2026", "2026-13",
                                  "13.2026", "0000", "3 parsecs", "9999999y", "viime",
                                  "last fortnight", "x" * 200])
def test_what_is_no_date(text: str) -> None:
    assert parse_days(text, TODAY) is None


def test_a_month_back_from_the_31st_is_the_last_day_of_a_shorter_month() -> None:
    assert parse_days("1m", date(2026, 3, 31)) == (date(2026, 2, 28), date(2026, 2, 28))
    assert parse_days("last week", date(2027, 1, 3)) == (date(2026, 12, 21), date(2026, 12, 27))


@given(st.text(max_size=50), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)))
def test_any_text_is_a_range_or_nothing(text: str, today: date) -> None:
    days = parse_days(text, today)
    assert days is None or days[0] <= days[1]


@given(st.dates(min_value=date(1, 1, 1)), st.dates(min_value=date(1900, 1, 1),
                                                  max_value=date(2200, 1, 1)))
def test_a_written_date_is_itself_whatever_today_is(day: date, today: date) -> None:
    assert parse_days(day.isoformat(), today) == (day, day)
    assert parse_day(f"{day.day}.{day.month}.{day.year}") == day


# -- on the command line ------------------------------------------------------------------

@pytest.fixture
def dated(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries on 2026-11-20, 11-25, 12-02 and 12-03; today is 2026-12-03 (UTC)."""
    monkeypatch.setattr(SystemClock, "now",
                        lambda self: datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
    monkeypatch.setattr(SystemClock, "local_tz", lambda self: UTC)
    monkeypatch.setenv("TZ", "UTC")
    journal = JournalService.open(workspace.store)
    for day in (20, 25, 32, 33):  # November 20, 25; December 2, 3
        journal.save_entry(entry(day, f"e-{day}", title=f"d{day}"))
    journal.close()


def _titles(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return sorted(row["title"] for row in json.loads(capsys.readouterr().out))


@pytest.mark.parametrize(("argv", "titles"), [
    (["--since", "yesterday"], ["d32", "d33"]),
    (["--since", "eilen"], ["d32", "d33"]),
    (["--since", "last week", "--until", "last week"], ["d25"]),
    (["--since", "viime viikko", "--until", "viime viikko"], ["d25"]),
    (["--since", "2026-11", "--until", "2026-11"], ["d20", "d25"]),
    (["--since", "3d"], ["d32", "d33"]),
    (["--until", "marraskuu"], ["d20", "d25"]),
])
def test_journal_list_since(dated: None, capsys: pytest.CaptureFixture[str],
                            argv: list[str], titles: list[str]) -> None:
    assert main(["journal", "list", "--format", "json", *argv]) == 0, capsys.readouterr().err
    assert _titles(capsys) == titles
    assert main(["journal", "export", *argv]) == 0
    exported = json.loads(capsys.readouterr().out)["entries"]
    assert sorted(e["answers"]["title"] for e in exported) == titles


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_bad_date_is_one_line_exit_2(dated: None, capsys: pytest.CaptureFixture[str],
                                       lang: str) -> None:
    for argv in (["journal", "list"], ["journal", "export"], ["report"]):
        assert main(["--lang", lang, *argv, "--since", "someday"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert ("ei ole päivämäärä" if lang == "fi" else "is not a date") in err, err


def test_report_since_last_month(dated: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--format", "json", "--since", "last month", "--until",
                 "last month"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["since"], report["until"]) == ("2026-11-01", "2026-11-30"), report


def test_since_after_until_is_refused(dated: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "list", "--since", "today", "--until", "last week"]) == 1
    assert "swap them" in capsys.readouterr().err


def test_the_day_before_today_uses_the_clock(dated: None,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(SystemClock, "now",
                        lambda self: datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    assert main(["journal", "list", "--format", "json", "--since", "yesterday",
                 "--until", "yesterday"]) == 0
    assert _titles(capsys) == ["d25"]
