"""`kohtaa bank add/list/remove` and the bank catalogue shared by the CLI and the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.repository import Store, fingerprint
from tests.unit.test_bank_validate import GOOD, HEADER, SCALE, item


def write(tmp_path: Path, text: str, name: str = "bank.toml") -> Path:
    """A bank file outside the data directory."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_add_installs_a_byte_identical_copy(tmp_path: Path, data_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The installed file has the very same bytes; the source is untouched."""
    source = write(tmp_path, GOOD + "\n# a comment kept as written\n")
    before = source.read_bytes()
    assert main(["bank", "add", str(source)]) == 0
    installed = data_dir / "banks" / "tiny" / "1.toml"
    assert installed.read_bytes() == before
    assert source.read_bytes() == before
    assert "installed tiny version 1" in capsys.readouterr().out


def test_add_the_same_again_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Same id, version and content: already installed, exit 0."""
    source = write(tmp_path, GOOD)
    assert main(["bank", "add", str(source)]) == 0
    assert main(["bank", "add", str(source)]) == 0
    assert "already installed" in capsys.readouterr().out


def test_same_version_other_content_is_refused(tmp_path: Path, data_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A changed file with the same version is refused; the installed one stays."""
    assert main(["bank", "add", str(write(tmp_path, GOOD))]) == 0
    changed = write(tmp_path, GOOD.replace("I listen.", "I listen well."), "changed.toml")
    assert main(["bank", "add", str(changed)]) == 1
    err = capsys.readouterr().err
    assert "already installed with other content" in err and "raise `version`" in err
    assert (data_dir / "banks" / "tiny" / "1.toml").read_text(encoding="utf-8") == GOOD


def test_higher_version_is_installed_and_the_old_kept(tmp_path: Path, data_dir: Path,
                                                      store: Store) -> None:
    """Version 2 becomes the latest; version 1 stays for old results."""
    assert main(["bank", "add", str(write(tmp_path, GOOD))]) == 0
    newer = GOOD.replace("\nversion = 1", "\nversion = 2").replace("I listen.", "I listen well.")
    assert main(["bank", "add", str(write(tmp_path, newer, "v2.toml"))]) == 0
    assert (data_dir / "banks" / "tiny" / "1.toml").exists()
    assert (data_dir / "banks" / "tiny" / "2.toml").exists()
    catalogue = load_banks(store)
    latest = catalogue.latest("tiny")
    assert latest is not None and latest.doc.version == 2
    old = catalogue.get("tiny", 1)
    assert old is not None and old.doc.items[0].text.get("en") == "I listen."


def test_lower_version_is_refused(tmp_path: Path, data_dir: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Installing version 1 after version 2 is refused with exit 1."""
    newer = GOOD.replace("\nversion = 1", "\nversion = 2")
    assert main(["bank", "add", str(write(tmp_path, newer))]) == 0
    assert main(["bank", "add", str(write(tmp_path, GOOD, "v1.toml"))]) == 1
    assert "version 2 is already installed, which is newer" in capsys.readouterr().err
    assert not (data_dir / "banks" / "tiny" / "1.toml").exists()


def test_a_shipped_bank_counts_as_known(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped core bank re-added is already there; a changed copy of it is refused."""
    core = shipped_dir("question_banks") / "core.toml"
    assert main(["bank", "add", str(core)]) == 0
    assert "already installed" in capsys.readouterr().out
    changed = write(tmp_path, core.read_text(encoding="utf-8").replace("kohtaa", "someone", 1))
    assert main(["bank", "add", str(changed)]) == 1
    assert "already shipped with other content" in capsys.readouterr().err


def test_an_invalid_bank_is_not_installed(tmp_path: Path, data_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Problems are listed and nothing is written."""
    bad = write(tmp_path, HEADER + SCALE + item("a", "listenin"))
    assert main(["bank", "add", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "not a skill step" in out and "not installed" in out
    assert not (data_dir / "banks").exists()


def test_add_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is one line and exit 1."""
    assert main(["bank", "add", str(tmp_path / "nope.toml")]) == 1
    assert "does not exist" in capsys.readouterr().out


def test_list_shows_shipped_and_installed(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The table lists each bank with version, languages and source; JSON has the same."""
    assert main(["bank", "add", str(write(tmp_path, GOOD))]) == 0
    capsys.readouterr()
    assert main(["--lang", "fi", "bank", "list"]) == 0
    out = capsys.readouterr().out
    assert "tiny" in out and "asennettu" in out and "Pieni" in out
    assert "core" in out and "mukana" in out and "fi,en" in out
    assert main(["bank", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    tiny = next(r for r in rows if r["id"] == "tiny")
    assert tiny["version"] == 1 and tiny["source"] == "installed" and tiny["latest"]
    assert tiny["languages"] == ["fi", "en"] and tiny["items"] == 2
    assert {r["id"] for r in rows} >= {"core", "after-meeting", "dialogic"}


def test_remove_moves_every_version_aside(tmp_path: Path, data_dir: Path, store: Store,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Removed banks are no longer offered, but results still find their questions."""
    assert main(["bank", "add", str(write(tmp_path, GOOD))]) == 0
    newer = GOOD.replace("\nversion = 1", "\nversion = 2")
    assert main(["bank", "add", str(write(tmp_path, newer, "v2.toml"))]) == 0
    v1_hash = fingerprint(GOOD.encode())
    assert main(["bank", "remove", "tiny"]) == 0
    assert "2 versions moved" in capsys.readouterr().out
    assert not (data_dir / "banks" / "tiny" / "1.toml").exists()
    assert (data_dir / "banks-removed" / "tiny" / "1.toml").read_text(encoding="utf-8") == GOOD
    catalogue = load_banks(store)
    assert catalogue.latest("tiny") is None
    kept = catalogue.get("tiny", 1, v1_hash)
    assert kept is not None and kept.source == "removed" and kept.fingerprint == v1_hash
    assert main(["bank", "remove", "tiny"]) == 2


def test_remove_then_add_again(tmp_path: Path, store: Store) -> None:
    """A removed bank can be installed again, and removed again without losing a file."""
    source = write(tmp_path, GOOD)
    assert main(["bank", "add", str(source)]) == 0
    assert main(["bank", "remove", "tiny"]) == 0
    assert main(["bank", "add", str(source)]) == 0
    assert load_banks(store).latest("tiny") is not None
    assert main(["bank", "remove", "tiny"]) == 0
    assert len(list((store.data_dir / "banks-removed" / "tiny").glob("*.toml"))) == 1


def test_shipped_banks_cannot_be_removed(capsys: pytest.CaptureFixture[str]) -> None:
    """Removing a shipped bank is refused with one line."""
    assert main(["bank", "remove", "core"]) == 1
    assert "shipped with kohtaa and cannot be removed" in capsys.readouterr().err
    assert main(["bank", "remove", "no-such-bank"]) == 2
    assert main(["bank", "remove", "../x"]) == 2


def test_catalogue_prefers_the_exact_bytes(store: Store) -> None:
    """Lookup by id, version and hash finds the shipped file a result was made with."""
    catalogue = load_banks(store)
    core = catalogue.latest("core")
    assert core is not None and core.source == "shipped"
    path = shipped_dir("question_banks") / "core.toml"
    assert core.fingerprint == fingerprint(path.read_bytes())
    assert catalogue.get("core", core.doc.version, core.fingerprint) == core
    assert catalogue.get("core", 99) is None
    assert [e.doc.id for e in catalogue.latest_all()] == sorted(
        e.doc.id for e in catalogue.latest_all())
