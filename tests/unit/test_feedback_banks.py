"""The shipped banks others can answer: observer wording on every scored item, role subsets."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.banks import QuestionBank, bank_from_document
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.repository import load_document

# Every shipped bank can be asked of others: the list is read from the folder, so a new bank
# without observer wording fails below.
ASKABLE = tuple(p.stem for p in sorted(shipped_dir("question_banks").glob("*.toml")))


def shipped(bank_id: str) -> QuestionBank:
    loaded, problems = load_document(shipped_dir("question_banks") / f"{bank_id}.toml",
                                     bank_from_document)
    assert loaded is not None, problems
    return loaded.value


@pytest.mark.parametrize("bank_id", ASKABLE)
def test_every_scored_item_has_observer_wording(bank_id: str) -> None:
    """In both languages, different from the self text, and about someone else."""
    bank = shipped(bank_id)
    assert bank.scored_items
    for item in bank.scored_items:
        assert item.observer is not None, f"{bank_id}: {item.id} has no observer wording"
        for lang in ("fi", "en"):
            assert item.observer.has(lang), f"{bank_id}: {item.id} observer in {lang}"
            assert item.observer.get(lang) != item.text.get(lang)
        english = item.observer.get("en")
        assert not re.search(r"\b(I|I'm|my|me|myself)\b", english), (bank_id, item.id, english)
        finnish = item.observer.get("fi")
        assert not re.search(r"\b(minä|minun|minua|minulla|minulle)\b", finnish, re.I), (
            bank_id, item.id, finnish)


def test_the_customer_form_of_core_is_a_shorter_subset_over_every_step() -> None:
    bank = shipped("core")
    everyone = {item.id for item in bank.scored_items}
    for role in ("manager", "coach", "colleague"):
        assert {item.id for item in bank.observer_items(role)} == everyone
    customer = bank.observer_items("customer")
    assert 0 < len(customer) < len(everyone)
    assert {item.step for item in customer} == set(STEP_IDS)
    # What goes on in the person's head or away from the customer is not asked of one.
    asked = {item.id for item in customer}
    assert "feedback-review-difficult" not in asked and "listening-prepare-reply" not in asked
    assert "listening-let-finish" in asked


def test_a_development_discussion_is_not_asked_of_a_customer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = shipped("development-discussion")
    assert not bank.observer_items("customer")
    assert len(bank.observer_items("colleague")) == len(bank.scored_items)
    out = tmp_path / "r.toml"
    assert main(["--lang", "en", "feedback", "request", "--bank", "development-discussion",
                 "--role", "customer", "--from", "K", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no questions for the role customer" in err
    assert main(["--lang", "fi", "feedback", "request", "--bank", "development-discussion",
                 "--role", "customer", "--from", "K", "-o", str(out)]) == 1
    assert "ei ole kysymyksiä roolille asiakas" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(("bank_id", "role"), [("core", "customer"), ("core", "manager"),
                                               ("development-discussion", "colleague")])
def test_request_and_answer_a_shipped_bank(bank_id: str, role: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A request names the bank; the terminal asks exactly the role's items; import takes it."""
    bank = shipped(bank_id)
    items = bank.observer_items(role)
    req = tmp_path / "req.toml"
    assert main(["--lang", "en", "feedback", "request", "--bank", bank_id, "--role", role,
                 "--from", "Kettu", "-o", str(req)]) == 0
    capsys.readouterr()
    form = req.with_suffix(".html").read_text(encoding="utf-8")
    for item in items:
        assert item.id in form
    lines = ["4"] * len(items) + ["fine", ""]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    out = tmp_path / "answer.toml"
    assert main(["--lang", "fi", "feedback", "answer", str(req), "-o", str(out)]) == 0
    shown = capsys.readouterr().out
    assert f"{len(items)}/{len(items)}. {items[-1].observer.get('fi')}" in shown  # type: ignore[union-attr]
    doc = tomllib.loads(out.read_text(encoding="utf-8"))
    assert doc["answers"] == {item.id: 4 for item in items}
    assert main(["feedback", "import", str(out)]) == 0


@pytest.mark.parametrize("bank_id", ASKABLE)
def test_every_role_is_asked_a_form_over_the_banks_steps(bank_id: str) -> None:
    """A manager and a coach are asked every scored item; a customer, when asked at all, gets
    a short form (five to eight items a customer can notice) in the third person."""
    bank = shipped(bank_id)
    assert len(ASKABLE) == 7
    for role in ("manager", "coach"):
        assert [i.id for i in bank.observer_items(role)] == [i.id for i in bank.scored_items]
    customer = bank.observer_items("customer")
    if customer:
        assert 5 <= len(customer) <= 8, (bank_id, len(customer))
    for item in customer:
        assert item.observer is not None and " hän " in f" {item.observer.get('fi')} "
