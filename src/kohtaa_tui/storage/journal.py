"""The journal service: the one way entries are saved, loaded and deleted.

Every change goes through the Store (atomic, checked against the file that was loaded) and
then updates the index, so lists, search and counts see it at once. The files stay the
truth: if the index cannot be updated, the save still stands and the next sync catches up.

Services and commands get theirs from the workspace (`ws.journal(sync=...)`, one kept for
each thread); opened by hand it goes:

    journal = JournalService.open(ws.store)          # syncs the index (schemas: when needed)
    saved = journal.save_entry(entry)                # a new entry
    saved = journal.save_entry(changed, saved)       # an edit of a loaded entry
    journal.delete_entry(saved)                      # into <data>/trash/
    journal.index.query(EntryFilter(text="sää"))     # newest first
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from kohtaa_tui.domain.ids import is_document_id
from kohtaa_tui.domain.journal import JournalEntry, JournalSchema, entry_to_document
from kohtaa_tui.storage.errors import NotFoundError, SaveError
from kohtaa_tui.storage.index import JournalIndex, Progress, load_entry_file
from kohtaa_tui.storage.repository import Loaded, Store
from kohtaa_tui.storage.schemas import load_schemas


class JournalService:
    """Entries of one data directory, with their index kept current."""

    def __init__(self, store: Store, schemas: Iterable[JournalSchema] | Mapping[
            str, JournalSchema] | None, index: JournalIndex) -> None:
        """`schemas`: every version of every schema, or None to read them when first asked."""
        self.store = store
        self.index = index
        values = schemas.values() if isinstance(schemas, Mapping) else schemas
        self._schemas: tuple[JournalSchema, ...] | None = (
            tuple(values) if values is not None else None)

    @property
    def schemas(self) -> tuple[JournalSchema, ...]:
        """Every version of every schema (read from the store when first asked)."""
        if self._schemas is None:
            self._schemas = tuple(load_schemas(self.store).docs())
        return self._schemas

    @classmethod
    def open(cls, store: Store, schemas: Iterable[JournalSchema] | Mapping[
            str, JournalSchema] | None = None, sync: bool = True,
            progress: Progress | None = None, thorough: bool = True) -> JournalService:
        """The journal of `store`; schemas are loaded when first needed if not given, the
        index synced with the files unless `sync` is False (call `index.sync()` yourself,
        e.g. in a worker); `thorough` as in `JournalIndex.sync`."""
        if schemas is not None and not isinstance(schemas, Mapping):
            schemas = tuple(schemas)
        index = JournalIndex.open(store, schemas)
        service = cls(store, schemas, index)
        if sync:
            index.sync(progress, thorough=thorough)
        return service

    def close(self) -> None:
        """Close the index."""
        self.index.close()

    def schema_of(self, entry: JournalEntry) -> JournalSchema | None:
        """The schema version the entry was written with, else the latest of its id."""
        return self.index.schema_of(entry)

    # -- reading -------------------------------------------------------------------------------
    def load_entry(self, entry_id: str) -> Loaded[JournalEntry]:
        """Read one entry from its file (found through the index, then by a walk).

        Raises NotFoundError when there is no such entry, SaveError when its file is broken.
        """
        if not is_document_id(entry_id):
            raise NotFoundError(f"{entry_id[:40]!r} is not an entry id")
        summary = self.index.get(entry_id)
        candidates: list[Path] = [summary.path] if summary is not None else []
        if not candidates:
            candidates = sorted(self.store.journal_dir.glob(f"*/*/{entry_id}.toml"))
        for path in candidates:
            loaded, problems = load_entry_file(path)
            if loaded is not None and loaded.value.id == entry_id:
                return loaded
            if problems and path.exists():
                raise SaveError(str(problems[0]))
        raise NotFoundError(f"no journal entry has the id {entry_id!r}")

    # -- changing ------------------------------------------------------------------------------
    def save_entry(self, entry: JournalEntry,
                   previous: Loaded[JournalEntry] | None = None) -> Loaded[JournalEntry]:
        """Save a new entry (`previous` None) or an edit of `previous`, exactly as given
        (the caller sets `updated`). An edit stays in the file it was loaded from.

        Raises ConflictError when the file changed on disk since it was loaded (nothing is
        overwritten), SaveError/ReadOnlyError when it cannot be saved.
        """
        if previous is None:
            saved = self.store.save_entry(entry, None)
        else:
            if previous.value.id != entry.id:
                raise SaveError("an edit must keep the entry's id")
            fingerprint = self.store.write(previous.path, entry_to_document(entry),
                                           previous.fingerprint)
            saved = Loaded(entry, previous.path, fingerprint)
        self._note(lambda: self.index.note_saved(saved))
        return saved

    def set_flags(self, loaded: Loaded[JournalEntry], *, starred: bool | None = None,
                  private: bool | None = None) -> Loaded[JournalEntry]:
        """Star/unstar or mark private/not private, keeping everything else."""
        entry = loaded.value
        changed = replace(entry, starred=entry.starred if starred is None else starred,
                          private=entry.private if private is None else private)
        return self.save_entry(changed, loaded)

    def delete_entry(self, loaded: Loaded[JournalEntry]) -> Path:
        """Move the entry's file into the trash (after checking it is the one loaded);
        returns where it went. `kohtaa doctor --empty-trash` deletes it for good."""
        target = self.store.move_to_trash(loaded.path, loaded.fingerprint)
        self._note(lambda: self.index.note_deleted(loaded.value.id))
        return target

    def _note(self, action: Callable[[], None]) -> None:
        """Update the index; a failure there never undoes a save (sync repairs it)."""
        with contextlib.suppress(sqlite3.Error, OSError):
            action()
