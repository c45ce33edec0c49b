"""Every JSON the command line prints: bidi overrides, DEL and C1 controls come out escaped."""

from __future__ import annotations

import json
import re

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.commands.output import print_json, safe_json
from kohtaa_tui.domain.goals import Target
from kohtaa_tui.services.workspace import Workspace
from tests import hostile
from tests.goal_fixtures import check_in, entry, goal

ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f"
                    r"\u061c\u2028\u2029]")


@pytest.mark.parametrize("payload", [*hostile.PAYLOADS, hostile.ALL_IN_ONE])
def test_print_json_escapes_what_a_terminal_acts_on(payload: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The printed JSON holds no raw control or bidi character and reads back the same."""
    value = {"text": payload, "list": [payload, "\u202e\u0085\x9b"]}
    print_json(value)
    out = capsys.readouterr().out
    assert not ACTIVE.search(out)
    assert json.loads(out) == value
    assert "\\u202e" in safe_json("\u202e") and "\\u0085" in safe_json("\u0085")


def test_every_json_command_is_escaped(workspace: Workspace,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile goal titles, notes and entry titles come out inert in each --format json."""
    text = hostile.ALL_IN_ONE + hostile.BIDI + "\u0085\x9b"
    workspace.store.save_entry(entry(3, "e-bad", title=text), None)
    workspace.store.save_goal(goal(Target(kind="manual"), ident="g1", title=text,
                                   check_ins=(check_in(5, "c1", 10, note=text),)), None)
    for argv in (["goals", "list", "--format", "json"],
                 ["journal", "list", "--format", "json"],
                 ["report", "--format", "json"]):
        assert main(argv) == 0, argv
        out = capsys.readouterr().out
        assert not ACTIVE.search(out), argv
        json.loads(out)
