"""The one catalogue of the documents kohtaa installs by id and version: question banks and
journal schemas are two kinds of it (storage.banks.BANKS, storage.schemas.SCHEMAS).

Used by the command line (`kohtaa bank ...`, `kohtaa schema ...`) and by the app, so both
see the same documents. Layout, for a kind:
  <shipped>/<kind.shipped>/*.toml               shipped with kohtaa (read-only)
  <shipped>/<kind.earlier>/<id>/*.toml          the files shipped documents were before a
                                                new version: read only when a result asks
                                                for one (not offered, not listed)
  <data>/<kind.folder>/<id>/<version>.toml      installed, every version kept
  <data>/<kind.removed>/<id>/<version>.toml     removed: no longer offered, but still found
                                                by the results or entries that used them

The version rule: a file is installed byte for byte under its id and version, and
installing never loses a version that results or entries may point to. The same version
with the same bytes is already installed; the same version with other bytes, or a version
older than one already known, is refused. A result or entry names the version it was made
with (and a result the fingerprint of the bank's bytes, see `Catalogue.get`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Generic, TypeVar

from kohtaa_tui.domain.document import CatalogueDocument
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.i18n import _
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage import fsops
from kohtaa_tui.storage.codec import MAX_FILE_BYTES
from kohtaa_tui.storage.errors import SaveError, StorageError
from kohtaa_tui.storage.repository import (
    Loaded,
    Parser,
    Store,
    fingerprint,
    load_with_bytes,
    safe_id,
)

DocT = TypeVar("DocT", bound=CatalogueDocument)

SOURCES = ("shipped", "installed", "removed")
"""Where a version was found; `get` prefers an installed file, then a shipped one."""


class InstallOutcome(Enum):
    """What an install did."""

    INSTALLED = "installed"
    UPGRADED = "upgraded"
    ALREADY_INSTALLED = "already installed"


class CatalogueRefused(StorageError):
    """A valid file that cannot be installed (an older or clashing version), or an id that
    cannot be removed (shipped, or not installed)."""


@dataclass(frozen=True, kw_only=True)
class CatalogueKind(Generic[DocT]):
    """One kind of catalogue document: its folders, its reader and what the command line
    calls it."""

    noun: str
    """The command word (`kohtaa bank`, `kohtaa schema`)."""
    shipped: str
    """The folder of the shipped files (see paths.shipped_dir)."""
    earlier: str | None = None
    """The shipped folder of the files shipped documents were at older versions, if any."""
    folder: str
    """The installed files, below the data directory."""
    removed: str
    """The removed files, below the data directory."""
    reader: Parser[DocT]
    not_installed: str
    """The msgid (N_) of the refusal to remove an id that is not installed ({id})."""
    limit: int = MAX_FILE_BYTES

    def read(self, path: Path) -> tuple[bytes | None, Loaded[DocT] | None, list[Problem]]:
        """Read and validate a file once: its bytes, the document (None when the file has
        an error) and every problem, warnings too, in the order of the file (what concerns
        the whole file first, then by line, errors before warnings on the same line)."""
        data, loaded, problems = load_with_bytes(path, self.reader, self.limit)
        if loaded is None and not any(p.severity == "error" for p in problems):
            problems.append(Problem(file=str(path), message="the document could not be read"))
        problems.sort(key=lambda p: (p.line or 0, p.severity != "error"))
        return data, loaded, problems


@dataclass(frozen=True)
class CatalogueEntry(Generic[DocT]):
    """One version of one document, where it came from, and the fingerprint of its bytes."""

    loaded: Loaded[DocT]
    source: str
    """"shipped", "installed" or "removed"."""

    @property
    def doc(self) -> DocT:
        """The bank or schema itself."""
        return self.loaded.value

    @property
    def fingerprint(self) -> str:
        """The fingerprint of the file's bytes (a result records its bank's)."""
        return self.loaded.fingerprint

    @property
    def path(self) -> Path:
        """The file the document was read from."""
        return self.loaded.path


class Catalogue(Generic[DocT]):
    """Every document of a kind kohtaa knows of, loaded once; ask it for the latest or an
    exact version, install a file, or remove an id."""

    def __init__(self, kind: CatalogueKind[DocT], store: Store,
                 entries: Iterable[CatalogueEntry[DocT]],
                 problems: Iterable[Problem] = ()) -> None:
        self.kind = kind
        self.store = store
        self.entries: tuple[CatalogueEntry[DocT], ...] = tuple(entries)
        self.problems: tuple[Problem, ...] = tuple(problems)
        self._earlier: list[CatalogueEntry[DocT]] | None = None

    @classmethod
    def load(cls, kind: CatalogueKind[DocT], store: Store) -> Catalogue[DocT]:
        """Read the shipped, installed and removed files (bad files become problems)."""
        entries: list[CatalogueEntry[DocT]] = []
        problems: list[Problem] = []
        for source, directory in zip(SOURCES, folders(kind, store), strict=True):
            loaded, found = store.load_all(directory, kind.reader, kind.limit)
            problems.extend(found)
            entries.extend(CatalogueEntry(item, source) for item in loaded)
        return cls(kind, store, entries, problems)

    # -- finding ------------------------------------------------------------------------------
    def docs(self) -> list[DocT]:
        """Every version of every id, the removed ones too (what results and entries may
        have been made with)."""
        return [entry.doc for entry in self.entries]

    def offered(self) -> list[CatalogueEntry[DocT]]:
        """Every shipped or installed version (removed ones are not offered)."""
        return [entry for entry in self.entries if entry.source != "removed"]

    def latest_all(self) -> list[CatalogueEntry[DocT]]:
        """The latest offered version of each id, sorted by id; between a shipped and an
        installed file of the same version, the installed one."""
        best: dict[str, CatalogueEntry[DocT]] = {}
        for entry in self.offered():
            current = best.get(entry.doc.id)
            if current is None or (entry.doc.version, entry.source == "installed") > (
                    current.doc.version, current.source == "installed"):
                best[entry.doc.id] = entry
        return [best[key] for key in sorted(best)]

    def latest(self, doc_id: str) -> CatalogueEntry[DocT] | None:
        """The latest offered version of `doc_id`."""
        return next((e for e in self.latest_all() if e.doc.id == doc_id), None)

    def get(self, doc_id: str, version: int | None = None,
            exact: str | None = None) -> CatalogueEntry[DocT] | None:
        """A document by id and version (the latest offered when None), preferring the file
        whose fingerprint is `exact`, then an installed file, then a shipped one.

        Removed versions are found here too, so that old results and entries still show
        their questions and fields.
        """
        if version is None:
            return self.latest(doc_id)
        matching = [e for e in self.entries
                    if e.doc.id == doc_id and e.doc.version == version]
        if exact is not None:
            same = [e for e in matching if e.fingerprint == exact]
            if same:
                return same[0]
        if exact is not None or not matching:
            # Made with a version a shipped document was before: its file, kept apart.
            earlier = [e for e in self.earlier()
                       if e.doc.id == doc_id and e.doc.version == version]
            same = [e for e in earlier if e.fingerprint == exact]
            if same:
                return same[0]
            matching = matching or earlier
        matching.sort(key=lambda e: ("installed", "shipped", "removed").index(e.source))
        return matching[0] if matching else None

    def earlier(self) -> list[CatalogueEntry[DocT]]:
        """The files shipped documents were at older versions, read on first use (a bad one
        is left out: the shipped files are checked by the tests)."""
        if self._earlier is None:
            self._earlier = []
            if self.kind.earlier is not None:
                loaded, _problems = self.store.load_all(shipped_dir(self.kind.earlier),
                                                        self.kind.reader, self.kind.limit)
                self._earlier = [CatalogueEntry(item, "shipped") for item in loaded]
        return self._earlier

    def find(self, doc_id: str, version: int | None = None) -> DocT | None:
        """What a result or an entry made with `version` of `doc_id` is shown with: that
        version (a removed one too), else the latest offered, else the newest removed."""
        found = self.get(doc_id, version) if version is not None else None
        found = found or self.latest(doc_id) or max(
            (e for e in self.entries if e.doc.id == doc_id),
            key=lambda e: e.doc.version, default=None)
        return found.doc if found is not None else None

    def title(self, doc_id: str, lang: str) -> str:
        """The title of `doc_id` in `lang` (see `find`), or the id when kohtaa has none."""
        doc = self.find(doc_id)
        return doc.title.get(lang) if doc is not None else doc_id

    def versions(self, doc_id: str) -> list[CatalogueEntry[DocT]]:
        """Every offered version of `doc_id`, oldest first."""
        return sorted((e for e in self.offered() if e.doc.id == doc_id),
                      key=lambda e: e.doc.version)

    # -- changing -----------------------------------------------------------------------------
    def installed_path(self, doc: DocT) -> Path:
        """Where an installed version lives."""
        return (self.store.data_dir / self.kind.folder / safe_id(doc.id)
                / f"{int(doc.version)}.toml")

    def install(self, data: bytes, doc: DocT) -> tuple[InstallOutcome, Path]:
        """Write validated bytes, byte for byte, atomically, unless the version rule says
        otherwise (CatalogueRefused, one line: nothing was written)."""
        known = self.versions(doc.id)
        new_hash = fingerprint(data)
        for seen in known:
            if seen.doc.version == doc.version:
                if seen.fingerprint == new_hash:
                    return InstallOutcome.ALREADY_INSTALLED, seen.path
                raise CatalogueRefused(
                    f"{doc.id} version {doc.version} is already {seen.source} with other "
                    "content; raise `version` in the file to install it as a new version")
        if known and known[-1].doc.version > doc.version:
            raise CatalogueRefused(
                f"{doc.id} version {known[-1].doc.version} is already {known[-1].source}, "
                f"which is newer than version {doc.version}; nothing was installed")
        target = self.installed_path(doc)
        self.store.write_bytes(target, data, None)
        return (InstallOutcome.UPGRADED if known else InstallOutcome.INSTALLED), target

    def removed_dir(self, doc_id: str) -> Path:
        """Where the removed versions of `doc_id` go."""
        return self.store.data_dir / self.kind.removed / safe_id(doc_id)

    def remove(self, doc_id: str) -> list[Path]:
        """Move every installed version of `doc_id` into the removed folder; returns the new
        paths.

        Results and entries keep finding those versions; the id is no longer offered.
        Shipped documents cannot be removed (CatalogueRefused); an id that is not installed
        is refused too.
        """
        installed = [e for e in self.entries
                     if e.doc.id == doc_id and e.source == "installed"]
        if not installed:
            if any(e.doc.id == doc_id and e.source == "shipped" for e in self.entries):
                raise CatalogueRefused(
                    _("{id} is shipped with kohtaa and cannot be removed").format(id=doc_id))
            raise CatalogueRefused(_(self.kind.not_installed).format(id=doc_id))
        store = self.store
        if store.read_only:
            raise SaveError("this data directory is open read-only; nothing was changed")
        moved: list[Path] = []
        with store.lock:
            for entry in installed:
                target = self._removed_target(entry)
                try:
                    data = entry.path.read_bytes()
                except OSError as error:
                    raise SaveError(f"{entry.path}: cannot be read: {error.strerror}") from None
                if fingerprint(data) != entry.fingerprint:
                    raise SaveError(f"{entry.path}: the file changed since it was loaded; "
                                    "nothing more was removed")
                if not target.exists():
                    store.write_bytes(target, data, None)
                fsops.unlink(entry.path)
                moved.append(target)
        return moved

    def _removed_target(self, entry: CatalogueEntry[DocT]) -> Path:
        """A name in the removed folder that holds these exact bytes, or a free one."""
        folder = self.removed_dir(entry.doc.id)
        candidate = folder / f"{entry.doc.version}.toml"
        number = 1
        while candidate.exists():
            try:
                if fingerprint(candidate.read_bytes()) == entry.fingerprint:
                    return candidate
            except OSError:
                pass
            number += 1
            candidate = folder / f"{entry.doc.version}-{number}.toml"
        return candidate


def folders(kind: CatalogueKind[DocT], store: Store) -> tuple[Path, Path, Path]:
    """The shipped, installed and removed folders of `kind`, in the order of SOURCES."""
    return (shipped_dir(kind.shipped), store.data_dir / kind.folder,
            store.data_dir / kind.removed)
