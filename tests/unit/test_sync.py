"""`kohtaa sync` between two and three devices through a bare repository, with real git."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from kohtaa_tui.domain.merge import TEXT_SEPARATOR
from kohtaa_tui.storage.codec import parse_toml
from tests.sync_devices import Device, bare_remote, git


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return bare_remote(tmp_path)


@pytest.fixture
def devices(tmp_path: Path, remote: Path) -> tuple[Device, Device]:
    laptop, home = Device(tmp_path, "laptop", remote), Device(tmp_path, "home", remote)
    laptop.init()
    home.init()
    return laptop, home


def _no_markers(device: Device) -> None:
    for rel, data in device.files().items():
        assert b"<<<<<<<" not in data and b">>>>>>>" not in data, rel


def test_init_writes_the_ignore_list_attributes_and_driver(tmp_path: Path,
                                                           remote: Path) -> None:
    """`sync init` makes a repository with per-device files ignored and the driver set."""
    device = Device(tmp_path, "one", remote)
    device.init()
    ignore = (device.data / ".gitignore").read_text()
    for line in ("/index.sqlite3*", "/.kohtaa.lock", "/drafts/", "/trash/"):
        assert line in ignore.splitlines()
    assert "*.toml merge=kohtaa" in (device.data / ".gitattributes").read_text()
    assert "*.toml merge=kohtaa" in (device.data / ".git/info/attributes").read_text()
    driver = git(device.data, "config", "--get", "merge.kohtaa.driver")
    assert "sync merge-driver %O %A %B %P" in driver
    device.init()  # again: nothing doubled
    assert (device.data / ".gitignore").read_text() == ignore


def test_init_adopts_an_existing_repository(tmp_path: Path, remote: Path) -> None:
    """A data directory that is a repository already keeps its history."""
    data = tmp_path / "own"
    data.mkdir()
    git(data, "init", "-q", "-b", "main")
    (data / "notes.txt").write_text("mine\n")
    git(data, "add", "-A")
    git(data, "commit", "-q", "-m", "my own commit")
    device = Device(tmp_path, "own", remote)
    device.init()
    log = git(data, "log", "--format=%s")
    assert "my own commit" in log


def test_init_with_an_unreachable_remote_records_nothing(
        tmp_path: Path, remote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped remote is said at once, in one line naming it, and is not kept to fail at
    every sync; the right one is recorded after it, and a remote already recorded stays
    when a wrong one is named."""
    device = Device(tmp_path, "one", remote)
    wrong = str(tmp_path / "no-such-repository.git")
    assert device.kohtaa("sync", "init", wrong) == 1
    err = capsys.readouterr().err
    assert wrong in err and "not recorded" in err and len(err.strip().splitlines()) == 1
    assert git(device.data, "remote").strip() == ""
    device.init()
    assert git(device.data, "remote", "get-url", "origin").strip() == str(remote)
    assert device.kohtaa("sync", "init", wrong) == 1
    assert git(device.data, "remote", "get-url", "origin").strip() == str(remote)


def test_an_entry_and_check_ins_travel_with_a_message_in_words(
        devices: tuple[Device, Device], capsys: pytest.CaptureFixture[str]) -> None:
    """A reflection and two check-ins made on the laptop arrive at home, where the
    journal lists it; the commit says what it holds."""
    laptop, home = devices
    laptop.new_entry("e1", "The customer asked about prices.", title="Pricing call")
    laptop.new_goal("g1")
    laptop.sync()
    laptop.check_in("g1", "c1", "asked twice", 1)
    laptop.check_in("g1", "c2", "waited", 2)
    laptop.sync()
    log = git(laptop.data, "log", "--format=%s")
    assert "1 reflection" in log and "2 check-ins" in log.splitlines()[0]
    capsys.readouterr()
    home.sync()
    assert "files arrived" in capsys.readouterr().out
    assert home.files() == laptop.files()
    assert home.kohtaa("journal", "list") == 0
    assert "Pricing call" in capsys.readouterr().out


def test_check_ins_on_both_devices_are_all_kept(devices: tuple[Device, Device]) -> None:
    """The same goal checked in on both devices: every check-in, once, on both."""
    laptop, home = devices
    laptop.new_goal("g1")
    laptop.sync()
    home.sync()
    laptop.check_in("g1", "lap1", "on the train", 5)
    home.check_in("g1", "home1", "in the evening", 9)
    home.check_in("g1", "home2", "later", 11)
    laptop.sync()
    home.sync()
    laptop.sync()
    assert laptop.files() == home.files()
    goal = parse_toml(laptop.files()["goals/g1.toml"])
    assert sorted(c["id"] for c in goal["check_ins"]) == ["home1", "home2", "lap1"]
    _no_markers(laptop)


