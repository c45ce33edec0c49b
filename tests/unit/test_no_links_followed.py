"""No save follows a symbolic link below the data directory (README "Your data").

The rule: a save that meets a link, where the file should be or on a folder between the data
directory and the file, is refused with one line, and nothing is written anywhere. For every
kind of document, through its own save: a link to a file outside, a dangling link, a link
for the file's folder and for the kind's top folder. The data directory itself may be a link
a person made on purpose: reading and saving through it keep working.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.goals import CheckIn, Goal, Target
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services.workspace import Workspace, open_workspace
from kohtaa_tui.storage.errors import LinkRefusedError
from kohtaa_tui.storage.repository import Store
from tests.unit.test_bank_validate import GOOD
from tests.unit.test_saved_over import CASES, NOW, Case, valid_bytes

DATA_CASES = sorted(label for label in CASES if label != "settings")


def tree(directory: Path) -> dict[str, bytes]:
    """Every file below `directory`, with its bytes."""
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the data directory that no save may touch."""
    path = tmp_path / "outside"
    path.mkdir()
    (path / "keep.txt").write_bytes(b"not kohtaa's")
    return path


def refused(case: Case, outside: Path, current: bytes | None) -> None:
    before = tree(outside)
    with pytest.raises(LinkRefusedError) as raised:
        case.save(current)
    message = str(raised.value)
    assert "\n" not in message and "symbolic link" in message and str(case.path) in message
    assert tree(outside) == before


@pytest.mark.parametrize("label", DATA_CASES)
def test_a_link_to_a_file_outside_is_not_written_through(workspace: Workspace, outside: Path,
                                                         label: str) -> None:
    case = CASES[label](workspace)
    data = valid_bytes(workspace, case)
    target = outside / "real.toml"
    target.write_bytes(data)
    case.path.symlink_to(target)
    if label in ("banks", "journal schemas"):
        # The catalogue reads the version through the link and finds it installed: nothing
        # to write, and nothing is.
        case.save(data)
        assert tree(outside) == {"keep.txt": b"not kohtaa's", "real.toml": data}
    else:
        refused(case, outside, data)
    assert case.path.is_symlink()


@pytest.mark.parametrize("label", DATA_CASES)
def test_a_dangling_link_creates_nothing(workspace: Workspace, outside: Path,
                                         label: str) -> None:
    case = CASES[label](workspace)
    valid_bytes(workspace, case)  # the folders exist
    case.path.symlink_to(outside / "missing.toml")
    refused(case, outside, None)
    assert not (outside / "missing.toml").exists()


@pytest.mark.parametrize("level", ["the file's folder", "the kind's top folder"])
@pytest.mark.parametrize("label", DATA_CASES)
def test_a_linked_folder_on_the_path_is_not_followed(workspace: Workspace, outside: Path,
                                                     label: str, level: str) -> None:
    case = CASES[label](workspace)
    valid_bytes(workspace, case)
    data_dir = workspace.data_dir
    folder = case.path.parent if level == "the file's folder" else data_dir / case.path.relative_to(
        data_dir).parts[0]
    os.rename(folder, outside / "moved")
    folder.symlink_to(outside / "moved", target_is_directory=True)
    refused(case, outside, None)


def test_bank_add_over_a_dangling_link_creates_nothing_outside(
        tmp_path: Path, data_dir: Path, outside: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The case found by trying it: `bank add` used to create the file where the link
    pointed."""
    source = tmp_path / "tiny.toml"
    source.write_text(GOOD, encoding="utf-8")
    (data_dir / "banks" / "tiny").mkdir(parents=True)
    (data_dir / "banks" / "tiny" / "1.toml").symlink_to(outside / "planted.toml")
    assert main(["bank", "add", str(source)]) == 1
    err = capsys.readouterr().err
    assert "symbolic link" in err and len(err.strip().splitlines()) == 1
    assert not (outside / "planted.toml").exists()


def test_a_check_in_does_not_write_through_a_linked_goal(store: Store, outside: Path) -> None:
    """The other case found by trying it: a check-in wrote into the file outside."""
    goal = Goal(id="g-1", title="Ask one more question", created=NOW, start=date(2026, 11, 1),
                target=Target(kind="manual"))
    saved = store.save_goal(goal, None)
    os.rename(saved.path, outside / "g-1.toml")
    saved.path.symlink_to(outside / "g-1.toml")
    before = (outside / "g-1.toml").read_bytes()
    assert store.goal("g-1").value.title == goal.title  # reading through the link works
    with pytest.raises(LinkRefusedError):
        store.update_goal("g-1", lambda g: Goal(
            id=g.id, title=g.title, created=g.created, start=g.start, target=g.target,
            check_ins=(CheckIn(id="c1", at=NOW, note="a note", progress=10),)))
    assert (outside / "g-1.toml").read_bytes() == before


def test_a_data_directory_that_is_itself_a_link_keeps_working(tmp_path: Path,
                                                              clock: object) -> None:
    real = tmp_path / "synced" / "kohtaa"
    real.mkdir(parents=True)
    link = tmp_path / "data-link"
    link.symlink_to(real, target_is_directory=True)
    ws = open_workspace(str(link), lang="en", clock=clock)  # type: ignore[arg-type]
    goal = Goal(id="g-1", title="Ask one more question", created=NOW, start=date(2026, 11, 1),
                target=Target(kind="manual"))
    ws.store.save_goal(goal, None)
    ws.store.update_goal("g-1",
                         lambda g: Goal(id=g.id, title="Changed", created=g.created, start=g.start,
                                        target=g.target))
    entry = JournalEntry(id="e-1", schema_id="quick", schema_version=1, created=NOW, updated=NOW,
                         answers={"title": "A call", "what": "Talked."})
    saved = ws.store.save_entry(entry, None)
    ws.store.move_to_trash(saved.path, saved.fingerprint)
    assert (real / "goals" / "g-1.toml").is_file()
    assert ws.store.goal("g-1").value.title == "Changed"
    assert [p.name for p in (real / "trash").iterdir()] == ["e-1.toml"]


def test_the_trash_is_not_followed_out(store: Store, outside: Path) -> None:
    """Deleting an entry never moves it out of the data directory through a linked trash."""
    entry = JournalEntry(id="e-1", schema_id="quick", schema_version=1, created=NOW, updated=NOW,
                         answers={"title": "A call", "what": "Talked."})
    saved = store.save_entry(entry, None)
    store.trash_dir.symlink_to(outside, target_is_directory=True)
    with pytest.raises(LinkRefusedError):
        store.move_to_trash(saved.path, saved.fingerprint)
    assert saved.path.is_file() and sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
