"""What arrives by sync is untrusted: links, huge files, broken and hostile documents."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.storage.index import JournalIndex
from kohtaa_tui.storage.repository import Store
from tests.sync_devices import Device, bare_remote, git

MARKUP_TITLE = "[b]loud[/b] [@click=app.quit]quit[/] \x1b[31mred"


def _push_from_a_stranger(tmp_path: Path, remote: Path, files: dict[str, bytes],
                          links: dict[str, str] | None = None) -> None:
    """Someone with access to the remote pushes these files with plain git."""
    other = tmp_path / "stranger"
    if not other.exists():
        git(tmp_path, "clone", "-q", str(remote), str(other))
    git(other, "pull", "-q", "origin", "main")
    for rel, data in files.items():
        path = other / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for rel, target in (links or {}).items():
        path = other / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
    git(other, "add", "-A", "-f")
    git(other, "commit", "-q", "-m", "hostile")
    git(other, "push", "-q", "origin", "HEAD:main")


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Device, Path]:
    remote = bare_remote(tmp_path)
    device = Device(tmp_path, "mine", remote)
    device.init()
    device.new_entry("mine1", "My own entry.")
    device.sync()
    return device, remote


def test_hostile_arrivals_are_refused_or_shown_literally(
        setup: tuple[Device, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A pushed link, a 50 MB file, a broken goal and a markup title: the link is a plain
    file, nothing is followed or read over the limit, the title is shown as typed, and
    doctor names each."""
    device, remote = setup
    secret = tmp_path / "secret.txt"
    secret.write_text("not for kohtaa\n")
    stranger = Store(tmp_path / "scratch", FixedClock(datetime(2026, 11, 20, tzinfo=UTC)))
    moment = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    saved = stranger.save_entry(JournalEntry(id="markup1", schema_id="quick", schema_version=1,
                                             created=moment, updated=moment,
                                             answers={"title": MARKUP_TITLE, "what": "x"}), None)
    _push_from_a_stranger(tmp_path, remote, {
        "journal/2026/11/huge.toml": b"#" * (50 * 1024 * 1024),
        "goals/broken.toml": b"schema_version = 1\nkind = 'goal'\nid = 3\n",
        "journal/2026/11/markup1.toml": saved.path.read_bytes(),
    }, links={"journal/2026/11/link.toml": str(secret)})
    capsys.readouterr()
    device.sync()
    captured = capsys.readouterr()
    assert "journal/2026/11/link.toml: arrived as a symbolic link" in captured.err
    assert "journal/2026/11/huge.toml: arrived with 52,428,800 bytes" in captured.err
    link = device.data / "journal/2026/11/link.toml"
    assert not link.is_symlink() and link.read_text() == str(secret)
    assert device.kohtaa("journal", "list") in (0, 1)
    listed = capsys.readouterr().out
    assert "[b]loud[/b] [@click=app.quit]quit[/]" in listed
    assert "\x1b" not in listed
    assert device.kohtaa("doctor") == 1
    out = capsys.readouterr().out
    assert "link.toml: arrived by sync as a link" in out
    assert "huge.toml" in out and "broken.toml" in out
    assert "not for kohtaa" not in out


def test_a_per_device_file_in_the_remote_refuses_the_merge(
        setup: tuple[Device, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A remote that carries an index or drafts would replace this device's own: nothing
    is merged, one line says why."""
    device, remote = setup
    head = git(device.data, "rev-parse", "HEAD")
    _push_from_a_stranger(tmp_path, remote, {"index.sqlite3": b"not an index",
                                             "drafts/goal.toml": b"x = 1\n"})
    own_index = (device.data / "index.sqlite3").read_bytes() \
        if (device.data / "index.sqlite3").exists() else None
    capsys.readouterr()
    assert device.kohtaa("sync") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "belongs to one device only" in err[0]
    assert git(device.data, "rev-parse", "HEAD") == head
    if own_index is not None:
        assert (device.data / "index.sqlite3").read_bytes() == own_index


def test_a_file_changed_behind_the_index_is_read_again(tmp_path: Path) -> None:
    """A checkout may leave a changed file with the size and mtime the index recorded:
    note_changed makes the next sync read it anyway."""
    store = Store(tmp_path / "data", FixedClock(datetime(2026, 11, 22, tzinfo=UTC)))
    moment = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    saved = store.save_entry(JournalEntry(id="e1", schema_id="quick", schema_version=1,
                                          created=moment, updated=moment,
                                          answers={"title": "Alpha", "what": "x"}), None)
    with JournalIndex.open(store) as index:
        index.sync()
        before = os.stat(saved.path)
        saved.path.write_bytes(saved.path.read_bytes().replace(b"Alpha", b"Omega"))
        os.utime(saved.path, ns=(before.st_atime_ns, before.st_mtime_ns))
        index.sync(thorough=True)
        summary = index.get("e1")
        assert summary is not None and summary.title == "Alpha"  # the trap
        index.note_changed(["journal/" + saved.path.relative_to(store.journal_dir)
                            .as_posix()])
        index.sync(thorough=False)
        summary = index.get("e1")
        assert summary is not None and summary.title == "Omega"
