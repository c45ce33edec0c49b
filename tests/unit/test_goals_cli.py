"""`kohtaa goals list/show/checkin`, and two processes checking in at the same time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.goals import Target
from kohtaa_tui.services.workspace import Workspace
from tests import hostile
from tests.goal_fixtures import check_in, goal, result


def plant(ws: Workspace) -> None:
    """An active manual goal, an achieved one, and a score goal with a result."""
    ws.store.save_result(result(10, {"listening": 3.0}))
    ws.store.save_goal(goal(Target(kind="manual"), ident="manual", title="Ask for feedback",
                            check_ins=(check_in(5, "c1", 30, note="two answered"),)), None)
    ws.store.save_goal(goal(Target(kind="manual"), ident="done", title="No jargon",
                            status="achieved"), None)
    ws.store.save_goal(goal(Target(kind="score", value=4.0, bank_id="core", step="listening"),
                            ident="score", title="Listen longer", due=None), None)


def test_list_table_and_all(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    """Active goals only by default; --all adds the achieved one."""
    plant(workspace)
    assert main(["goals", "list"]) == 0
    out = capsys.readouterr().out
    assert "Ask for feedback" in out and "30 %" in out and "3.0 / 4.0" in out
    assert "No jargon" not in out
    assert main(["goals", "list", "--all"]) == 0
    assert "No jargon" in capsys.readouterr().out


def test_list_when_there_is_nothing(workspace: Workspace,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """No goals: a sentence, not an empty table; JSON is an empty list."""
    assert main(["goals", "list"]) == 0
    assert capsys.readouterr().out.strip() == "no goals yet"
    assert main(["goals", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_list_json(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON carries the target, progress and status of each goal."""
    plant(workspace)
    assert main(["goals", "list", "--all", "--format", "json"]) == 0
    goals = {g["id"]: g for g in json.loads(capsys.readouterr().out)}
    assert set(goals) == {"manual", "done", "score"}
    assert goals["score"]["progress"]["current"] == 3.0
    assert goals["manual"]["progress"]["percent"] == 30.0
    assert goals["done"]["status"] == "achieved"


