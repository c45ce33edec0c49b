"""The journal index agrees with a parse of every file, and survives damage and hostile queries."""

from __future__ import annotations

import os
import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kohtaa_tui.domain.journal import JournalEntry, JournalSchema, entry_title, step_ratings
from kohtaa_tui.services.demo import make_entry
from kohtaa_tui.storage.errors import ConflictError
from kohtaa_tui.storage.index import INDEX_NAME, EntryFilter, JournalIndex
from kohtaa_tui.storage.journal import JournalService
from kohtaa_tui.storage.repository import Store
from kohtaa_tui.storage.schemas import load_schemas

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def schemas(store: Store) -> list[JournalSchema]:
    return load_schemas(store).docs()


def quick(store: Store) -> JournalSchema:
    return next(s for s in schemas(store) if s.id == "quick")


def fill(store: Store, count: int = 40, seed: int = 3) -> list[JournalEntry]:
    """Write `count` demo entries across every schema; returns them."""
    rng = random.Random(seed)
    journal = JournalService.open(store)
    written = []
    all_schemas = schemas(store)
    for n in range(count):
        schema = all_schemas[n % len(all_schemas)]
        created = NOW - timedelta(days=count - n, minutes=n)
        entry = make_entry(schema, created, rng, "fi" if n % 2 else "en", 3.0)
        written.append(journal.save_entry(entry).value)
    journal.close()
    return written


def text_entry(store: Store, text: str, minutes: int = 0, **flags: bool) -> JournalEntry:
    schema = quick(store)
    title = schema.field_by_role("title")
    well = schema.field_by_role("went_well")
    assert title is not None and well is not None
    created = NOW - timedelta(minutes=minutes)
    return JournalEntry(id=f"20261122-1200{minutes:02d}-abcdef", schema_id="quick",
                        schema_version=schema.version, created=created,
                        updated=created,
                        answers={title.id: f"Entry {minutes}", well.id: text}, **flags)


def parsed_truth(store: Store) -> list[tuple[str, str, str, dict[str, int], bool, bool]]:
    """What every file says, newest first, parsed the slow way."""
    lookup = {s.id: s for s in schemas(store)}
    entries = sorted((item.value for item in store.entries()[0]),
                     key=lambda e: (e.created, e.id), reverse=True)
    return [(e.id, e.schema_id, entry_title(e, lookup.get(e.schema_id), e.lang or "en"),
             step_ratings(e, lookup.get(e.schema_id)), e.starred, e.private) for e in entries]


def indexed(index: JournalIndex) -> list[tuple[str, str, str, dict[str, int], bool, bool]]:
    return [(s.id, s.schema_id, s.title, dict(s.ratings), s.starred, s.private)
            for s in index.query(EntryFilter(include_private=True), limit=None)]


def test_index_matches_a_parse_of_every_file(store: Store) -> None:
    """Ids, order, titles, ratings and flags agree with the files; the file is 0600."""
    fill(store)
    index = JournalIndex.open(store, schemas(store))
    index.sync()
    assert indexed(index) == parsed_truth(store)
    assert index.count(EntryFilter(include_private=True)) == 40
    public = index.count()
    assert public == sum(1 for e in store.entries()[0] if not e.value.private)
    assert oct(os.stat(store.data_dir / INDEX_NAME).st_mode & 0o777) == "0o600"
    usage = index.schema_usage()
    assert sum(usage.values()) == 40 and len(usage) == len(schemas(store))


def test_no_index_file_without_entries(store: Store) -> None:
    """An empty data directory gets no index file; queries answer empty."""
    index = JournalIndex.open(store, schemas(store))
    assert index.sync().changed == 0
    assert index.query() == [] and index.count() == 0
    assert not (store.data_dir / INDEX_NAME).exists()


def test_hand_edited_file_is_picked_up_at_sync(store: Store) -> None:
    """A file changed outside kohtaa is re-read; an unchanged one is not."""
    fill(store, 5)
    index = JournalIndex.open(store, schemas(store))
    index.sync()
    target = index.query(EntryFilter(include_private=True), limit=1)[0]
    text = target.path.read_text(encoding="utf-8")
    target.path.write_text(text.replace("starred = false", "starred = true").replace(
        "private = true", "private = false") + "\n", encoding="utf-8")
    report = index.sync()
    assert report.updated == 1 and report.unchanged == 4
    again = index.get(target.id)
    assert again is not None and again.starred and not again.private


