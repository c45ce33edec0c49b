"""The one save pipeline: bytes proven first, temp file beside the target, fsync, replace.

A failed save leaves the old file byte-identical and no temp file behind.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from pathlib import Path

from kohtaa_tui.storage import fsops
from kohtaa_tui.storage.errors import SaveError

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
    temp: Path | None = None
    fd: int | None = None
    try:
        fsops.make_dirs(directory)
        fd, temp = fsops.open_temp(directory, real.name)
        fsops.write_all(fd, data)
        fsops.fsync(fd)
        current, fd = fd, None
        fsops.close(current)
        fsops.replace(temp, real)
        temp = None
    except OSError as error:
        raise SaveError(f"{target}: not saved: {_explain(error)}") from None
    finally:
        if fd is not None:
            with contextlib.suppress(OSError):
                fsops.close(fd)
        if temp is not None:
            try:
                fsops.unlink(temp)
            except OSError:
                log.warning("could not remove temp file %s", temp)
    # The new file is in place from here on: a failure to sync the directory must not be
    # reported as "not saved" (the caller would keep the old fingerprint and see its own
    # save as someone else's change).
    _sync_directory(directory)


def _sync_directory(directory: Path) -> None:
    """Make the rename durable; a failure is logged, never raised (the file is saved)."""
    global _warned_dir_fsync
    try:
        fsops.fsync_dir(directory)
    except OSError as error:
        if error.errno in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            if not _warned_dir_fsync:
                log.warning("this file system cannot sync directories; a power cut right "
                            "after a save could lose it")
                _warned_dir_fsync = True
            return
        log.warning("%s: saved, but the directory could not be synced (%s); a power cut "
                    "now could lose the save", directory, error.strerror or error)
