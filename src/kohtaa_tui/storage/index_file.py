"""The index's file: opening it (or an in-memory copy), making its tables, and recovering
from a damaged, foreign, outdated or unwritable file. The index is a cache, so every
failure here ends in an index that works: rebuilt in place, or kept in memory for the run.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from kohtaa_tui.domain.clock import Clock
from kohtaa_tui.storage import index_words
from kohtaa_tui.storage.index_base import (
    FORMAT,
    INDEX_NAME,
    RATING_COLUMNS,
    connect_file,
    walk_tree,
)

_log = logging.getLogger("kohtaa_tui.storage.index")


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


DISK_FULL = "the disk is full; free some space and run `kohtaa index rebuild`"
"""Why the index is in memory when its file could not be written for lack of space."""

TABLES = f"""
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
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    entry INTEGER NOT NULL,
    PRIMARY KEY (kind, value, entry)
) WITHOUT ROWID;
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

def has_files(root: Path) -> bool:
    """True when there is a .toml file (not hidden) anywhere below `root`."""
    return next(walk_tree(root), None) is not None

def is_full(error: BaseException) -> bool:
    """True for a disk (or quota) that is full, from SQLite or from the file system."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    if isinstance(error, sqlite3.OperationalError):
        code = getattr(error, "sqlite_errorcode", None)
        return code == sqlite3.SQLITE_FULL or "disk is full" in str(error)
    return False

def is_corrupt(error: sqlite3.DatabaseError) -> bool:
    """True for errors of a damaged or foreign file (not for a busy or locked one)."""
    if not isinstance(error, sqlite3.OperationalError):
        return True
    message = str(error)
    return "no such" in message or "malformed" in message or "has no column" in message

def is_index_file(path: Path) -> bool:
    """True for the index or one of SQLite's companion files (doctor leaves them alone)."""
    return path.name.startswith(INDEX_NAME)

def index_mode_ok(path: Path) -> bool:
    """True when the index file is readable by its owner only."""
    try:
        return not stat.S_IMODE(os.stat(path).st_mode) & 0o077
    except OSError:
        return True


class IndexFile:
    """The connection to the index of `store` (JournalIndex is one): opened on first use,
    made when new or outdated, thrown away and made again when damaged."""

    store: IndexedStore
    path: Path
    in_memory: bool
    memory_reason: str
    """Why the index lives in memory this time, when `in_memory`."""
    _db: sqlite3.Connection | None
    _disk_full: bool
    _signature: str
    """The schema files the index is built with (index_base.schema_signature)."""

    def _skeletons(self) -> str:
        """The docs' dictionary for a new index (index_rows.doc_skeletons)."""
        raise NotImplementedError

    def _sync(self) -> object:
        """Bring a rebuilt file up to date (JournalIndex.sync)."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the database connection."""
        if self._db is not None:
            self._db.close()
            self._db = None

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
            if is_full(error):
                self._to_memory(DISK_FULL)
                return
            self._discard_file()
        except OSError as error:
            if is_full(error):
                self._to_memory(DISK_FULL)
                return
        try:
            self._db = self._open_file()
        except (sqlite3.DatabaseError, OSError) as error:
            self._to_memory(DISK_FULL if is_full(error)
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
            if created and is_full(error):
                self._discard_empty()
            raise
        try:
            return self._fresh(db)
        except sqlite3.DatabaseError as error:
            db.close()
            if created and is_full(error):
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
        skeletons = None if not force and self._usable(db) else self._skeletons()
        db.isolation_level = None  # explicit transactions below
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                if not force and self._usable(db):
                    db.execute("COMMIT")
                    return db
                if skeletons is None:
                    skeletons = self._skeletons()
                names = [r[0] for r in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'entry_text_%'")]
                for name in names:
                    db.execute(f'DROP TABLE IF EXISTS "{name}"')
                for statement in TABLES.split(";"):
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
        return has_files(self.store.journal_dir) or has_files(
            self.store.data_dir / "results")

    def _guarded(self, action: Callable[[], Any]) -> Any:
        """Run `action`. When the database looks damaged, reopen it and try again (another
        connection may have just rebuilt it); if it still fails, throw the file away,
        rebuild it and try once more."""
        try:
            return action()
        except sqlite3.DatabaseError as error:
            if not is_corrupt(error):
                raise
        self.close()
        self._connect()
        try:
            return action()
        except sqlite3.DatabaseError as error:
            if not is_corrupt(error):
                raise
        self._discard_file()
        self._connect()
        self._sync()
        return action()
