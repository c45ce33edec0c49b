"""A cheap mark of the data directory's git state, kept apart from services.sync so that the
app can watch it without importing git's machinery at start."""

from __future__ import annotations

from pathlib import Path

STATE_FILE = "kohtaa-sync.txt"
"""In the git directory: when this device last synced (ISO time)."""


def change_mark(data_dir: Path) -> tuple[int, int, int] | None:
    """A cheap mark (two stats, no git process) that changes whenever the data directory's
    HEAD moves (a commit, merge, pull or reset: git appends to logs/HEAD) or a sync ends;
    None when sync is not set up. The app compares it to notice a sync or a pull made
    behind its back."""
    git_dir = data_dir / ".git"
    try:
        if not git_dir.is_dir():
            return None
        log = (git_dir / "logs" / "HEAD").stat()
        mark = (log.st_size, log.st_mtime_ns)
    except OSError:
        mark = (0, 0)
    try:
        state = (git_dir / STATE_FILE).stat().st_mtime_ns
    except OSError:
        state = 0
    return (*mark, state)
