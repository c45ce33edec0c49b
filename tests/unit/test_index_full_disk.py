"""A nearly full disk: no empty index.sqlite3 is left behind, the index works in memory and
says why, and `kohtaa index rebuild` says the disk is full.

The full disk is SQLite's own SQLITE_FULL, reached by capping the index file's page count
(PRAGMA max_page_count), so the real error path runs.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.storage import index_file
from kohtaa_tui.storage.index import DISK_FULL, INDEX_NAME, EntryFilter
from kohtaa_tui.storage.journal import JournalService
from kohtaa_tui.storage.repository import Store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def some_entries(store: Store, count: int = 30, first: int = 0) -> None:
    for n in range(first, first + count):
        store.save_entry(JournalEntry(id=f"e-{n}", schema_id="quick", schema_version=1, created=NOW,
                                      updated=NOW, answers={
            "title": f"Call {n}", "what": "Talked about the price " * 40}), None)


def disk_full_after(monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
    real = index_file.connect_file

    def capped(path: str) -> sqlite3.Connection:
        db = real(path)
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(index_file, "connect_file", capped)


def test_a_new_index_that_does_not_fit_leaves_no_empty_file(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    some_entries(store)
    disk_full_after(monkeypatch, 1)
    journal = JournalService.open(store)
    try:
        assert journal.index.in_memory and journal.index.memory_reason == DISK_FULL
        assert journal.index.count(EntryFilter(include_private=True)) == 30
    finally:
        journal.close()
    assert not (store.data_dir / INDEX_NAME).exists()


def test_an_index_that_fills_the_disk_while_syncing_keeps_working(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    some_entries(store, 3)
    JournalService.open(store).close()  # a small index on disk
    before = (store.data_dir / INDEX_NAME).stat().st_size
    assert before > 0
    some_entries(store, 300, first=3)
    disk_full_after(monkeypatch, before // 4096 + 1)
    journal = JournalService.open(store)
    try:
        assert journal.index.count(EntryFilter(include_private=True)) == 303
        assert journal.index.in_memory and journal.index.memory_reason == DISK_FULL
    finally:
        journal.close()
    monkeypatch.undo()
    assert (store.data_dir / INDEX_NAME).stat().st_size > 0
    with sqlite3.connect(store.data_dir / INDEX_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_index_rebuild_on_a_full_disk_says_so(store: Store, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    some_entries(store, 3)
    assert main(["index", "rebuild"]) == 0
    size = (store.data_dir / INDEX_NAME).stat().st_size
    capsys.readouterr()
    some_entries(store, 300, first=3)
    disk_full_after(monkeypatch, size // 4096 + 1)
    code = main(["index", "rebuild"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "the disk is full" in out and "read-only" not in out
    assert "indexed 303 entries" in out

