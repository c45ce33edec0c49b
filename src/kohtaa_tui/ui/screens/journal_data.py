"""Where the journal screens get and put their data: schemas, entries, drafts, goals.

The screens call only these functions, so the way entries are found changes in this one
place: lists, filters, search, tags and schema usage come from the journal index
(storage/index.py); saves and deletes go through the Store and then update the index.
No Textual here.
"""

from __future__ import annotations

import contextlib
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from kohtaa_tui.domain.goals import CheckIn, Goal, with_check_in
from kohtaa_tui.domain.ids import is_document_id, new_id
from kohtaa_tui.domain.journal import (
    JournalEntry,
    JournalSchema,
    entry_from_document,
    entry_text,
    entry_title,
    step_ratings,
)
from kohtaa_tui.domain.journal_draft import JournalDraft, draft_from_document, draft_to_document
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.index import EntryFilter, JournalIndex
from kohtaa_tui.storage.repository import MAX_DATA_FILE_BYTES, Loaded, load_document
from kohtaa_tui.workspace import Workspace

PAGE_SIZE = 200
"""Rows the journal list asks for at a time."""

DRAFT_PREFIX = "journal-"


# -- schemas ------------------------------------------------------------------------------------

@dataclass
class SchemaCatalogue:
    """Every journal schema, every version; the latest of each id is the one offered."""

    versions: dict[tuple[str, int], JournalSchema] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, ws: Workspace) -> SchemaCatalogue:
        """Shipped schemas and the person's own."""
        loaded, problems = ws.store.schemas()
        versions = {(item.value.id, item.value.version): item.value for item in loaded}
        return cls(versions, problems)

    def latest_all(self) -> list[JournalSchema]:
        """The newest version of each schema."""
        latest: dict[str, JournalSchema] = {}
        for schema in self.versions.values():
            if schema.id not in latest or schema.version > latest[schema.id].version:
                latest[schema.id] = schema
        return list(latest.values())

    def latest(self, schema_id: str) -> JournalSchema | None:
        """The newest version of `schema_id`."""
        return next((s for s in self.latest_all() if s.id == schema_id), None)

    def get(self, schema_id: str, version: int | None = None) -> JournalSchema | None:
        """That exact version, else the newest of the id."""
        if version is not None and (schema_id, version) in self.versions:
            return self.versions[(schema_id, version)]
        return self.latest(schema_id)

    def for_entry(self, entry: JournalEntry) -> JournalSchema | None:
        """The schema an entry was written with (or the newest of its id)."""
        return self.get(entry.schema_id, entry.schema_version)

    def title(self, schema_id: str, lang: str) -> str:
        """The schema's title, or its id when it is gone."""
        schema = self.latest(schema_id)
        return schema.title.get(lang) if schema is not None else schema_id

    def most_used_first(self, usage: dict[str, int], lang: str) -> list[JournalSchema]:
        """The offered schemas, most used first, then by title in `lang`."""
        by_title = sorted(self.latest_all(), key=lambda s: fold(s.title.get(lang)))
        return sorted(by_title, key=lambda s: -usage.get(s.id, 0))


# -- entries ------------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Text for case-insensitive search (Finnish letters kept as letters: ä is not a)."""
    return unicodedata.normalize("NFC", text).casefold()


@dataclass(frozen=True)
class EntrySummary:
    """One row of the journal list."""

    id: str
    path: Path
    created: datetime
    occurred: datetime | None
    schema_id: str
    title: str
    steps: dict[str, int]
    tags: tuple[str, ...]
    starred: bool
    private: bool
    text: str
    """Everything searchable, folded."""


@dataclass(frozen=True)
class JournalFilter:
    """What the list shows: all filters must match."""

    search: str = ""
    schema_id: str | None = None
    step: str | None = None
    tag: str | None = None
    starred: bool = False

    def matches(self, row: EntrySummary) -> bool:
        """True when `row` passes every filter."""
        if self.schema_id is not None and row.schema_id != self.schema_id:
            return False
        if self.step is not None and self.step not in row.steps:
            return False
        if self.tag is not None and fold(self.tag) not in (fold(t) for t in row.tags):
            return False
        if self.starred and not row.starred:
            return False
        words = fold(self.search).split()
        return all(word in row.text for word in words)


