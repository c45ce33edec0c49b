"""`kohtaa sync conflicts`: the versions sync kept, what they belong to, keep one or drop it;
the choice travels to the other devices with the next sync."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kohtaa_tui.services.sync import original_of
from tests.sync_devices import Device, bare_remote


def _diverged_goal(tmp_path: Path) -> tuple[Device, Device]:
    """Two devices with one goal file broken differently on each, synced: one version in
    place, the other in sync-conflicts/."""
    remote = bare_remote(tmp_path)
    laptop, home = Device(tmp_path, "laptop", remote), Device(tmp_path, "home", remote)
    laptop.init()
    home.init()
    laptop.new_goal("g1")
    laptop.sync()
    home.sync()
    (laptop.data / "goals/g1.toml").write_text("title = 'laptop\n")
    (home.data / "goals/g1.toml").write_text("title = 'home'\n")
    laptop.sync()
    home.sync()
    laptop.sync()
    return laptop, home


def _copies(device: Device) -> list[str]:
    return [rel for rel in device.files() if rel.startswith("sync-conflicts/")]


def _diverged_bank(tmp_path: Path) -> tuple[Device, Device]:
    """Two devices that installed one bank version with different contents, synced: both
    contents readable, one in place, the other in sync-conflicts/."""
    from kohtaa_tui.paths import shipped_dir

    remote = bare_remote(tmp_path)
    laptop, home = Device(tmp_path, "laptop", remote), Device(tmp_path, "home", remote)
    laptop.init()
    home.init()
    shipped = next(shipped_dir("question_banks").glob("core*.toml"))
    base = shipped.read_bytes().replace(b'id = "core"', b'id = "team-x"', 1)
    for device in (laptop, home):
        source = tmp_path / f"{device.data.name}.toml"
        source.write_bytes(base + f"\n# {device.data.name}\n".encode())
        assert device.kohtaa("bank", "add", str(source)) == 0
    laptop.sync()
    home.sync()
    laptop.sync()
    return laptop, home


def _installed_bank_file() -> str:
    """Where `_diverged_bank`'s bank is installed: under the version of the shipped core it
    copies (core is not at version 1 any more)."""
    from kohtaa_tui.paths import shipped_dir

    shipped = next(shipped_dir("question_banks").glob("core*.toml")).read_bytes()
    version = re.search(rb"^version = (\d+)$", shipped, re.M)
    assert version is not None
    return f"banks/team-x/{int(version[1])}.toml"


def test_conflicts_lists_keeps_and_the_choice_travels(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    laptop, home = _diverged_bank(tmp_path)
    installed = _installed_bank_file()
    [copy] = _copies(laptop)
    capsys.readouterr()
    assert laptop.kohtaa("sync", "conflicts") == 0
    out = capsys.readouterr().out
    assert f"{copy}: a version of {installed}" in out
    kept = (laptop.data / copy).read_bytes()
    assert kept != (laptop.data / installed).read_bytes()
    assert laptop.kohtaa("sync", "conflicts", "--keep", copy) == 0
    assert (laptop.data / installed).read_bytes() == kept
    assert _copies(laptop) == []
    laptop.sync()
    home.sync()
    assert home.files() == laptop.files()
    assert (home.data / installed).read_bytes() == kept
    capsys.readouterr()
    assert home.kohtaa("sync", "conflicts") == 0
    assert "no versions kept from conflicts" in capsys.readouterr().out


def test_drop_deletes_only_the_copy(tmp_path: Path) -> None:
    laptop, _home = _diverged_goal(tmp_path)
    [copy] = _copies(laptop)
    before = (laptop.data / "goals/g1.toml").read_bytes()
    assert laptop.kohtaa("sync", "conflicts", "--drop", Path(copy).name) == 0
    assert _copies(laptop) == []
    assert (laptop.data / "goals/g1.toml").read_bytes() == before


def test_a_copy_that_does_not_read_is_never_kept_over_its_document(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    laptop, _home = _diverged_goal(tmp_path)
    [copy] = _copies(laptop)
    (laptop.data / copy).write_text("title = [broken\n")
    before = (laptop.data / "goals/g1.toml").read_bytes()
    capsys.readouterr()
    assert laptop.kohtaa("sync", "conflicts", "--keep", copy) == 1
    err = capsys.readouterr().err
    assert "does not read as TOML" in err and len(err.strip().splitlines()) == 1
    assert (laptop.data / "goals/g1.toml").read_bytes() == before
    assert _copies(laptop) == [copy]


def test_an_unknown_or_outside_copy_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    laptop, _home = _diverged_goal(tmp_path)
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("x = 1\n")
    for name in ("nothing.toml", str(outside), "../goals/g1.toml"):
        capsys.readouterr()
        assert laptop.kohtaa("sync", "conflicts", "--drop", name) == 1
        assert "not a version kept in sync-conflicts/" in capsys.readouterr().err
    assert outside.exists() and (laptop.data / "goals/g1.toml").exists()


def test_a_copy_name_names_its_document_or_nothing() -> None:
    assert original_of("sync-conflicts/journal__2026__11__e-1.0123456789.toml") == \
        "journal/2026/11/e-1.toml"
    assert original_of("sync-conflicts/goals__g1.abcdef0123.toml") == "goals/g1.toml"
    for bad in ("goals__g1.toml", "goals__g1.xyz.toml", "..__..__etc__passwd.0123456789.toml",
                "__g1.0123456789.toml", "notakind__x.0123456789.toml"):
        assert original_of(bad) is None, bad
