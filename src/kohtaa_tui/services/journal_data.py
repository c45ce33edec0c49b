"""Where the journal screens get and put their data: schemas, entries, drafts, goals.

The screens call only these functions; entries are saved, deleted and found through the
journal service and its index. No Textual here.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from kohtaa_tui.domain.goals import CheckIn, Goal, with_check_in
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.domain.journal_draft import JournalDraft, draft_from_document, draft_to_document
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.index import EntryFilter, EntrySummary, load_entry_file
from kohtaa_tui.storage.index_base import count_cap
from kohtaa_tui.storage.journal import JournalService
from kohtaa_tui.storage.repository import MAX_DATA_FILE_BYTES, Loaded, load_document
from kohtaa_tui.storage.schemas import SchemaCatalogue as SchemaCatalogue
from kohtaa_tui.storage.schemas import load_schemas

PAGE_SIZE = 200
"""Rows the journal list asks for at a time."""

DRAFT_PREFIX = "journal-"


# -- schemas ------------------------------------------------------------------------------------

def schema_catalogue(ws: Workspace) -> SchemaCatalogue:
    """Every journal schema, every version (storage.schemas); the latest of each id is the
    one offered, and an entry finds the version it was written with (`find`)."""
    return load_schemas(ws.store)


def fold(text: str) -> str:
    """Text for sorting without regard to case (Finnish letters kept as letters)."""
    return unicodedata.normalize("NFC", text).casefold()


# -- entries ------------------------------------------------------------------------------------

def open_journal(ws: Workspace, catalogue: SchemaCatalogue | None = None) -> JournalService:
    """A journal service of its own (index opened, not synced: call `sync()`), for a
    JournalSource; everything else uses the workspace's (`ws.journal()`)."""
    schemas = [e.doc for e in catalogue.entries] if catalogue is not None else None
    return JournalService.open(ws.store, schemas, sync=False)


@dataclass(frozen=True)
class JournalFilter:
    """What the list shows: all filters must match. Private entries are shown (marked)."""

    search: str = ""
    schema_id: str | None = None
    step: str | None = None
    tag: str | None = None
    mistake: str | None = None
    starred: bool = False
    since: date | None = None
    """Written on or after this local date."""

    def entry_filter(self) -> EntryFilter:
        """The index's filter for these choices."""
        return EntryFilter(text=self.search, schema_id=self.schema_id, step=self.step,
                           tag=self.tag, mistake=self.mistake, starred=self.starred,
                           include_private=True, since=self.since)


class JournalSource:
    """The entries of the journal through its index, newest first.

    Used from worker threads: a lock keeps the index to one thread at a time. Its journal
    service is its own (not the workspace's, which is one per thread) since it moves
    between the worker threads of one screen.
    """

    def __init__(self, journal: JournalService, problems: list[Problem]) -> None:
        self.journal = journal
        self.problems = problems
        self._lock = threading.Lock()

    @classmethod
    def load(cls, ws: Workspace, catalogue: SchemaCatalogue | None = None,
             progress: Callable[[int, int], None] | None = None) -> JournalSource:
        """Open the index and bring it up to date with the files (off the UI thread);
        `progress(done, total)` is called while files are indexed."""
        journal = open_journal(ws, catalogue)
        report = journal.index.sync(progress)
        return cls(journal, list(report.problems) or journal.index.problems())

    def refresh(self) -> None:
        """Catch up with files changed since (by this app or another program)."""
        with self._lock:
            self.journal.index.sync()

    def query(self, wanted: JournalFilter, offset: int = 0,
              limit: int = PAGE_SIZE) -> tuple[list[EntrySummary], int, bool]:
        """One page of the matching entries, how many match in all and whether more than
        that many do: the count stops at `count_cap(offset + limit)` (a common word would
        otherwise be counted through half the journal on every search)."""
        flt = wanted.entry_filter()
        with self._lock:
            rows, total, _hidden = self.journal.index.listing(flt, limit, offset)
        cap = count_cap(offset + limit)
        return rows, min(total, cap), total > cap

    def tags(self) -> list[str]:
        """Every tag in use, sorted."""
        with self._lock:
            found = self.journal.index.tags(include_private=True)
        return sorted((tag for tag, _count in found), key=fold)

    def schema_usage(self) -> dict[str, int]:
        """How many entries each schema has."""
        with self._lock:
            return self.journal.index.schema_usage()

    def close(self) -> None:
        """Close the index."""
        with self._lock:
            self.journal.close()


