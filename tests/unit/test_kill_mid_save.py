"""kill -9 in the middle of saving: the file is always a whole old or a whole new version.

A helper process imports kohtaa once, then for each round forks a child that saves the same
goal again and again (each version bigger than a page, so writes take a while); the test
SIGKILLs the child at a random moment, checks the file, and sweeps temp files the way the
next start does.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

import pytest

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.goals import goal_from_document
from kohtaa_tui.storage.repository import Store, load_document
from tests.conftest import FIXED_NOW

ROUNDS = 100

HELPER = r"""
import os, sys
from datetime import UTC, date, datetime
from pathlib import Path
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.goals import CheckIn, Goal, Target
from kohtaa_tui.storage.repository import Store

data_dir = Path(sys.argv[1])
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def version(n):
    body = f"version {n} " * (1000 + n % 7 * 300)
    return Goal(id="g-kill", title=f"Goal v{n}", created=NOW, start=date(2026, 11, 1),
                target=Target(kind="manual"), why=body,
                check_ins=(CheckIn(id="c1", at=NOW, note=f"n={n}", progress=n % 101),))


def save_forever():
    store = Store(data_dir, FixedClock(NOW))
    loaded = store.goal("g-kill")
    n = int(loaded.value.title.removeprefix("Goal v"))
    os.write(1, b"saving\n")
    while True:
        n += 1
        loaded = store.save_goal(version(n), loaded.fingerprint)


store = Store(data_dir, FixedClock(NOW))
store.save_goal(version(0), None)
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() != "go":
        break
    pid = os.fork()
    if pid == 0:
        try:
            save_forever()
        finally:
            os._exit(3)
    os.write(1, f"{pid}\n".encode())
    sys.stdin.readline()
    _, status = os.waitpid(pid, 0)
    print(status, flush=True)
"""


def check_whole(path: Path, previous: int) -> int:
    """The goal parses, its body matches its own version, and no version was lost."""
    loaded, problems = load_document(path, goal_from_document, 8 * 1024 * 1024)
    assert problems == [] and loaded is not None, problems
    goal = loaded.value
    n = int(goal.title.removeprefix("Goal v"))
    assert goal.why == f"version {n} " * (1000 + n % 7 * 300)
    assert goal.check_ins[0].note == f"n={n}"
    assert n >= previous
    return n


@pytest.mark.slow
def test_kill_9_mid_save_never_leaves_a_torn_file(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    path = data_dir / "goals" / "g-kill.toml"
    helper = subprocess.Popen([sys.executable, "-c", HELPER, str(data_dir)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert helper.stdin is not None and helper.stdout is not None
    chance = random.Random(20261122)
    versions = [0]
    swept = 0
    try:
        assert helper.stdout.readline().strip() == "ready"
        for _ in range(ROUNDS):
            helper.stdin.write("go\n")
            helper.stdin.flush()
            # The child says "saving" once it is ready to save; the pid may come first or not.
            lines = sorted(helper.stdout.readline().strip() for _ in range(2))
            assert lines[1] == "saving", lines
            pid = int(lines[0])
            time.sleep(chance.uniform(0.0, 0.025))
            os.kill(pid, signal.SIGKILL)
            helper.stdin.write("reaped?\n")
            helper.stdin.flush()
            status = int(helper.stdout.readline())
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            versions.append(check_whole(path, versions[-1]))
            # The next start: temp files of the killed save are swept, nothing else.
            removed = Store(data_dir, FixedClock(FIXED_NOW)).sweep_temp_files()
            swept += len(removed)
            assert not [p for p in data_dir.rglob("*.tmp")]
            assert path.exists()
    finally:
        helper.stdin.close()
        helper.wait(timeout=10)
    # The kills landed while saves were under way: the file moved on, and some kills
    # interrupted a save between creating its temp file and the replace.
    advanced = sum(1 for a, b in pairwise(versions) if b > a)
    assert advanced >= 5, versions
    assert swept > 0
