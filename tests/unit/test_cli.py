"""The command line: exit codes, one-line problems naming file and line, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kohtaa_tui import __version__
from kohtaa_tui.cli import main
from kohtaa_tui.paths import shipped_dir

GOOD_BANK = (shipped_dir("question_banks") / "core.toml").read_text(encoding="utf-8")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run kohtaa as a user would, in a subprocess."""
    return subprocess.run([sys.executable, "-m", "kohtaa_tui", *args], capture_output=True,
                          text=True, timeout=60)


def test_version_and_help() -> None:
    """--version names the version; --help lists the commands."""
    assert run("--version").stdout.strip() == f"kohtaa {__version__}"
    helped = run("--help")
    assert helped.returncode == 0
    assert "doctor" in helped.stdout and "--data-dir" in helped.stdout


def test_usage_error_exits_2() -> None:
    """An unknown command is a usage error."""
    result = run("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_bank_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    """A shipped bank validates with exit 0."""
    path = shipped_dir("question_banks") / "core.toml"
    assert main(["bank", "validate", str(path)]) == 0
    assert "ok: core" in capsys.readouterr().out


def test_bank_validate_reports_file_and_line(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Every problem on its own line as FILE:LINE: message; exit 1."""
    bad = GOOD_BANK.replace('step = "listening"', 'step = "listenin"', 1)
    bad = bad.replace('id = "listening-', 'id = "x-', 1)
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if '"listenin"' in text)
    assert main(["bank", "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}: items[1].step: 'listenin' is not a skill step" in out


def test_bank_validate_syntax_error_line(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A TOML syntax error names the line."""
    path = tmp_path / "broken.toml"
    path.write_text('schema_version = 1\nkind = "question_bank"\nid = \n', encoding="utf-8")
    assert main(["bank", "validate", str(path)]) == 1
    assert f"{path}:3: invalid TOML" in capsys.readouterr().out


def test_bank_validate_missing_file(tmp_path: Path) -> None:
    """A missing file is one line, exit 1, no traceback."""
    result = run("bank", "validate", str(tmp_path / "nope.toml"))
    assert result.returncode == 1
    assert "does not exist" in result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_doctor_on_empty_data_dir(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """Nothing saved yet is fine, and doctor creates nothing."""
    assert main(["doctor"]) == 0
    assert not data_dir.exists()


def test_doctor_finds_a_broken_file(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken goal file is named; exit 1; the file is left as it was."""
    goals = data_dir / "goals"
    goals.mkdir(parents=True)
    broken = goals / "g1.toml"
    broken.write_bytes(b'schema_version = 1\nkind = "goal"\ntitle = "x\n')
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert str(broken) in out
    assert broken.read_bytes() == b'schema_version = 1\nkind = "goal"\ntitle = "x\n'


def test_data_dir_flag_wins_over_environment(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """--data-dir beats KOHTAA_DATA_DIR."""
    chosen = tmp_path / "chosen"
    assert main(["--data-dir", str(chosen), "doctor"]) == 0
    assert str(chosen) in capsys.readouterr().out


@pytest.mark.parametrize("flag", ["--data-dir", "--config-dir"])
@pytest.mark.parametrize("command", [["doctor"], ["results", "list"], ["journal", "list"],
                                     ["goals", "list"], ["bank", "list"]])
def test_a_file_as_data_or_config_dir_is_refused(tmp_path: Path, flag: str,
                                                 command: list[str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A data or config dir that exists but is a file: one line, exit 1, file untouched."""
    plain = tmp_path / "passwd"
    plain.write_text("root:x:0:0\n", encoding="utf-8")
    assert main([flag, str(plain), *command]) == 1
    captured = capsys.readouterr()
    assert "is not a directory" in captured.err and str(plain) in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "all well" not in captured.out
    assert plain.read_text(encoding="utf-8") == "root:x:0:0\n"


def test_open_workspace_refuses_a_file_as_data_dir(tmp_path: Path) -> None:
    """The workspace itself refuses a data dir that is a file."""
    from kohtaa_tui.services.workspace import open_workspace
    from kohtaa_tui.storage.errors import StorageError

    plain = tmp_path / "file"
    plain.write_text("x", encoding="utf-8")
    with pytest.raises(StorageError, match="is not a directory"):
        open_workspace(str(plain))
