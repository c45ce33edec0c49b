"""The one save pipeline under injected faults: the old file survives byte for byte.

Tests run as root, so faults are injected by replacing single file-system calls (the names in
storage/fsops.py and the os functions behind them) rather than with chmod.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from kohtaa_tui.domain.goals import CheckIn, Goal, Target, goal_from_document
from kohtaa_tui.storage import atomic, fsops
from kohtaa_tui.storage.atomic import write_atomic
from kohtaa_tui.storage.errors import ConflictError, ReadOnlyError, SaveError
from kohtaa_tui.storage.repository import Store, fingerprint, load_document

OLD = b'schema_version = 1\nkind = "note"\ntext = "the old text"\n'
NEW = {"schema_version": 1, "kind": "note", "text": "the new text"}
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def eio(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.EIO, "Input/output error")


def temp_files(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.name.endswith(".tmp")]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def target(store: Store) -> Path:
    """An existing file in the data directory, written by an earlier save."""
    path = store.data_dir / "notes" / "one.toml"
    store.write_bytes(path, OLD, None)
    return path


def goal(title: str = "Ask one more question") -> Goal:
    return Goal(id="g-1", title=title, created=NOW, start=date(2026, 11, 1),
                target=Target(kind="manual"),
                check_ins=(CheckIn(id="c1", at=NOW, note="a first note", progress=10),))


# -- faults at each step ---------------------------------------------------------------------

FAULTS: dict[str, tuple[str, Callable[..., None]]] = {
    "temp file cannot be created": ("open_temp", enospc),
    "write: disk full": ("write_all", enospc),
    "fsync fails": ("fsync", eio),
    "close fails": ("close", eio),
    "replace fails": ("replace", eio),
}


@pytest.mark.parametrize("name", FAULTS)
def test_a_failed_save_leaves_the_old_file_and_no_temp(store: Store, target: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       name: str) -> None:
    """Whichever call fails, the old bytes stay, no temp file is left, the caller is told."""
    function, fault = FAULTS[name]
    monkeypatch.setattr(fsops, function, fault)
    with pytest.raises(SaveError) as raised:
        store.write(target, NEW, fingerprint(OLD))
    message = str(raised.value)
    assert str(target) in message and "not saved" in message and "\n" not in message
    assert target.read_bytes() == OLD
    assert temp_files(store.data_dir) == []


def test_disk_full_midway_through_the_write(store: Store, target: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """os.write takes half the bytes, then the disk is full: a clear message, nothing lost."""
    real_write = os.write
    calls: list[int] = []

    def partial(fd: int, data: Any) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", partial)
    with pytest.raises(SaveError, match="the disk is full"):
        store.write(target, {**NEW, "text": "x" * 10_000}, fingerprint(OLD))
    monkeypatch.undo()
    assert len(calls) == 2
    assert target.read_bytes() == OLD
    assert temp_files(store.data_dir) == []


@pytest.mark.parametrize("call", ["replace", "fsync"])
def test_os_level_faults(store: Store, target: Path, monkeypatch: pytest.MonkeyPatch,
                         call: str) -> None:
    """The os functions themselves failing (not only our wrappers) are caught the same way."""
    monkeypatch.setattr(os, call, eio)
    with pytest.raises(SaveError, match="not saved"):
        store.write(target, NEW, fingerprint(OLD))
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert temp_files(store.data_dir) == []


def test_an_interrupt_midway_still_removes_the_temp_file(store: Store, target: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C (not an OSError) during fsync: the interrupt goes on, the temp file does not."""

    def interrupt(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fsops, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        store.write(target, NEW, fingerprint(OLD))
    assert target.read_bytes() == OLD
    assert temp_files(store.data_dir) == []


def test_a_new_file_that_fails_is_not_created(store: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = store.data_dir / "goals" / "g-1.toml"
    monkeypatch.setattr(fsops, "replace", enospc)
    with pytest.raises(SaveError, match="disk is full"):
        store.save_goal(goal(), None)
    assert not path.exists()
    assert temp_files(store.data_dir) == []


def test_bytes_are_proven_before_any_file_is_touched(store: Store, target: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Text that cannot be saved (a lone surrogate) fails before a temp file is opened."""
    opened: list[Path] = []
    monkeypatch.setattr(fsops, "open_temp", lambda d, n, **_: opened.append(d) or enospc())
    with pytest.raises(SaveError, match="cannot be saved"):
        store.write(target, {**NEW, "text": "broken \ud800 paste"}, fingerprint(OLD))
    with pytest.raises(SaveError, match="too large"):
        store.write(target, {**NEW, "n": 2**64}, fingerprint(OLD))
    assert opened == []
    assert target.read_bytes() == OLD


# -- the order of the steps ------------------------------------------------------------------

def test_steps_run_in_order_with_the_temp_file_beside_the_target(
        store: Store, target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Temp file in the target's directory, fsync, replace, then fsync of the directory."""
    log: list[tuple[str, Any]] = []
    for name in ("open_temp", "write_all", "fsync", "close", "replace", "fsync_dir"):
        real = getattr(fsops, name)

        def spy(*args: Any, _real: Callable[..., Any] = real, _name: str = name,
                **kwargs: Any) -> Any:
            log.append((_name, args))
            return _real(*args, **kwargs)

        monkeypatch.setattr(fsops, name, spy)
    store.write(target, NEW, fingerprint(OLD))
    assert [name for name, _ in log] == ["open_temp", "write_all", "fsync", "close", "replace",
                                         "fsync_dir"]
    assert log[0][1][0] == target.parent
    temp, final = log[4][1]
    assert temp.parent == target.parent and temp.name.startswith(".") and final == target
    assert log[5][1][0] == target.parent
    assert b"the new text" in target.read_bytes()


def test_a_directory_that_cannot_be_synced_still_counts_as_saved(
        store: Store, target: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """After the replace the new file is in place: the caller gets the new fingerprint."""
    monkeypatch.setattr(fsops, "fsync_dir", eio)
    new_print = store.write(target, NEW, fingerprint(OLD))
    assert fingerprint(target.read_bytes()) == new_print
    assert "directory could not be synced" in caplog.text
    monkeypatch.setattr(atomic, "_warned_dir_fsync", False)
    monkeypatch.setattr(fsops, "fsync_dir", lambda d, **_: (_ for _ in ()).throw(
        OSError(errno.EINVAL, "Invalid argument")))
    store.write(target, NEW | {"text": "again"}, new_print)
    assert "cannot sync directories" in caplog.text


# -- permissions -----------------------------------------------------------------------------

def test_files_are_0600_and_directories_0700(store: Store) -> None:
    """Even with a permissive umask, every file and every created parent is private."""
    old_umask = os.umask(0)
    try:
        loaded = store.save_goal(goal(), None)
        deep = store.data_dir / "a" / "b" / "c" / "x.toml"
        store.write_bytes(deep, OLD, None)
    finally:
        os.umask(old_umask)
    assert mode(loaded.path) == 0o600 and mode(deep) == 0o600
    for directory in (store.data_dir, store.goals_dir, deep.parent, deep.parent.parent,
                      store.data_dir / "a"):
        assert mode(directory) == 0o700, directory


def test_replacing_a_readable_file_makes_it_private(store: Store, target: Path) -> None:
    os.chmod(target, 0o644)
    store.write(target, NEW, fingerprint(OLD))
    assert mode(target) == 0o600


def test_tighten_permissions_fixes_loose_files_and_leaves_symlinks(store: Store,
                                                                   target: Path,
                                                                   tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    os.chmod(outside, 0o644)
    (store.data_dir / "link").symlink_to(outside)
    os.chmod(target, 0o664)
    os.chmod(target.parent, 0o755)
    changed = store.tighten_permissions()
    assert str(target) in changed and str(target.parent) in changed
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    assert mode(outside) == 0o644
    assert store.tighten_permissions() == []


def test_crash_log_is_private(data_dir: Path) -> None:
    from kohtaa_tui.storage.crashlog import write_crash_log

    try:
        raise ValueError("boom")
    except ValueError as error:
        path = write_crash_log(data_dir, error, "0")
    assert path is not None and mode(path) == 0o600 and mode(path.parent) == 0o700


# -- the file on disk is the one that was loaded -------------------------------------------------

def test_a_file_changed_on_disk_is_not_overwritten(store: Store) -> None:
    loaded = store.save_goal(goal(), None)
    edited = loaded.path.read_bytes().replace(b"Ask one more", b"Edited elsewhere: ask one")
    loaded.path.write_bytes(edited)  # another program (an editor, a sync tool) changed it
    with pytest.raises(ConflictError) as raised:
        store.save_goal(goal("Mine"), loaded.fingerprint)
    message = str(raised.value)
    assert str(loaded.path) in message and "changed by another program" in message
    assert "nothing was overwritten" in message and "\n" not in message
    assert loaded.path.read_bytes() == edited
    assert temp_files(store.data_dir) == []


def test_a_new_file_never_replaces_an_existing_one(store: Store) -> None:
    first = store.save_goal(goal(), None)
    before = first.path.read_bytes()
    with pytest.raises(ConflictError, match="already exists"):
        store.save_goal(goal("Another with the same id"), None)
    assert first.path.read_bytes() == before


def test_a_file_removed_since_loading_is_not_recreated(store: Store) -> None:
    loaded = store.save_goal(goal(), None)
    loaded.path.unlink()
    with pytest.raises(ConflictError, match="removed"):
        store.save_goal(goal("Mine"), loaded.fingerprint)
    assert not loaded.path.exists()


def test_a_file_that_failed_to_load_is_never_overwritten(store: Store) -> None:
    path = store.goal_path("g-1")
    store.write_bytes(path, b"title = [broken\n", None)
    with pytest.raises(SaveError) as raised:
        store.update_goal("g-1", lambda g: g)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == b"title = [broken\n"
    loaded, problems = load_document(path, goal_from_document)
    assert loaded is None and problems[0].file == str(path) and problems[0].line == 1


def test_update_goes_through_the_fresh_file(store: Store) -> None:
    """A read-modify-write starts from what is on disk now, not from an older copy."""
    store.save_goal(goal(), None)
    store.update_goal("g-1",
                      lambda g: Goal(id=g.id, title="Second", created=g.created, start=g.start,
                                     target=g.target,
                                            check_ins=g.check_ins))
    updated = store.update_goal("g-1",
                                lambda g: Goal(id=g.id, title=g.title + " and third",
                                               created=g.created,
                                                      start=g.start, target=g.target,
                                                      check_ins=g.check_ins))
    assert updated.value.title == "Second and third"
    assert store.goal("g-1").value.title == "Second and third"


def test_read_only_and_outside_paths_are_refused(store: Store, data_dir: Path,
                                                 tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="outside the data directory"):
        store.write_bytes(tmp_path / "elsewhere.toml", OLD, None)
    with pytest.raises(SaveError, match="outside the data directory"):
        store.write_bytes(data_dir / ".." / "escape.toml", OLD, None)
    assert not (tmp_path / "elsewhere.toml").exists() and not (tmp_path / "escape.toml").exists()
    read_only = Store(data_dir, store.clock, read_only=True)
    with pytest.raises(ReadOnlyError):
        read_only.save_goal(goal(), None)
    assert not store.goal_path("g-1").exists()


def test_a_symlinked_file_is_refused_not_written_through(store: Store, target: Path) -> None:
    """The link rule (README "Your data"): a save never follows a link in the data directory."""
    real = target.with_name("real.toml")
    os.replace(target, real)
    target.symlink_to(real)
    with pytest.raises(SaveError, match="is a symbolic link") as raised:
        store.write(target, NEW, fingerprint(OLD))
    assert "\n" not in str(raised.value) and str(target) in str(raised.value)
    assert target.is_symlink() and real.read_bytes() == OLD


def test_write_atomic_alone_reports_the_path(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.md"
    path.write_bytes(b"old")
    monkeypatch.setattr(fsops, "write_all", enospc)
    with pytest.raises(SaveError, match=r"report\.md: not saved: the disk is full"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old" and temp_files(tmp_path) == []


# -- temp files of a killed save ---------------------------------------------------------------

def test_sweep_removes_only_temp_files(store: Store, target: Path) -> None:
    left = [target.parent / ".one.toml.abc123.tmp", store.data_dir / "x" / ".y.toml.1.tmp"]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a file")
    keep = [target, target.parent / "visible.tmp", target.parent / ".hidden.toml"]
    for path in keep[1:]:
        path.write_bytes(b"not ours to remove")
    assert sorted(store.sweep_temp_files()) == sorted(left)
    assert all(not p.exists() for p in left) and all(p.exists() for p in keep)


def test_sweep_waits_while_another_kohtaa_saves(store: Store, target: Path,
                                                data_dir: Path) -> None:
    """A temp file of a save in progress (the lock held elsewhere) is not swept."""
    import filelock

    temp = target.parent / ".one.toml.inprogress.tmp"
    temp.write_bytes(b"being written")
    other = filelock.FileLock(store.lock.path, is_singleton=False, thread_local=False)
    with other:
        fresh = Store(data_dir, store.clock)
        assert fresh.sweep_temp_files() == []
        assert temp.exists()
    assert Store(data_dir, store.clock).sweep_temp_files() == [temp]


def test_sweep_creates_nothing(data_dir: Path, store: Store) -> None:
    assert store.sweep_temp_files() == [] and not data_dir.exists()


# -- nothing is saved that could not be read again -------------------------------------------------

def test_an_entry_kohtaa_could_not_read_back_is_not_saved(store: Store) -> None:
    """A 1 MB answer is over the entry limit: refused at save, not found broken at load."""
    from kohtaa_tui.domain.journal import JournalEntry
    from tests import hostile

    entry = JournalEntry(id="e-huge", schema_id="quick", schema_version=1, created=NOW, updated=NOW,
                         answers={"what": hostile.HUGE_LINE})
    with pytest.raises(SaveError) as raised:
        store.save_entry(entry, None)
    message = str(raised.value)
    assert "e-huge.toml: not saved: answers.what: is longer than" in message
    assert not store.entry_path(entry).exists()
    broken = JournalEntry(id="e-paste", schema_id="quick", schema_version=1, created=NOW,
                          updated=NOW, answers={"what": hostile.LONE_SURROGATE})
    with pytest.raises(SaveError, match="cannot be saved"):
        store.save_entry(broken, None)
    assert not store.journal_dir.exists() or temp_files(store.data_dir) == []


def test_a_check_in_too_long_to_read_back_leaves_the_goal(store: Store) -> None:
    from dataclasses import replace

    from tests import hostile

    loaded = store.save_goal(goal(), None)
    before = loaded.path.read_bytes()
    with pytest.raises(SaveError, match="not saved"):
        store.update_goal("g-1", lambda g: replace(g, check_ins=(
            *g.check_ins, CheckIn(id="c2", at=NOW, note=hostile.HUGE_LINE, progress=50))))
    assert loaded.path.read_bytes() == before


def test_a_crash_log_that_cannot_be_written_is_no_second_crash(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kohtaa_tui.storage.crashlog import write_crash_log

    monkeypatch.setattr(fsops, "open_temp", enospc)
    try:
        raise ValueError("boom")
    except ValueError as error:
        assert write_crash_log(data_dir, error, "0") is None
    assert not data_dir.exists() or temp_files(data_dir) == []
