"""`kohtaa bank validate` names every problem of a bank, and the shipped banks pass it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.banks import QuestionBank, bank_from_document
from kohtaa_tui.domain.steps import STEPS
from kohtaa_tui.domain.text import LocalText
from kohtaa_tui.domain.tips import step_tips
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.repository import load_document

HEADER = """schema_version = 1
kind = "question_bank"
id = "tiny"
version = 1
title = { fi = "Pieni", en = "Tiny" }
description = { fi = "Kuvaus", en = "Description" }
author = "test"
languages = ["fi", "en"]
"""

SCALE = """
[scale]
min = 1
max = 3
labels = [
    { fi = "harvoin", en = "rarely" },
    { fi = "joskus", en = "sometimes" },
    { fi = "usein", en = "often" },
]
"""


def item(ident: str, step: str | None = "listening", extra: str = "",
         text: str = '{ fi = "Kuuntelen.", en = "I listen." }') -> str:
    """One [[items]] table."""
    step_line = f'step = "{step}"\n' if step else ""
    return f"\n[[items]]\nid = \"{ident}\"\n{step_line}text = {text}\n{extra}"


GOOD = HEADER + SCALE + item("a") + item("b", "feedback", "reverse = true\n")


def validate(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `kohtaa bank validate` on `text`; returns the exit code and the output."""
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")
    code = main(["bank", "validate", str(path)])
    return code, capsys.readouterr().out


def test_a_good_bank_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The base bank of these tests is valid."""
    code, out = validate(tmp_path, GOOD, capsys)
    assert code == 0, out
    assert "ok: tiny version 1, 2 items" in out


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(HEADER + SCALE + item("a", "listenin"),
                 "items[1].step: 'listenin' is not a skill step", id="unknown-step"),
    pytest.param(HEADER + SCALE + item("a") + item("a"),
                 "items[2].id: item id 'a' is used twice", id="duplicate-item-id"),
    pytest.param(HEADER + SCALE + item("a", text='{ fi = "Kuuntelen." }'),
                 "items[1].text: has no en text", id="missing-translation"),
    pytest.param(HEADER + SCALE + item("a") + item("o", None, 'type = "open"\nreverse = true\n'),
                 "items[2].reverse: an open item is not scored", id="reverse-on-open-item"),
    pytest.param(HEADER + SCALE + item("a") + item("o", "feedback", 'type = "open"\n'),
                 "step 'feedback' has only open items", id="step-with-only-open-items"),
    pytest.param(HEADER + SCALE + item("o", None, 'type = "open"\n'),
                 "items: has no scored item", id="no-scored-item"),
    pytest.param(HEADER + SCALE.replace('    { fi = "usein", en = "often" },\n', "")
                 + item("a"),
                 "scale.labels: has 2 labels, but the scale has 3 points",
                 id="labels-do-not-match-scale"),
    pytest.param(HEADER + SCALE.replace("max = 3", "max = 1") + item("a"),
                 "scale.max: must be greater than min", id="empty-scale"),
    pytest.param(HEADER + SCALE.replace("max = 3", "max = 20") + item("a"),
                 "the scale has 20 points; the limit is 11", id="too-many-points"),
    pytest.param(HEADER + SCALE + item("a", None),
                 "items[1].step: is missing", id="scored-item-without-step"),
    pytest.param(HEADER.replace('languages = ["fi", "en"]\n', "") + SCALE + item("a"),
                 "languages: is missing", id="no-languages"),
    pytest.param(HEADER.replace('id = "tiny"', 'id = "../etc"') + SCALE + item("a"),
                 "id: '../etc' is not a valid id", id="bad-bank-id"),
    pytest.param(HEADER.replace("version = 1", "version = 0") + SCALE + item("a"),
                 "version: is 0", id="version-zero"),
    pytest.param(HEADER + SCALE + item("a", extra='type = "multiple"\n'),
                 "items[1].type: 'multiple' is not one of: scale, open", id="unknown-type"),
])
def test_each_problem_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  text: str, expected: str) -> None:
    """Each broken bank fails with exit 1 and a line naming the problem and the file."""
    code, out = validate(tmp_path, text, capsys)
    assert code == 1
    assert expected in out
    assert str(tmp_path / "bank.toml") in out


def test_every_problem_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Several problems in one file are all reported, not only the first."""
    text = (HEADER + SCALE + item("a", "listenin") + item("a")
            + item("o", None, 'type = "open"\nreverse = true\n'))
    code, out = validate(tmp_path, text, capsys)
    assert code == 1
    assert "not a skill step" in out
    assert "used twice" in out
    assert "cannot be reverse-keyed" in out