def test_a_reflection_edited_on_both_devices_keeps_both_texts(
        devices: tuple[Device, Device]) -> None:
    """Two edits of the same field: both texts in the entry, no markers, same on both."""
    laptop, home = devices
    laptop.new_entry("e1", "First thoughts.")
    laptop.sync()
    home.sync()
    laptop.edit_entry("e1", "Written on the train.", minutes=1)
    home.edit_entry("e1", "Written at home.", minutes=2)
    laptop.sync()
    home.sync()
    laptop.sync()
    assert laptop.files() == home.files()
    rel = next(r for r in laptop.files() if r.startswith("journal/"))
    what = parse_toml(laptop.files()[rel])["answers"]["what"]
    assert what == "Written at home." + TEXT_SEPARATOR + "Written on the train."
    _no_markers(home)


def test_edited_here_and_deleted_there_keeps_the_edit(devices: tuple[Device, Device]) -> None:
    """One device deletes an entry the other edited: the edited entry is kept."""
    laptop, home = devices
    entry = laptop.new_entry("e1", "Keep me.")
    laptop.sync()
    home.sync()
    loaded = next(item for item in laptop.store.entries()[0])
    laptop.store.move_to_trash(loaded.path, loaded.fingerprint)
    home.edit_entry("e1", "Edited at home, keep me.")
    laptop.sync()
    home.sync()
    laptop.sync()
    assert laptop.files() == home.files()
    path = laptop.store.entry_path(entry).relative_to(laptop.data).as_posix()
    assert b"Edited at home" in laptop.files()[path]


