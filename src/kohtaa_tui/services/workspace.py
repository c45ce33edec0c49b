"""Everything one run of kohtaa works with: the store, settings, language and clock, and
the journal.

Built once by the command line and handed to commands and to the app.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kohtaa_tui import paths
from kohtaa_tui.domain.clock import Clock, SystemClock
from kohtaa_tui.domain.config import Settings, settings_from_document, settings_to_document
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.repository import Store, issues_to_problems, load_document
from kohtaa_tui.storage.settings import save_settings_file

if TYPE_CHECKING:
    from kohtaa_tui.storage.journal import JournalService

CONFIG_NAME = "config.toml"

SyncPolicy = Literal["quick", "thorough", "none"]
"""How the journal's index catches up with the files before it is used: "quick" by the
folders' mtimes, "thorough" by every file's size and mtime, "none" not at all (the caller
syncs, or only saves: a save updates the index itself). See JournalIndex.sync."""


class Journals:
    """The workspace's journal: one JournalService for each thread that uses it, opened on
    first use and kept, opened again when the schema files change.

    One per thread, not one for all: a worker builds the index while the UI thread saves an
    entry, and the worker's progress callback waits for the UI thread (`call_from_thread`),
    so one service behind one lock could leave each waiting for the other. SQLite keeps the
    connections of the threads consistent as it does those of two kohtaa processes.
    """

    def __init__(self) -> None:
        self._mine = threading.local()
        self._lock = threading.Lock()
        self._every: weakref.WeakSet[JournalService] = weakref.WeakSet()
        self.opened = 0
        """How many services were opened (each thread's first use, and after schema changes)."""

    def service(self, store: Store) -> JournalService:
        """This thread's service (opened, not synced, when it has none yet)."""
        from kohtaa_tui.storage.index import schema_files_signature
        from kohtaa_tui.storage.journal import JournalService

        signature = schema_files_signature(store)
        held: tuple[JournalService, str] | None = getattr(self._mine, "held", None)
        if held is not None and held[1] == signature:
            return held[0]
        if held is not None:
            held[0].close()
        service = JournalService.open(store, sync=False)
        self._mine.held = (service, signature)
        with self._lock:
            self._every.add(service)
            self.opened += 1
        return service

    def close(self) -> None:
        """Close every thread's index (a later use opens it again)."""
        with self._lock:
            services = list(self._every)
        for service in services:
            service.close()


def locale_language(env: Mapping[str, str]) -> str:
    """fi when the locale is Finnish (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else en."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name)
        if value:
            return "fi" if value.lower().startswith("fi") else "en"
    return "en"


@dataclass
class Workspace:
    """The data and settings of one run."""

    data_dir: Path
    config_dir: Path
    store: Store
    clock: Clock
    settings: Settings
    lang: str
    problems: list[Problem] = field(default_factory=list)
    demo: bool = False
    """True for `kohtaa demo`: sample data in a temporary directory."""
    config_unreadable: bool = False
    """True when config.toml exists but could not be read (or a newer kohtaa wrote it):
    this run uses the defaults, and no setting change is saved over the file."""
    notices: list[str] = field(default_factory=list)
    """Lines the app shows once when it starts next (a setting change that could not be
    saved just before the app restarted in the other language)."""
    journals: Journals = field(default_factory=Journals, repr=False, compare=False)
    """The journal services (`journal()`); a copy in another language shares them."""

    def journal(self, *, sync: SyncPolicy,
                progress: Callable[[int, int], None] | None = None) -> JournalService:
        """The journal of the data directory, its index first synced as `sync` says
        (`progress(done, total)` is called while files are indexed).

        The service stays open for the workspace's next use in this thread: never close it
        (a closed index opens again when next used). Raises StorageError or OSError when the
        journal cannot be read."""
        service = self.journals.service(self.store)
        if sync != "none":
            service.index.sync(progress, thorough=sync == "thorough")
        return service

    @property
    def config_path(self) -> Path:
        """The user's config file."""
        return self.config_dir / CONFIG_NAME

    def save_settings(self, settings: Settings) -> None:
        """Write config.toml atomically, keeping keys this version does not know.

        Never over a config.toml that could not be read or that a newer kohtaa wrote:
        then UnreadableFileError, the file is left as it is and `settings` are not kept
        (the caller applies the change for this run only)."""
        save_settings_file(self.config_path, settings_to_document(settings))
        self.settings = settings

    def with_lang(self, lang: str) -> Workspace:
        """The same workspace speaking another language."""
        return replace(self, lang=lang)


def load_settings(config_dir: Path) -> tuple[Settings, list[Problem]]:
    """Read config.toml; a missing file means defaults, a broken one is reported."""
    settings, problems, _unreadable = read_settings(config_dir)
    return settings, problems


def read_settings(config_dir: Path) -> tuple[Settings, list[Problem], bool]:
    """config.toml's settings, its problems, and whether it exists but could not be read."""
    path = config_dir / CONFIG_NAME
    if not os.path.lexists(path):
        return Settings(), [], False
    loaded, problems = load_document(path, settings_from_document)
    if loaded is None:
        return Settings(), problems, True
    return loaded.value, problems + list(loaded.warnings), False


def open_workspace(data_dir: str | None = None, config_dir: str | None = None,
                   lang: str | None = None, clock: Clock | None = None,
                   env: Mapping[str, str] | None = None, read_only: bool = False) -> Workspace:
    """Resolve the directories and settings for one run (nothing is created on disk)."""
    environ = os.environ if env is None else env
    data = paths.data_dir(data_dir, environ)
    config = paths.config_dir(config_dir, environ)
    for found in (paths.not_a_directory(data, "data"),
                  paths.not_a_directory(config, "config")):
        if found:
            raise StorageError(found)
    settings, problems, unreadable = read_settings(config)
    chosen = lang or settings.lang or locale_language(environ)
    clock = clock or SystemClock()
    return Workspace(data, config, Store(data, clock, read_only), clock, settings, chosen,
                     problems, config_unreadable=unreadable)


__all__ = ["Workspace", "issues_to_problems", "locale_language", "open_workspace"]
