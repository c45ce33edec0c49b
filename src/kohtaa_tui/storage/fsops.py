"""Thin wrappers over the file-system calls of the save pipeline.

Each save goes through these names, so tests can inject a fault at any single call
(the way SQLite tests its I/O layer).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path


def open_temp(directory: Path, name: str) -> tuple[int, Path]:
    """Create a hidden temp file beside `name` in `directory`, mode 0600."""
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    return fd, Path(temp)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd`."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync(fd: int) -> None:
    """Flush `fd` to the device (F_FULLFSYNC on macOS, where plain fsync is not enough)."""
    if sys.platform == "darwin":  # pragma: no cover - not run on Linux CI
        import fcntl

        fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
    else:
        os.fsync(fd)


def close(fd: int) -> None:
    """Close a descriptor."""
    os.close(fd)


def replace(source: Path, target: Path) -> None:
    """Atomically put `source` in place of `target`."""
    os.replace(source, target)


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (POSIX only)."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def unlink(path: Path) -> None:
    """Remove a file if it is there."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def make_dirs(directory: Path) -> None:
    """Create `directory` and each missing parent with mode 0700 (makedirs only sets the leaf)."""
    missing: list[Path] = []
    current = directory
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
