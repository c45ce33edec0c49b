"""Results export and the coach's team report, end to end through the command line."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.storage.repository import Store
from tests.conftest import FIXED_NOW

CORE = "The five steps of a customer encounter"
"""The shipped core bank's English title: the report names banks by title."""


def export_for(tmp_path: Path, name: str, listening: float, capsys: pytest.CaptureFixture[str],
               version: int = 1) -> Path:
    """A person's data dir with one core result, exported to a file."""
    from kohtaa_tui.domain.clock import FixedClock

    data = tmp_path / f"data-{name}"
    store = Store(data, FixedClock(FIXED_NOW))
    store.save_result(AssessmentResult(id=f"r-{name.lower()}", bank_id="core", bank_version=version,
                                       bank_hash=f"sha256:{version}",
                                       completed=datetime(2026, 11, 3, tzinfo=UTC), scale_min=1,
                                       scale_max=5,
                                       answers={"secret-item": 3}, scores={"listening": listening}))
    out = tmp_path / f"{name}.toml"
    assert main(["--data-dir", str(data), "results", "export", "--participant", name,
                 "-o", str(out)]) == 0
    capsys.readouterr()
    return out


def test_export_has_scores_and_no_answers(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The export carries step scores, dates, bank id, version, hash: no answers to items
    of a bank it does not know exactly."""
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
    assert {row.split(",")[0] for row in rows[1:]} == {f"{CORE} v1", f"{CORE} v2"}


def test_export_carries_no_journal_goal_or_answer_text(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Journal entries, goals, check-ins and open answers with a unique word: none of it in
    the export, only the bank's scores and dates."""
    from kohtaa_tui.domain.clock import FixedClock
    from kohtaa_tui.domain.goals import CheckIn, Goal, Target
    from kohtaa_tui.domain.journal import JournalEntry

    secret = "Xylophone-9183"
    store = Store(data_dir, FixedClock(FIXED_NOW))
    when = datetime(2026, 11, 3, 9, tzinfo=UTC)
    store.save_result(AssessmentResult(id="r1", bank_id="core", bank_version=1,
                                       bank_hash="sha256:abc", completed=when, scale_min=1,
                                       scale_max=5,
                                       answers={"item-1": 4},
                                       scores={"listening": 4.0, "feedback": 2.5},
                                       open_answers={"next-time": f"open {secret}"}))
    store.save_result(AssessmentResult(id="r2", bank_id="other-bank", bank_version=1,
                                       bank_hash="sha256:def", completed=when, scale_min=1,
                                       scale_max=5,
                                       answers={"item-1": 2}, scores={"listening": 1.5}))
    store.save_entry(JournalEntry(id="e1", schema_id="sales-meeting", schema_version=1,
                                  created=when, updated=when, answers={
        "title": f"Entry {secret}", "what_happened": secret, "went_well": secret,
    }, starred=True), None)
    store.save_goal(Goal(id="g1", title=f"Goal {secret}", created=when, start=date(2026, 11, 1),
                         target=Target(kind="manual"),
                         why=secret,
                         check_ins=(CheckIn(id="c1", at=when, note=f"note {secret}",
                                            progress=10),)),
                    None)
    out = tmp_path / "export.toml"
    assert main(["results", "export", "--participant", "Pseudo", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert secret not in text
    assert "item-1" not in text and "next-time" not in text
    assert "other-bank" not in text and "1.5" not in text
    assert 'bank_id = "core"' in text and "bank_version = 1" in text
    assert 'bank_hash = "sha256:abc"' in text and "feedback = 2.5" in text
    assert "completed = 2026-11-03 09:00:00" in text


def test_team_report_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Markdown: one table per bank version, numbers for a big enough group, the change
    from one month to the next."""
    from kohtaa_tui.domain.clock import FixedClock

    files = []
    for name, october, november in (("A", 2.0, 3.0), ("B", 3.0, 4.0), ("C", 4.0, 4.0)):
        data = tmp_path / f"data-{name}"
        store = Store(data, FixedClock(FIXED_NOW))
        for ident, month, value in (("o", 10, october), ("n", 11, november)):
            store.save_result(AssessmentResult(
                id=f"r-{name.lower()}-{ident}", bank_id="core", bank_version=1,
                bank_hash="sha256:1",
                completed=datetime(2026, month, 5, tzinfo=UTC), scale_min=1, scale_max=5,
                answers={}, scores={"listening": value}))
        out = tmp_path / f"{name}.toml"
        assert main(["--data-dir", str(data), "results", "export", "--participant", name,
                     "-o", str(out)]) == 0
        files.append(str(out))
    capsys.readouterr()
    report = tmp_path / "team.md"
    assert main(["team", "report", *files, "-o", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    assert f"## {CORE} v1: 3 people" in text
    assert "| 2026-10 | Listening | 3 | 3.00 | 3.00 | 0.82 | 2.0–4.0 | – |" in text
    assert "| 2026-11 | Listening | 3 | 3.67 | 4.00 | 0.47 | 3.0–4.0 | +0.67 |" in text
    assert main(["team", "report", *files[:2], "--format", "csv"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert rows[1:] == [f"{CORE} v1,2026-10,listening,2,,,,,,",
                        f"{CORE} v1,2026-11,listening,2,,,,,,"]


def test_team_report_names_a_wrong_kind_of_file(tmp_path: Path, data_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A journal entry handed in by mistake is named and skipped; with nothing readable the
    report fails with one line."""
    files = [str(export_for(tmp_path, n, 3.0, capsys)) for n in ("A", "B", "C")]
    wrong = tmp_path / "entry.toml"
    wrong.write_text('schema_version = 1\nkind = "journal_entry"\n', encoding="utf-8")
    missing = tmp_path / "nope.toml"
    assert main(["team", "report", *files, str(wrong), str(missing)]) == 0
    captured = capsys.readouterr()
    assert str(wrong) in captured.err and str(missing) in captured.err
    assert "Traceback" not in captured.err
    assert f"## {CORE} v1: 3 people" in captured.out
    assert main(["team", "report", str(wrong)]) == 1
    assert "no readable results files" in capsys.readouterr().err


def test_team_report_versions_are_explained(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Two versions of one bank: two sections and a sentence saying why."""
    files = [str(export_for(tmp_path, n, 3.0, capsys, version=v)) for n, v in
             (("A", 1), ("B", 1), ("C", 1), ("D", 2), ("E", 2), ("F", 2))]
    assert main(["team", "report", *files]) == 0
    out = capsys.readouterr().out
    assert "Results from different versions of a bank are shown separately." in out
    assert f"## {CORE} v1: 3 people" in out and f"## {CORE} v2: 3 people" in out
    assert main(["team", "report", *files, "--format", "json"]) == 0
    sections = json.loads(capsys.readouterr().out)
    assert [(s["bank_version"], s["people"]) for s in sections] == [(1, 3), (2, 3)]
    assert main(["team", "report", *files, "--min-group", "0"]) == 2


def test_team_report_counts_duplicate_files_once(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The same file three times, or a copy under another name, is one person, not three."""
    ann = export_for(tmp_path, "Ann", 4.0, capsys)
    copy = tmp_path / "copy-of-ann.toml"
    copy.write_bytes(ann.read_bytes())
    assert main(["team", "report", str(ann), str(ann), str(copy), "--format", "json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)[0]
    assert report["people"] == 1
    assert report["cells"][0]["people"] == 1 and report["cells"][0]["hidden"] is True
    assert report["cells"][0]["mean"] is None
    warnings = [line for line in captured.err.splitlines() if "duplicate" in line]
    assert len(warnings) == 2
    assert any("copy-of-ann.toml" in line for line in warnings)
    assert all(str(ann) in line for line in warnings)


def test_team_report_names_banks_by_title_in_the_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The coach reads the bank's title in the report's language; an unknown bank keeps its
    id, since there is no title to show."""
    from kohtaa_tui.domain.clock import FixedClock

    files = [str(export_for(tmp_path, n, 3.0, capsys)) for n in ("A", "B", "C")]
    assert main(["--lang", "fi", "team", "report", *files]) == 0
    out = capsys.readouterr().out
    assert "## Kohtaamisen viisi askelta v1: 3 henkilöä" in out and "## core" not in out
    data = tmp_path / "data-X"
    store = Store(data, FixedClock(FIXED_NOW))
    store.save_result(AssessmentResult(id="r-x", bank_id="own-bank", bank_version=1,
                                       bank_hash="sha256:9",
                                       completed=datetime(2026, 11, 3, tzinfo=UTC), scale_min=1,
                                       scale_max=5, answers={},
                                       scores={"listening": 3.0}))
    out_file = tmp_path / "X.toml"
    assert main(["--data-dir", str(data), "results", "export", "--bank", "own-bank",
                 "--participant", "X",
                 "-o", str(out_file)]) == 0
    capsys.readouterr()
    assert main(["team", "report", str(out_file), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["bank"] == "own-bank v1"
