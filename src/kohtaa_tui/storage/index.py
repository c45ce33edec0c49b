"""A derived SQLite index of journal entries, beside the TOML files (which stay the truth).

Used by the journal service (kept current on every save and delete), by the dashboard, the
report and goal progress (counts without parsing every file), by the journal screen (lists,
filters, search as you type) and by `kohtaa journal ...` on the command line.

The index lives in `<data>/index.sqlite3` (mode 0600). It is a cache: deleting it loses
nothing, a corrupt or unreadable one is deleted and rebuilt, and `sync()` compares the size
and mtime_ns of every entry file with what was indexed, so a file changed by hand or by a
sync tool is re-read and a removed one is dropped. Only changed files are parsed.

Full-text search uses FTS5 with `unicode61 remove_diacritics 0`: case-insensitive for
Finnish letters too, while "sää" and "saa" stay different words. Beside the text, each entry
keeps its words' keys (storage.index_words: Snowball stems and, with Voikko, dictionary
forms), so `asiakas` finds asiakkaan and asiakkaalle. The words a person types are quoted
terms, each matched as a prefix of a word or by its keys, so no query text can be FTS syntax.

    index = JournalIndex.open(store, schemas)   # opens (or creates) and syncs nothing yet
    index.sync()                                 # re-read what changed on disk
    index.query(EntryFilter(text="asiakas"), limit=50)

This module keeps the index current (which files changed, what to drop and insert) and
answers questions. The other jobs have a module each:

- index_base: what a quick command needs alone (filters, SQL, the folder check), light;
- index_file: the file, its tables, recovery, the in-memory fallback;
- index_rows: what an entry file becomes (its rows, search text, packed document);
- index_parse: many files parsed in worker processes (a rebuild);
- index_results: the assessment results' table;
- index_words: the search keys of words.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kohtaa_tui.domain.clock import Clock
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage import index_words
from kohtaa_tui.storage.index_base import (
    DOC_COLUMNS,
    JOURNAL_TREE,
    RATING_COLUMNS,
    RESULTS_TREE,
    STEP_IDS,
    SUMMARY_COLUMNS,
    count_rows,
    decode_folders,
    doc_dictionary,
    document_rows,
    encode_folders,
    files_to_check,
    listing,
    schema_signature,
    stored_doc,
    summary_fields,
    summary_rows,
    thorough_due,
    within,
)
from kohtaa_tui.storage.index_base import (
    INDEX_NAME as INDEX_NAME,
)
from kohtaa_tui.storage.index_base import (
    EntryFilter as EntryFilter,
)
from kohtaa_tui.storage.index_base import (
    fts_query as fts_query,
)
from kohtaa_tui.storage.index_file import (
    DISK_FULL as DISK_FULL,
)
from kohtaa_tui.storage.index_file import (
    IndexedStore as IndexedStore,
)
from kohtaa_tui.storage.index_file import (
    IndexFile,
    is_full,
)
from kohtaa_tui.storage.index_file import (
    index_mode_ok as index_mode_ok,
)
from kohtaa_tui.storage.index_file import (
    is_index_file as is_index_file,
)
from kohtaa_tui.storage.index_parse import derive_all
from kohtaa_tui.storage.index_results import read_results, sync_results
from kohtaa_tui.storage.index_rows import (
    INSERT_ENTRY,
    FileState,
    Row,
    derive_row,
    doc_skeletons,
    entry_labels,
    schema_lookup,
    stored_text,
)
from kohtaa_tui.storage.index_rows import (
    load_entry_file as load_entry_file,
)

if TYPE_CHECKING:
    from kohtaa_tui.domain.assessment import AssessmentResult
    from kohtaa_tui.domain.journal import AnswerValue, JournalEntry, JournalSchema
    from kohtaa_tui.storage.repository import Loaded


# The domain parsers and the Store are imported where they are used: a query that finds
# nothing changed on disk never needs them, and `kohtaa journal list` starts faster.


@dataclass(frozen=True)
class JournalFiles:
    """The journal of a data directory without the rest of the Store (for quick queries)."""

    data_dir: Path
    clock: Clock
    read_only: bool = False

    @property
    def journal_dir(self) -> Path:
        """Journal entries."""
        return self.data_dir / "journal"

    @property
    def schemas_dir(self) -> Path:
        """The user's own journal schemas."""
        return self.data_dir / "schemas"


