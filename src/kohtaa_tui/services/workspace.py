"""Everything one run of kohtaa works with: the store, settings, language and clock.

Built once by the command line and handed to commands and to the app.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kohtaa_tui import paths
from kohtaa_tui.domain.clock import Clock, SystemClock
from kohtaa_tui.domain.config import Settings, settings_from_document, settings_to_document
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.repository import Store, issues_to_problems, load_document
from kohtaa_tui.storage.settings import save_settings_file

CONFIG_NAME = "config.toml"


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
