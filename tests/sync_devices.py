"""Devices that sync through a bare repository in a temp folder, with real git."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.goals import CheckIn, Goal, Target
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.storage.repository import Store

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def git(cwd: Path, *args: str) -> str:
    """Run git as a person would, for setting up a test; its output."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


class Device:
    """One device's data directory, synced through `remote`."""

    def __init__(self, root: Path, name: str, remote: Path) -> None:
        self.data = root / name
        self.remote = remote
        self.store = Store(self.data, FixedClock(NOW))
        self.made = 0

    def kohtaa(self, *args: str, capsys: pytest.CaptureFixture[str] | None = None) -> int:
        """Run a kohtaa command on this device's data."""
        return main(["--data-dir", str(self.data), *args])

    def init(self) -> None:
        assert self.kohtaa("sync", "init", str(self.remote)) == 0

    def sync(self) -> None:
        assert self.kohtaa("sync") == 0

    def new_entry(self, ident: str, text: str, title: str = "A meeting",
                  private: bool = False) -> JournalEntry:
        self.made += 1
        moment = NOW - timedelta(days=1, minutes=self.made)
        entry = JournalEntry(id=ident, schema_id="quick", schema_version=1, created=moment,
                             updated=moment,
                             answers={"title": title, "what": text}, private=private)
        self.store.save_entry(entry, None)
        return entry

    def edit_entry(self, ident: str, text: str, minutes: int = 1) -> None:
        loaded = next(item for item in self.store.entries()[0] if item.value.id == ident)
        entry = loaded.value
        changed = replace(entry, answers={**entry.answers, "what": text},
                          updated=entry.updated + timedelta(minutes=minutes))
        self.store.save_entry(changed, loaded.fingerprint)

    def new_goal(self, ident: str) -> None:
        self.store.save_goal(Goal(id=ident, title="Listen to the end",
                                  created=NOW - timedelta(days=3),
                                  start=(NOW - timedelta(days=3)).date(),
                                  target=Target(kind="manual")), None)

    def check_in(self, goal_id: str, ident: str, note: str, minutes: int) -> None:
        at = NOW - timedelta(days=2) + timedelta(minutes=minutes)
        self.store.update_goal(goal_id, lambda g: replace(
            g, check_ins=(*g.check_ins, CheckIn(id=ident, at=at, note=note))))

    def files(self) -> dict[str, bytes]:
        """Every synced file's bytes (what is per device left out)."""
        found = {}
        for path in sorted(self.data.rglob("*")):
            rel = path.relative_to(self.data).as_posix()
            if rel.startswith((".git/", "index.sqlite3", ".kohtaa.lock", "drafts", "trash")):
                continue
            if path.is_file() and rel != ".git":
                found[rel] = path.read_bytes()
        return found


def bare_remote(root: Path) -> Path:
    """An empty bare repository (a private remote, a folder on a USB stick)."""
    remote = root / "remote.git"
    git(root, "init", "-q", "--bare", "-b", "main", str(remote))
    return remote