def _load_schemas(store: IndexedStore) -> list[JournalSchema]:
    from kohtaa_tui.storage.repository import Store
    from kohtaa_tui.storage.schemas import load_schemas

    full = store if isinstance(store, Store) else Store(store.data_dir, store.clock,
                                                        store.read_only)
    return load_schemas(full).docs()


def schema_files_signature(store: IndexedStore) -> str:
    """The shipped and installed schema files by name, size and mtime: when it changes,
    what the index derived from entries through their schemas is derived again."""
    return schema_signature(store.schemas_dir)


@dataclass(frozen=True)
class EntrySummary:
    """One indexed entry: what a list, a count or a chart needs, without the file."""

    id: str
    rel: str
    """The file's path below `folder` (the journal folder)."""
    folder: Path
    schema_id: str
    schema_version: int
    created: datetime
    updated: datetime
    title: str
    ratings: Mapping[str, int]
    tags: tuple[str, ...]
    mistakes: tuple[str, ...]
    goal_ids: tuple[str, ...]
    starred: bool
    private: bool
    lang: str | None
    occurred: datetime | None = None
    """When the encounter happened, if the entry says (its `occurred_at` field)."""

    @property
    def path(self) -> Path:
        """The entry's file (made when asked: lists of thousands rarely need it)."""
        return self.folder / self.rel

    def as_entry(self, schema: JournalSchema | None) -> JournalEntry:
        """A stand-in JournalEntry carrying only the indexed answers, keyed by `schema`'s
        role fields (for domain code such as goal progress and report counts)."""
        from kohtaa_tui.domain.journal import JournalEntry

        answers: dict[str, AnswerValue] = {}
        for role, value in (("title", self.title), ("step_ratings", dict(self.ratings)),
                            ("mistakes", self.mistakes), ("tags", self.tags)):
            spec = schema.field_by_role(role) if schema is not None else None
            if value:
                answers[spec.id if spec is not None else f"_{role}"] = value
        return JournalEntry(id=self.id, schema_id=self.schema_id,
                            schema_version=self.schema_version, created=self.created,
                            updated=self.updated, answers=answers, starred=self.starred,
                            private=self.private, goal_ids=self.goal_ids,
                            lang=self.lang)


