"""`kohtaa doctor` sees everything: a folder, a socket or a fifo where a document should be,
in every folder that holds documents; the dashboard counts the same unreadable files; a file
whose id is not its name is named."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.services.overview import load_overview
from kohtaa_tui.services.workspace import Workspace, open_workspace
from kohtaa_tui.storage.kinds import KINDS
from tests.unit.test_saved_over import CASES, valid_bytes

CHECKED = [kind for kind in KINDS if kind.checked and kind.root == "data"]


def make_special(folder: Path, name: str, what: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if what == "folder":
        path.mkdir()
    elif what == "fifo":
        os.mkfifo(path)
    elif what == "dangling link":
        path.symlink_to(folder / "nothing-here")
    else:
        here = os.getcwd()
        os.chdir(folder)  # a socket's path must be short
        try:
            sock = socket.socket(socket.AF_UNIX)
            sock.bind(name)
            sock.close()
        finally:
            os.chdir(here)
    return path


def document_folder(workspace: Workspace, label: str) -> tuple[Path, str]:
    """The folder a document of the kind goes in, and a name that matches the kind."""
    case = CASES[label](workspace)
    valid_bytes(workspace, case)  # a real save made the folders
    name = case.path.name
    return case.path.parent, name if name == "goal.toml" else name.replace(".toml", "-x.toml")


def doctor(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["doctor"])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("what", ["folder", "fifo", "socket", "dangling link"])
@pytest.mark.parametrize("label", [kind.label for kind in CHECKED])
def test_something_in_the_way_is_a_problem(workspace: Workspace, label: str, what: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder, name = document_folder(workspace, label)
    path = make_special(folder, name, what)
    code, out = doctor(capsys)
    assert code == 1, out
    line = next(line for line in out.splitlines() if line.startswith(str(path)))
    assert "move it away" in line or "remove it" in line
    assert ("folder" in line) if what == "folder" else True
    assert ("socket" in line) if what == "socket" else True
    assert ("fifo" in line) if what == "fifo" else True
    assert "1 problem found" in out
    assert len(load_overview(open_workspace(lang="en", clock=workspace.clock)).problems) == 1


def test_the_dashboard_counts_what_doctor_counts(workspace: Workspace,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """One broken file of every kind, one thing in the way in every folder: the same count."""
    for kind in CHECKED:
        folder, name = document_folder(workspace, kind.label)
        (folder / name.replace(".toml", "-broken.toml") if name != "goal.toml"
         else folder / "goal.toml").write_bytes(b'title = "unclosed\n')
        make_special(folder, name.replace(".toml", "-dir.toml") if name != "goal.toml"
                     else "elsewhere-goal.toml", "folder")
    code, out = doctor(capsys)
    counted = re.search(r"(\d+) problems found", out)
    assert code == 1 and counted is not None, out
    shown = load_overview(open_workspace(lang="en", clock=workspace.clock)).problems
    assert len(shown) == int(counted.group(1)), (out, shown)
    assert int(counted.group(1)) >= len(CHECKED)


def test_an_id_that_is_not_the_file_name_is_named(workspace: Workspace,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES["goals"](workspace)
    data = valid_bytes(workspace, case)
    moved = case.path.with_name("renamed.toml")
    moved.parent.mkdir(parents=True, exist_ok=True)
    moved.write_bytes(data)
    code, out = doctor(capsys)
    line = next(line for line in out.splitlines() if line.startswith(str(moved)))
    assert "'g-1'" in line and "renamed.toml" in line and "rename the file" in line
    assert code == 0  # a warning: the goal is still read


def test_a_link_is_named_with_what_kohtaa_does_with_it(workspace: Workspace, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """doctor says what the link rule promises: read through, never saved through."""
    case = CASES["goals"](workspace)
    data = valid_bytes(workspace, case)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "g-1.toml").write_bytes(data)
    case.path.symlink_to(outside / "g-1.toml")
    drafts = workspace.store.drafts_dir
    drafts.parent.mkdir(parents=True, exist_ok=True)
    drafts.symlink_to(outside, target_is_directory=True)
    code, out = doctor(capsys)
    assert code == 0, out
    for path in (case.path, drafts):
        line = next(line for line in out.splitlines() if line.startswith(str(path)))
        assert "symbolic link" in line and "never saves through" in line
    assert "1 goal," in out
