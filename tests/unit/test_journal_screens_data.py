"""The pure parts of the journal screens: dates typed in, search folding, filters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kohtaa_tui.ui.screens.journal_data import EntrySummary, JournalFilter, fold
from kohtaa_tui.ui.screens.journal_list import step_cells
from kohtaa_tui.ui.widgets.journal_fields import parse_moment, scale_choices

HELSINKI_WINTER = timezone(timedelta(hours=2))


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-22 14:30", datetime(2026, 11, 22, 12, 30, tzinfo=UTC)),
    ("2026-11-22T14.30", datetime(2026, 11, 22, 12, 30, tzinfo=UTC)),
    ("22.11.2026 14.30", datetime(2026, 11, 22, 12, 30, tzinfo=UTC)),
    ("22.11.2026 klo 9.05", datetime(2026, 11, 22, 7, 5, tzinfo=UTC)),
    ("  22.11.2026 ", datetime(2026, 11, 21, 22, 0, tzinfo=UTC)),
    ("2026-11-22", datetime(2026, 11, 21, 22, 0, tzinfo=UTC)),
])
def test_dates_in_either_way_of_writing(text: str, expected: datetime) -> None:
    """ISO and Finnish dates, with or without a time, in the person's zone, saved in UTC."""
    assert parse_moment(text, HELSINKI_WINTER) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01", "31.2.2026", "2026-11-22 25:00",
                                  "22.11.26"])
def test_dates_that_are_not_dates(text: str) -> None:
    """Nonsense and impossible dates are refused, not guessed."""
    assert parse_moment(text, UTC) is None


def row(**changes: object) -> EntrySummary:
    """A list row."""
    base: dict[str, object] = dict(
        id="e", path=Path("e.toml"), created=datetime(2026, 1, 1, tzinfo=UTC), occurred=None,
        schema_id="quick", title="T", steps={"listening": 4}, tags=("billing",),
        starred=False, private=False, text=fold("Äänekoski Hinta"))
    base.update(changes)
    return EntrySummary(**base)  # type: ignore[arg-type]


def test_search_folds_case_and_keeps_finnish_letters() -> None:
    """ÄÄNE finds Äänekoski; a (without dots) does not match ä; every word must match."""
    assert JournalFilter(search="ÄÄNE").matches(row())
    assert JournalFilter(search="hinta  äänekoski").matches(row())
    assert not JournalFilter(search="anekoski").matches(row())
    assert not JournalFilter(search="hinta puuttuu").matches(row())


def test_filters_combine() -> None:
    """Type, step, tag and starred must all match."""
    assert JournalFilter(schema_id="quick", step="listening", tag="BILLING").matches(row())
    assert not JournalFilter(schema_id="sales-meeting").matches(row())
    assert not JournalFilter(step="feedback").matches(row())
    assert not JournalFilter(tag="returns").matches(row())
    assert not JournalFilter(starred=True).matches(row())
    assert JournalFilter(starred=True).matches(row(starred=True))


def test_step_cells_mark_unrated_steps() -> None:
    """Five places in step order; a dot where a step was not rated."""
    assert step_cells({"feedback": 2, "listening": 4}) == "4 · · · 2"


def test_scale_keys_are_the_points_themselves() -> None:
    """A 1-5 scale answers with keys 1-5; a point outside 0-9 has no key."""
    points = scale_choices(1, 5, ["low", "", "", "", "high"])
    assert [p.key for p in points] == ["1", "2", "3", "4", "5"]
    assert points[0].label == "1  low"
    assert [p.key for p in scale_choices(-2, 2, [])] == [None, None, "0", "1", "2"]
