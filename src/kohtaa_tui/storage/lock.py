"""The data directory's write lock: flock on a separate, never-replaced file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kohtaa_tui.i18n import _
from kohtaa_tui.storage import fsops
from kohtaa_tui.storage.errors import SaveError

if TYPE_CHECKING:
    import filelock

LOCK_NAME = ".kohtaa.lock"


class DataLock:
    """Serialises every read-modify-write on one data directory across processes.

    The lock file is never the data file itself: a rename-replace would give each process
    its own inode to lock.
    """

    def __init__(self, data_dir: Path, timeout: float = 15.0) -> None:
        self.path = data_dir / LOCK_NAME
        self.timeout = timeout
        self._lock: filelock.FileLock | None = None

    def _get(self) -> filelock.FileLock:
        import filelock  # on the first save, not at start: the app shows its data first

        if self._lock is None:
            fsops.make_dirs(self.path.parent)
            self._lock = filelock.FileLock(self.path, timeout=self.timeout, mode=0o600)
        return self._lock

    def __enter__(self) -> DataLock:
        import filelock

        try:
            self._get().acquire()
        except filelock.Timeout:
            raise SaveError(_("another kohtaa is saving in this data directory and did not "
                              "finish in time; try again")) from None
        except OSError as error:
            raise SaveError(_("cannot use the data directory {path}: {reason}; check that "
                              "its folder exists and that you may write there, or choose "
                              "another with --data-dir").format(
                path=self.path.parent, reason=error.strerror or error)) from None
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._lock is not None
        self._lock.release()

    @contextmanager
    def attempt(self) -> Iterator[bool]:
        """Hold the lock if it is free right now; yields False (holding nothing) if not."""
        import filelock

        try:
            self._get().acquire(timeout=0)
        except (filelock.Timeout, OSError):
            yield False
            return
        try:
            yield True
        finally:
            self._get().release()

    def held_by_other(self) -> bool:
        """True when another process holds the lock right now."""
        import filelock

        if not self.path.exists():
            return False
        probe = filelock.FileLock(self.path, timeout=0, mode=0o600, thread_local=False,
                                  is_singleton=False)
        try:
            probe.acquire()
        except (filelock.Timeout, OSError):
            return True
        probe.release()
        return False


def pid_alive(pid: int) -> bool:
    """True when a process with `pid` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