@dataclass
class SyncReport:
    """What a sync did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> int:
        """How many entries were (re)read or dropped."""
        return self.added + self.updated + self.removed


Progress = Callable[[int, int], None]
"""Called as progress(done, total) while files are parsed."""


class JournalIndex(IndexFile):
    """The index of one data directory's journal.

    Pass every schema version (`load_schemas(store).docs()`, storage.schemas): the index
    remembers which schemas it was built with and rebuilds itself when they change. It may
    be used from a worker thread, but by one thread at a time.
    """

    def __init__(self, store: IndexedStore, schemas: Iterable[JournalSchema] | Mapping[
            str, JournalSchema] | None = None) -> None:
        self.store = store
        self.path = store.data_dir / INDEX_NAME
        self._given = schemas
        self._lookup: tuple[dict[tuple[str, int], JournalSchema],
                            dict[str, JournalSchema]] | None = None
        self._signature = schema_files_signature(store)
        self._db: sqlite3.Connection | None = None
        self.in_memory = False
        self.memory_reason = "read-only data"
        """Why the index lives in memory this time, when `in_memory`."""
        self._disk_full = False

    @property
    def _exact(self) -> dict[tuple[str, int], JournalSchema]:
        return self._schemas()[0]

    @property
    def _latest(self) -> dict[str, JournalSchema]:
        return self._schemas()[1]

    def _schemas(self) -> tuple[dict[tuple[str, int], JournalSchema],
                                dict[str, JournalSchema]]:
        if self._lookup is None:
            given = self._given if self._given is not None else _load_schemas(self.store)
            self._lookup = schema_lookup(given)
        return self._lookup

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, store: IndexedStore, schemas: Iterable[JournalSchema] | Mapping[
            str, JournalSchema] | None = None) -> JournalIndex:
        """The index of `store`'s journal, ready to query after `sync()`.

        `schemas`: every version of every schema (`load_schemas(store).docs()`), or None to
        load them only if a changed file has to be read. Nothing is written to disk until
        there is an entry to index; a read-only store gets an in-memory copy.
        """
        index = cls(store, schemas)
        index._connect()
        return index

    def __enter__(self) -> JournalIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _skeletons(self) -> str:
        return doc_skeletons(self._latest)

    # -- keeping current ---------------------------------------------------------------------
    def sync(self, progress: Progress | None = None, *, thorough: bool = True) -> SyncReport:
        """Bring the index up to date with the files: re-read changed and new ones, drop gone
        ones. No file is opened unless it changed.

        thorough: compare the size and mtime of every file (one stat per file). Otherwise
        compare the folders' mtimes (one stat per folder) and look file by file only in
        the folders that changed: that sees every file created, deleted or replaced, but
        not one rewritten in place (see index_base). A cheap sync is thorough anyway when
        there is no folder record yet or the last thorough one is older than
        index_base.THOROUGH_EVERY seconds.
        """
        try:
            result: SyncReport = self._guarded(lambda: self._sync(progress, thorough))
        except sqlite3.OperationalError as error:
            if not is_full(error) or self.in_memory:
                raise
            # The disk filled up while the index was written: SQLite rolled the write back,
            # the file is as it was; this run indexes in memory.
            self.close()
            self._to_memory(DISK_FULL)
            result = self._guarded(lambda: self._sync(progress, thorough))
        return result

    def _sync(self, progress: Progress | None = None, thorough: bool = True) -> SyncReport:
        if (self.in_memory and not self.store.read_only and not self._disk_full
                and self._has_entries()):
            self.close()
            self._connect()
        db = self.db
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        now = self.store.clock.now().timestamp()
        thorough = thorough or thorough_due(meta, now)
        report = SyncReport()
        recorded = decode_folders(meta.get(JOURNAL_TREE))
        found, dirty, record = files_to_check(self.store.journal_dir, recorded, thorough)
        files = {rel: FileState(*f) for rel, f in found.items()}
        if dirty is None:  # every file was looked at: a thorough check
            digest = _digest(files.values())
            if meta.get("files") == digest:
                # Every file has the size and mtime it had at the end of the last sync.
                report.unchanged = db.execute("SELECT count(*) FROM entries").fetchone()[0]
            else:
                self._apply(db, files, None, report, progress)
            with db:
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
                    ("files", digest), (JOURNAL_TREE, encode_folders(record)),
                    ("thorough_at", repr(now))])
        else:
            if dirty:
                self._apply(db, files, dirty, report, progress)
                with db:
                    self._forget_digest(db)
            if dirty or record != recorded:
                with db:
                    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                               (JOURNAL_TREE, encode_folders(record)))
        sync_results(db, self.store.data_dir / "results", thorough, meta)
        report.problems = self.problems()
        return report

    def _apply(self, db: sqlite3.Connection, files: Mapping[str, FileState],
               folders: Sequence[str] | None, report: SyncReport,
               progress: Progress | None) -> None:
        """Make the index agree with `files`: every file in `folders` (None: everywhere)."""
        known = {row[0]: (row[1], row[2], row[3]) for row in db.execute(
            "SELECT path, size, mtime_ns, rowid FROM entries") if within(row[0], folders)}
        broken = {row[0]: (row[1], row[2]) for row in db.execute(
            "SELECT path, size, mtime_ns FROM broken") if within(row[0], folders)}
        todo: list[FileState] = []
        for rel, state in files.items():
            seen = known.get(rel)
            if seen is not None and (seen[0], seen[1]) == (state.size, state.mtime_ns):
                report.unchanged += 1
                continue
            if broken.get(rel) == (state.size, state.mtime_ns):
                continue
            todo.append(state)
        gone = [rel for rel in known if rel not in files]
        gone_broken = [rel for rel in broken if rel not in files]
        zdict = doc_dictionary(db)  # read before the write transaction below begins
        with db:
            for rel in gone:
                self._drop(db, known[rel][2])
            db.executemany("DELETE FROM broken WHERE path = ?", [(r,) for r in gone_broken])
            report.removed += len(gone)
            pending: list[Row] = []
            for done, (state, row, problem) in enumerate(derive_all(
                    str(self.store.journal_dir), todo, self._exact, self._latest, zdict), start=1):
                if rel_row := known.get(state.rel):
                    self._drop(db, rel_row[2])
                if state.rel in broken:
                    db.execute("DELETE FROM broken WHERE path = ?", (state.rel,))
                if row is None:
                    assert problem is not None
                    db.execute("INSERT INTO broken VALUES (?, ?, ?, ?, ?)",
                               (state.rel, state.size, state.mtime_ns, problem.message,
                                problem.line))
                    if state.rel in known:
                        report.removed += 1
                else:
                    pending.append(row)
                    if len(pending) >= INSERT_BATCH:
                        self._insert_rows(db, pending)
                        pending = []
                    if state.rel in known:
                        report.updated += 1
                    else:
                        report.added += 1
                if progress is not None and (done % 200 == 0 or done == len(todo)):
                    progress(done, len(todo))
            self._insert_rows(db, pending)

    def _forget_digest(self, db: sqlite3.Connection) -> None:
        """After a single change, the next thorough sync compares file by file again."""
        db.execute("DELETE FROM meta WHERE key = 'files'")

    def sync_results(self) -> None:
        """Bring the results' table up to date, and nothing else (the journal is not
        looked at): a quick check, thorough when the last thorough one is old."""
        def run() -> None:
            db = self.db
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            thorough = thorough_due(meta, self.store.clock.now().timestamp())
            sync_results(db, self.store.data_dir / "results", thorough, meta)

        self._guarded(run)

    def rebuild(self, progress: Progress | None = None) -> SyncReport:
        """Forget everything and index every file again (the file is emptied in place)."""
        if self.in_memory and not self.store.read_only:
            self.close()
            self._connect()
        self._guarded(lambda: self._fresh(self.db, force=True))
        report = self.sync(progress)
        report.rebuilt = True
        return report

    def note_saved(self, loaded: Loaded[JournalEntry]) -> None:
        """Record an entry just saved through the store (its file's size and mtime now)."""
        try:
            info = os.stat(loaded.path)
            rel = loaded.path.relative_to(self.store.journal_dir).as_posix()
        except (OSError, ValueError):
            return
        if self.in_memory and not self.store.read_only:
            self.close()
            self._connect()

        def run() -> None:
            db = self.db
            with db:
                row = db.execute("SELECT rowid FROM entries WHERE path = ?", (rel,)).fetchone()
                if row is not None:
                    self._drop(db, row[0])
                db.execute("DELETE FROM broken WHERE path = ?", (rel,))
                self._insert(db, FileState(rel, info.st_size, info.st_mtime_ns), loaded.value)
                self._forget_digest(db)

        self._guarded(run)

    def note_changed(self, data_paths: Iterable[str]) -> None:
        """Files changed behind the index's back (a sync's merge), as paths relative to the
        data directory: the next sync reads them again whatever their size and mtime."""
        journal = [(p.removeprefix("journal/"),) for p in data_paths
                   if p.startswith("journal/")]
        results = [(p.removeprefix("results/"),) for p in data_paths
                   if p.startswith("results/")]
        if not journal and not results:
            return

        def run() -> None:
            db = self.db
            with db:
                db.executemany("UPDATE entries SET size = -1 WHERE path = ?", journal)
                db.executemany("UPDATE broken SET size = -1 WHERE path = ?", journal)
                db.executemany("UPDATE results SET size = -1 WHERE path = ?", results)
                db.execute("DELETE FROM meta WHERE key IN ('files', ?, ?)",
                           (JOURNAL_TREE, RESULTS_TREE))

        self._guarded(run)

    def note_deleted(self, entry_id: str) -> None:
        """Forget an entry whose file was removed (moved to the trash)."""
        def run() -> None:
            db = self.db
            with db:
                for (rowid,) in db.execute("SELECT rowid FROM entries WHERE id = ?",
                                           (entry_id,)).fetchall():
                    self._drop(db, rowid)
                self._forget_digest(db)

        self._guarded(run)

    def _drop(self, db: sqlite3.Connection, rowid: int) -> None:
        # A write first: in a transaction begun without one, a read would start a snapshot
        # that another writer can make stale before this one's first write.
        db.execute("UPDATE entries SET size = size WHERE rowid = ?", (rowid,))
        labels = db.execute("SELECT tags, mistakes, goals FROM entries WHERE rowid = ?",
                            (rowid,)).fetchone()
        if labels is not None:
            db.executemany("DELETE FROM labels WHERE kind = ? AND value = ? AND entry = ?",
                           [(kind, value, rowid) for kind, value in entry_labels(*labels)])
        # The search table keeps no text of its own (contentless): an entry is taken out
        # of it by giving it back the text it was given, found again from its docs row.
        stored = db.execute(f"SELECT {DOC_COLUMNS} FROM entries e JOIN docs d ON d.entry = "
                            "e.rowid WHERE e.rowid = ?", (rowid,)).fetchone()
        if stored is not None:
            doc, head = stored_doc(stored, doc_dictionary(db))
            db.execute("INSERT INTO entry_text (entry_text, rowid, body) "
                       "VALUES ('delete', ?, ?)",
                       (rowid, index_words.search_text(stored_text(doc, head))))
        db.execute("DELETE FROM entries WHERE rowid = ?", (rowid,))
        db.execute("DELETE FROM docs WHERE entry = ?", (rowid,))

    def schema_of(self, entry: JournalEntry) -> JournalSchema | None:
        """The schema the entry was written with, else the latest version of its id."""
        return self._exact.get((entry.schema_id, entry.schema_version)) or self._latest.get(
            entry.schema_id)

    def _insert(self, db: sqlite3.Connection, state: FileState, entry: JournalEntry) -> None:
        self._insert_rows(db, [derive_row(state, entry, self._exact, self._latest, None,
                                       doc_dictionary(db))])

    def _insert_rows(self, db: sqlite3.Connection, rows: Sequence[Row]) -> None:
        """Insert derived rows, table by table (one executemany each: a rebuild inserts
        thousands), under rowids chosen here so that the tables agree."""
        if not rows:
            return
        # The first insert takes the write lock and gets the next rowid (the largest plus
        # one); the others follow it. Reading max(rowid) before holding the lock could
        # race another writer.
        first = db.execute(INSERT_ENTRY, (None, *rows[0].values)).lastrowid
        assert first is not None
        numbered = list(enumerate(rows, start=first))
        db.executemany(INSERT_ENTRY, [(rowid, *row.values) for rowid, row in numbered[1:]])
        db.executemany("INSERT INTO labels (entry, kind, value) VALUES (?, ?, ?)",
                       [(rowid, kind, value) for rowid, row in numbered
                        for kind, value in row.labels])
        db.executemany("INSERT INTO entry_text (rowid, body) VALUES (?, ?)",
                       [(rowid, row.text) for rowid, row in numbered])
        db.executemany("INSERT INTO docs VALUES (?, ?)",
                       [(rowid, row.doc) for rowid, row in numbered])

    # -- asking --------------------------------------------------------------------------------
    def query(self, flt: EntryFilter | None = None, limit: int | None = 50,
              offset: int = 0) -> list[EntrySummary]:
        """The entries that pass `flt`, newest first (limit None: all of them)."""
        tz = self.store.clock.local_tz()
        rows = self._guarded(lambda: summary_rows(self.db, flt or EntryFilter(), tz, limit,
                                                  offset))
        root = self.store.journal_dir
        return [_summary(root, row) for row in rows]

    def listing(self, flt: EntryFilter, limit: int, offset: int = 0
                ) -> tuple[list[EntrySummary], int, int]:
        """One page of the entries that pass `flt`, newest first, with how many pass it and
        how many more would with the private ones, each counted no further than
        `index_base.count_cap(offset + limit)` + 1 (index_base.listing)."""
        tz = self.store.clock.local_tz()
        rows, total, hidden = self._guarded(lambda: listing(self.db, flt, tz, limit, offset))
        root = self.store.journal_dir
        return [_summary(root, row) for row in rows], total, hidden

    def documents(self, flt: EntryFilter | None = None
                  ) -> Iterator[tuple[EntrySummary, dict[str, Any]]]:
        """Each entry that passes `flt` with its whole document as in its file (dates and
        times as ISO 8601 text), oldest first: exports without parsing every TOML file."""
        root = self.store.journal_dir
        tz = self.store.clock.local_tz()
        rows: list[tuple[Any, ...]] = self._guarded(
            lambda: document_rows(self.db, flt or EntryFilter(), tz))
        for row in rows:
            yield _summary(root, row), json.loads(row[-1])

    def count(self, flt: EntryFilter | None = None) -> int:
        """How many entries pass `flt`."""
        tz = self.store.clock.local_tz()
        return int(self._guarded(lambda: count_rows(self.db, flt or EntryFilter(), tz)))

    def entry_ids(self) -> list[str]:
        """The ids of every indexed entry (private ones too)."""
        rows = self._guarded(lambda: self.db.execute("SELECT id FROM entries").fetchall())
        return [str(row[0]) for row in rows]

    def private_ids(self) -> frozenset[str]:
        """The ids of the entries marked private."""
        rows = self._guarded(lambda: self.db.execute(
            "SELECT id FROM entries WHERE private != 0").fetchall())
        return frozenset(str(row[0]) for row in rows)

    def get(self, entry_id: str) -> EntrySummary | None:
        """The indexed entry with this id (private ones too)."""
        rows = self._guarded(lambda: self.db.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM entries e WHERE e.id = ? "
            "ORDER BY e.path LIMIT 1", (entry_id,)).fetchall())
        return _summary(self.store.journal_dir, rows[0]) if rows else None

    def tags(self, include_private: bool = False) -> list[tuple[str, int]]:
        """Every tag (casefolded) with how many entries carry it, most used first."""
        return self._label_counts("tag", include_private)

    def mistakes(self, include_private: bool = False) -> list[tuple[str, int]]:
        """Every mistake id with how many entries name it, most used first."""
        return self._label_counts("mistake", include_private)

    def _label_counts(self, kind: str, include_private: bool) -> list[tuple[str, int]]:
        private = "" if include_private else "AND e.private = 0"
        rows = self._guarded(lambda: self.db.execute(
            "SELECT l.value, count(*) AS n FROM labels l JOIN entries e ON e.rowid = l.entry "
            f"WHERE l.kind = ? {private} GROUP BY l.value ORDER BY n DESC, l.value",
            (kind,)).fetchall())
        return [(str(value), int(n)) for value, n in rows]

    def schema_usage(self) -> dict[str, int]:
        """How many entries use each schema id (for ordering schemas most used first)."""
        rows = self._guarded(lambda: self.db.execute(
            "SELECT schema_id, count(*) FROM entries GROUP BY schema_id").fetchall())
        return {str(schema_id): int(n) for schema_id, n in rows}

    def created_newest_first(self) -> Iterator[float]:
        """When each entry was written (private ones too, epoch seconds), newest first, read
        as the caller goes: a habit that stops at its first empty week reads no further."""
        cursor = self._guarded(lambda: self.db.execute(
            "SELECT created_ts FROM entries ORDER BY created_ts DESC"))
        while rows := cursor.fetchmany(512):
            for (stamp,) in rows:
                yield stamp

    def counted_rows(self, since: datetime, schema_ids: Iterable[str] | None = None
                     ) -> list[tuple[Any, ...]]:
        """(created_ts, schema_id, *the step ratings in STEP_IDS order) of every entry
        (private ones too) written at or after `since`, oldest first, of `schema_ids` only
        (None: all): what count goals count, without an entry built for each."""
        clauses = ["created_ts >= ?"]
        params: list[int | str] = [math.ceil(since.timestamp())]
        if schema_ids is not None:
            wanted = sorted(set(schema_ids))
            clauses.append(f"schema_id IN ({', '.join('?' * len(wanted))})")
            params.extend(wanted)
        rows: list[tuple[Any, ...]] = self._guarded(lambda: self.db.execute(
            f"SELECT created_ts, schema_id, {', '.join(RATING_COLUMNS)} FROM entries "
            f"WHERE {' AND '.join(clauses)} ORDER BY created_ts, id", params).fetchall())
        return rows

    def progress_entries(self, since: date | None = None,
                         schema_ids: Iterable[str] | None = None) -> list[JournalEntry]:
        """Every entry (private ones too) as a stand-in carrying its schema, time and step
        ratings, oldest first: what goal progress counts, without reading the files.

        since: only entries written from the day before (a margin for time zones);
        schema_ids: only entries of these schemas (None: all).
        """
        from kohtaa_tui.domain.journal import JournalEntry

        columns = ", ".join(RATING_COLUMNS)
        clauses: list[str] = ["1"]
        params: list[int | str] = []
        if since is not None:
            clauses.append("created_ts >= ?")
            params.append(int(datetime.combine(since - timedelta(days=1), time(0),
                                               UTC).timestamp()))
        if schema_ids is not None:
            wanted = sorted(set(schema_ids))
            clauses.append(f"schema_id IN ({', '.join('?' * len(wanted))})")
            params.extend(wanted)
        rows = self._guarded(lambda: self.db.execute(
            f"SELECT id, schema_id, schema_version, created_ts, starred, private, {columns} "
            f"FROM entries WHERE {' AND '.join(clauses)} ORDER BY created_ts, id",
            params).fetchall())
        out: list[JournalEntry] = []
        for row in rows:
            created = datetime.fromtimestamp(row[3], UTC)
            ratings = {step: int(v) for step, v in zip(STEP_IDS, row[6:], strict=True)
                       if v is not None}
            answers: dict[str, AnswerValue] = {"step_ratings": ratings} if ratings else {}
            out.append(JournalEntry(id=row[0], schema_id=row[1], schema_version=int(row[2]),
                                    created=created, updated=created, answers=answers,
                                    starred=bool(row[4]), private=bool(row[5])))
        return out

    def results(self, answers: bool = True) -> list[AssessmentResult]:
        """Every readable assessment result, oldest first (as `Store.results()`, without
        parsing the files; unknown extra keys are not kept).

        answers=False: each result's answers and open answers are left empty, for callers
        that read only its scores, bank and times (the dashboard: 2 MB less at 500 results).
        """
        results: list[AssessmentResult] = self._guarded(lambda: read_results(self.db, answers))
        return results

    def problems(self) -> list[Problem]:
        """The entry and result files that could not be read, as of the last sync."""
        rows = self._guarded(lambda: self.db.execute(
            "SELECT path, message, line FROM broken ORDER BY path").fetchall())
        root = self.store.journal_dir
        found = [Problem(file=str(root / path), message=message,
                         line=line) for path, message, line in rows]
        rows = self._guarded(lambda: self.db.execute(
            "SELECT path, message, line FROM results WHERE doc IS NULL ORDER BY path"
        ).fetchall())
        results = self.store.data_dir / "results"
        return found + [Problem(file=str(results / path), message=message, line=line)
                        for path, message, line in rows]


INSERT_BATCH = 500
"""Derived rows inserted together during a sync."""


def _digest(files: Iterable[FileState]) -> str:
    """One fingerprint of every file's name, size and mtime."""
    import hashlib

    text = "\n".join(sorted(f"{f.rel}\t{f.size}\t{f.mtime_ns}" for f in files))
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _summary(root: Path, row: Sequence[Any]) -> EntrySummary:
    fields = summary_fields(tuple(row))
    fields["rel"] = fields.pop("path")
    return EntrySummary(folder=root, **fields)