def test_show_and_checkin(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    """A check-in is appended; reaching 100 % marks the goal achieved and says so."""
    plant(workspace)
    assert main(["goals", "checkin", "manual", "--progress", "100", "--note", "all done"]) == 0
    assert "goal achieved: Ask for feedback" in capsys.readouterr().out
    saved = workspace.store.goal("manual").value
    assert [c.progress for c in saved.check_ins] == [30, 100]
    assert saved.status == "achieved"
    assert main(["goals", "show", "manual"]) == 0
    out = capsys.readouterr().out
    assert "all done" in out and "two answered" in out and "\nachieved 20" in out


@pytest.mark.parametrize("argv, message", [
    (["goals", "checkin", "manual", "--progress", "101"], "between 0 and 100"),
    (["goals", "checkin", "score", "--progress", "50"], "manual goals"),
    (["goals", "show", "missing"], "unknown goal \u201cmissing\u201d"),
    (["goals", "show", "../etc"], "\u201c../etc\u201d is not an id"),
    (["goals", "checkin", "manual", "--entry", "nope"], "unknown journal entry \u201cnope\u201d"),
])
def test_refusals_are_one_line(workspace: Workspace, capsys: pytest.CaptureFixture[str],
                               argv: list[str], message: str) -> None:
    """Bad input: exit 1 (2 for an id that names nothing), one line on stderr, nothing
    written."""
    plant(workspace)
    assert main(argv) == (2 if "\u201c" in message else 1)
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert len(workspace.store.goal("manual").value.check_ins) == 1


@pytest.mark.parametrize("payload", hostile.PAYLOADS)
def test_hostile_text_is_printed_inert(workspace: Workspace,
                                       capsys: pytest.CaptureFixture[str],
                                       payload: str) -> None:
    """Titles and notes reach the terminal without raw escapes."""
    workspace.store.save_goal(goal(Target(kind="manual"), title=payload,
                                   check_ins=(check_in(5, "c1", 10, note=payload),)), None)
    for argv in (["goals", "list"], ["goals", "show", "g1"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        for raw in hostile.RAW_ESCAPES:
            assert raw not in out


def test_two_processes_check_in_at_once(workspace: Workspace, tmp_path: Path) -> None:
    """Two writers add 100 check-ins each to one goal at the same time: 200 remain."""
    workspace.store.save_goal(goal(Target(kind="manual"), ident="shared"), None)
    script = (
        "import sys\n"
        "from kohtaa_tui.services.goal_actions import add_check_in, new_check_in\n"
        "from kohtaa_tui.services.workspace import open_workspace\n"
        "ws = open_workspace(lang='en')\n"
        "tag = sys.argv[1]\n"
        "for n in range(100):\n"
        "    add_check_in(ws, 'shared', new_check_in(ws, note=f'{tag} {n}'))\n"
    )
    env = dict(os.environ)
    procs = [subprocess.Popen([sys.executable, "-c", script, tag], env=env,
                              stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    for proc in procs:
        _out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
    saved = workspace.store.goal("shared").value
    notes = sorted(c.note for c in saved.check_ins)
    assert len(saved.check_ins) == 200
    assert notes == sorted([f"a {n}" for n in range(100)] + [f"b {n}" for n in range(100)])
    assert len({c.id for c in saved.check_ins}) == 200


def test_checkin_command_in_two_processes(workspace: Workspace) -> None:
    """`kohtaa goals checkin` itself, run concurrently, keeps every check-in."""
    workspace.store.save_goal(goal(Target(kind="manual"), ident="shared"), None)
    cmd = [sys.executable, "-m", "kohtaa_tui", "goals", "checkin", "shared", "--note"]
    procs = [subprocess.Popen([*cmd, f"{tag}{n}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
             for n in range(4) for tag in ("a", "b")]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert len(workspace.store.goal("shared").value.check_ins) == 8


def test_doctor_reads_the_goal_draft(workspace: Workspace,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A broken goal draft is named by `kohtaa doctor`; a good one passes."""
    path = workspace.store.goal_draft_path
    path.parent.mkdir(parents=True)
    path.write_text('schema_version = 1\nkind = "goal_draft"\n', encoding="utf-8")
    assert main(["doctor"]) == 1
    assert "goal.toml" in capsys.readouterr().out
    path.write_text('schema_version = 1\nkind = "goal_draft"\nupdated = 2026-11-22T12:00:00Z\n'
                    '[fields]\ntitle = "x"\n', encoding="utf-8")
    assert main(["doctor"]) == 0


def test_show_withholds_private_reflection_titles(workspace: Workspace,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A linked private reflection shows as "(private reflection)" unless --include-private."""
    from dataclasses import replace

    from tests.goal_fixtures import entry

    workspace.store.save_entry(replace(entry(3, "e-secret", title="Secret Zanzibar call"),
                                       private=True), None)
    workspace.store.save_entry(entry(4, "e-open", title="Open call"), None)
    workspace.store.save_goal(goal(Target(kind="manual"), ident="g1", check_ins=(
        check_in(5, "c1", 10, entry_id="e-secret"), check_in(6, "c2", 20, entry_id="e-open"))),
        None)
    assert main(["goals", "show", "g1"]) == 0
    out = capsys.readouterr().out
    assert "Zanzibar" not in out
    assert "(private reflection)" in out and "Open call" in out
    assert "1 private reflection title not shown (--include-private)" in out
    assert main(["goals", "show", "g1", "--include-private"]) == 0
    out = capsys.readouterr().out
    assert "Secret Zanzibar call" in out and "not shown" not in out


def test_show_withholds_a_note_quoting_a_private_reflection(
        workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    """A check-in note from a private reflection is withheld like its title (as the report
    does), unless --include-private."""
    from dataclasses import replace

    from tests.goal_fixtures import entry

    workspace.store.save_entry(replace(entry(3, "e-secret", title="Secret"), private=True),
                               None)
    workspace.store.save_entry(entry(4, "e-open", title="Open call"), None)
    workspace.store.save_goal(goal(Target(kind="manual"), ident="g1", check_ins=(
        replace(check_in(5, "c1", 10, entry_id="e-secret"), note="Zanzibar deal went sour"),
        replace(check_in(6, "c2", 20, entry_id="e-open"), note="Open note"))), None)
    assert main(["goals", "show", "g1"]) == 0
    out = capsys.readouterr().out
    assert "Zanzibar" not in out and "Open note" in out
    assert "(note from a private reflection; --include-private)" in out
    assert main(["goals", "show", "g1", "--include-private"]) == 0
    assert "Zanzibar deal went sour" in capsys.readouterr().out


def test_checkin_links_an_entry_that_exists(workspace: Workspace,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """--entry with a real entry id is saved on the check-in."""
    from tests.goal_fixtures import entry

    plant(workspace)
    workspace.store.save_entry(entry(3, "e-real"), None)
    assert main(["goals", "checkin", "manual", "--note", "see it", "--entry", "e-real"]) == 0
    assert workspace.store.goal("manual").value.check_ins[-1].entry_id == "e-real"


def test_show_names_the_bank_by_its_title(workspace: Workspace,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A score target names the bank by its title in the active language; unknown: its id."""
    plant(workspace)
    workspace.store.save_goal(goal(Target(kind="score", value=3.0, bank_id="gone-bank",
                                          step="listening"), ident="gone"), None)
    assert main(["goals", "show", "score"]) == 0
    out = capsys.readouterr().out
    assert "score in bank The five steps of a customer encounter reaches 4.0" in out
    assert main(["goals", "show", "gone"]) == 0
    assert "score in bank gone-bank reaches 3.0" in capsys.readouterr().out


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "target: 5 reflections using template Quick reflection"),
    ("fi", "Lyhyt pohdinta"),
])
def test_a_count_goal_names_its_template_by_title(capsys: pytest.CaptureFixture[str],
                                                  lang: str, expected: str) -> None:
    """A goal that counts one template's reflections says the template's title in the
    chosen language, not its id."""
    assert main(["goals", "new", "Reflect after calls", "--target", "count", "--count", "5",
                 "--template", "quick"]) == 0
    goal_id = capsys.readouterr().out.split("id: ")[1].split()[0]
    assert main(["--lang", lang, "goals", "show", goal_id]) == 0
    out = capsys.readouterr().out
    assert expected in out and " quick" not in out
