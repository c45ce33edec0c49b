"""Results export and the coach's team report, end to end through the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.storage.repository import Store
from tests.conftest import FIXED_NOW


def export_for(tmp_path: Path, name: str, listening: float, capsys: pytest.CaptureFixture[str],
               version: int = 1) -> Path:
    """A person's data dir with one core result, exported to a file."""
    from kohtaa_tui.domain.clock import FixedClock

    data = tmp_path / f"data-{name}"
    store = Store(data, FixedClock(FIXED_NOW))
    store.save_result(AssessmentResult(f"r-{name.lower()}", "core", version, f"sha256:{version}",
                                       datetime(2026, 11, 3, tzinfo=UTC), 1, 5,
                                       {"secret-item": 3}, {"listening": listening}))
    out = tmp_path / f"{name}.toml"
    assert main(["--data-dir", str(data), "results", "export", "--participant", name,
                 "-o", str(out)]) == 0
    capsys.readouterr()
    return out


def test_export_has_scores_and_no_answers(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The export carries step scores, dates, bank id, version, hash: no answers."""
    text = export_for(tmp_path, "Kettu", 3.5, capsys).read_text(encoding="utf-8")
    assert 'participant = "Kettu"' in text and "listening = 3.5" in text
    assert 'bank_hash = "sha256:1"' in text
    assert "secret-item" not in text


def test_export_needs_a_name(capsys: pytest.CaptureFixture[str]) -> None:
    """No participant name: a one-line error."""
    assert main(["results", "export"]) == 1
    assert "--participant" in capsys.readouterr().err


def test_team_report_hides_small_groups(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Three people show numbers; with --min-group 4 they do not."""
    files = [str(export_for(tmp_path, n, s, capsys)) for n, s in
             (("A", 3.0), ("B", 4.0), ("C", 5.0))]
    assert main(["team", "report", *files, "--format", "json"]) == 0
    cells = json.loads(capsys.readouterr().out)[0]["cells"]
    assert cells == [{"period": "2026-11", "step": "listening", "people": 3, "mean": 4.0,
                      "median": 4.0, "spread": pytest.approx(0.8165, abs=1e-4),
                      "min": 3.0, "max": 5.0, "change": None, "hidden": False}]
    assert main(["team", "report", *files, "--min-group", "4"]) == 0
    out = capsys.readouterr().out
    assert "fewer than 4 people: not shown" in out and "4.00" not in out


def test_team_report_skips_broken_and_separates_versions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken file is named and skipped; bank versions are reported separately."""
    files = [str(export_for(tmp_path, n, 3.0, capsys, version=v)) for n, v in
             (("A", 1), ("B", 1), ("C", 2))]
    broken = tmp_path / "broken.toml"
    broken.write_text("this is not toml = = =", encoding="utf-8")
    assert main(["team", "report", *files, str(broken), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert str(broken) in captured.err
    rows = captured.out.strip().splitlines()
    assert rows[0].startswith("bank,period,step")
    assert {row.split(",")[0] for row in rows[1:]} == {"core v1", "core v2"}
