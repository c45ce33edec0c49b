"""The journal screens' data: dates typed in, search and filters through the index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services.journal_data import JournalFilter, JournalSource
from kohtaa_tui.services.workspace import Workspace
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


def plant(ws: Workspace, entry_id: str, days: int, **changes: object) -> None:
    """A customer-service entry written `days` before the fixed clock."""
    moment = datetime(2026, 11, 20, 9, tzinfo=UTC) - timedelta(days=days)
    answers = {"title": "T", "what_happened": "Äänekoski Hinta", "step_ratings": {"listening": 4},
               "tags": ("billing",)}
    flags = {k: changes.pop(k) for k in ("starred", "private") if k in changes}
    answers.update(changes)  # type: ignore[arg-type]
    ws.store.save_entry(JournalEntry(id=entry_id, schema_id="customer-service", schema_version=1,
                                     created=moment, updated=moment, answers=answers,
                                     **flags), None)  # type: ignore[arg-type]


def ids(source: JournalSource, wanted: JournalFilter) -> list[str]:
    """The ids a query returns, in order."""
    rows, total, more = source.query(wanted)
    assert total == len(rows) and not more
    return [row.id for row in rows]


def test_search_folds_case_and_keeps_finnish_letters(workspace: Workspace) -> None:
    """ÄÄNE finds Äänekoski; a (without dots) does not match ä; every word must match."""
    plant(workspace, "e-a", 1)
    plant(workspace, "e-b", 2, what_happened="Aanekoski ilman pisteitä")
    source = JournalSource.load(workspace)
    try:
        assert ids(source, JournalFilter(search="ÄÄNE")) == ["e-a"]
        assert ids(source, JournalFilter(search="hinta  äänekoski")) == ["e-a"]
        assert ids(source, JournalFilter(search="aane")) == ["e-b"]
        assert ids(source, JournalFilter(search="hinta puuttuu")) == []
    finally:
        source.close()


def test_filters_combine_and_private_entries_are_listed(workspace: Workspace) -> None:
    """Type, step, tag and starred must all match; the person's private entries show."""
    plant(workspace, "e-a", 1, private=True)
    plant(workspace, "e-b", 2, starred=True, step_ratings={"feedback": 2}, tags=("returns",),
          mistakes=("jargon",))
    source = JournalSource.load(workspace)
    try:
        assert ids(source, JournalFilter()) == ["e-a", "e-b"]
        assert ids(source, JournalFilter(schema_id="customer-service", step="listening",
                                         tag="BILLING")) == ["e-a"]
        assert ids(source, JournalFilter(schema_id="sales-meeting")) == []
        assert ids(source, JournalFilter(step="feedback")) == ["e-b"]
        assert ids(source, JournalFilter(starred=True)) == ["e-b"]
        assert ids(source, JournalFilter(mistake="jargon")) == ["e-b"]
        assert source.tags() == ["billing", "returns"]
        assert source.schema_usage() == {"customer-service": 2}
    finally:
        source.close()


def test_step_cells_mark_unrated_steps() -> None:
    """Five places in step order; a dot where a step was not rated."""
    assert step_cells({"feedback": 2, "listening": 4}) == "4 · · · 2"


def test_scale_keys_are_the_points_themselves() -> None:
    """A 1-5 scale answers with keys 1-5; a point outside 0-9 has no key."""
    points = scale_choices(1, 5, ["low", "", "", "", "high"])
    assert [p.key for p in points] == ["1", "2", "3", "4", "5"]
    assert points[0].label == "1  low"
    assert [p.key for p in scale_choices(-2, 2, [])] == [None, None, "0", "1", "2"]
