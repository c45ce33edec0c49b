"""Every id the command line takes is checked before use: a value that is not an id shape is
refused in one line before any path is built from it, an unknown id in one line that names
the nearest known ones; both with exit status 2, and nothing written anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.cli import main
from kohtaa_tui.commands.errors import UsageError
from kohtaa_tui.commands.ids import checked_id
from kohtaa_tui.domain.goals import Target
from kohtaa_tui.domain.ids import close_ids, id_shape_problem
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.journal import JournalService
from tests.goal_fixtures import entry, goal

ENTRY_ID = "20261105-090000-abc123"

# Each command line that takes an id, with {} where the id goes, and a near miss of a
# known id with the id it should suggest.
OPTIONS = [
    (["journal", "list", "--type", "{}"], "quik", "quick"),
    (["journal", "list", "--schema", "{}"], "sales-meting", "sales-meeting"),
    (["journal", "list", "--mistake", "{}"], "no-plan", "no-plan-b"),
    (["journal", "list", "--step", "{}"], "listenin", "listening"),
    (["journal", "export", "--type", "{}"], "quik", "quick"),
    (["journal", "export", "--format", "md", "--mistake", "{}"], "jargn", "jargon"),
    (["journal", "new", "--type", "{}"], "quik", "quick"),
    (["journal", "show", "{}"], ENTRY_ID[:-1] + "4", ENTRY_ID),
    (["bank", "remove", "{}"], "cor", "core"),
    (["assess", "{}"], "dialogik", "dialogic"),
    (["results", "list", "--bank", "{}"], "cor", "core"),
    (["results", "export", "--participant", "P", "--bank", "{}"], "cor", "core"),
    (["report", "--bank", "{}"], "cor", "core"),
    (["goals", "show", "{}"], "manul", "manual"),
    (["goals", "checkin", "{}", "--note", "x"], "manul", "manual"),
    (["goals", "checkin", "manual", "--entry", "{}"], ENTRY_ID[:-1] + "4", ENTRY_ID),
]

NOT_IDS = ["../../x", "a/b", "..", "x\\y", "c:x", ".hidden", "bad\x1b[31mred", "new\nline",
           "a" * 65, "Upper", "with space", "", "nul"]


@pytest.fixture
def planted(workspace: Workspace) -> Workspace:
    """A goal `manual` and one entry, so that the goal and entry ids have near misses."""
    workspace.store.save_goal(goal(Target(kind="manual"), ident="manual"), None)
    journal = JournalService.open(workspace.store)
    journal.save_entry(entry(5, ENTRY_ID))
    journal.close()
    return workspace


def _files(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "index.sqlite3" and not p.name.startswith(".")}


def _run(argv: list[str], value: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main([part.replace("{}", value) for part in argv])
    captured = capsys.readouterr()
    assert captured.out == ""
    return code, captured.err


@pytest.mark.parametrize(("argv", "_near", "_known"), OPTIONS, ids=lambda v: " ".join(v)
                         if isinstance(v, list) else "")
@pytest.mark.parametrize("value", NOT_IDS, ids=repr)
def test_a_value_that_is_not_an_id_is_refused_in_one_line(
        planted: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        argv: list[str], _near: str, _known: str, value: str) -> None:
    before = _files(tmp_path)
    code, err = _run(argv, value, capsys)
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("kohtaa: "), err
    if value == "nul" and "--mistake" in argv:  # an option id, not a file name: may be one
        assert "unknown mistake" in err
    else:
        assert "is not an id" in err or "give an id" in err, err
    assert "\x1b" not in err
    assert _files(tmp_path) == before


@pytest.mark.parametrize(("argv", "near", "known"), OPTIONS, ids=lambda v: " ".join(v)
                         if isinstance(v, list) else "")
def test_an_unknown_id_names_the_nearest(planted: Workspace, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         argv: list[str], near: str, known: str) -> None:
    before = _files(tmp_path)
    code, err = _run(argv, near, capsys)
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert "unknown" in err and f"did you mean {known}" in err, err
    assert _files(tmp_path) == before


@pytest.mark.parametrize(("argv", "known"), [
    (["journal", "list", "--type", "{}"], "customer-service, development-discussion"),
    (["assess", "{}"], "after-meeting, channels, core, development-discussion"),
    (["journal", "list", "--step", "{}"], "communication, feedback, listening"),
])
def test_an_unknown_id_with_nothing_near_lists_the_known_ones(
        planted: Workspace, capsys: pytest.CaptureFixture[str], argv: list[str],
        known: str) -> None:
    code, err = _run(argv, "zzzz", capsys)
    assert code == 2
    assert "did you mean" not in err and f"the known ones: {known}" in err, err


def test_a_schema_only_old_entries_use_is_still_a_filter(
        workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    """An id on entries in the index is known even when no schema of it is installed."""
    journal = JournalService.open(workspace.store)
    journal.save_entry(entry(5, ENTRY_ID, schema="retired-form"))
    journal.close()
    assert main(["journal", "list", "--type", "retired-form", "--format", "json"]) == 0
    assert ENTRY_ID in capsys.readouterr().out


def test_a_known_id_with_no_entries_is_no_error(planted: Workspace,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "list", "--type", "sales-meeting"]) == 0
    assert main(["journal", "list", "--mistake", "jargon"]) == 0
    assert "no entries match" in capsys.readouterr().out


def test_an_id_in_another_case_is_suggested_folded(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["results", "list", "--bank", "Core"]) == 2
    assert "did you mean core?" in capsys.readouterr().err


# -- no id ever names a path outside the data directory -----------------------------------

@given(st.text(max_size=80) | st.sampled_from(NOT_IDS) | st.from_regex(
    r"[a-z0-9./\\:_-]{0,70}", fullmatch=True))
def test_no_id_the_check_lets_through_leads_outside_the_data_directory(value: str) -> None:
    data = Path("/srv/kohtaa-data")
    try:
        checked_id(value, "bank", "--bank")
    except UsageError:
        return
    assert id_shape_problem(value) is None
    for path in (data / "results" / value, data / "schemas" / value / "1.toml",
                 data / "goals" / f"{value}.toml", data / "banks" / value / "2.toml",
                 data / "journal" / "2026" / "11" / f"{value}.toml"):
        resolved = Path(os.path.normpath(path))
        assert resolved == path and resolved.is_relative_to(data)
        parts = resolved.relative_to(data).parts
        assert value in parts or f"{value}.toml" in parts


@given(st.text(max_size=80))
def test_close_ids_only_ever_answers_known_ids(value: str) -> None:
    known = ["core", "quick", "no-plan-b", "listening"]
    assert set(close_ids(value, known)) <= set(known)


def test_the_refusal_speaks_finnish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fi", "journal", "list", "--type", "quik"]) == 2
    assert capsys.readouterr().err == (
        "kohtaa: --type: tuntematon päiväkirjapohja ”quik”; tarkoititko quick? Tunnetut "
        "tunnukset: customer-service, development-discussion, difficult-situation, quick, "
        "sales-meeting\n")
    assert main(["--lang", "fi", "assess", "../x"]) == 2
    assert "”../x” ei ole tunnus" in capsys.readouterr().err