def schema_usage(ws: Workspace) -> dict[str, int]:
    """How many entries each schema has (for the picker's order)."""
    return ws.journal(sync="thorough").index.schema_usage()


def load_entry(path: Path) -> tuple[Loaded[JournalEntry] | None, list[Problem]]:
    """One entry from its file."""
    return load_entry_file(path)


def find_entry(ws: Workspace, entry_id: str) -> Loaded[JournalEntry] | None:
    """An entry by id (None when there is none or its file cannot be read)."""
    try:
        return ws.journal(sync="none").load_entry(entry_id)
    except StorageError:
        return None


def save_entry(ws: Workspace, entry: JournalEntry,
               previous: Loaded[JournalEntry] | None) -> Loaded[JournalEntry]:
    """Save a new entry (`previous` None) or an edit of the loaded `previous`; the index
    follows."""
    return ws.journal(sync="none").save_entry(entry, previous)


def delete_entry(ws: Workspace, loaded: Loaded[JournalEntry]) -> Path:
    """Move an entry into the trash."""
    return ws.journal(sync="none").delete_entry(loaded)


# -- drafts -------------------------------------------------------------------------------------

def draft_path(ws: Workspace, draft: JournalDraft) -> Path:
    """Where a draft is kept."""
    return ws.store.drafts_dir / f"{DRAFT_PREFIX}{draft.key()}.toml"


def write_draft(ws: Workspace, draft: JournalDraft) -> None:
    """Keep a draft (last writer wins: it is this person's own unfinished text)."""
    ws.store.write_draft(draft_path(ws, draft), draft_to_document(draft))


def discard_draft(ws: Workspace, draft: JournalDraft) -> None:
    """Remove a draft once the entry is saved or the text thrown away."""
    ws.store.discard_draft(draft_path(ws, draft))


def drafts(ws: Workspace) -> list[JournalDraft]:
    """Every journal draft, newest first (unreadable ones are skipped)."""
    folder = ws.store.drafts_dir
    if not folder.is_dir():
        return []
    found: list[JournalDraft] = []
    for path in sorted(folder.glob(f"{DRAFT_PREFIX}*.toml")):
        loaded, _problems = load_document(path, draft_from_document, MAX_DATA_FILE_BYTES)
        if loaded is not None:
            found.append(loaded.value)
    found.sort(key=lambda d: d.updated, reverse=True)
    return found


def draft_for(ws: Workspace, schema_id: str, entry_id: str | None = None) -> JournalDraft | None:
    """The draft of a new entry of `schema_id`, or of the edit of `entry_id`."""
    return next((d for d in drafts(ws)
                 if (d.entry_id == entry_id) and (entry_id is not None or
                                                  d.schema_id == schema_id)), None)


# -- goals --------------------------------------------------------------------------------------

def active_goals(ws: Workspace) -> list[Goal]:
    """The goals a check-in can go to, by title."""
    loaded, _problems = ws.store.goals()
    goals = [item.value for item in loaded if item.value.status == "active"]
    return sorted(goals, key=lambda g: g.title.casefold())


def goal_titles(ws: Workspace) -> dict[str, str]:
    """Every goal's title by its id."""
    loaded, _problems = ws.store.goals()
    return {item.value.id: item.value.title for item in loaded}


def add_check_in(ws: Workspace, goal_id: str, note: str, entry_id: str) -> Goal:
    """Add `note` to a goal as a check-in that points back to the entry."""
    now = ws.clock.now()
    check_in = CheckIn(id=new_id(now), at=now, note=note, progress=None, entry_id=entry_id)
    change: Callable[[Goal], Goal] = lambda goal: with_check_in(goal, check_in)  # noqa: E731
    return ws.store.update_goal(goal_id, change).value


def link_goal(ws: Workspace, loaded: Loaded[JournalEntry],
              goal_id: str) -> Loaded[JournalEntry]:
    """Remember on the entry that it is linked to the goal."""
    entry = loaded.value
    if goal_id in entry.goal_ids:
        return loaded
    return save_entry(ws, replace(entry, goal_ids=(*entry.goal_ids, goal_id)), loaded)

