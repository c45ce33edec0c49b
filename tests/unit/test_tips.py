"""Tips follow the answers: the lowest items' tags name them; every subtopic has a tip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.banks import QuestionBank, bank_from_document
from kohtaa_tui.domain.catalogues import MISTAKES
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.domain.tips import (
    DEFAULTS,
    SUBTOPICS,
    TIPS,
    get_tip,
    lowest_items,
    step_tips,
    tips_for,
)
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.repository import load_document

SHIPPED = sorted(shipped_dir("question_banks").glob("*.toml"))


def shipped(path: Path) -> QuestionBank:
    """A shipped bank, loaded as the app loads it."""
    loaded, problems = load_document(path, bank_from_document)
    assert loaded is not None, problems
    return loaded.value


def core() -> QuestionBank:
    """The core bank."""
    return shipped(shipped_dir("question_banks") / "core.toml")


def test_every_subtopic_of_every_step_has_a_tip() -> None:
    """What each step covers in DOMAIN.md has at least one tip, staying calm in conflict and
    self-respect included; each tip's topic is one of its step's."""
    assert set(SUBTOPICS) == set(STEP_IDS)
    for step_id, topics in SUBTOPICS.items():
        for topic in topics:
            assert any(t.step == step_id and t.topic == topic for t in TIPS), (step_id, topic)
    assert "calm" in SUBTOPICS["negotiation"] and "self-respect" in SUBTOPICS["positivity"]
    for tip in TIPS:
        assert tip.topic in SUBTOPICS[tip.step], tip.id


def test_tips_are_unique_and_in_both_languages() -> None:
    """Ids and texts differ; Finnish and English both written, Finnish quotes in Finnish."""
    assert len({t.id for t in TIPS}) == len(TIPS)
    assert len({t.text.get("fi") for t in TIPS}) == len(TIPS)
    for tip in TIPS:
        fi, en = tip.text.get("fi"), tip.text.get("en")
        assert fi and en and fi != en, tip.id
        assert '"' not in fi and "“" not in fi, tip.id
    for step_id, ids in DEFAULTS.items():
        assert len(ids) == 3 and all(get_tip(i).step == step_id for i in ids)
        assert len(step_tips(step_id)) >= 3


def test_every_mistake_in_the_catalogue_has_a_tip() -> None:
    """An item tagged with any mistake of the journal's catalogue names a tip for it."""
    for mistake in MISTAKES:
        assert any(f"mistake-{mistake.id}" in t.tags for t in TIPS), mistake.id


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_scored_item_names_a_tip_of_its_step(path: Path) -> None:
    """Each scored item of a shipped bank has a tag that names a tip of the item's own step,
    so the tips always follow the answers."""
    bank = shipped(path)
    for item in bank.scored_items:
        assert any(t.step == item.step and t.answers(item) for t in TIPS), (
            f"{path.name}: {item.id} names no {item.step} tip (tags {item.tags})")


def test_the_same_step_score_with_different_low_answers_gives_different_tips() -> None:
    """Two people score listening the same, one low on interrupting, one on the screen:
    each is told first about what they answered low."""
    bank = core()
    listening = [i for i in bank.scored_items if i.step == "listening"]
    high = {i.id: (1 if i.reverse else 5) for i in listening}
    interrupts = {**high, "listening-interrupt-known": 5, "listening-let-finish": 1}
    glances = {**high, "listening-glance-screen": 5, "listening-summarise": 1}
    first = tips_for(bank, interrupts, "listening")
    second = tips_for(bank, glances, "listening")
    assert first[0].id == "go-on"
    assert [t.id for t in second] == ["say-back", "phone-away", "count-to-three"]
    assert first != second
    assert len(first) == len(second) == 3


def test_the_lowest_item_comes_first() -> None:
    """The lowest keyed answer names the first tip, reverse keying counted."""
    bank = core()
    answers = {"negotiation-ask-first": 3, "negotiation-rush-decision": 5,  # reverse: 1
               "negotiation-accept-no": 2}
    assert [i.id for i in lowest_items(bank, answers, "negotiation")] == [
        "negotiation-rush-decision", "negotiation-accept-no", "negotiation-ask-first"]
    assert [t.id for t in tips_for(bank, answers, "negotiation")] == [
        "what-to-decide", "thank-for-no", "aim-first"]


def test_top_answers_and_no_bank_give_the_steps_defaults() -> None:
    """Answers at the top of the scale ask for nothing; without the bank, the defaults."""
    bank = core()
    top = {i.id: (1 if i.reverse else 5) for i in bank.scored_items}
    assert lowest_items(bank, top, "feedback") == []
    assert [t.id for t in tips_for(bank, top, "feedback")] == list(DEFAULTS["feedback"])
    assert [t.id for t in tips_for(None, {}, "positivity")] == list(DEFAULTS["positivity"])


@given(st.data())
def test_tips_are_few_distinct_and_fit(data: st.DataObject) -> None:
    """Whatever was answered: at most the limit, no tip twice, and every tip either named by
    one of the step's low items or one of the step's defaults."""
    bank = core()
    answers = {i.id: data.draw(st.integers(1, 5)) for i in bank.scored_items
               if data.draw(st.booleans())}
    step_id = data.draw(st.sampled_from(STEP_IDS))
    limit = data.draw(st.integers(1, 4))
    tips = tips_for(bank, answers, step_id, limit)
    assert min(limit, 3) <= len(tips) <= limit
    assert len(set(tips)) == len(tips)
    low = lowest_items(bank, answers, step_id)
    for tip in tips:
        assert any(tip.answers(item) for item in low) or tip.id in DEFAULTS[step_id]
    if low:
        assert tips[0].answers(low[0])