def summarise(loaded: Loaded[JournalEntry], catalogue: SchemaCatalogue,
              lang: str) -> EntrySummary:
    """The list row of one entry."""
    entry = loaded.value
    schema = catalogue.for_entry(entry)
    tags: tuple[str, ...] = ()
    occurred = None
    if schema is not None:
        for spec in schema.fields:
            value = entry.answers.get(spec.id)
            if spec.type == "tags" and isinstance(value, tuple):
                tags = value
            if spec.role == "occurred_at" and isinstance(value, datetime):
                occurred = value
    title = entry_title(entry, schema, lang)
    text = fold("\n".join([title, entry_text(entry), catalogue.title(entry.schema_id, lang)]))
    return EntrySummary(entry.id, loaded.path, entry.created, occurred, entry.schema_id, title,
                        step_ratings(entry, schema), tags, entry.starred, entry.private, text)


@dataclass
class JournalSource:
    """The journal as its index sees it (synced with the files when loaded)."""

    index: JournalIndex
    problems: list[Problem]

    @classmethod
    def load(cls, ws: Workspace, catalogue: SchemaCatalogue | None = None) -> JournalSource:
        """Open and sync the index (off the UI thread: a first sync reads every file)."""
        catalogue = catalogue or SchemaCatalogue.load(ws)
        index = JournalIndex.open(ws.store, list(catalogue.versions.values()))
        report = index.sync()
        return cls(index, list(report.problems))

    def query(self, wanted: JournalFilter, offset: int = 0,
              limit: int = PAGE_SIZE) -> tuple[list[EntrySummary], int]:
        """One page of the matching entries, newest first, and how many match in all."""
        flt = EntryFilter(text=wanted.search, schema_id=wanted.schema_id, step=wanted.step,
                          tag=wanted.tag, starred=wanted.starred, include_private=True)
        rows = [EntrySummary(s.id, s.path, s.created, s.occurred, s.schema_id, s.title,
                             dict(s.ratings), s.tags, s.starred, s.private, "")
                for s in self.index.query(flt, limit=limit, offset=offset)]
        return rows, self.index.count(flt)

    def tags(self) -> list[str]:
        """Every tag in use (in lower case), sorted."""
        return sorted((tag for tag, _count in self.index.tags(include_private=True)), key=fold)

    def schema_usage(self) -> dict[str, int]:
        """How many entries each schema has."""
        return self.index.schema_usage()


def schema_usage(ws: Workspace) -> dict[str, int]:
    """How many entries each schema has (for the picker's order)."""
    with JournalIndex.open(ws.store) as index:
        index.sync()
        return index.schema_usage()


def load_entry(path: Path) -> tuple[Loaded[JournalEntry] | None, list[Problem]]:
    """One entry from its file."""
    return load_document(path, entry_from_document, MAX_DATA_FILE_BYTES)


def find_entry(ws: Workspace, entry_id: str) -> Loaded[JournalEntry] | None:
    """An entry by id (None when there is none)."""
    if not is_document_id(entry_id):
        return None
    for path in ws.store.journal_dir.glob(f"*/*/{entry_id}.toml"):
        loaded, _problems = load_entry(path)
        if loaded is not None:
            return loaded
    return None


def save_entry(ws: Workspace, entry: JournalEntry,
               expected: str | None) -> Loaded[JournalEntry]:
    """Save a new (`expected` None) or loaded entry, then update the index."""
    saved = ws.store.save_entry(entry, expected)
    _update_index(ws, lambda index: index.note_saved(saved))
    return saved


def delete_entry(ws: Workspace, loaded: Loaded[JournalEntry]) -> Path:
    """Move an entry into the trash, then drop it from the index."""
    target = ws.store.move_to_trash(loaded.path, loaded.fingerprint)
    _update_index(ws, lambda index: index.note_deleted(loaded.value.id))
    return target


def _update_index(ws: Workspace, change: Callable[[JournalIndex], None]) -> None:
    """Keep the index current; a failure never undoes a save (the next sync repairs it)."""
    with contextlib.suppress(sqlite3.Error, OSError), JournalIndex.open(ws.store) as index:
        change(index)


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


def add_check_in(ws: Workspace, goal_id: str, note: str, entry_id: str) -> Goal:
    """Add `note` to a goal as a check-in that points back to the entry."""
    now = ws.clock.now()
    check_in = CheckIn(new_id(now), now, note, None, entry_id)
    change: Callable[[Goal], Goal] = lambda goal: with_check_in(goal, check_in)  # noqa: E731
    return ws.store.update_goal(goal_id, change).value


def link_goal(ws: Workspace, loaded: Loaded[JournalEntry],
              goal_id: str) -> Loaded[JournalEntry]:
    """Remember on the entry that it is linked to the goal."""
    entry = loaded.value
    if goal_id in entry.goal_ids:
        return loaded
    return save_entry(ws, replace(entry, goal_ids=(*entry.goal_ids, goal_id)),
                      loaded.fingerprint)

