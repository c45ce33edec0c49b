"""Thin wrappers over the file-system calls of the save pipeline.

Each save goes through these names, so tests can inject a fault at any single call
(the way SQLite tests its I/O layer).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import tempfile
from pathlib import Path

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def open_temp(directory: Path, name: str, dir_fd: int | None = None) -> tuple[int, Path]:
    """Create a hidden temp file beside `name` in `directory`, mode 0600.

    With `dir_fd` (an open descriptor of `directory`) the file is created relative to it, so
    a link swapped in for `directory` meanwhile is not followed.
    """
    if dir_fd is None:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
        return fd, Path(temp)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(100):
        temp_name = f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(temp_name, flags, 0o600, dir_fd=dir_fd)
        except FileExistsError:
            continue
        return fd, directory / temp_name
    raise FileExistsError(f"no free temp file name beside {name}")


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


def replace(source: Path, target: Path, dir_fd: int | None = None) -> None:
    """Atomically put `source` in place of `target` (a link at `target` is replaced, not
    followed); with `dir_fd`, both names are taken relative to that directory."""
    if dir_fd is None:
        os.replace(source, target)
    else:
        os.replace(source.name, target.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)


def fsync_dir(directory: Path, dir_fd: int | None = None) -> None:
    """Make a rename in `directory` durable (POSIX only)."""
    if os.name != "posix":  # pragma: no cover
        return
    if dir_fd is not None:
        os.fsync(dir_fd)
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def unlink(path: Path, dir_fd: int | None = None) -> None:
    """Remove a file if it is there (with `dir_fd`, by its name in that directory)."""
    with contextlib.suppress(FileNotFoundError):
        if dir_fd is None:
            os.unlink(path)
        else:
            os.unlink(path.name, dir_fd=dir_fd)


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
