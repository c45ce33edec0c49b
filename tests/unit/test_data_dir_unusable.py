"""A data directory that cannot be made or used: one line naming it and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from kohtaa_tui.cli import main


@pytest.mark.parametrize("argv", [["journal", "new", "Called Matti back"],
                                  ["goals", "new", "Ask first"]])
def test_a_data_directory_under_a_file_is_named_with_what_to_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        argv: list[str]) -> None:
    """A save whose data directory cannot be made (its parent is a file) says which
    directory and what to do, in one line, and saves nothing."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    data = blocker / "data"
    monkeypatch.setenv("KOHTAA_DATA_DIR", str(data))
    assert main(argv) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(data) in lines[0]
    assert "--data-dir" in lines[0]
    assert "Traceback" not in err
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_feedback_request_into_a_missing_folder_says_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o never creates folders: the line names the folder and what to do instead."""
    target = tmp_path / "missing" / "request.toml"
    assert main(["feedback", "request", "--bank", "after-meeting", "--role", "colleague",
                 "--from", "Ann", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert str(target.parent) in err and "make it first" in err
    assert not target.parent.exists()