def test_unreadable_versions_on_both_sides_are_both_kept(devices: tuple[Device, Device],
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    """A file broken differently on both devices: no markers; one stays, the other is a
    copy in sync-conflicts/ that `doctor` names."""
    laptop, home = devices
    laptop.new_goal("g1")
    laptop.sync()
    home.sync()
    (laptop.data / "goals/g1.toml").write_text("title = 'laptop\n")
    (home.data / "goals/g1.toml").write_text("title = [home\n")
    laptop.sync()
    home.sync()
    laptop.sync()
    assert laptop.files() == home.files()
    copies = [r for r in laptop.files() if r.startswith("sync-conflicts/")]
    assert len(copies) == 1
    kept = {laptop.files()["goals/g1.toml"], laptop.files()[copies[0]]}
    assert kept == {b"title = 'laptop\n", b"title = [home\n"}
    _no_markers(laptop)
    capsys.readouterr()
    assert laptop.kohtaa("doctor") == 1
    out = capsys.readouterr().out
    assert "sync-conflicts" in out


def test_a_bank_version_installed_differently_on_both_is_never_blended(
        tmp_path: Path, devices: tuple[Device, Device]) -> None:
    """The same bank version with other content added on both devices: both contents are
    kept whole (one in place, one in sync-conflicts/), never merged field by field; the
    same bank installed on both merges to itself."""
    laptop, home = devices
    from kohtaa_tui.paths import shipped_dir

    shipped = next(shipped_dir("question_banks").glob("core*.toml"))
    base = shipped.read_bytes().replace(b'id = "core"', b'id = "team-x"', 1)
    mine, theirs = base + b"\n# laptop\n", base + b"\n# home\n"
    assert mine != base
    for device, data in ((laptop, mine), (home, theirs)):
        source = tmp_path / f"{device.data.name}.toml"
        source.write_bytes(data)
        assert device.kohtaa("bank", "add", str(source)) == 0
        same = tmp_path / "same.toml"
        same.write_bytes(base.replace(b'id = "team-x"', b'id = "team-y"', 1))
        assert device.kohtaa("bank", "add", str(same)) == 0
    laptop.sync()
    home.sync()
    laptop.sync()
    assert laptop.files() == home.files()
    versions = {data for rel, data in laptop.files().items()
                if "team-x" in rel}
    assert versions == {mine, theirs}
    version = re.search(rb"^version = (\d+)$", base, re.M)
    assert version is not None
    assert [rel for rel in laptop.files() if "team-y" in rel] == [
        f"banks/team-y/{int(version[1])}.toml"]
    _no_markers(laptop)


def test_a_remote_folder_named_from_here_is_kept_absolute(
        tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`kohtaa sync init remote.git` in the folder that holds it: git, which runs in the
    data directory, is given the folder's whole path, and the sync works."""
    monkeypatch.chdir(tmp_path)
    device = Device(tmp_path, "here", remote)
    device.new_entry("e1", "text")
    assert device.kohtaa("sync", "init", "remote.git") == 0
    assert git(device.data, "remote", "get-url", "origin").strip() == str(remote.resolve())
    assert "journal/" in git(remote, "ls-tree", "-r", "--name-only", "main")


def test_three_devices_converge(tmp_path: Path, remote: Path) -> None:
    """Three devices each add an entry and a check-in; after syncing round, all are equal."""
    trio = [Device(tmp_path, name, remote) for name in ("a", "b", "c")]
    for device in trio:
        device.init()
    trio[0].new_goal("g1")
    for device in trio:
        device.sync()
    for n, device in enumerate(trio):
        device.new_entry(f"e{n}", f"Entry from device {n}.")
        device.check_in("g1", f"c{n}", f"check-in {n}", n)
    for device in trio + trio:
        device.sync()
    assert trio[0].files() == trio[1].files() == trio[2].files()
    goal = parse_toml(trio[0].files()["goals/g1.toml"])
    assert sorted(c["id"] for c in goal["check_ins"]) == ["c0", "c1", "c2"]
    assert len([r for r in trio[0].files() if r.startswith("journal/")]) == 3


def test_private_entries_can_stay_on_the_device(devices: tuple[Device, Device],
                                                remote: Path, tmp_path: Path) -> None:
    """With sync.exclude_private, a private entry never reaches the remote."""
    laptop, home = devices
    config = Path(os.environ["KOHTAA_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text("[sync]\nexclude_private = true\n")
    laptop.new_entry("open1", "Shared.")
    laptop.new_entry("secret1", "Only here.", private=True)
    laptop.sync()
    listed = git(remote, "ls-tree", "-r", "--name-only", "main")
    assert "open1" in listed and "secret1" not in listed
    home.sync()
    assert not any("secret1" in rel for rel in home.files())
    assert any("secret1" in rel for rel in laptop.files())


def test_sync_without_init_says_what_to_do(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Before `sync init`: one line naming the command."""
    device = Device(tmp_path, "fresh", tmp_path / "none.git")
    assert device.kohtaa("sync") == 1
    assert "kohtaa sync init" in capsys.readouterr().err


def test_a_remote_that_fails_is_one_line(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A remote gone since `sync init` (a stick not plugged in, a moved folder): one line
    with git's reason, exit 1."""
    remote = bare_remote(tmp_path)
    device = Device(tmp_path, "lost", remote)
    device.init()
    remote.rename(tmp_path / "moved.git")
    capsys.readouterr()
    assert device.kohtaa("sync") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "fetching from" in err[0]


def test_status_says_when_and_what_waits(devices: tuple[Device, Device],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """`sync status` names the remote, the last sync and the files waiting."""
    laptop, _home = devices
    laptop.new_entry("e1", "Waiting.")
    capsys.readouterr()
    assert laptop.kohtaa("sync", "status") == 0
    out = capsys.readouterr().out
    assert "remote:" in out and "1 file changed" in out
    assert "last synced:" in out and "never" not in out


def _trash(device: Device, ident: str) -> None:
    """Delete a reflection or a goal as the app does (to this device's trash)."""
    loaded = [item for item in device.store.entries()[0] + device.store.goals()[0]  # type: ignore[operator]
              if item.value.id == ident]
    assert len(loaded) == 1, ident
    device.store.move_to_trash(loaded[0].path, loaded[0].fingerprint)


def test_new_and_deleted_documents_on_both_sides_converge(
        devices: tuple[Device, Device]) -> None:
    """Between two syncs each device makes a reflection and a goal of its own and deletes
    one document: one the other device left alone, one the other deleted too. Every new
    document is on both, every deleted one on neither, with no conflict copies."""
    laptop, home = devices
    for ident in ("gone-lap", "gone-both"):
        laptop.new_entry(ident, f"{ident} text")
    laptop.new_goal("goal-gone-home")
    laptop.sync()
    home.sync()
    laptop.new_entry("new-lap", "Written on the laptop.")
    laptop.new_goal("goal-lap")
    home.new_entry("new-home", "Written at home.")
    home.new_goal("goal-home")
    _trash(laptop, "gone-lap")
    _trash(laptop, "gone-both")
    _trash(home, "gone-both")
    _trash(home, "goal-gone-home")
    laptop.sync()
    home.sync()
    laptop.sync()
    assert laptop.files() == home.files()
    files = " ".join(laptop.files())
    for ident in ("new-lap", "new-home", "goals/goal-lap.toml", "goals/goal-home.toml"):
        assert ident in files, ident
    for ident in ("gone-lap", "gone-both", "goal-gone-home"):
        assert ident not in files, ident
    assert "sync-conflicts/" not in files
    _no_markers(laptop)


def test_a_goal_changed_on_both_devices_follows_the_merge_rules(
        devices: tuple[Device, Device]) -> None:
    """One goal, changed on both between syncs: the due date on both (the side with the
    later check-in wins), the title on one side only (that side's), check-ins on both
    (all kept, once); the same on both devices."""
    from dataclasses import replace
    from datetime import date

    laptop, home = devices
    laptop.new_goal("g1")
    laptop.sync()
    home.sync()
    laptop.store.update_goal("g1", lambda g: replace(g, due=date(2026, 12, 1)))
    laptop.check_in("g1", "lap-late", "after the due date changed", 30)
    home.store.update_goal("g1", lambda g: replace(g, due=date(2027, 1, 15),
                                                   title="Let the customer finish"))
    home.check_in("g1", "home-early", "earlier in the day", 5)
    home.sync()
    laptop.sync()
    home.sync()
    assert laptop.files() == home.files()
    goal = parse_toml(laptop.files()["goals/g1.toml"])
    assert sorted(c["id"] for c in goal["check_ins"]) == ["home-early", "lap-late"]
    assert str(goal["due"]) == "2026-12-01"
    assert goal["title"] == "Let the customer finish"
    assert not any(rel.startswith("sync-conflicts/") for rel in laptop.files())
    _no_markers(home)
