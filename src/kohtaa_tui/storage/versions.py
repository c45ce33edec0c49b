"""The version rule shared by the catalogues of question banks and journal schemas.

A bank or schema file is installed byte for byte under its id and version. Installing never
loses a version that results or entries may point to: the same version with the same bytes
is already installed; the same version with other bytes, or a version older than one already
known, is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from kohtaa_tui.domain.document import Versioned
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.repository import Store, fingerprint


class InstallOutcome(Enum):
    """What an install did."""

    INSTALLED = "installed"
    UPGRADED = "upgraded"
    ALREADY_INSTALLED = "already installed"


class KnownVersion(NamedTuple):
    """One version of a document the catalogue already has, oldest first."""

    version: int
    fingerprint: str
    path: Path
    source: str
    """"shipped" or "installed"."""


def install_version(store: Store, doc_id: str, version: int, data: bytes,
                    known: Sequence[KnownVersion], target: Path,
                    refused: type[StorageError]) -> tuple[InstallOutcome, Path]:
    """Write `data` to `target` unless the version rule says otherwise (raises `refused`
    with a one-line reason)."""
    new_hash = fingerprint(data)
    for seen in known:
        if seen.version == version:
            if seen.fingerprint == new_hash:
                return InstallOutcome.ALREADY_INSTALLED, seen.path
            raise refused(
                f"{doc_id} version {version} is already {seen.source} with other content; "
                "raise `version` in the file to install it as a new version")
    if known and known[-1].version > version:
        raise refused(
            f"{doc_id} version {known[-1].version} is already {known[-1].source}, which is "
            f"newer than version {version}; nothing was installed")
    store.write_bytes(target, data, None)
    return (InstallOutcome.UPGRADED if known else InstallOutcome.INSTALLED), target


class _Sourced(Protocol):
    @property
    def source(self) -> str: ...


EntryT = TypeVar("EntryT", bound=_Sourced)


def latest_entries(entries: Iterable[EntryT], doc: Callable[[EntryT], Versioned]
                   ) -> list[EntryT]:
    """The newest version of each id, sorted by id; between a shipped and an installed file
    of the same version, the installed one."""
    best: dict[str, EntryT] = {}
    for entry in entries:
        current = best.get(doc(entry).id)
        if current is None or (doc(entry).version, entry.source == "installed") > (
                doc(current).version, current.source == "installed"):
            best[doc(entry).id] = entry
    return [best[key] for key in sorted(best)]
