"""`kohtaa assess` checks the bank before the app starts; `kohtaa results list`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.storage.repository import Store


def test_assess_unknown_bank_is_one_line_before_the_app() -> None:
    """An unknown bank: one line on stderr, exit 1, and Textual was never loaded."""
    code = ("import sys; from kohtaa_tui.cli import main; rc = main(['assess', 'no-such']); "
            "print('LOADED' if 'textual' in sys.modules else 'CLEAN'); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert done.stdout.strip() == "CLEAN"
    assert done.stderr.strip().splitlines() == [
        "kohtaa: assess: unknown question bank \u201cno-such\u201d; the known ones: "
        "after-meeting, channels, core, development-discussion, dialogic, difficult-customer, "
        "price-and-closing"]


def test_assess_bad_id_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """A path-like id is refused the same way."""
    assert main(["assess", "../../etc"]) == 2
    assert "is not an id" in capsys.readouterr().err


def _save(store: Store, rid: str, bank: str, day: int, listening: float) -> None:
    store.save_result(AssessmentResult(
        id=rid, bank_id=bank, bank_version=1, bank_hash="sha256:x",
        completed=datetime(2026, 11, day, 12, tzinfo=UTC), scale_min=1, scale_max=5,
        answers={"listening-let-finish": 4}, scores={"listening": listening}, lang="fi"))


def test_results_list_table_and_json(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """Oldest first; --bank filters; JSON carries the scores."""
    _save(store, "r2", "core", 20, 3.5)
    _save(store, "r1", "core", 10, 3.0)
    _save(store, "r3", "dialogic", 15, 4.25)
    assert main(["--lang", "fi", "results", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["valmistunut", "kysymyspankki"]
    assert [line.split()[-1] for line in lines[1:]] == ["r1", "r3", "r2"]
    assert "3,0" in lines[1] and "4,2" in lines[2]
    assert main(["results", "list", "--bank", "core", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["r1", "r2"]
    assert rows[1]["scores"] == {"listening": 3.5}
    assert rows[1]["bank_version"] == 1 and rows[1]["answered"] == 1


def test_results_list_empty_and_bad_bank(capsys: pytest.CaptureFixture[str]) -> None:
    """No results: just the header. A bad id: exit 1."""
    assert main(["results", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["results", "list", "--bank", "A/B"]) == 2
    capsys.readouterr()


def test_results_list_of_a_bank_without_results(capsys: pytest.CaptureFixture[str]) -> None:
    """A known bank with no results says so (exit 0); an unknown bank id is refused with a
    list of the known ones (exit 2), on one line."""
    assert main(["results", "list", "--bank", "core"]) == 0
    assert capsys.readouterr().out.strip() == "no results of the bank core"
    assert main(["results", "list", "--bank", "nope"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "\u201cnope\u201d" in captured.err and "the known ones: after-meeting" in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert main(["results", "list", "--bank", "nope", "--format", "json"]) == 2


def test_results_list_names_a_broken_file(store: Store, data_dir: object,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A broken result file is named and makes the exit code 1; the good ones are listed."""
    _save(store, "r1", "core", 10, 3.0)
    broken = store.results_dir / "core" / "bad.toml"
    broken.write_text("schema_version = 1\nkind = ", encoding="utf-8")
    assert main(["results", "list"]) == 1
    out = capsys.readouterr().out
    assert "r1" in out and str(broken) in out
