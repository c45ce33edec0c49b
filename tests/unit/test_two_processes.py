"""Two kohtaa processes on one data directory lose none of each other's writes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import filelock
import pytest

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.goals import Goal, Target
from kohtaa_tui.storage.errors import ConflictError, SaveError
from kohtaa_tui.storage.lock import DataLock
from kohtaa_tui.storage.repository import Store
from tests.conftest import FIXED_NOW

WRITER = r"""
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.goals import CheckIn
from kohtaa_tui.storage.repository import Store

store = Store(Path(sys.argv[1]), FixedClock(datetime(2026, 11, 22, tzinfo=UTC)))
name, count = sys.argv[2], int(sys.argv[3])
sys.stdin.readline()  # start together
for n in range(count):
    check = CheckIn(id=f"{name}-{n}", at=datetime(2026, 11, 22, tzinfo=UTC), note=f"{name} {n}",
                    progress=n)
    store.update_goal("g-shared", lambda g: replace(g, check_ins=(*g.check_ins, check)))
"""

COUNT = 25


@pytest.mark.slow
def test_check_ins_from_two_processes_all_arrive(store: Store, data_dir: Path) -> None:
    store.save_goal(Goal(id="g-shared", title="Shared", created=FIXED_NOW, start=date(2026, 11, 1),
                         target=Target(kind="manual")), None)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), name,
                                 str(COUNT)], stdin=subprocess.PIPE, text=True)
               for name in ("a", "b")]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        assert writer.wait(timeout=60) == 0
    ids = [c.id for c in store.goal("g-shared").value.check_ins]
    assert len(ids) == 2 * COUNT
    assert sorted(ids) == sorted(f"{name}-{n}" for name in "ab" for n in range(COUNT))
    # Each writer's own check-ins stay in the order it added them.
    for name in "ab":
        mine = [i for i in ids if i.startswith(name)]
        assert mine == [f"{name}-{n}" for n in range(COUNT)]


def test_a_stale_copy_cannot_overwrite_the_other_process_s_save(store: Store,
                                                                data_dir: Path) -> None:
    """Both load the goal; the first saves; the second's save is refused, not merged away."""
    mine = store.save_goal(Goal(id="g-1", title="First", created=FIXED_NOW, start=date(2026, 11, 1),
                                target=Target(kind="manual")), None)
    other = Store(data_dir, FixedClock(FIXED_NOW))
    theirs = other.goal("g-1")
    other.save_goal(Goal(id="g-1", title="Changed over there", created=FIXED_NOW,
                         start=date(2026, 11, 1),
                         target=Target(kind="manual")), theirs.fingerprint)
    with pytest.raises(ConflictError):
        store.save_goal(Goal(id="g-1", title="Changed here", created=FIXED_NOW,
                             start=date(2026, 11, 1),
                             target=Target(kind="manual")), mine.fingerprint)
    assert store.goal("g-1").value.title == "Changed over there"


def test_a_lock_held_too_long_is_a_clear_error(data_dir: Path) -> None:
    lock = DataLock(data_dir, timeout=0.1)
    with lock:
        assert lock.path.stat().st_mode & 0o777 == 0o600
    held = filelock.FileLock(lock.path, is_singleton=False, thread_local=False)
    with held:
        assert lock.held_by_other() is True
        with pytest.raises(SaveError, match="another kohtaa is saving"):
            lock.__enter__()
    assert lock.held_by_other() is False
