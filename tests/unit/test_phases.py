"""Phase tags give a result per relationship phase."""

from __future__ import annotations

import pytest

from kohtaa_tui.domain.banks import bank_from_document
from kohtaa_tui.domain.phases import PHASE_TAG, PHASES, phase_scores
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.repository import load_document


def dialogic():  # type: ignore[no-untyped-def]
    """The shipped dialogic bank."""
    loaded, problems = load_document(shipped_dir("question_banks") / "dialogic.toml",
                                     bank_from_document)
    assert loaded is not None, problems
    return loaded.value


def test_every_phase_of_the_dialogic_bank_is_known_and_has_three_items() -> None:
    """The shipped bank's phase tags are the known phases, each asked three times or more."""
    bank = dialogic()
    known = {p.id for p in PHASES}
    for phase in known:
        count = sum(1 for i in bank.scored_items if f"{PHASE_TAG}{phase}" in i.tags)
        assert count >= 3, phase
    tagged = {t[len(PHASE_TAG):] for i in bank.items for t in i.tags if t.startswith(PHASE_TAG)}
    assert tagged == known
    for phase in PHASES:
        assert phase.name.get("fi") and phase.style.get("en") and phase.style.get("fi")


def test_a_phase_score_is_the_mean_of_its_keyed_answers() -> None:
    """Low answers in the challenges phase only: that phase is lowest, the others at the top;
    reverse items are mirrored; unanswered phases are absent."""
    bank = dialogic()
    top = {i.id: (1 if i.reverse else 5) for i in bank.scored_items}
    challenges = [i for i in bank.scored_items if "phase-challenges" in i.tags]
    low = {**top, **{i.id: (5 if i.reverse else 1) for i in challenges}}
    scores = phase_scores(bank, low)
    assert scores == {"beginning": 5.0, "development": 5.0, "challenges": 1.0}
    only_begin = {i.id: 3 for i in bank.scored_items if "phase-beginning" in i.tags}
    assert phase_scores(bank, only_begin) == {"beginning": pytest.approx(3.0)}


def test_a_bank_without_phase_tags_has_no_phase_result() -> None:
    """The core bank tags no phases."""
    loaded, _ = load_document(shipped_dir("question_banks") / "core.toml", bank_from_document)
    assert loaded is not None
    bank = loaded.value
    assert phase_scores(bank, {i.id: 3 for i in bank.scored_items}) == {}
