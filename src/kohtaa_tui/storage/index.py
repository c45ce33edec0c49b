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
"""

from __future__ import annotations

import bisect
import contextlib
import errno
import json
import logging
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from kohtaa_tui.domain.clock import Clock
from kohtaa_tui.domain.display import json_safe
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage import index_words
from kohtaa_tui.storage.index_base import (
    DOC_COLUMNS,
    FORMAT,
    INDEX_NAME,
    JOURNAL_TREE,
    RATING_COLUMNS,
    RESULTS_TREE,
    SEP,
    STEP_IDS,
    SUMMARY_COLUMNS,
    connect_file,
    count_rows,
    decode_folders,
    doc_dictionary,
    document_rows,
    encode_folders,
    files_to_check,
    pack_doc,
    schema_signature,
    stored_doc,
    strip_doc,
    summary_fields,
    summary_rows,
    thorough_due,
    walk_tree,
    within,
)
from kohtaa_tui.storage.index_base import (
    EntryFilter as EntryFilter,
)
from kohtaa_tui.storage.index_base import (
    fts_query as fts_query,
)

if TYPE_CHECKING:
    from kohtaa_tui.domain.assessment import AssessmentResult
    from kohtaa_tui.domain.journal import AnswerValue, JournalEntry, JournalSchema
    from kohtaa_tui.storage.repository import Loaded

_log = logging.getLogger(__name__)

DISK_FULL = "the disk is full; free some space and run `kohtaa index rebuild`"
"""Why the index is in memory when its file could not be written for lack of space."""

# The domain parsers and the Store are imported where they are used: a query that finds
# nothing changed on disk never needs them, and `kohtaa journal list` starts faster.


class IndexedStore(Protocol):
    """What the index needs of a store (repository.Store, or JournalFiles for a quick query)."""

    @property
    def data_dir(self) -> Path: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def read_only(self) -> bool: ...

    @property
    def journal_dir(self) -> Path: ...

    @property
    def schemas_dir(self) -> Path: ...


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

    full = store if isinstance(store, Store) else Store(store.data_dir, store.clock,
                                                        store.read_only)
    return [item.value for item in full.schemas()[0]]


def schema_files_signature(store: IndexedStore) -> str:
    """The shipped and installed schema files by name, size and mtime: when it changes,
    what the index derived from entries through their schemas is derived again."""
    return schema_signature(store.schemas_dir)


_TABLES = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    rowid INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    id TEXT NOT NULL,
    schema_id TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    created TEXT NOT NULL,
    created_ts INTEGER NOT NULL,
    updated TEXT,
    title TEXT NOT NULL,
    occurred TEXT,
    {", ".join(f"{c} INTEGER" for c in RATING_COLUMNS)},
    tags TEXT NOT NULL,
    mistakes TEXT NOT NULL,
    goals TEXT NOT NULL,
    starred INTEGER NOT NULL,
    private INTEGER NOT NULL,
    lang TEXT,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL
);
CREATE INDEX entries_created ON entries (created_ts DESC, id DESC);
CREATE INDEX entries_private ON entries (private, created_ts);
CREATE TABLE docs (entry INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE INDEX entries_id ON entries (id);
CREATE INDEX entries_schema ON entries (schema_id);
CREATE TABLE labels (
    entry INTEGER NOT NULL REFERENCES entries (rowid) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX labels_value ON labels (kind, value);
CREATE INDEX labels_entry ON labels (entry);
CREATE TABLE broken (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    message TEXT NOT NULL,
    line INTEGER
);
CREATE TABLE results (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    completed_ts INTEGER,
    doc TEXT,
    message TEXT,
    line INTEGER
);
CREATE VIRTUAL TABLE entry_text USING fts5 (
    body, content = '', detail = none, columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 0'
);
"""


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
        return JournalEntry(self.id, self.schema_id, self.schema_version, self.created,
                            self.updated, answers, self.starred, self.private, self.goal_ids,
                            self.lang)


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


