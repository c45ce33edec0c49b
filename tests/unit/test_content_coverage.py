"""What a coach checks over all shipped content: enough items per step, every mistake of the
catalogue asked about, time estimates that hold, and no words a coach would reject."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from kohtaa_tui.domain.banks import QuestionBank, bank_from_document
from kohtaa_tui.domain.catalogues import MISTAKES
from kohtaa_tui.domain.journal import JournalSchema, schema_from_document
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.repository import load_document

BANKS = sorted(shipped_dir("question_banks").glob("*.toml"))
SCHEMAS = sorted(shipped_dir("journal_schemas").glob("*.toml"))


def bank(path: Path) -> QuestionBank:
    """A shipped bank as the app loads it."""
    loaded, problems = load_document(path, bank_from_document)
    assert loaded is not None, problems
    return loaded.value


def schema(path: Path) -> JournalSchema:
    """A shipped journal schema as the app loads it."""
    loaded, problems = load_document(path, schema_from_document)
    assert loaded is not None, problems
    return loaded.value


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_every_scored_step_has_at_least_three_items(path: Path) -> None:
    """A step's score rests on three answers or more in every bank that scores it."""
    found = bank(path)
    for step in found.steps():
        count = sum(1 for item in found.scored_items if item.step == step)
        assert count >= 3, f"{path.name}: {step} has {count} items"


def test_every_mistake_of_the_catalogue_is_tagged_by_an_item() -> None:
    """Each mistake a reflection can be tagged with is asked about by at least one item of
    a shipped bank (its `mistake-<id>` tag), and no item tags a mistake that is not there."""
    tags = {tag for path in BANKS for item in bank(path).items for tag in item.tags}
    known = {f"mistake-{m.id}" for m in MISTAKES}
    assert known - tags == set()
    assert {t for t in tags if t.startswith("mistake-")} - known == set()


def test_every_mistake_is_filed_under_a_step() -> None:
    """A mistake links to one of the five steps."""
    for mistake in MISTAKES:
        assert mistake.step in STEP_IDS, mistake.id


def test_mistake_labels_read_in_one_form() -> None:
    """Finnish labels are built on a verbal noun (…minen), English ones on a gerund (…ing),
    so the list in the journal reads evenly."""
    for mistake in MISTAKES:
        fi, en = mistake.label.get("fi"), mistake.label.get("en")
        assert re.search(r"\w+(minen|lu)\b", fi), fi
        assert re.match(r"\w+ing\b", en), en


# Minutes a person needs per answer, to check that a stated estimate holds: a rated item
# about 10 seconds, an open question a minute; in a journal, a long text most of a minute.
_BANK_MINUTES = {"scale": 1 / 6, "open": 1.0}
_FIELD_MINUTES = {"long_text": 0.75, "short_text": 0.4, "step_ratings": 0.5}
_OTHER_FIELD = 0.15


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_a_banks_time_estimate_holds(path: Path) -> None:
    """The stated minutes cover the items at a brisk pace, and are not padded beyond twice."""
    found = bank(path)
    need = sum(_BANK_MINUTES[item.type] for item in found.items)
    assert found.estimated_minutes is not None
    assert math.ceil(need - 0.25) <= found.estimated_minutes <= 2 * need + 1, (
        f"{path.name}: {found.estimated_minutes} min for about {need:.1f}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.stem)
def test_a_templates_time_estimate_holds(path: Path) -> None:
    """A template's minutes cover its fields filled in (no two-minute template of ten
    fields), and the short one stays within two to five minutes."""
    found = schema(path)
    need = sum(_FIELD_MINUTES.get(f.type, _OTHER_FIELD) for f in found.fields)
    assert found.estimated_minutes is not None
    assert round(need) <= found.estimated_minutes <= 2 * need + 1, (
        f"{path.name}: {found.estimated_minutes} min for about {need:.1f}")
    if path.stem == "quick":
        assert 2 <= found.estimated_minutes <= 5


# Words a coach strikes: loaded ones nobody admits to, moralising ones, and dated ones.
_STRUCK = ("painost", "hoput", "sortu", "sorru", "alais", "entä sitten", "miten kohtasitte",
           "miten tapasitte")


def _all_texts() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path in [*BANKS, *SCHEMAS]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.lstrip().startswith("#"):
                out.append((path.name, line))
    for mistake in MISTAKES:
        out.append(("catalogue", mistake.label.get("fi")))
    return out


def test_no_loaded_or_moralising_words_in_the_items_text() -> None:
    """The item text never uses a loaded or moralising word (a reverse item's `high` anchor
    may describe the pressure from outside, but the person answers the text)."""
    for where, line in _all_texts():
        text = line.split("high =")[0].lower()
        for word in _STRUCK:
            assert not re.search(r"\b" + word, text), f"{where}: {word!r} in {line[:90]}"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_a_behaviour_counts_under_the_same_step_in_every_bank(path: Path) -> None:
    """An item's topic tag (what the behaviour is: naming a feeling is empathy) belongs to
    the item's own step, so the same behaviour never counts for listening in one bank and
    for communication in another."""
    from kohtaa_tui.domain.tips import SUBTOPICS

    step_of = {topic: step for step, topics in SUBTOPICS.items() for topic in topics}
    for item in bank(path).scored_items:
        for tag in item.tags:
            if tag in step_of:
                assert step_of[tag] == item.step, f"{path.name}: {item.id} ({tag})"


# Tags that name where a behaviour happens, not the behaviour: they may go with any step.
_CONTEXT_TAGS = {"encounter-responsibility", "written", "feedback-giving"}


def test_a_behaviour_tag_keeps_one_step_over_all_banks() -> None:
    """A tag naming a behaviour (defending oneself against criticism: feedback-receiving;
    agreeing goals: goals) goes with one step in every bank, topic or not."""
    steps: dict[str, set[str]] = {}
    for path in BANKS:
        for item in bank(path).scored_items:
            for tag in item.tags:
                if tag.startswith(("style-", "phase-")) or tag in _CONTEXT_TAGS:
                    continue
                assert item.step is not None
                steps.setdefault(tag, set()).add(item.step)
    assert {tag: s for tag, s in steps.items() if len(s) > 1} == {}
    assert steps["feedback-receiving"] == {"feedback"}


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.stem)
def test_a_rating_scales_labels_share_one_form(path: Path) -> None:
    """A rating's Finnish labels are all adverbs or all adjectives, never one of them a verb
    in the first person ("en lainkaan" among "vähän … täysin")."""
    for spec in schema(path).fields:
        for label in getattr(spec, "labels", ()) or ():
            assert not label.get("fi").startswith("en "), (path.name, spec.id, label)


def test_the_price_banks_customer_form_is_short() -> None:
    """Others answer the price bank in the third person; a customer gets only what a
    customer can notice (five to eight items), colleagues and managers every item."""
    found = bank(shipped_dir("question_banks") / "price-and-closing.toml")
    assert 5 <= len(found.observer_items("customer")) <= 8
    assert len(found.observer_items("manager")) == len(
        [i for i in found.scored_items if i.observer is not None])
    for item in found.observer_items("customer"):
        assert item.observer is not None and " hän " in f" {item.observer.get('fi')} "
