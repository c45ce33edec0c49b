"""The light half of the journal index: what a query needs, and the cheap change check.

`kohtaa journal list` and `kohtaa journal export` answer from here alone when the index is
current, so this module imports only the standard library's quick parts (no dataclasses,
pathlib or typing at run time, no TOML, no domain parsers): a whole `journal list` process
then costs little more than Python's own start. Keeping the index current from the files
(parsing, deriving, inserting) is `index.JournalIndex`, which builds on this module.

The cheap change check compares the mtimes of the folders below the journal and the
results folders with those recorded at the last sync. A folder's mtime changes whenever a
file in it is created, deleted or renamed, which is how kohtaa saves (write a temp file,
rename it over the old one), how sync tools (Syncthing, Dropbox, Nextcloud, rsync) and git
bring files, and how vim, Emacs and `sed -i` save. A file rewritten in place (nano, `cp`
over an existing file, `>>`) changes only its own mtime: the thorough check, which compares
the size and mtime of every file, finds it. The app runs a thorough check in the
background at every start, `kohtaa index sync` runs one on demand, and a cheap check turns
into a thorough one when the last thorough one is older than THOROUGH_EVERY seconds.

A folder whose mtime is within RACY_NS of the moment it was recorded is recorded as
unknown, so that a file created in the same clock tick as the recording is not missed.

Two clocks, kept apart: when the last thorough check was is the injected clock's time
(`now`, given by the caller: JournalIndex takes it from its store's clock), so that tests
and the app agree on it; whether a folder's mtime is too recent to trust compares it with
the machine's clock (`time.time_ns()` in walk_tree and dirty_folders), since the file
system stamps mtimes with that clock whatever the app's clock says.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import zlib
from datetime import date, datetime, timedelta

from kohtaa_tui.storage import index_words

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from datetime import tzinfo
    from typing import Any

INDEX_NAME = "index.sqlite3"
FORMAT = 9
"""Raised whenever the tables or what is derived into them change: an older index is rebuilt."""

STEP_IDS = ("listening", "communication", "negotiation", "positivity", "feedback")
"""The five steps' ids in their fixed order (domain.steps checks that it agrees)."""

SEP = "\x1f"
RATING_COLUMNS = tuple(f"r_{step}" for step in STEP_IDS)
SUMMARY_COLUMNS = ", ".join(
    f"e.{c}" for c in ("id", "path", "schema_id", "schema_version", "created", "updated",
                       "title", *RATING_COLUMNS, "tags", "mistakes", "goals", "starred",
                       "private", "lang", "occurred"))
"""The columns of one listed entry, in the order `summary_fields` reads them."""

THOROUGH_EVERY = 3600
"""Seconds after a thorough check during which a cheap one is trusted."""

RACY_NS = 2_000_000_000
"""A folder modified this recently when recorded is checked file by file next time."""

JOURNAL_TREE = "folders"
RESULTS_TREE = "result_folders"
"""The meta keys under which the folder mtimes of the journal and the results are kept."""


FileState = tuple[str, int, int]
"""(path relative to the tree's root, size, mtime_ns) of one .toml file."""


class EntryFilter:
    """Which entries a query returns; every condition given must hold.

    text: words that must all occur, case-insensitively: each as a word prefix or as
        another inflected form of the word (storage.index_words).
    step: only entries that rated this step; with step_max, rated it at most that.
    since/until: local dates (inclusive) of when the entry was written.
    Private entries are left out unless include_private is True.
    """

    __slots__ = ("text", "schema_id", "step", "step_max", "tag",  # noqa: RUF023 (repr order)
                 "mistake", "goal_id", "starred", "include_private", "since", "until")

    def __init__(self, *, text: str = "", schema_id: str | None = None,
                 step: str | None = None, step_max: int | None = None,
                 tag: str | None = None, mistake: str | None = None,
                 goal_id: str | None = None, starred: bool = False,
                 include_private: bool = False, since: date | None = None,
                 until: date | None = None) -> None:
        self.text = text
        self.schema_id = schema_id
        self.step = step
        self.step_max = step_max
        self.tag = tag
        self.mistake = mistake
        self.goal_id = goal_id
        self.starred = starred
        self.include_private = include_private
        self.since = since
        self.until = until

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def replace(self, **changes: Any) -> EntryFilter:
        """A copy with some conditions changed."""
        values = dict(zip(self.__slots__, self._values(), strict=True))
        values.update(changes)
        return EntryFilter(**values)

    @property
    def narrowed(self) -> bool:
        """True when any condition other than include_private is given."""
        return self.replace(include_private=False) != EntryFilter()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EntryFilter):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        given = ", ".join(f"{name}={value!r}" for name, value in
                          zip(self.__slots__, self._values(), strict=True)
                          if value not in ("", None, False))
        return f"EntryFilter({given})"