def _schema_lookup(schemas: Iterable[JournalSchema] | Mapping[str, JournalSchema]
                   ) -> tuple[dict[tuple[str, int], JournalSchema], dict[str, JournalSchema]]:
    from kohtaa_tui.domain.document import latest_versions

    values = list(schemas.values() if isinstance(schemas, Mapping) else schemas)
    exact: dict[tuple[str, int], JournalSchema] = {}
    for schema in values:
        exact.setdefault((schema.id, schema.version), schema)
    return exact, latest_versions(values)


def _stamp(moment: datetime) -> int:
    return int(moment.timestamp())


class _FileState(NamedTuple):
    """A file below a folder, as a walk saw it."""

    rel: str
    size: int
    mtime_ns: int


class JournalIndex:
    """The index of one data directory's journal.

    Pass every schema version (`store.schemas()`): the index remembers which schemas it was
    built with and rebuilds itself when they change. It may be used from a worker thread,
    but by one thread at a time.
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
            self._lookup = _schema_lookup(given)
        return self._lookup

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, store: IndexedStore, schemas: Iterable[JournalSchema] | Mapping[
            str, JournalSchema] | None = None) -> JournalIndex:
        """The index of `store`'s journal, ready to query after `sync()`.

        `schemas`: every version of every schema (`store.schemas()`), or None to load them
        only if a changed file has to be read. Nothing is written to disk until there is an
        entry to index; a read-only store gets an in-memory copy.
        """
        index = cls(store, schemas)
        index._connect()
        return index

    def close(self) -> None:
        """Close the database connection."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> JournalIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite3.Connection:
        """The open connection (opened on first use)."""
        if self._db is None:
            self._connect()
        assert self._db is not None
        return self._db

    def _connect(self) -> None:
        """Open the index file (creating or resetting it as needed); a file SQLite cannot
        read is deleted and made again; if even that fails, the index lives in memory."""
        try:
            self._db = self._open_file()
            return
        except sqlite3.DatabaseError as error:
            if _is_full(error):
                self._to_memory(DISK_FULL)
                return
            self._discard_file()
        except OSError as error:
            if _is_full(error):
                self._to_memory(DISK_FULL)
                return
        try:
            self._db = self._open_file()
        except (sqlite3.DatabaseError, OSError) as error:
            self._to_memory(DISK_FULL if _is_full(error)
                            else f"the index file cannot be written: {error}")

    def _to_memory(self, reason: str) -> None:
        """Keep the index in memory for this run (the files stay the truth), and say why."""
        self._db = self._fresh(sqlite3.connect(":memory:", check_same_thread=False))
        self.in_memory = True
        self.memory_reason = reason
        self._disk_full = reason == DISK_FULL
        _log.warning("%s: the index is kept in memory this time: %s", self.path, reason)

    def _open_file(self) -> sqlite3.Connection:
        if self.store.read_only or (not self.path.exists() and not self._has_entries()):
            self.in_memory = True
            self.memory_reason = ("read-only data" if self.store.read_only
                                  else "nothing to index yet")
            memory = sqlite3.connect(":memory:", check_same_thread=False)
            if self.path.exists():
                source = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
                try:
                    source.backup(memory)
                finally:
                    source.close()
            return self._fresh(memory)
        self.in_memory = False
        created = False
        if not self.path.exists():
            self.store.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Not O_EXCL: another thread or process may be creating it at the same moment;
            # _fresh below lets one of them initialise it and the other use it.
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600)
            os.close(fd)
            created = True
        try:
            db = connect_file(self.path)
        except (sqlite3.DatabaseError, OSError) as error:
            if created and _is_full(error):
                self._discard_empty()
            raise
        try:
            return self._fresh(db)
        except sqlite3.DatabaseError as error:
            db.close()
            if created and _is_full(error):
                # A new index that did not fit: no empty index.sqlite3 is left behind.
                self._discard_empty()
            raise

    def _discard_empty(self) -> None:
        """Remove an index file that holds no index (it was just created and did not fit)."""
        try:
            if os.path.getsize(self.path) > 0:
                with contextlib.closing(sqlite3.connect(
                        f"file:{self.path}?mode=ro", uri=True)) as probe:
                    if probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                        return
        except (OSError, sqlite3.Error):
            pass
        self._discard_file()

    def _usable(self, db: sqlite3.Connection) -> bool:
        """True when `db` is an index of this format built with these schemas."""
        try:
            rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
            db.execute("SELECT rowid FROM entry_text WHERE entry_text MATCH 'x' "
                       "LIMIT 1").fetchone()  # exists, readable
        except sqlite3.OperationalError as error:
            if "no such" in str(error) or "has no column" in str(error):
                return False
            raise
        return (rows.get("format") == str(FORMAT) and rows.get("schemas") == self._signature
                and rows.get("words") == index_words.analyser_signature())

    def _fresh(self, db: sqlite3.Connection, force: bool = False) -> sqlite3.Connection:
        """Make `db` an empty index of this format, unless it already is one (or `force`).

        In place and in one write transaction, so that two threads or processes opening a
        new or outdated index at once do not trip over each other, and no connection ever
        sees its file deleted under it. A damaged file raises DatabaseError.
        """
        # The schemas are read (for the docs' dictionary) before the write lock is taken,
        # and only for an index to be made.
        skeletons = None if not force and self._usable(db) else doc_skeletons(self._latest)
        db.isolation_level = None  # explicit transactions below
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                if not force and self._usable(db):
                    db.execute("COMMIT")
                    return db
                if skeletons is None:
                    skeletons = doc_skeletons(self._latest)
                names = [r[0] for r in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'entry_text_%'")]
                for name in names:
                    db.execute(f'DROP TABLE IF EXISTS "{name}"')
                for statement in _TABLES.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.executemany("INSERT INTO meta VALUES (?, ?)",
                               [("format", str(FORMAT)), ("schemas", self._signature),
                                ("words", index_words.analyser_signature()),
                                ("zdict", skeletons)])
                db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
        finally:
            db.isolation_level = "DEFERRED"
        return db

    def _discard_file(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        if self.store.read_only:
            return
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
                os.unlink(str(self.path) + suffix)

    def _has_entries(self) -> bool:
        """True when there is a journal entry or an assessment result to index."""
        return _has_files(self.store.journal_dir) or _has_files(
            self.store.data_dir / "results")

    def _guarded(self, action: Callable[[], Any]) -> Any:
        """Run `action`. When the database looks damaged, reopen it and try again (another
        connection may have just rebuilt it); if it still fails, throw the file away,
        rebuild it and try once more."""
        try:
            return action()
        except sqlite3.DatabaseError as error:
            if not _is_corrupt(error):
                raise
        self.close()
        self._connect()
        try:
            return action()
        except sqlite3.DatabaseError as error:
            if not _is_corrupt(error):
                raise
        self._discard_file()
        self._connect()
        self._sync()
        return action()

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
            if not _is_full(error) or self.in_memory:
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
        files = {rel: _FileState(*f) for rel, f in found.items()}
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
        self._sync_results(db, thorough, meta)
        report.problems = self.problems()
        return report

    def _apply(self, db: sqlite3.Connection, files: Mapping[str, _FileState],
               folders: Sequence[str] | None, report: SyncReport,
               progress: Progress | None) -> None:
        """Make the index agree with `files`: every file in `folders` (None: everywhere)."""
        known = {row[0]: (row[1], row[2], row[3]) for row in db.execute(
            "SELECT path, size, mtime_ns, rowid FROM entries") if within(row[0], folders)}
        broken = {row[0]: (row[1], row[2]) for row in db.execute(
            "SELECT path, size, mtime_ns FROM broken") if within(row[0], folders)}
        todo: list[_FileState] = []
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
            pending: list[_Row] = []
            for done, (state, row, problem) in enumerate(self._derive_all(todo, zdict), start=1):
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

    def _sync_results(self, db: sqlite3.Connection, thorough: bool,
                      meta: Mapping[str, str]) -> None:
        """Keep the assessment results' table current (the same checks as the journal's)."""
        root = self.store.data_dir / "results"
        recorded = decode_folders(meta.get(RESULTS_TREE))
        found, dirty, record = files_to_check(root, recorded, thorough)
        files = {rel: _FileState(*f) for rel, f in found.items()}
        if dirty is None or dirty:
            known = {row[0]: (row[1], row[2]) for row in db.execute(
                "SELECT path, size, mtime_ns FROM results") if within(row[0], dirty)}
            todo = [f for rel, f in files.items() if known.get(rel) != (f.size, f.mtime_ns)]
            gone = [(rel,) for rel in known if rel not in files]
            if todo or gone:
                with db:
                    db.executemany("DELETE FROM results WHERE path = ?", gone)
                    for state in todo:
                        db.execute(
                            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (state.rel, state.size, state.mtime_ns, *_result_row(root, state)))
        if record != recorded:
            with db:
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                           (RESULTS_TREE, encode_folders(record)))

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
                self._insert(db, _FileState(rel, info.st_size, info.st_mtime_ns), loaded.value)
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
        db.execute("DELETE FROM labels WHERE entry = ?", (rowid,))
        # The search table keeps no text of its own (contentless): an entry is taken out
        # of it by giving it back the text it was given, found again from its docs row.
        stored = db.execute(f"SELECT {DOC_COLUMNS} FROM entries e JOIN docs d ON d.entry = "
                            "e.rowid WHERE e.rowid = ?", (rowid,)).fetchone()
        if stored is not None:
            doc, head = stored_doc(stored, doc_dictionary(db))
            db.execute("INSERT INTO entry_text (entry_text, rowid, body) "
                       "VALUES ('delete', ?, ?)",
                       (rowid, index_words.search_text(_stored_text(doc, head))))
        db.execute("DELETE FROM entries WHERE rowid = ?", (rowid,))
        db.execute("DELETE FROM docs WHERE entry = ?", (rowid,))

    def schema_of(self, entry: JournalEntry) -> JournalSchema | None:
        """The schema the entry was written with, else the latest version of its id."""
        return self._exact.get((entry.schema_id, entry.schema_version)) or self._latest.get(
            entry.schema_id)

    def _derive_all(self, todo: list[_FileState], zdict: bytes) -> Iterator[tuple[
            _FileState, _Row | None, Problem | None]]:
        """Read and derive each file; on two or more cores, in worker processes when there
        are many (a rebuild), since parsing TOML is what takes the time."""
        root = str(self.store.journal_dir)
        if len(todo) >= PARALLEL_FROM and _can_fork():
            global _WORKER
            _WORKER = (root, self._exact, self._latest, zdict)
            workers = min(4, os.cpu_count() or 1)
            chunks = [todo[i:i + 100] for i in range(0, len(todo), 100)]
            import multiprocessing

            context = multiprocessing.get_context("fork")
            with context.Pool(workers) as pool:
                for results in pool.imap(_derive_chunk, chunks):
                    yield from results
            _WORKER = None
            return
        for state in todo:
            row, problem = _derive_file(root, state, self._exact, self._latest, zdict)
            yield state, row, problem

    def _insert(self, db: sqlite3.Connection, state: _FileState, entry: JournalEntry) -> None:
        self._insert_rows(db, [_derive(state, entry, self._exact, self._latest, None,
                                       doc_dictionary(db))])

    def _insert_rows(self, db: sqlite3.Connection, rows: Sequence[_Row]) -> None:
        """Insert derived rows, table by table (one executemany each: a rebuild inserts
        thousands), under rowids chosen here so that the tables agree."""
        if not rows:
            return
        # The first insert takes the write lock and gets the next rowid (the largest plus
        # one); the others follow it. Reading max(rowid) before holding the lock could
        # race another writer.
        first = db.execute(_INSERT, (None, *rows[0].values)).lastrowid
        assert first is not None
        numbered = list(enumerate(rows, start=first))
        db.executemany(_INSERT, [(rowid, *row.values) for rowid, row in numbered[1:]])
        db.executemany("INSERT INTO labels VALUES (?, ?, ?)",
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
            out.append(JournalEntry(row[0], row[1], int(row[2]), created, created, answers,
                                    bool(row[4]), bool(row[5])))
        return out

    def problems(self) -> list[Problem]:
        """The entry and result files that could not be read, as of the last sync."""
        rows = self._guarded(lambda: self.db.execute(
            "SELECT path, message, line FROM broken ORDER BY path").fetchall())
        root = self.store.journal_dir
        found = [Problem(str(root / path), message, line) for path, message, line in rows]
        rows = self._guarded(lambda: self.db.execute(
            "SELECT path, message, line FROM results WHERE doc IS NULL ORDER BY path"
        ).fetchall())
        results = self.store.data_dir / "results"
        return found + [Problem(str(results / path), message, line)
                        for path, message, line in rows]

    def results(self, answers: bool = True) -> list[AssessmentResult]:
        """Every readable assessment result, oldest first (as `Store.results()`, without
        parsing the files; unknown extra keys are not kept).

        answers=False: each result's answers and open answers are left empty, for callers
        that read only its scores, bank and times (the dashboard: 2 MB less at 500 results).
        """
        from kohtaa_tui.domain.assessment import AssessmentResult

        cursor = self._guarded(lambda: self.db.execute(
            "SELECT doc FROM results WHERE doc IS NOT NULL ORDER BY completed_ts, path"))
        out: list[AssessmentResult] = []
        while rows := cursor.fetchmany(100):
            for (doc,) in rows:
                d = json.loads(doc)
                out.append(AssessmentResult(
                    d["id"], d["bank_id"], d["bank_version"], d["bank_hash"],
                    datetime.fromisoformat(d["completed"]), d["scale_min"], d["scale_max"],
                    d["answers"] if answers else {}, d["scores"],
                    d["open_answers"] if answers else {},
                    datetime.fromisoformat(d["started"]) if d["started"] else None,
                    d["lang"]))
        return out


@dataclass(frozen=True)
class _Row:
    """What one entry file puts into the index."""

    values: tuple[Any, ...]
    labels: list[tuple[str, str]]
    text: str
    """The entry_text column: the text and its words' keys (index_words.search_text)."""
    doc: bytes
    """The docs row: the document and how its text is found again (index_base.pack_doc)."""


_INSERT = (
    f"INSERT INTO entries (rowid, path, id, schema_id, schema_version, created, created_ts, "
    f"updated, "
    f"title, {', '.join(RATING_COLUMNS)}, tags, mistakes, goals, starred, private, lang, "
    f"size, mtime_ns, occurred) VALUES ({', '.join('?' * (18 + len(STEP_IDS)))})")

INSERT_BATCH = 500
"""Derived rows inserted together during a sync."""

PARALLEL_FROM = 400
"""From this many files to read, a sync parses in worker processes."""

_WORKER: tuple[str, dict[tuple[str, int], JournalSchema], dict[str, JournalSchema],
               bytes] | None = None
"""What a forked worker needs (set just before the pool forks)."""


def _can_fork() -> bool:
    """True where a fork is cheap and safe: several cores, fork available, one thread."""
    return ((os.cpu_count() or 1) > 1 and hasattr(os, "fork")
            and threading.active_count() == 1)


def _derive_chunk(states: list[_FileState]) -> list[tuple[_FileState, _Row | None,
                                                          Problem | None]]:
    assert _WORKER is not None
    root, exact, latest, zdict = _WORKER
    out: list[tuple[_FileState, _Row | None, Problem | None]] = []
    for state in states:
        row, problem = _derive_file(root, state, exact, latest, zdict)
        out.append((state, row, problem))
    return out


def _derive_file(root: str, state: _FileState, exact: dict[tuple[str, int], JournalSchema],
                 latest: dict[str, JournalSchema], zdict: bytes
                 ) -> tuple[_Row | None, Problem | None]:
    path = Path(root, state.rel)
    loaded, problems, document = _read_entry(path)
    if loaded is None:
        return None, problems[0] if problems else Problem(str(path), "cannot be read")
    return _derive(state, loaded.value, exact, latest, document, zdict), None


def _derive(state: _FileState, entry: JournalEntry,
            exact: dict[tuple[str, int], JournalSchema], latest: dict[str, JournalSchema],
            document: Mapping[str, Any] | None, zdict: bytes) -> _Row:
    """The index row of an entry (its document as read, or as it would be saved); its
    docs row compressed against `zdict` (the index's meta)."""
    from kohtaa_tui.domain.journal import (
        entry_text,
        entry_title,
        entry_to_document,
        role_value,
        step_ratings,
    )

    schema = exact.get((entry.schema_id, entry.schema_version)) or latest.get(entry.schema_id)
    ratings = step_ratings(entry, schema)
    tags = _strings(role_value(entry, schema, "tags"))
    if not tags and schema is None:
        tags = _strings(entry.answers.get("tags"))
    mistakes = _strings(role_value(entry, schema, "mistakes"))
    title = entry_title(entry, schema, entry.lang or "en")
    occurred = role_value(entry, schema, "occurred_at")
    if document is None:
        document = entry_to_document(entry)
    created, updated = entry.created.isoformat(), entry.updated.isoformat()
    values = (state.rel, entry.id, entry.schema_id, entry.schema_version,
              created, _stamp(entry.created), None if updated == created else updated,
              title, *(ratings.get(step) for step in STEP_IDS), SEP.join(tags),
              SEP.join(mistakes), SEP.join(entry.goal_ids), int(entry.starred),
              int(entry.private), entry.lang, state.size, state.mtime_ns,
              occurred.isoformat() if isinstance(occurred, datetime) else None)
    labels = [("tag", tag.casefold()) for tag in dict.fromkeys(tags)]
    labels += [("mistake", m) for m in dict.fromkeys(mistakes)]
    labels += [("goal", g) for g in dict.fromkeys(entry.goal_ids)]
    text = entry_text(entry)
    doc = json_safe(json.dumps(document, ensure_ascii=False, default=_encode))
    # How the text is found again when the entry leaves the search table: from the
    # document's answers, leaving out those that are not text (dates and times are text
    # in JSON), when that gives the same text; else the text itself.
    skip = [key for key, value in entry.answers.items() if not isinstance(value, (str, tuple))]
    found = _answers_text(json.loads(doc), skip)
    head = json.dumps(skip if found == text else text, ensure_ascii=False)
    return _Row(values, labels, index_words.search_text(text),
                pack_doc(head, strip_doc(doc, (entry.id, created, updated)), zdict))


def _answers_text(document: object, skip: Sequence[str]) -> str | None:
    """The text answers of a document decoded from JSON, as entry_text joins them (None
    when the document holds something it would not join)."""
    answers = document.get("answers") if isinstance(document, dict) else None
    if not isinstance(answers, dict):
        return None
    parts: list[str] = []
    for key, value in answers.items():
        if key in skip:
            continue
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            parts.extend(value)
        else:
            return None
    return "\n".join(parts)


def _stored_text(doc: str, head: str) -> str:
    """The text an entry was given to the search table, from its docs row (_derive)."""
    how = json.loads(head)
    if isinstance(how, str):
        return how
    return _answers_text(json.loads(doc), how) or ""


def doc_skeletons(latest: Mapping[str, JournalSchema]) -> str:
    """The dictionary the index's docs are compressed against: for each schema, the JSON
    of an entry document with its keys and empty values, and its options' ids (what every
    document of it repeats). Kept in meta, so the docs always open with the one they were
    made with, whatever the schema files say later."""
    parts = []
    steps = json.dumps(dict.fromkeys(STEP_IDS, 3))
    for schema_id in sorted(latest):
        schema = latest[schema_id]
        options = [json.dumps(o.id) for f in schema.fields for o in f.options]
        answers = ", ".join(f"{json.dumps(f.id)}: \"\"" for f in schema.fields)
        parts.append(", ".join(options))
        parts.append(
            f'{{"schema_version": 1, "kind": "journal_entry", "id": "", "journal_schema": '
            f'{json.dumps(schema_id)}, "journal_schema_version": {schema.version}, '
            f'"created": "", "updated": "", "lang": "", "starred": false, "private": false, '
            f'"goals": [], "answers": {{{answers}}}}}')
    return json_safe(steps + "".join(parts))[-32_000:]


def entries_for_goal(entries: Sequence[JournalEntry], start: date,
                     schema_id: str | None) -> Sequence[JournalEntry]:
    """The part of `entries` (oldest first, as from `progress_entries`) that a count goal
    starting on `start` can count: a day's margin for time zones, its schema only. Goal
    progress gives the same answer from these as from all entries, sooner."""
    cutoff = datetime.combine(start - timedelta(days=1), time(0), UTC)
    first = bisect.bisect_left([e.created for e in entries], cutoff) if entries else 0
    tail = entries[first:]
    if schema_id:
        return [e for e in tail if e.schema_id == schema_id]
    return tail


def _result_row(root: Path, state: _FileState) -> tuple[int | None, str | None, str | None,
                                                       int | None]:
    """(completed_ts, JSON, problem message, line) of one result file."""
    from kohtaa_tui.domain.assessment import result_from_document
    from kohtaa_tui.storage.repository import MAX_DATA_FILE_BYTES, load_document

    loaded, problems = load_document(root / state.rel, result_from_document,
                                     MAX_DATA_FILE_BYTES)
    if loaded is None:
        first = problems[0] if problems else Problem(str(root / state.rel), "cannot be read")
        return None, None, first.message, first.line
    r = loaded.value
    doc = {"id": r.id, "bank_id": r.bank_id, "bank_version": r.bank_version,
           "bank_hash": r.bank_hash, "completed": r.completed.isoformat(),
           "scale_min": r.scale_min, "scale_max": r.scale_max, "answers": dict(r.answers),
           "scores": dict(r.scores), "open_answers": dict(r.open_answers),
           "started": r.started.isoformat() if r.started else None, "lang": r.lang}
    return _stamp(r.completed), json.dumps(doc, ensure_ascii=False), None, None


def _digest(files: Iterable[_FileState]) -> str:
    """One fingerprint of every file's name, size and mtime."""
    import hashlib

    text = "\n".join(sorted(f"{f.rel}\t{f.size}\t{f.mtime_ns}" for f in files))
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _encode(value: object) -> object:
    """TOML's date and time values as ISO 8601 text (as JSON exports carry them)."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _summary(root: Path, row: Sequence[Any]) -> EntrySummary:
    fields = summary_fields(tuple(row))
    fields["rel"] = fields.pop("path")
    return EntrySummary(folder=root, **fields)


def _has_files(root: Path) -> bool:
    """True when there is a .toml file (not hidden) anywhere below `root`."""
    return next(walk_tree(root), None) is not None


def _is_full(error: BaseException) -> bool:
    """True for a disk (or quota) that is full, from SQLite or from the file system."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    if isinstance(error, sqlite3.OperationalError):
        code = getattr(error, "sqlite_errorcode", None)
        return code == sqlite3.SQLITE_FULL or "disk is full" in str(error)
    return False


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    """True for errors of a damaged or foreign file (not for a busy or locked one)."""
    if not isinstance(error, sqlite3.OperationalError):
        return True
    message = str(error)
    return "no such" in message or "malformed" in message or "has no column" in message


def _strings(value: AnswerValue | None) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return tuple(v for v in value if isinstance(v, str) and v)
    return ()


def load_entry_file(path: Path) -> tuple[Loaded[JournalEntry] | None, list[Problem]]:
    """Read one entry file (like repository.load_document, without the line search on
    success, which is the slow part for thousands of files)."""
    loaded, problems, _document = _read_entry(path)
    return loaded, problems


def _read_entry(path: Path) -> tuple[Loaded[JournalEntry] | None, list[Problem],
                                     dict[str, Any] | None]:
    from kohtaa_tui.domain.journal import entry_from_document
    from kohtaa_tui.storage.codec import ParseError, parse_toml, read_bounded
    from kohtaa_tui.storage.repository import (
        MAX_DATA_FILE_BYTES,
        Loaded,
        fingerprint,
        issues_to_problems,
    )

    try:
        data = read_bounded(path, MAX_DATA_FILE_BYTES)
        document = parse_toml(data)
    except ParseError as error:
        return None, [Problem(str(path), error.message, error.line)], None
    try:
        entry, issues = entry_from_document(document)
    except RecursionError:
        return None, [Problem(str(path), "the document is nested too deeply")], None
    if entry is None:
        problems = issues_to_problems(path, data.decode("utf-8", errors="replace"), issues)
        return None, [p for p in problems if p.severity == "error"] or [
            Problem(str(path), "the document could not be read")], None
    return Loaded(entry, path, fingerprint(data)), [], document


def is_index_file(path: Path) -> bool:
    """True for the index or one of SQLite's companion files (doctor leaves them alone)."""
    return path.name.startswith(INDEX_NAME)


def index_mode_ok(path: Path) -> bool:
    """True when the index file is readable by its owner only."""
    try:
        return not stat.S_IMODE(os.stat(path).st_mode) & 0o077
    except OSError:
        return True
