"""The catalogue of question banks: shipped and installed, every version, and installing.

Used by the command line (`kohtaa bank add/list/remove`, `kohtaa assess`) and by the app
(the bank picker, the result and history screens), so both see the same banks.

Layout:
  <shipped>/question_banks/*.toml                  shipped with kohtaa (read-only)
  <shipped>/question_banks_earlier/<id>/*.toml     files the shipped banks were before a new
                                                   version: read only when a result asks
                                                   for one (not offered, not listed)
  <data>/banks/<bank-id>/<version>.toml            installed banks, every version kept
  <data>/banks-removed/<bank-id>/<version>.toml    removed banks: no longer offered, but
                                                   still found by results that used them
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kohtaa_tui.domain.banks import QuestionBank, bank_from_document
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.i18n import _
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage import fsops
from kohtaa_tui.storage.codec import MAX_FILE_BYTES
from kohtaa_tui.storage.errors import SaveError, StorageError
from kohtaa_tui.storage.repository import (
    Loaded,
    Store,
    fingerprint,
    load_with_bytes,
    safe_id,
)
from kohtaa_tui.storage.versions import (
    InstallOutcome,
    KnownVersion,
    install_version,
    latest_entries,
)

REMOVED_DIR = "banks-removed"
EARLIER_DIR = "question_banks_earlier"


@dataclass(frozen=True)
class BankEntry:
    """One version of one bank, where it came from, and the fingerprint of its bytes."""

    loaded: Loaded[QuestionBank]
    source: str
    """"shipped", "installed" or "removed"."""

    @property
    def bank(self) -> QuestionBank:
        """The bank itself."""
        return self.loaded.value

    @property
    def bank_hash(self) -> str:
        """The fingerprint of the bank file's bytes, recorded in each result."""
        return self.loaded.fingerprint

    @property
    def path(self) -> Path:
        """The file the bank was read from."""
        return self.loaded.path


class BankRefused(StorageError):
    """A bank file that is valid but cannot be installed (an older or clashing version)."""


def load_bank_bytes(path: Path) -> tuple[bytes | None, Loaded[QuestionBank] | None, list[Problem]]:
    """Read and validate a bank file once (see repository.load_with_bytes)."""
    return load_with_bytes(path, bank_from_document, MAX_FILE_BYTES)