# -- asking ------------------------------------------------------------------------------------

def fts_query(text: str) -> str:
    """The user's words as an FTS5 query: all required, each found as a prefix of a word of
    the text, or through its word keys or lemma (index_words: the other inflected forms).

    Only letters and digits survive, so quotes, `NEAR(`, `*`, `-`, `^`, `:` or NUL in the
    text can never become query syntax. Empty when there are no words.
    """
    terms = []
    for word in index_words.TOKEN.findall(text.replace("\x00", " ")):
        if len(word) < index_words.MIN_KEY:
            terms.append(f'"{word}"*')
            continue
        parts = [f'"{word}"*', *index_words.query_terms(word)]
        terms.append(f"({' OR '.join(parts)})")
    return " AND ".join(terms)


def local_start(day: date, tz: tzinfo) -> int:
    """The Unix time at which `day` begins in `tz`."""
    return int(datetime.combine(day, datetime.min.time(), tz).timestamp())


def where_clause(flt: EntryFilter, tz: tzinfo, text: str = "search"
                 ) -> tuple[str, list[Any]]:
    """The SQL condition (on `entries e`) and its parameters for `flt`.

    text: how `flt.text` is asked: "search", of the search table; "joined", not here (the
    query joins HITS, which `listing` filled with the matches); "probe", each entry looked
    up in HITS (so that SQLite walks the entries, newest first, rather than the matches).
    """
    clauses: list[str] = []
    params: list[Any] = []
    if not flt.include_private:
        clauses.append("e.private = 0")
    if flt.starred:
        clauses.append("e.starred = 1")
    if flt.schema_id:
        clauses.append("e.schema_id = ?")
        params.append(flt.schema_id)
    if flt.step:
        if flt.step not in STEP_IDS:
            return "0", []
        column = f"e.r_{flt.step}"
        clauses.append(f"{column} IS NOT NULL")
        if flt.step_max is not None:
            clauses.append(f"{column} <= ?")
            params.append(flt.step_max)
    for kind, value in (("tag", flt.tag.casefold().lstrip("#") if flt.tag else None),
                        ("mistake", flt.mistake), ("goal", flt.goal_id)):
        if value:
            clauses.append("e.rowid IN (SELECT entry FROM labels WHERE kind = ? AND value = ?)")
            params.extend((kind, value))
    if flt.since is not None:
        clauses.append("e.created_ts >= ?")
        params.append(local_start(flt.since, tz))
    if flt.until is not None:
        clauses.append("e.created_ts < ?")
        params.append(local_start(flt.until + timedelta(days=1), tz))
    if flt.text.strip():
        match = fts_query(flt.text)
        if not match:
            return "0", []
        if text == "probe":
            clauses.append(f"+e.rowid IN {HITS}")
        elif text != "joined":
            clauses.append("e.rowid IN (SELECT rowid FROM entry_text WHERE entry_text MATCH ?)")
            params.append(match)
    return (" AND ".join(clauses) or "1"), params


def summary_rows(db: sqlite3.Connection, flt: EntryFilter, tz: tzinfo,
                 limit: int | None = 50, offset: int = 0, text: str = "search"
                 ) -> list[tuple[Any, ...]]:
    """The rows (SUMMARY_COLUMNS) of the entries that pass `flt`, newest first (`text`: as
    for where_clause)."""
    where, params = where_clause(flt, tz, text)
    sql = (f"SELECT {SUMMARY_COLUMNS} FROM {_entries(flt, text)} WHERE {where} "
           "ORDER BY e.created_ts DESC, e.id DESC LIMIT ? OFFSET ?")
    rows: list[tuple[Any, ...]] = db.execute(
        sql, (*params, -1 if limit is None else limit, offset)).fetchall()
    return rows


def count_rows(db: sqlite3.Connection, flt: EntryFilter, tz: tzinfo) -> int:
    """How many entries pass `flt`."""
    where, params = where_clause(flt, tz)
    return int(db.execute(f"SELECT count(*) FROM entries e WHERE {where}", params)
               .fetchone()[0])


