"""A listing's page and its counts (index_base.listing): the same entries as a plain query,
counts exact up to their cap and "more than" past it, whichever way the matches are read."""

from __future__ import annotations

from datetime import date

import pytest

from kohtaa_tui.storage import index_base
from kohtaa_tui.storage.index import EntryFilter, JournalIndex
from kohtaa_tui.storage.journal import JournalService
from kohtaa_tui.storage.repository import Store
from tests.unit.test_index import fill, schemas, text_entry

FILTERS = [
    EntryFilter(), EntryFilter(include_private=True), EntryFilter(text="asiakas"),
    EntryFilter(text="asiakas", include_private=True), EntryFilter(text="a"),
    EntryFilter(text="asiakas tarjous"), EntryFilter(text="zzzz"),
    EntryFilter(text="asiakas", since=date(2026, 11, 10)),
    EntryFilter(text="a", starred=True, include_private=True),
]


@pytest.fixture
def index(store: Store) -> JournalIndex:
    fill(store, 60)
    journal = JournalService.open(store)
    for n in range(12):  # private ones that match, and public ones
        journal.save_entry(text_entry(store, f"Asiakas {n} soitti", minutes=n,
                                      private=n % 3 != 0))
    journal.close()
    opened = JournalIndex.open(store, schemas(store))
    opened.sync()
    return opened


@pytest.mark.parametrize("by_date", [0, 10_000], ids=["walk-by-date", "read-the-matches"])
@pytest.mark.parametrize("cap", [3, 1000])
def test_listing_agrees_with_a_plain_query_and_count(
        index: JournalIndex, monkeypatch: pytest.MonkeyPatch, by_date: int, cap: int) -> None:
    """Every filter, page and cap: the page is the plain query's, each count is the exact
    one or, past the cap, cap + 1; the connection is left outside any transaction."""
    monkeypatch.setattr(index_base, "HITS_BY_DATE", by_date)
    monkeypatch.setattr(index_base, "COUNT_CAP", cap)
    db, tz = index.db, index.store.clock.local_tz()
    for flt in FILTERS:
        exact = index_base.count_rows(db, flt, tz)
        everyone = index_base.count_rows(db, flt.replace(include_private=True), tz)
        for offset, limit in ((0, 2), (0, 10), (4, 5), (0, None), (200, 10)):
            rows, total, hidden = index_base.listing(db, flt, tz, limit, offset)
            assert rows == index_base.summary_rows(db, flt, tz, limit, offset), flt
            stop = index_base.count_cap(offset + (limit or len(rows)))
            if rows and (limit is None or len(rows) < limit):
                assert total == exact  # the last page: its end is the count
            elif rows:
                assert total == min(exact, stop + 1), (flt, offset, limit)
            assert hidden == min(everyone - exact, stop + 1), flt
            assert not db.in_transaction
    assert db.execute(f"SELECT count(*) FROM {index_base.HITS}").fetchone()[0] == 0


def test_counts_stop_past_the_cap(index: JournalIndex, monkeypatch: pytest.MonkeyPatch
                                  ) -> None:
    """Past its cap a count says cap + 1 ("more than"); the cap grows past what is shown."""
    monkeypatch.setattr(index_base, "COUNT_CAP", 3)
    db, tz = index.db, index.store.clock.local_tz()
    flt = EntryFilter(text="asiakas")
    shown = index_base.count_rows(db, flt, tz)
    private = index_base.count_rows(db, flt.replace(include_private=True), tz) - shown
    assert shown > 9 and private > 3  # the fixture's: the counts below pass their caps
    _rows, total, hidden = index_base.listing(db, flt, tz, 2)
    assert (total, hidden) == (4, 4)
    assert index_base.count_cap(2) == 3 and index_base.count_cap(6) == 9
    _rows, total, hidden = index_base.listing(db, flt, tz, 3, 3)
    assert (total, hidden) == (10, min(private, 10))


def test_listing_inside_a_transaction_leaves_it_open(index: JournalIndex) -> None:
    """A caller's own transaction is neither committed nor ended by a search."""
    db, tz = index.db, index.store.clock.local_tz()
    db.execute("BEGIN")
    try:
        index_base.listing(db, EntryFilter(text="asiakas"), tz, 5)
        assert db.in_transaction
    finally:
        db.execute("ROLLBACK")