class BankCatalogue:
    """Every bank kohtaa knows of, loaded once; ask it for the latest or an exact version."""

    def __init__(self, store: Store, entries: Iterable[BankEntry],
                 problems: Iterable[Problem] = ()) -> None:
        self.store = store
        self.entries: tuple[BankEntry, ...] = tuple(entries)
        self.problems: tuple[Problem, ...] = tuple(problems)
        self._earlier: list[BankEntry] | None = None

    @classmethod
    def load(cls, store: Store) -> BankCatalogue:
        """Read the shipped, installed and removed banks (bad files become problems)."""
        entries: list[BankEntry] = []
        problems: list[Problem] = []
        for source, directory in (("shipped", shipped_dir("question_banks")),
                                  ("installed", store.banks_dir),
                                  ("removed", store.data_dir / REMOVED_DIR)):
            loaded, found = store.load_all(directory, bank_from_document, MAX_FILE_BYTES)
            problems.extend(found)
            entries.extend(BankEntry(item, source) for item in loaded)
        return cls(store, entries, problems)

    # -- finding ------------------------------------------------------------------------------
    def offered(self) -> list[BankEntry]:
        """Every shipped or installed version (removed banks are not offered)."""
        return [entry for entry in self.entries if entry.source != "removed"]

    def latest_all(self) -> list[BankEntry]:
        """The latest offered version of each bank, by id (installed wins a tie)."""
        return latest_entries(self.offered(), lambda entry: entry.bank)

    def latest(self, bank_id: str) -> BankEntry | None:
        """The latest offered version of `bank_id`."""
        return next((e for e in self.latest_all() if e.bank.id == bank_id), None)

    def get(self, bank_id: str, version: int | None = None,
            bank_hash: str | None = None) -> BankEntry | None:
        """A bank by id and version (the latest when None), preferring the exact bytes.

        Removed banks are found here too, so that old results still show their questions.
        """
        if version is None:
            return self.latest(bank_id)
        matching = [e for e in self.entries
                    if e.bank.id == bank_id and e.bank.version == version]
        if bank_hash is not None:
            exact = [e for e in matching if e.bank_hash == bank_hash]
            if exact:
                return exact[0]
        if bank_hash is not None or not matching:
            # A result of a version the shipped bank was before: its file, kept apart.
            earlier = [e for e in self.earlier()
                       if e.bank.id == bank_id and e.bank.version == version]
            exact = [e for e in earlier if e.bank_hash == bank_hash]
            if exact:
                return exact[0]
            matching = matching or earlier
        order = {"installed": 0, "shipped": 1, "removed": 2}
        matching.sort(key=lambda e: order.get(e.source, 3))
        return matching[0] if matching else None

    def earlier(self) -> list[BankEntry]:
        """The files shipped banks were at older versions, read on first use (a bad one is
        left out: the shipped files are checked by the tests)."""
        if self._earlier is None:
            loaded, _problems = self.store.load_all(shipped_dir(EARLIER_DIR), bank_from_document,
                                                    MAX_FILE_BYTES)
            self._earlier = [BankEntry(item, "shipped") for item in loaded]
        return self._earlier

    def versions(self, bank_id: str) -> list[BankEntry]:
        """Every offered version of `bank_id`, oldest first."""
        return sorted((e for e in self.offered() if e.bank.id == bank_id),
                      key=lambda e: e.bank.version)

    # -- changing -----------------------------------------------------------------------------
    def installed_path(self, bank: QuestionBank) -> Path:
        """Where an installed version of a bank lives."""
        return self.store.banks_dir / safe_id(bank.id) / f"{int(bank.version)}.toml"

    def install(self, data: bytes, bank: QuestionBank) -> tuple[InstallOutcome, Path]:
        """Install validated bank bytes, byte for byte, by the version rule of
        storage.versions (BankRefused when it would lose a version)."""
        known = [KnownVersion(e.bank.version, e.bank_hash, e.path, e.source)
                 for e in self.versions(bank.id)]
        return install_version(self.store, bank.id, bank.version, data, known,
                               self.installed_path(bank), BankRefused)

    def remove(self, bank_id: str) -> list[Path]:
        """Move every installed version of `bank_id` into banks-removed; returns the new paths.

        Results keep finding those versions; the bank is no longer offered. Shipped banks
        cannot be removed (BankRefused); an unknown id raises BankRefused too.
        """
        installed = [e for e in self.entries
                     if e.bank.id == bank_id and e.source == "installed"]
        if not installed:
            if any(e.bank.id == bank_id and e.source == "shipped" for e in self.entries):
                raise BankRefused(_("{id} is shipped with kohtaa and cannot be removed").format(
                    id=bank_id))
            raise BankRefused(_("no installed bank has the id {id}; see `kohtaa bank "
                                "list`").format(id=bank_id))
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
                if fingerprint(data) != entry.bank_hash:
                    raise SaveError(f"{entry.path}: the file changed since it was loaded; "
                                    "nothing more was removed")
                if not target.exists():
                    store.write_bytes(target, data, None)
                fsops.unlink(entry.path)
                moved.append(target)
        return moved

    def _removed_target(self, entry: BankEntry) -> Path:
        """A name in banks-removed that holds these exact bytes, or a free one."""
        folder = self.store.data_dir / REMOVED_DIR / safe_id(entry.bank.id)
        candidate = folder / f"{entry.bank.version}.toml"
        number = 1
        while candidate.exists():
            try:
                if fingerprint(candidate.read_bytes()) == entry.bank_hash:
                    return candidate
            except OSError:
                pass
            number += 1
            candidate = folder / f"{entry.bank.version}-{number}.toml"
        return candidate