COUNT_CAP = 1000
"""How far a listing counts the entries it does not show: past this it says "more than"
(a word that half of 100,000 entries hold would otherwise be counted to 50,000 on every
search, the slowest part of it)."""

HITS = "temp.kohtaa_hits"
"""The table `listing` gathers the rowids of the search's matches in (one per connection)."""

HITS_BY_DATE = 2000
"""With more matches than this, `listing` walks the entries newest first and looks each up
among the matches (a page is soon found); with fewer, it reads the matches' entries and
sorts them (a rare word needs no walk through every entry to find its few)."""


def _entries(flt: EntryFilter, text: str) -> str:
    """The FROM of a query of `flt` (`text`: as for where_clause): entries, after the
    matches when they are joined (CROSS JOIN keeps that order)."""
    if text == "joined" and flt.text.strip():
        return f"{HITS} h CROSS JOIN entries e ON e.rowid = h.r"
    return "entries e"


def count_cap(seen: int) -> int:
    """How far a listing that shows `seen` entries counts: COUNT_CAP, or the first multiple
    of it above `seen` (so that "N of more than M" always has M above N)."""
    return COUNT_CAP * (seen // COUNT_CAP + 1)


def listing(db: sqlite3.Connection, flt: EntryFilter, tz: tzinfo, limit: int | None = 50,
            offset: int = 0) -> tuple[list[tuple[Any, ...]], int, int]:
    """One page of the entries that pass `flt` (summary_rows), with how many pass it and how
    many more would if private ones were included (0 when `flt` includes them).

    Each count stops past `count_cap(offset + limit)`: a count above that cap means "more
    than the cap". A page shorter than `limit` is the last one, and the count is then its
    end, exact and uncounted. With a text filter the search table is asked once, and its
    matches kept for the page and the counts in a temporary table (HITS), all in one read
    transaction; the table is emptied before returning.
    """
    match = fts_query(flt.text) if flt.text.strip() else ""
    if not match:
        return _listing(db, flt, tz, limit, offset, "search")
    own = not db.in_transaction
    level = db.isolation_level
    if own:
        db.isolation_level = None  # the transaction is begun and ended here
        db.execute("BEGIN")
    try:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS kohtaa_hits (r INTEGER PRIMARY KEY)")
        db.execute(f"DELETE FROM {HITS}")
        found = db.execute(f"INSERT INTO {HITS} SELECT rowid FROM entry_text "
                           "WHERE entry_text MATCH ?", (match,)).rowcount
        result = _listing(db, flt, tz, limit, offset,
                          "probe" if found > HITS_BY_DATE else "joined")
        db.execute(f"DELETE FROM {HITS}")
    except BaseException:
        if own and db.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the error being raised says more
                db.execute("ROLLBACK")
        raise
    else:
        if own:
            db.execute("COMMIT")
    finally:
        if own:
            db.isolation_level = level
    return result


def _listing(db: sqlite3.Connection, flt: EntryFilter, tz: tzinfo, limit: int | None,
             offset: int, text: str) -> tuple[list[tuple[Any, ...]], int, int]:
    rows = summary_rows(db, flt, tz, limit, offset, text)
    cap = count_cap(offset + (limit or len(rows)))
    if (limit is None or len(rows) < limit) and (rows or offset == 0):
        total = offset + len(rows)
    else:
        # through the matches, the public ones being most: the count soon reaches its cap
        total = count_upto(db, flt, tz, cap, "search" if text == "search" else "joined")
    hidden = 0
    if not flt.include_private:
        # the private ones found by their index and looked up among many matches (as the
        # page was), or the few matches read
        everyone = flt.replace(include_private=True)
        where, params = where_clause(everyone, tz, text)
        hidden = _count_sql(db, _entries(everyone, text), f"{where} AND e.private > 0",
                            params, cap)
    return rows, total, hidden


def count_upto(db: sqlite3.Connection, flt: EntryFilter, tz: tzinfo, cap: int,
               text: str = "search") -> int:
    """How many entries pass `flt`, counted no further than `cap` + 1 (a result above `cap`
    means more than `cap`; `text`: as for where_clause)."""
    where, params = where_clause(flt, tz, text)
    return _count_sql(db, _entries(flt, text), where, params, cap)


def _count_sql(db: sqlite3.Connection, source: str, where: str, params: list[Any],
               cap: int) -> int:
    return int(db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {where} "
                          "LIMIT ?)", (*params, cap + 1)).fetchone()[0])