def _located(out: str, path: Path) -> list[tuple[int, str]]:
    """Each output line about `path` as (line number, the rest); the file's own lines as 0."""
    found = []
    for line in out.splitlines():
        assert line.startswith(str(path)), line
        rest = line[len(str(path)) + 1:]
        number, _sep, message = rest.partition(": ")
        found.append((int(number), message) if number.isdigit() else (0, rest))
    return found


def test_every_problem_in_one_run_sorted_by_line(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A file with a problem in each part names them all, in the order of the file, one line
    each; a duplicated or unnamed item is still checked, labels count from 1 like items, and
    a misspelt key gets a suggestion."""
    text = (HEADER + SCALE.replace('    { fi = "usein", en = "often" },\n',
                                   '    { fi = "usein" },\n    { en = "always" },\n')
            + item("a", "listenin") + item("b", extra='revrse = true\n')
            + item("a", "feedback", text='{ fi = "Palaute." }')
            + '\n[[items]]\nstep = "feedback"\ntxt = { fi = "x", en = "x" }\n')
    code, out = validate(tmp_path, text, capsys)
    assert code == 1
    path = tmp_path / "bank.toml"
    found = _located(out, path)
    numbers = [number for number, _message in found]
    assert numbers == sorted(numbers) and all(numbers), out
    messages = "\n".join(message for _n, message in found)
    assert "scale.labels: has 4 labels, but the scale has 3 points" in messages
    assert "scale.labels[3]: has no en text" in messages
    assert "scale.labels[4]: has no fi text" in messages
    assert "items[1].step: 'listenin' is not a skill step" in messages
    assert "items[2].revrse: is not a key kohtaa knows, so it is ignored; did you mean " \
           "`reverse`?" in messages
    assert "items[3].id: item id 'a' is used twice" in messages
    assert "items[3].text: has no en text" in messages
    assert "items[4].id: is missing" in messages
    assert "items[4].text: is missing" in messages
    assert "items[4].txt: is not a key kohtaa knows, so it is ignored; did you mean `text`?" \
        in messages
    lines = text.split("\n")
    step_line = next(n for n, message in found if "'listenin'" in message)
    assert lines[step_line - 1] == 'step = "listenin"'


def test_unknown_key_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown key is reported, but the bank is still valid."""
    code, out = validate(tmp_path, GOOD.replace('author = "test"', 'author = "test"\ncolour = 1'),
                         capsys)
    assert code == 0
    assert "warning: colour: is not a key kohtaa knows" in out


SHIPPED = sorted(shipped_dir("question_banks").glob("*.toml"))


def test_the_five_banks_are_shipped() -> None:
    """The shipped banks named in the issue are all there."""
    assert {p.stem for p in SHIPPED} == {"core", "after-meeting", "development-discussion",
                                         "difficult-customer", "dialogic", "channels",
                                         "price-and-closing"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_bank_validates(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kohtaa bank validate` passes every shipped bank, without warnings."""
    assert main(["bank", "validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "ok:" in out
    assert "warning" not in out


def _texts(bank: QuestionBank) -> list[tuple[str, LocalText]]:
    found: list[tuple[str, LocalText]] = [("title", bank.title),
                                          ("description", bank.description)]
    found += [(f"scale label {n}", label) for n, label in enumerate(bank.scale.labels, 1)]
    for entry in bank.items:
        found.append((f"{entry.id}.text", entry.text))
        found += [(f"{entry.id}.{k}", t) for k, t in (("low", entry.low), ("high", entry.high))
                  if t is not None]
    return found


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_bank_texts_exist_in_both_languages(path: Path) -> None:
    """Every text of every shipped bank is written in Finnish and in English, and differs."""
    loaded, problems = load_document(path, bank_from_document)
    assert loaded is not None, problems
    assert set(loaded.value.languages) == {"fi", "en"}
    for where, text in _texts(loaded.value):
        assert text.has("fi") and text.has("en"), f"{path.name}: {where}"
        assert not text.is_plain, f"{path.name}: {where} is one text for both languages"


def test_step_texts_exist_in_both_languages() -> None:
    """Each step's name, mistake, gain, tips and goal ideas exist in both languages."""
    for step in STEPS:
        texts = [step.name, step.short, step.mistake, step.gain,
                 *(tip.text for tip in step_tips(step.id)),
                 *(idea.text for idea in step.goal_ideas), step.score_goal]
        assert len(step_tips(step.id)) >= 3 and step.goal_ideas
        for text in texts:
            assert text.get("fi") and text.get("en")
            assert text.get("fi") != text.get("en") or len(text.get("en")) < 12
