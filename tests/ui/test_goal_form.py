"""The new-goal dialog and `kohtaa goals new` refuse the same bad fields in the same words,
in English and in Finnish (both ask services/goal_form.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from kohtaa_tui import i18n
from kohtaa_tui.cli import main
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.goal_form import GoalFields, GoalProblem, check_goal_fields
from kohtaa_tui.services.workspace import open_workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.new_goal import NewGoalModal
from tests.conftest import FIXED_NOW
from tests.ui.test_fast_input import settle

START = "22.11.2026"
BAD: dict[str, dict[str, str]] = {
    "no title": {"title": "   "},
    "a due day that is not one": {"due": "soon"},
    "due before the start": {"due": "1.1.2026"},
    "a start that is not a day": {"start": "yesterday"},
    "a score without a step": {"kind": "score"},
    "a score without a bank": {"kind": "score", "step": "listening", "bank": ""},
    "a score that is not a number": {"kind": "score", "step": "listening", "value": "lots"},
    "a score out of range": {"kind": "score", "step": "listening", "value": "101"},
    "no reflections": {"kind": "count", "count": "0"},
    "a count that is not whole": {"kind": "count", "count": "2,5"},
    "a rating out of range": {"kind": "count", "count": "5", "min_rating": "9",
                              "step": "listening"},
    "a rating without a step": {"kind": "count", "count": "5", "min_rating": "4"},
}
"""Each case: the fields that differ from a good manual goal."""

INPUTS = {"title": "#goal-title", "due": "#goal-due", "start": "#goal-start",
          "value": "#goal-value", "count": "#goal-count", "min_rating": "#goal-min-rating"}
SELECTS = {"kind": "#goal-kind", "step": "#goal-step", "bank": "#goal-bank"}
OPTIONS = {"due": "--due", "start": "--start", "kind": "--target", "step": "--step",
           "bank": "--bank", "value": "--value", "count": "--count",
           "min_rating": "--min-rating"}


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """Each test leaves the catalogue in English, as the other tests expect it."""
    yield
    i18n.set_language("en")


def fields_of(case: dict[str, str]) -> GoalFields:
    values = {"title": "Listen to the end", "start": START, "bank": "core", **case}
    return GoalFields(
        title=values["title"], start=values["start"], due=values.get("due", ""),
        step=values.get("step") or None, kind=values.get("kind", "manual"),
        bank=values["bank"] or None, value=values.get("value", ""),
        count=values.get("count", ""), min_rating=values.get("min_rating", ""))


async def dialog_says(lang: str, case: dict[str, str]) -> str:
    """What the dialog's error line shows after Ctrl+S with the case's fields."""
    workspace = open_workspace(lang=lang, clock=FixedClock(FIXED_NOW))
    app = KohtaaApp(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.action_new_goal()
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, NewGoalModal)
        values = {"title": "Listen to the end", "start": START, **case}
        for key, selector in SELECTS.items():  # the kind first: it shows its fields
            if key in values:
                modal.query_one(selector, Select).value = values[key] or Select.NULL
        for key, selector in INPUTS.items():
            if key in values:
                modal.query_one(selector, Input).value = values[key]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal, "the dialog saved a goal it should have refused"
        return str(modal.query_one("#goal-error", Static).content)


def cli_says(lang: str, case: dict[str, str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one line `kohtaa goals new` ends with for the case's fields."""
    values = {"title": "Listen to the end", "start": START, "bank": "core", **case}
    argv = ["--lang", lang, "goals", "new", values["title"]]
    for key, option in OPTIONS.items():
        if values.get(key):
            argv += [option, values[key]]
    capsys.readouterr()
    assert main(argv) == 2  # wrong usage, as the README's exit codes say
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith("kohtaa: ")
    return line.removeprefix("kohtaa: ")


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("name", list(BAD))
async def test_the_dialog_and_the_command_refuse_in_the_same_words(
        name: str, lang: str, capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    case = BAD[name]
    i18n.set_language(lang)
    problem = check_goal_fields(fields_of(case))
    assert isinstance(problem, GoalProblem)
    shown = await dialog_says(lang, case)
    said = cli_says(lang, case, capsys)
    assert shown == problem.reason
    # The command names the option and the value typed before the same words.
    typed = fields_of(case).__getattribute__(problem.field)
    named = f"{OPTIONS[problem.field]} {typed}: " if problem.field in OPTIONS and typed else ""
    assert said == named + problem.reason
    if lang == "fi":
        i18n.set_language("en")
        english = check_goal_fields(fields_of(case))
        assert isinstance(english, GoalProblem)
        assert english.reason != problem.reason, "the Finnish reason is the English one"
    assert not (data_dir / "goals").exists() or not any((data_dir / "goals").iterdir())


def test_the_command_saves_a_good_goal(capsys: pytest.CaptureFixture[str],
                                       data_dir: Path) -> None:
    """The same fields, good this time: the goal is saved with its count target."""
    assert main(["goals", "new", "Ask one more question", "--target", "count",
                 "--count", "5", "--min-rating", "4", "--step", "listening",
                 "--start", "2026-11-22", "--due", "31.12.2026"]) == 0
    out = capsys.readouterr().out
    assert "goal saved to" in out
    assert main(["goals", "list", "--format", "json"]) == 0
    import json

    [saved] = json.loads(capsys.readouterr().out)
    assert saved["title"] == "Ask one more question"
    assert saved["target"] == {"kind": "count", "value": None, "bank": None,
                               "step": "listening", "count": 5, "journal_schema": None,
                               "min_rating": 4}
    assert saved["start"] == "2026-11-22" and saved["due"] == "2026-12-31"


def test_the_command_names_no_bank_or_template_that_is_not_installed(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The dialog offers only installed banks and templates; the command checks them and
    names the option and the value (wrong usage: exit code 2)."""
    assert main(["goals", "new", "X", "--target", "score", "--step", "listening",
                 "--bank", "nosuch", "--value", "4"]) == 2
    assert "--bank nosuch: Choose the bank whose score counts." in capsys.readouterr().err
    assert main(["goals", "new", "X", "--target", "count", "--count", "3",
                 "--template", "nosuch"]) == 2
    assert ("--template nosuch: Choose a template that is installed, or none."
            in capsys.readouterr().err)
    assert main(["goals", "new", "X", "--target", "often"]) == 2
    assert "--target often: Choose the kind" in capsys.readouterr().err
    assert main(["goals", "new", "X", "--step", "singing"]) == 2
    assert "--step singing: Choose one of the five steps, or none." in capsys.readouterr().err