def document_rows(db: sqlite3.Connection, flt: EntryFilter, tz: tzinfo,
                  summary: bool = True) -> list[tuple[Any, ...]]:
    """The entries that pass `flt`, oldest first: SUMMARY_COLUMNS (unless not `summary`)
    followed by the whole document as JSON text."""
    where, params = where_clause(flt, tz)
    columns = f"{SUMMARY_COLUMNS}, {DOC_COLUMNS}" if summary else DOC_COLUMNS
    rows = db.execute(
        f"SELECT {columns} FROM entries e JOIN docs d ON d.entry = e.rowid WHERE {where} "
        "ORDER BY e.created_ts, e.id", params).fetchall()
    zdict = doc_dictionary(db)
    return [(*row[:-4], stored_doc(row[-4:], zdict)[0]) for row in rows]


# -- what the docs table keeps -----------------------------------------------------------------
#
# Each entry's document as terminal-safe JSON (for exports), compressed with raw deflate
# against a dictionary kept in meta (`zdict`: the shape of a document of each schema, its
# keys and option ids, made when the index is), after one line that says how the entry's
# search text is found again (index.py): the search table keeps no text of its own, and
# taking an entry out of it needs the text it was given.

DOC_COLUMNS = "e.id, e.created, e.updated, d.data"
"""What stored_doc needs of an entry."""

HELD = "\ue002"
"""Stands in a docs row for the document's id, created and updated times, which its entries
row holds (strip_doc); never in a document where it stands for something."""


def strip_doc(doc: str, held: tuple[str, str, str]) -> str:
    """`doc` with the text of its id, created and updated times (`held`: as the entries row
    has them) replaced by HELD: the first occurrence of each, as JSON writes it."""
    if HELD in doc:
        return doc
    for key, value in zip(("id", "created", "updated"), held, strict=True):
        doc = doc.replace(f'"{key}": "{value}"', f'"{key}": "{HELD}"', 1)
    return doc


def stored_doc(row: tuple[Any, ...], zdict: bytes) -> tuple[str, str]:
    """(document, head) of a DOC_COLUMNS row, as they were packed (pack_doc, strip_doc)."""
    ident, created, updated, data = row
    doc, head = unpack_doc(data, zdict)
    if HELD in doc:
        for key, value in zip(("id", "created", "updated"), (ident, created, updated or created),
                              strict=True):
            doc = doc.replace(f'"{key}": "{HELD}"', f'"{key}": "{value}"', 1)
    return doc, head


