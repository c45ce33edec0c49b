"""The catalogue of journal schemas: shipped and installed, every version, and installing.

Used by `kohtaa schema list/add` and by anything that needs the schemas with their source.

Layout:
  <shipped>/journal_schemas/*.toml                 shipped with kohtaa (read-only)
  <data>/schemas/<schema-id>/<version>.toml        installed schemas, every version kept (old
                                                   entries keep the version they were written
                                                   with)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kohtaa_tui.domain.journal import JournalSchema, schema_from_document
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.codec import MAX_FILE_BYTES
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.repository import (
    Loaded,
    Store,
    load_with_bytes,
    safe_id,
)
from kohtaa_tui.storage.versions import (
    InstallOutcome,
    KnownVersion,
    install_version,
    latest_entries,
)


@dataclass(frozen=True)
class SchemaEntry:
    """One version of one schema and where it came from ("shipped" or "installed")."""

    loaded: Loaded[JournalSchema]
    source: str

    @property
    def schema(self) -> JournalSchema:
        """The schema itself."""
        return self.loaded.value



class SchemaRefused(StorageError):
    """A valid schema file that cannot be installed (an older or clashing version)."""


def load_schema_bytes(path: Path) -> tuple[bytes | None, Loaded[JournalSchema] | None,
                                           list[Problem]]:
    """Read and validate a schema file once (see repository.load_with_bytes)."""
    return load_with_bytes(path, schema_from_document, MAX_FILE_BYTES)


class SchemaCatalogue:
    """Every journal schema kohtaa knows of, loaded once."""

    def __init__(self, store: Store, entries: Iterable[SchemaEntry],
                 problems: Iterable[Problem] = ()) -> None:
        self.store = store
        self.entries: tuple[SchemaEntry, ...] = tuple(entries)
        self.problems: tuple[Problem, ...] = tuple(problems)

    @classmethod
    def load(cls, store: Store) -> SchemaCatalogue:
        """Read the shipped and installed schemas (bad files become problems)."""
        entries: list[SchemaEntry] = []
        problems: list[Problem] = []
        for source, directory in (("shipped", shipped_dir("journal_schemas")),
                                  ("installed", store.schemas_dir)):
            loaded, found = store.load_all(directory, schema_from_document, MAX_FILE_BYTES)
            problems.extend(found)
            entries.extend(SchemaEntry(item, source) for item in loaded)
        return cls(store, entries, problems)

    def schemas(self) -> list[JournalSchema]:
        """Every version of every schema."""
        return [entry.schema for entry in self.entries]

    def latest_all(self) -> list[SchemaEntry]:
        """The latest version of each schema, by id (installed wins a tie)."""
        return latest_entries(self.entries, lambda entry: entry.schema)

    def versions(self, schema_id: str) -> list[SchemaEntry]:
        """Every version of `schema_id`, oldest first."""
        return sorted((e for e in self.entries if e.schema.id == schema_id),
                      key=lambda e: e.schema.version)

    def installed_path(self, schema: JournalSchema) -> Path:
        """Where an installed version of a schema lives."""
        return self.store.schemas_dir / safe_id(schema.id) / f"{int(schema.version)}.toml"

    def install(self, data: bytes, schema: JournalSchema) -> tuple[InstallOutcome, Path]:
        """Install validated schema bytes, byte for byte, by the version rule of
        storage.versions (SchemaRefused when it would lose a version)."""
        known = [KnownVersion(e.schema.version, e.loaded.fingerprint, e.loaded.path, e.source)
                 for e in self.versions(schema.id)]
        return install_version(self.store, schema.id, schema.version, data, known,
                               self.installed_path(schema), SchemaRefused)
