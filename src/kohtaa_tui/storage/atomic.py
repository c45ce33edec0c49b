"""The one save pipeline: bytes proven first, temp file beside the target, fsync, replace.

A failed save leaves the old file byte-identical and no temp file behind.

Two doors: `write_inside` for every file of the data directory (no symbolic link below the
data directory is followed: the walk down to the file opens each folder with O_NOFOLLOW and
works relative to that descriptor, and a link where the file should be is refused), and
`write_atomic` for files a person named (a report, config.toml), which follows links.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path

from kohtaa_tui.storage import fsops
from kohtaa_tui.storage.errors import LinkRefusedError, SaveError, UnreadableFileError

log = logging.getLogger(__name__)
_warned_dir_fsync = False


def _explain(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full; free some space and save again"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; check the data directory's permissions"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    if error.errno == errno.EXDEV:
        return "the temp file ended up on another file system"
    return error.strerror or str(error)


def write_atomic(target: Path, data: bytes) -> None:
    """Replace `target` with `data` so that it is always the old or the new content.

    A symlinked target is written through to the real file. Raises SaveError.
    """
    real = Path(os.path.realpath(target))
    directory = real.parent
    try:
        fsops.make_dirs(directory)
    except OSError as error:
        raise SaveError(f"{target}: not saved: {_explain(error)}") from None
    _write_and_replace(directory, real, data, shown=target)
    # The new file is in place from here on: a failure to sync the directory must not be
    # reported as "not saved" (the caller would keep the old fingerprint and see its own
    # save as someone else's change).
    _sync_directory(directory)


def link_refused(target: Path, link: Path) -> LinkRefusedError:
    """The one line that says a save was refused because of a symbolic link."""
    where = "it" if link == target else str(link)
    return LinkRefusedError(
        f"{target}: not saved: {where} is a symbolic link, and kohtaa never saves through a "
        "link inside the data directory; replace the link with the file or folder itself")


def open_directory(root: Path, directory: Path, target: Path) -> int:
    """A descriptor of `directory` (below `root`), reached without following a link below
    `root` and created (0700) where missing. The data directory itself may be a link."""
    try:
        parts = directory.relative_to(root).parts
    except ValueError:
        raise SaveError(f"{target}: refusing to write outside the data directory") from None
    if ".." in parts:
        raise SaveError(f"{target}: refusing to write outside the data directory")
    base = Path(os.path.realpath(root))
    fsops.make_dirs(base)
    fd = os.open(base, os.O_RDONLY | fsops.DIRECTORY)
    walked = root
    try:
        for part in parts:
            walked = walked / part
            flags = os.O_RDONLY | fsops.DIRECTORY | fsops.NOFOLLOW
            try:
                child = os.open(part, flags, dir_fd=fd)
            except FileNotFoundError:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, 0o700, dir_fd=fd)
                try:
                    child = os.open(part, flags, dir_fd=fd)
                except OSError as error:
                    raise _not_a_folder(fd, part, walked, target, error) from None
            except OSError as error:
                raise _not_a_folder(fd, part, walked, target, error) from None
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _not_a_folder(fd: int, part: str, walked: Path, target: Path, error: OSError) -> Exception:
    """Why `part` could not be opened as a folder: a link, a file, or an OSError."""
    try:
        mode = os.stat(part, dir_fd=fd, follow_symlinks=False).st_mode
    except OSError:
        return error
    if stat.S_ISLNK(mode):
        return link_refused(target, walked)
    if not stat.S_ISDIR(mode):
        return SaveError(f"{target}: not saved: {walked} is a file, not a folder; move it "
                         "away")
    return error


def current_bytes(fd: int, target: Path, limit: int) -> bytes | None:
    """The bytes now at `target` (None when there is no file), read without following a
    link; a link, a folder or a special file where the file should be is refused."""
    try:
        mode = os.stat(target.name, dir_fd=fd, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(mode):
        raise link_refused(target, target)
    if not stat.S_ISREG(mode):
        raise UnreadableFileError(f"{target}: not saved: {special_kind(mode)} is where the "
                                  "file should be; move it away")
    handle = os.open(target.name, os.O_RDONLY | fsops.NOFOLLOW | os.O_NONBLOCK, dir_fd=fd)
    try:
        size = os.fstat(handle).st_size
        if size > limit:
            raise UnreadableFileError(
                f"{target}: not saved: the file there is {size:,} bytes, too large to be read, "
                "so it is not overwritten; move it away")
        chunks: list[bytes] = []
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def special_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words ("a folder", "a socket"...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (fifo)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a device or other special file"


def write_inside(root: Path, target: Path, data: bytes,
                 check: Callable[[bytes | None], None] | None = None,
                 limit: int = 8 * 1024 * 1024) -> None:
    """Replace `target`, a file below the data directory `root`, with `data`, following no
    link below `root`.

    `check` is given the bytes now in the file (None when there is none), read through the
    same descriptor, before anything is written; it raises to refuse the save. Raises
    SaveError (LinkRefusedError for a link) and leaves the old file byte-identical.
    """
    directory = target.parent
    try:
        dir_fd = open_directory(root, directory, target)
    except OSError as error:
        raise SaveError(f"{target}: not saved: {_explain(error)}") from None
    try:
        _replace_in(dir_fd, target, data, check, limit)
        # The new file is in place from here on (see write_atomic).
        _sync_directory(directory, dir_fd)
    finally:
        with contextlib.suppress(OSError):
            os.close(dir_fd)


def _replace_in(dir_fd: int, target: Path, data: bytes,
                check: Callable[[bytes | None], None] | None, limit: int) -> None:
    try:
        current = current_bytes(dir_fd, target, limit)
        if check is not None:
            check(current)
    except OSError as error:
        raise SaveError(f"{target}: not saved: {_explain(error)}") from None
    _write_and_replace(target.parent, target, data, dir_fd=dir_fd)


def _write_and_replace(directory: Path, target: Path, data: bytes, dir_fd: int | None = None,
                       shown: Path | None = None) -> None:
    """Write `data` to a temp file beside `target`, fsync it and rename it over `target`
    (with `dir_fd`, every name relative to that open directory); the temp file is removed
    on failure. Raises SaveError naming `shown` (default `target`)."""
    temp: Path | None = None
    fd: int | None = None
    try:
        fd, temp = fsops.open_temp(directory, target.name, dir_fd=dir_fd)
        fsops.write_all(fd, data)
        fsops.fsync(fd)
        opened, fd = fd, None
        fsops.close(opened)
        fsops.replace(temp, target, dir_fd=dir_fd)
        temp = None
    except OSError as error:
        raise SaveError(f"{shown or target}: not saved: {_explain(error)}") from None
    finally:
        if fd is not None:
            with contextlib.suppress(OSError):
                fsops.close(fd)
        if temp is not None:
            try:
                fsops.unlink(temp, dir_fd=dir_fd)
            except OSError:
                log.warning("could not remove temp file %s", temp)


def _sync_directory(directory: Path, dir_fd: int | None = None) -> None:
    """Make the rename durable; a failure is logged, never raised (the file is saved)."""
    global _warned_dir_fsync
    try:
        if dir_fd is None:
            fsops.fsync_dir(directory)
        else:
            fsops.fsync_dir(directory, dir_fd=dir_fd)
    except OSError as error:
        if error.errno in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            if not _warned_dir_fsync:
                log.warning("this file system cannot sync directories; a power cut right "
                            "after a save could lose it")
                _warned_dir_fsync = True
            return
        log.warning("%s: saved, but the directory could not be synced (%s); a power cut "
                    "now could lose the save", directory, error.strerror or error)