def doc_dictionary(db: sqlite3.Connection) -> bytes:
    """The dictionary the docs of this index are compressed against (meta `zdict`)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'zdict'").fetchone()
    return str(row[0]).encode() if row else b""


def pack_doc(head: str, doc: str, zdict: bytes) -> bytes:
    """A docs row: `head` (one line) and `doc`, compressed against `zdict`."""
    packer = (zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict)
              if zdict else zlib.compressobj(9, zlib.DEFLATED, -15))
    return packer.compress(f"{head}\n{doc}".encode()) + packer.flush()


def unpack_doc(data: bytes, zdict: bytes) -> tuple[str, str]:
    """(document, head) from what pack_doc made with the same `zdict`."""
    unpacker = zlib.decompressobj(-15, zdict) if zdict else zlib.decompressobj(-15)
    head, _, doc = (unpacker.decompress(data) + unpacker.flush()).decode().partition("\n")
    return doc, head


def split_labels(text: str) -> tuple[str, ...]:
    """A stored list of labels (tags, mistakes, goal ids) as a tuple."""
    return tuple(text.split(SEP)) if text else ()


def summary_fields(row: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
    """A SUMMARY_COLUMNS row by name (`path` relative to the journal folder)."""
    n = len(STEP_IDS)
    rest = row[7 + n:]
    return {
        "id": row[0], "path": row[1], "schema_id": row[2], "schema_version": int(row[3]),
        "created": datetime.fromisoformat(row[4]),
        "updated": datetime.fromisoformat(row[5] or row[4]),  # None: same as created
        "title": row[6],
        "ratings": {step: int(value) for step, value in zip(STEP_IDS, row[7:7 + n],
                                                            strict=True) if value is not None},
        "tags": split_labels(rest[0]), "mistakes": split_labels(rest[1]),
        "goal_ids": split_labels(rest[2]), "starred": bool(rest[3]), "private": bool(rest[4]),
        "lang": rest[5], "occurred": datetime.fromisoformat(rest[6]) if rest[6] else None,
    }


# -- the files ---------------------------------------------------------------------------------

CACHE_KIB = 512
"""SQLite's page cache per connection (its default is 2 MB). The pages are in the system's
file cache anyway: at 10,000 entries the dashboard's load peaks 1.5 MB lower with this, and
neither the load nor a rebuild is slower (benchmarks/run.py)."""


def connect_file(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection to the index file: WAL with normal sync (a cache that a crash may set
    back, never corrupt; the next sync catches up from the files), a small page cache."""
    db = sqlite3.connect(path, timeout=10, check_same_thread=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return db


def shipped_dir(name: str) -> str:
    """A folder of shipped documents (`journal_schemas`, `question_banks`): inside the
    package in an installed wheel, at the top of a source checkout (as paths.shipped_dir)."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    installed = os.path.join(package, "_shipped", name)
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(package)), name)


def schema_signature(own_schemas_dir: str | os.PathLike[str]) -> str:
    """The shipped and installed schema files by name, size and mtime: when it changes,
    what the index derived from entries through their schemas is derived again."""
    parts: list[str] = []
    for label, directory in (("shipped", shipped_dir("journal_schemas")),
                             ("own", os.fspath(own_schemas_dir))):
        for root, _dirs, files in os.walk(directory):
            for name in files:
                if name.endswith(".toml") and not name.startswith("."):
                    path = os.path.join(root, name)
                    try:
                        info = os.stat(path)
                    except OSError:
                        continue
                    rel = os.path.relpath(path, directory)
                    parts.append(f"{label}/{rel}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(sorted(parts))


def _recordable(mtime_ns: int, now_ns: int) -> int:
    return mtime_ns if now_ns - mtime_ns > RACY_NS else -1


def walk_tree(root: str | os.PathLike[str], folders: dict[str, int] | None = None,
              only: str | None = None) -> Iterator[FileState]:
    """Every .toml file below `root` (hidden names skipped) with its size and mtime, as the
    walk finds them.

    `folders` receives each folder's mtime (relative path with a trailing slash, "" for the
    root; -1 when too recent to trust). With `only`, just the files directly in that folder.
    """
    now = time.time_ns()
    base = os.fspath(root)
    stack = [only if only is not None else ""]
    while stack:
        rel = stack.pop()
        directory = os.path.join(base, rel) if rel else base
        try:
            mtime = os.stat(directory).st_mtime_ns
            with os.scandir(directory) as items:
                listing = list(items)
        except OSError:
            continue
        if folders is not None:
            folders[rel] = _recordable(mtime, now)
        for item in listing:
            name = item.name
            if name.startswith("."):
                continue
            try:
                if item.is_dir(follow_symlinks=False):
                    if only is None:
                        stack.append(f"{rel}{name}/")
                elif name.endswith(".toml") and item.is_file(follow_symlinks=False):
                    info = item.stat(follow_symlinks=False)
                    yield rel + name, info.st_size, info.st_mtime_ns
            except OSError:
                continue


def thorough_due(meta: Mapping[str, str], now: float) -> bool:
    """True when the index's meta records no thorough check within THOROUGH_EVERY seconds
    before `now` (Unix time, from the injected clock)."""
    try:
        checked = float(meta.get("thorough_at", ""))
    except ValueError:
        return True
    return not 0 <= now - checked < THOROUGH_EVERY


def files_to_check(root: str | os.PathLike[str], recorded: Mapping[str, int] | None,
                   thorough: bool) -> tuple[dict[str, FileState], list[str] | None,
                                            dict[str, int]]:
    """What a sync compares with the index below `root`: the files (by relative path), the
    folders they were taken from (None: every folder, a thorough check), and the folder
    record to keep. Thorough when asked or when there is no `recorded` folder record yet;
    otherwise only the files of the folders `dirty_folders` names."""
    if thorough or recorded is None:
        record: dict[str, int] = {}
        return {f[0]: f for f in walk_tree(root, record)}, None, record
    dirty, record = dirty_folders(root, recorded)
    files = {f[0]: f for folder in dirty for f in walk_tree(root, only=folder)}
    return files, dirty, record


def within(rel_path: str, folders: Sequence[str] | None) -> bool:
    """True when `rel_path` is a file directly in one of `folders` (None: anywhere)."""
    return folders is None or any(in_folder(rel_path, folder) for folder in folders)


def dirty_folders(root: str | os.PathLike[str], recorded: Mapping[str, int]
                  ) -> tuple[list[str], dict[str, int]]:
    """The folders below `root` whose listing may differ from when `recorded` was taken
    (changed, new, vanished or never trusted), and the record to keep from now on.

    Only folders are looked at: one stat per unchanged folder, a listing of changed ones.
    """
    base = os.fspath(root)
    now = time.time_ns()
    children: dict[str, list[str]] = {}
    for rel in recorded:
        if rel:
            parent = rel[:rel.rstrip("/").rfind("/") + 1]
            children.setdefault(parent, []).append(rel)
    dirty: list[str] = []
    record: dict[str, int] = {}
    stack = [""]
    seen: set[str] = set()
    while stack:
        rel = stack.pop()
        seen.add(rel)
        directory = os.path.join(base, rel) if rel else base
        was = recorded.get(rel)
        try:
            mtime = os.stat(directory).st_mtime_ns
        except OSError:
            if was is not None:  # vanished (a folder that never was is no change)
                dirty.append(rel)
            continue
        record[rel] = _recordable(mtime, now)
        if was is not None and was == mtime and was != -1:
            stack.extend(children.get(rel, ()))
            continue
        dirty.append(rel)
        try:
            with os.scandir(directory) as items:
                subfolders = [f"{rel}{item.name}/" for item in items
                              if not item.name.startswith(".")
                              and item.is_dir(follow_symlinks=False)]
        except OSError:
            continue
        stack.extend(subfolders)
        for gone in children.get(rel, ()):
            if gone not in subfolders:
                stack.append(gone)
    dirty.extend(rel for rel in recorded if rel not in seen)
    return dirty, record


def encode_folders(folders: Mapping[str, int]) -> str:
    """A folder record as meta text (one `mtime<TAB>path` per line)."""
    return "\n".join(f"{mtime}\t{rel}" for rel, mtime in sorted(folders.items()))


def decode_folders(text: str | None) -> dict[str, int] | None:
    """A folder record from meta text (None when absent or unreadable)."""
    if text is None:
        return None
    record: dict[str, int] = {}
    if not text:
        return record
    for line in text.split("\n"):
        mtime, tab, rel = line.partition("\t")
        if not tab:
            return None
        try:
            record[rel] = int(mtime)
        except ValueError:
            return None
    return record


def in_folder(rel_path: str, folder: str) -> bool:
    """True when `rel_path` is a file directly in `folder` (both relative to one root)."""
    return rel_path.startswith(folder) and "/" not in rel_path[len(folder):]


# -- opening for a quick answer ----------------------------------------------------------------

def open_current(data_dir: str | os.PathLike[str], schemas_dir: str | os.PathLike[str],
                 now: float) -> sqlite3.Connection | None:
    """A connection to the index of `data_dir` when it can answer as it is: of this format,
    built with these schema files and search keys, thoroughly checked within THOROUGH_EVERY
    seconds before `now` (Unix time) and with no folder changed since. None otherwise (then
    `JournalIndex` syncs it first)."""
    base = os.fspath(data_dir)
    path = os.path.join(base, INDEX_NAME)
    if not os.path.isfile(path):
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10,
                             check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if not _meta_current(meta, base, schemas_dir, now):
            db.close()
            return None
        return db
    except sqlite3.Error:
        db.close()
        return None


def _meta_current(meta: Mapping[str, str], data_dir: str,
                  schemas_dir: str | os.PathLike[str], now: float) -> bool:
    if (meta.get("format") != str(FORMAT) or thorough_due(meta, now)
            or meta.get("words") != index_words.analyser_signature()):
        return False
    for key, folder in ((JOURNAL_TREE, "journal"), (RESULTS_TREE, "results")):
        recorded = decode_folders(meta.get(key))
        if recorded is None or dirty_folders(os.path.join(data_dir, folder), recorded)[0]:
            return False
    return meta.get("schemas") == schema_signature(schemas_dir)