def test_deleted_file_is_dropped_and_broken_file_reported(store: Store) -> None:
    """A removed file leaves the index; a broken one is a problem, not a crash."""
    fill(store, 5)
    index = JournalIndex.open(store, schemas(store))
    index.sync()
    first, second = index.query(EntryFilter(include_private=True), limit=2)
    first.path.unlink()
    second.path.write_bytes(b"this is = = not toml")
    report = index.sync()
    assert report.removed == 2
    assert index.get(first.id) is None and index.get(second.id) is None
    assert [p.file for p in index.problems()] == [str(second.path)]
    assert index.sync().changed == 0  # the broken file is not re-read until it changes


def test_deleted_or_corrupt_index_is_rebuilt(store: Store) -> None:
    """Removing or garbling the index loses nothing."""
    fill(store, 8)
    JournalIndex.open(store, schemas(store)).sync()
    truth = parsed_truth(store)
    (store.data_dir / INDEX_NAME).unlink()
    index = JournalIndex.open(store, schemas(store))
    assert index.sync().added == 8
    assert indexed(index) == truth
    index.close()
    (store.data_dir / INDEX_NAME).write_bytes(b"garbage" * 1000)
    index = JournalIndex.open(store, schemas(store))
    index.sync()
    assert indexed(index) == truth
    index.close()
    db = sqlite3.connect(store.data_dir / INDEX_NAME)
    db.execute("DROP TABLE labels")
    db.commit()
    db.close()
    index = JournalIndex.open(store, schemas(store))
    index.sync()
    assert indexed(index) == truth
    assert index.rebuild().rebuilt
    assert indexed(index) == truth


def test_finnish_search_is_case_insensitive_and_keeps_umlauts(store: Store) -> None:
    """"Sää" finds "sää" but not "saa"; "ÄÄNI" finds "ääni"; words are prefixes."""
    journal = JournalService.open(store)
    journal.save_entry(text_entry(store, "Sää oli kurja, mutta asiakas hymyili.", 1))
    journal.save_entry(text_entry(store, "Saa nähdä, mitä ääni kertoo.", 2))
    index = journal.index
    assert [s.title for s in index.query(EntryFilter(text="Sää"))] == ["Entry 1"]
    assert [s.title for s in index.query(EntryFilter(text="SAA"))] == ["Entry 2"]
    assert [s.title for s in index.query(EntryFilter(text="ÄÄNI"))] == ["Entry 2"]
    assert [s.title for s in index.query(EntryFilter(text="asiak hymy"))] == ["Entry 1"]
    assert index.query(EntryFilter(text="asiakas ääni")) == []


@pytest.mark.parametrize("query", [
    '"', '""', "'", "NEAR(", "NEAR(a b", "*", "-", "- sää", "a OR", "AND", "NOT x", "^",
    "col:x", "\x00", "sää\x00", "(", ")", "{a b}", "a + b", "\\", "[@click=app.quit]",
    "\u202e", "😀", " ", "_", "a*b", "%", "x" * 5000,
])
def test_hostile_queries_never_raise(store: Store, query: str) -> None:
    """No text typed into search is FTS syntax."""
    journal = JournalService.open(store)
    journal.save_entry(text_entry(store, "Sää oli kurja.", 1))
    journal.index.query(EntryFilter(text=query))
    journal.index.count(EntryFilter(text=query, tag=query, schema_id=query, step=query,
                                    mistake=query))


def test_filters(store: Store) -> None:
    """Schema, step, tag, mistake, starred, private and dates each narrow the list."""
    written = fill(store, 40)
    index = JournalIndex.open(store, schemas(store))
    index.sync()
    lookup = {s.id: s for s in schemas(store)}
    everything = index.query(EntryFilter(include_private=True), limit=None)
    for summary in everything:
        assert summary.path.exists()
    assert index.count(EntryFilter(schema_id="quick", include_private=True)) == sum(
        1 for e in written if e.schema_id == "quick")
    assert index.count(EntryFilter(starred=True, include_private=True)) == sum(
        1 for e in written if e.starred)
    low = index.query(EntryFilter(step="listening", step_max=3, include_private=True),
                      limit=None)
    assert {s.id for s in low} == {
        e.id for e in written
        if step_ratings(e, lookup[e.schema_id]).get("listening", 9) <= 3}
    tag, count = index.tags(include_private=True)[0]
    assert index.count(EntryFilter(tag=tag.upper(), include_private=True)) == count
    mistake, count = index.mistakes(include_private=True)[0]
    assert index.count(EntryFilter(mistake=mistake, include_private=True)) == count
    day = written[10].created.date()
    window = index.query(EntryFilter(since=day, until=day, include_private=True), limit=None)
    assert [s.id for s in window] == [e.id for e in written if e.created.date() == day]
    assert index.count(EntryFilter(since=date(2030, 1, 1))) == 0
    page = index.query(EntryFilter(include_private=True), limit=5, offset=5)
    assert [s.id for s in page] == [s.id for s in everything[5:10]]


