"""The team report's self-versus-others gap: shared by each person with
`results export --with-feedback`, shown per step only from the minimum group size up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.cli import main
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.feedback import group_gaps
from kohtaa_tui.domain.team import ExportedGap, export_from_document, export_to_document
from kohtaa_tui.services.workspace import open_workspace
from tests.conftest import FIXED_NOW
from tests.unit.test_report_others import BANK, at, keyed, own, respond


def person(tmp_path: Path, name: str, self_value: int, manager_value: int,
           capsys: pytest.CaptureFixture[str], with_feedback: bool = True) -> Path:
    """A person's data dir: their own after-meeting result and a manager's answer; exported."""
    data = tmp_path / f"data-{name}"
    ws = open_workspace(str(data), str(tmp_path / "config"), "en", FixedClock(FIXED_NOW))
    own(ws, keyed(self_value), at(3), "20261103-100000-aaaaaa")
    respond(ws, "manager", keyed(manager_value), 1, at(10))
    out = tmp_path / f"{name}.toml"
    flags = ["--with-feedback"] if with_feedback else []
    assert main(["--data-dir", str(data), "results", "export", "--bank", BANK,
                 "--participant", name, *flags, "-o", str(out)]) == 0
    capsys.readouterr()
    return out


def test_export_carries_the_gap_only_when_asked(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    plain = person(tmp_path, "A", 4, 3, capsys, with_feedback=False).read_text("utf-8")
    assert "others_view" not in plain
    shared = person(tmp_path, "B", 4, 3, capsys).read_text("utf-8")
    assert "[[others_view]]" in shared and 'reading = "blind_spot"' in shared
    assert "Kettu" not in shared  # the asker's name of the request stays home


def test_team_report_gap_per_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(person(tmp_path, n, s, m, capsys))
             for n, s, m in (("A", 4, 3), ("B", 5, 3), ("C", 2, 4))]
    assert main(["team", "report", *files, "--format", "json"]) == 0
    [section] = json.loads(capsys.readouterr().out)
    listening = next(g for g in section["others_view"] if g["step"] == "listening")
    assert listening["people"] == 3 and listening["hidden"] is False
    assert listening["self"] == pytest.approx(11 / 3)
    assert listening["others"] == pytest.approx(10 / 3)
    assert listening["gap"] == pytest.approx(-1 / 3)
    assert listening["readings"] == {"blind_spot": 2, "hidden_strength": 1, "agreement": 0}
    assert main(["team", "report", *files]) == 0
    out = capsys.readouterr().out
    assert "## Self and others" in out
    assert "| Listening | 3 | 3.67 | 3.33 | -0.33 | 2 | 1 |" in out
    # Two people are too few: counts only, no number.
    assert main(["team", "report", *files[:2]]) == 0
    out = capsys.readouterr().out
    assert "| Listening | 2 | fewer than 3 people: not shown |" in out
    assert "3.67" not in out and "4.50" not in out


def test_a_bad_others_row_is_refused_in_one_line(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    good = person(tmp_path, "A", 4, 3, capsys)
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text("utf-8").replace('reading = "blind_spot"',
                                                   'reading = "<script>"', 1), "utf-8")
    assert main(["team", "report", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.toml" in err and "reading" in err and "Traceback" not in err


gap_rows = st.lists(st.tuples(
    st.sampled_from(["p1", "p2", "p3", "p4"]),
    st.builds(ExportedGap, bank_id=st.sampled_from(["core", BANK]),
              step=st.sampled_from(["listening", "feedback"]),
              self_score=st.floats(1, 5), others=st.floats(1, 5),
              reading=st.sampled_from(["blind_spot", "hidden_strength", "agreement"]))),
    max_size=30)


@given(gap_rows, st.integers(1, 5))
def test_no_group_under_the_minimum_shows_a_number(rows: list[tuple[str, ExportedGap]],
                                                   min_group: int) -> None:
    for cell in group_gaps(rows, min_group):
        people = {who for who, row in rows if (row.bank_id, row.step) == (cell.bank_id,
                                                                             cell.step)}
        assert cell.people == len(people)
        if cell.people < min_group:
            assert cell.hidden and cell.self_mean is None and cell.others_mean is None
            assert not cell.readings
        else:
            assert sum(cell.readings.values()) == cell.people


@given(st.lists(st.builds(ExportedGap, bank_id=st.just("core"),
                          step=st.sampled_from(["listening", "feedback"]),
                          self_score=st.floats(-1000, 1000), others=st.floats(-1000, 1000),
                          reading=st.sampled_from(["blind_spot", "hidden_strength",
                                                   "agreement"])),
                max_size=5))
def test_the_others_rows_round_trip(gaps: list[ExportedGap]) -> None:
    from kohtaa_tui.domain.team import ResultsExport

    export = ResultsExport(participant="A", exported=FIXED_NOW, results=(), others=tuple(gaps))
    back, issues = export_from_document(export_to_document(export))
    assert back is not None and back.others == tuple(gaps), issues
