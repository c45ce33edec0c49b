"""The coach's round with real git: assign, two people publish, status, report."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.storage.repository import Store
from tests.sync_devices import bare_remote, git


def _person(tmp_path: Path, name: str, scores: dict[str, float] | None) -> Path:
    data = tmp_path / name
    if scores is not None:
        store = Store(data, FixedClock(datetime(2026, 11, 20, tzinfo=UTC)))
        store.save_result(AssessmentResult(f"r-{name}", "core", 1, "hash",
                                           datetime(2026, 11, 20, 10, 0, tzinfo=UTC), 1, 5,
                                           {}, scores))
    return data


def test_assign_publish_status_and_report(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A coach assigns core; one person publishes a result, the other only an old one:
    status shows done and overdue; the report refuses a group under the minimum; journals
    never reach the repository."""
    remote = bare_remote(tmp_path)
    coach = tmp_path / "coach"
    assert main(["--data-dir", str(coach), "team", "assign", "core", "--repo", str(remote),
                 "--due", "2026-11-25", "--by", "Coach K"]) == 0
    listed = git(remote, "ls-tree", "-r", "--name-only", "main")
    assert "banks/core.toml" in listed
    anna = _person(tmp_path, "anna", {"listening": 4.0, "feedback": 3.0})
    assert main(["--data-dir", str(anna), "results", "publish", "--repo", str(remote),
                 "--participant", "Anna"]) == 0
    assert main(["--data-dir", str(anna), "results", "publish", "--repo", str(remote),
                 "--participant", "Anna"]) == 0
    assert "up to date" in capsys.readouterr().out
    # "anna" is another person: kept apart from "Anna".
    other = _person(tmp_path, "other", {"listening": 2.0})
    assert main(["--data-dir", str(other), "results", "publish", "--repo", str(remote),
                 "--participant", "anna"]) == 0
    listed = git(remote, "ls-tree", "-r", "--name-only", "main").split()
    results = [p for p in listed if p.startswith("results/")]
    assert len(results) == 2
    assert not any(p.startswith(("journal/", "goals/")) for p in listed)
    capsys.readouterr()
    assert main(["--data-dir", str(coach), "team", "status", "--repo", str(remote)]) == 0
    out = capsys.readouterr().out
    assert "Anna" in out and "done" in out
    assert main(["--data-dir", str(coach), "team", "report", "--repo", str(remote),
                 "--min-group", "3"]) == 0
    report = capsys.readouterr().out
    assert "fewer than 3 people: not shown" in report
    assert "4.00" not in report


def test_bank_assign_writes_a_valid_bank(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """`bank assign` writes the bank with its assignment; `bank validate` accepts it."""
    out = tmp_path / "assigned.toml"
    assert main(["bank", "assign", "core", "--due", "15.12.2026", "--recurrence", "monthly",
                 "--by", "Coach K", "--note", "Before the review", "-o", str(out)]) == 0
    text = out.read_text()
    assert "[assignment]" in text and "2026-12-15" in text and "monthly" in text
    assert main(["bank", "validate", str(out)]) == 0
    assert main(["bank", "assign", "core", "--due", "someday", "--by", "K"]) == 1
    assert "not a date" in capsys.readouterr().err


def test_a_broken_bank_in_the_team_repository_is_named_and_skipped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bank pushed broken into banks/ is reported with its file; status goes on."""
    remote = bare_remote(tmp_path)
    coach = tmp_path / "coach"
    assert main(["--data-dir", str(coach), "team", "assign", "core", "--repo", str(remote),
                 "--due", "2026-11-25", "--by", "K"]) == 0
    stranger = tmp_path / "stranger"
    git(tmp_path, "clone", "-q", str(remote), str(stranger))
    (stranger / "banks" / "evil.toml").write_text("kind = 'question_bank'\nid = [\n")
    git(stranger, "add", "-A")
    git(stranger, "commit", "-q", "-m", "broken")
    git(stranger, "push", "-q", "origin", "HEAD:main")
    capsys.readouterr()
    assert main(["--data-dir", str(coach), "team", "status", "--repo", str(remote)]) == 0
    err = capsys.readouterr().err
    assert "evil.toml" in err and "skipped" in err