def test_service_keeps_the_index_current(store: Store) -> None:
    """Save, edit, star and delete show up without a sync; a stale edit is refused."""
    journal = JournalService.open(store)
    saved = journal.save_entry(text_entry(store, "Ensimmäinen", 1))
    assert journal.index.count() == 1
    starred = journal.set_flags(saved, starred=True)
    assert journal.index.count(EntryFilter(starred=True)) == 1
    with pytest.raises(ConflictError):
        journal.set_flags(saved, private=True)  # the file changed since `saved` was loaded
    loaded = journal.load_entry(saved.value.id)
    assert loaded.fingerprint == starred.fingerprint
    hidden = journal.set_flags(loaded, private=True)
    assert journal.index.count() == 0 and journal.index.count(
        EntryFilter(include_private=True)) == 1
    trashed = journal.delete_entry(hidden)
    assert trashed.parent == store.trash_dir and trashed.exists()
    assert journal.index.count(EntryFilter(include_private=True)) == 0
    assert journal.index.sync().changed == 0


def test_as_entry_keeps_what_goal_progress_needs(store: Store) -> None:
    """A summary turned back into an entry has the same step ratings and title."""
    fill(store, 10)
    index = JournalIndex.open(store, schemas(store))
    index.sync()
    lookup = {s.id: s for s in schemas(store)}
    for summary in index.query(EntryFilter(include_private=True), limit=None):
        schema = lookup.get(summary.schema_id)
        stub = summary.as_entry(schema)
        assert step_ratings(stub, schema) == dict(summary.ratings)
        assert entry_title(stub, schema, "en") == summary.title


def test_read_only_store_indexes_in_memory(store: Store, data_dir: Path) -> None:
    """A read-only data directory is indexed without writing anything."""
    fill(store, 4)
    (data_dir / INDEX_NAME).unlink()
    ro = Store(data_dir, store.clock, read_only=True)
    index = JournalIndex.open(ro, schemas(ro))
    index.sync()
    assert index.in_memory
    assert index.count(EntryFilter(include_private=True)) == 4
    assert not (data_dir / INDEX_NAME).exists()


def test_parallel_rebuild_matches_a_serial_one(store: Store,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing in worker processes gives the very same index as parsing in this one."""
    from kohtaa_tui.storage import index_parse

    fill(store, 30)
    (store.data_dir / "journal" / "2026" / "10" / "20261001-000000-bad000.toml").write_text(
        "kind = ", encoding="utf-8")
    truth = parsed_truth(store)
    monkeypatch.setattr(index_parse, "PARALLEL_FROM", 5)
    index = JournalIndex.open(store, schemas(store))
    if not index_parse.can_fork():
        pytest.skip("no fork on this system")
    report = index.rebuild()
    assert report.added == 30 and len(report.problems) == 1
    assert indexed(index) == truth
    serial = [(s.id, d) for s, d in index.documents(EntryFilter(include_private=True))]
    monkeypatch.setattr(index_parse, "PARALLEL_FROM", 10**9)
    index.rebuild()
    assert [(s.id, d) for s, d in index.documents(EntryFilter(include_private=True))] == serial


def test_results_follow_their_files(workspace: object) -> None:
    """Results are indexed too: added, changed, broken and removed files are followed."""
    from kohtaa_tui.services.demo import populate
    from kohtaa_tui.services.workspace import Workspace

    assert isinstance(workspace, Workspace)
    store = workspace.store
    populate(store, workspace.clock, weeks=12)
    slow = [item.value for item in store.results()[0]]
    index = JournalIndex.open(store)
    index.sync()
    assert index.results() == slow
    first, second = (store.result_path(r) for r in slow[:2])
    first.unlink()
    second.write_text("broken = = =", encoding="utf-8")
    index.sync()
    assert [r.id for r in index.results()] == [r.id for r in slow[2:]]
    assert [p.file for p in index.problems()] == [str(second)]


def test_many_threads_open_a_new_index_at_once(store: Store) -> None:
    """Threads creating, syncing and rebuilding the same index together never clash."""
    import threading

    fill(store, 12)
    (store.data_dir / INDEX_NAME).unlink()
    errors: list[BaseException] = []
    counts: list[int] = []

    def work(n: int) -> None:
        try:
            with JournalIndex.open(store, schemas(store)) as index:
                if n % 3 == 0:
                    index.rebuild()
                else:
                    index.sync()
                counts.append(index.count(EntryFilter(include_private=True)))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with JournalIndex.open(store, schemas(store)) as index:
        index.sync()
        assert indexed(index) == parsed_truth(store)
