"""Scoring properties: reverse keying, staying on the scale, what does and does not count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from kohtaa_tui.domain.assessment import (
    AssessmentResult,
    finish,
    goal_target_value,
    keyed_value,
    previous_result,
    score_answers,
    score_changes,
    strongest_and_weakest,
)
from kohtaa_tui.domain.banks import BankItem, QuestionBank, Scale
from kohtaa_tui.domain.charts import bar, sparkline
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.domain.text import LocalText

TEXT = LocalText.of({"fi": "x", "en": "x"})


@st.composite
def scales(draw: st.DrawFn) -> Scale:
    """A scale of 2..11 points starting anywhere from -5 to 5."""
    low = draw(st.integers(-5, 5))
    points = draw(st.integers(2, 11))
    return Scale(min=low, max=low + points - 1, labels=tuple(TEXT for _ in range(points)))


@st.composite
def banks(draw: st.DrawFn) -> QuestionBank:
    """A bank with 1..20 items over random steps, some reversed, some open."""
    scale = draw(scales())
    count = draw(st.integers(1, 20))
    items = []
    for n in range(count):
        kind = draw(st.sampled_from(["scale", "scale", "scale", "open"]))
        step = draw(st.sampled_from(STEP_IDS))
        items.append(BankItem(id=f"i{n}", type=kind, step=step if kind == "scale" else None,
                              text=TEXT, reverse=kind == "scale" and draw(st.booleans())))
    return QuestionBank(id="b", version=1, title=TEXT, description=TEXT, author="t",
                        languages=("fi", "en"), scale=scale, items=tuple(items))


@st.composite
def answered(draw: st.DrawFn) -> tuple[QuestionBank, dict[str, int]]:
    """A bank and answers to a random subset of its items (some off the scale)."""
    bank = draw(banks())
    answers: dict[str, int] = {}
    for entry in bank.items:
        if draw(st.booleans()):
            answers[entry.id] = draw(st.integers(bank.scale.min - 3, bank.scale.max + 3))
    return bank, answers


@given(scales(), st.data())
def test_reverse_keying_mirrors_the_scale(scale: Scale, data: st.DataObject) -> None:
    """Reverse keying maps min to max, max to min, and is its own inverse."""
    reverse = BankItem(id="r", type="scale", step="listening", text=TEXT, reverse=True)
    plain = BankItem(id="p", type="scale", step="listening", text=TEXT)
    assert keyed_value(reverse, scale, scale.min) == scale.max
    assert keyed_value(reverse, scale, scale.max) == scale.min
    value = data.draw(st.integers(scale.min, scale.max))
    assert keyed_value(reverse, scale, keyed_value(reverse, scale, value)) == value
    assert keyed_value(plain, scale, value) == value
    assert scale.min <= keyed_value(reverse, scale, value) <= scale.max


@given(answered())
def test_scores_stay_on_the_scale(case: tuple[QuestionBank, dict[str, int]]) -> None:
    """Every score lies within the bank's scale."""
    bank, answers = case
    for score in score_answers(bank, answers).values():
        assert bank.scale.min <= score <= bank.scale.max


@given(answered())
def test_a_step_without_answers_has_no_score(case: tuple[QuestionBank,
                                                         dict[str, int]]) -> None:
    """A step is scored exactly when it has an answered item on the scale; never zero-filled."""
    bank, answers = case
    scores = score_answers(bank, answers)
    for step in STEP_IDS:
        has_answer = any(i.scored and i.step == step and bank.scale.contains(answers.get(i.id))
                         for i in bank.items)
        assert (step in scores) == has_answer


@given(answered(), st.data())
def test_unanswered_items_do_not_count(case: tuple[QuestionBank, dict[str, int]],
                                       data: st.DataObject) -> None:
    """Dropping answers to other steps, or off-scale answers, changes no score."""
    bank, answers = case
    scores = score_answers(bank, answers)
    cleaned = {k: v for k, v in answers.items() if bank.scale.contains(v)}
    assert score_answers(bank, cleaned) == scores
    assume(scores)
    step = data.draw(st.sampled_from(sorted(scores)))
    only_step = {k: v for k, v in cleaned.items()
                 if (i := bank.item(k)) is not None and i.step == step}
    assert score_answers(bank, only_step) == {step: scores[step]}


@given(answered())
def test_score_is_the_mean_of_keyed_answers(case: tuple[QuestionBank,
                                                        dict[str, int]]) -> None:
    """Each score is the mean of its items' keyed answers."""
    bank, answers = case
    for step, score in score_answers(bank, answers).items():
        values = [keyed_value(i, bank.scale, answers[i.id]) for i in bank.scored_items
                  if i.step == step and bank.scale.contains(answers.get(i.id))]
        assert abs(score - sum(values) / len(values)) < 1e-9


@given(answered())
def test_finish_keeps_only_what_counts(case: tuple[QuestionBank, dict[str, int]]) -> None:
    """A finished result holds the on-scale answers to scale items and their scores."""
    bank, answers = case
    now = datetime(2026, 11, 22, tzinfo=UTC)
    result = finish(bank, "sha256:x", "r1", answers, {}, None, now, "fi")
    assert all(bank.scale.contains(v) for v in result.answers.values())
    assert dict(result.scores) == score_answers(bank, answers)
    assert (result.scale_min, result.scale_max) == (bank.scale.min, bank.scale.max)


@given(st.dictionaries(st.sampled_from(STEP_IDS), st.floats(1, 5), min_size=1))
def test_strongest_and_weakest(scores: dict[str, float]) -> None:
    """The strongest step has the top score and the weakest the bottom one."""
    pair = strongest_and_weakest(scores)
    assert pair is not None
    assert scores[pair[0]] == max(scores.values())
    assert scores[pair[1]] == min(scores.values())


def test_no_scores_no_extremes_and_changes_only_where_both() -> None:
    """No scores: no strongest/weakest. Changes exist only for steps scored twice."""
    assert strongest_and_weakest({}) is None
    assert score_changes({"listening": 3.5, "feedback": 2.0},
                         {"listening": 3.0, "communication": 4.0}) == {"listening": 0.5}


@given(st.floats(-5, 10), st.integers(1, 10))
def test_goal_target_is_reachable(current: float, scale_max: int) -> None:
    """The goal's target is at most the scale's maximum and at most half a point up."""
    value = goal_target_value(current, scale_max)
    assert value <= scale_max
    assert value <= round(current + 0.5, 1)
    assert value == round(value, 1)


def _result(rid: str, bank: str, when: datetime) -> AssessmentResult:
    return AssessmentResult(id=rid, bank_id=bank, bank_version=1, bank_hash="h", completed=when,
                            scale_min=1, scale_max=5, answers={}, scores={})


def test_previous_result_is_the_latest_earlier_one_of_the_same_bank() -> None:
    """Other banks and later results are ignored."""
    base = datetime(2026, 1, 1, tzinfo=UTC)
    first = _result("a", "core", base)
    second = _result("b", "core", base + timedelta(days=7))
    other = _result("c", "dialogic", base + timedelta(days=8))
    current = _result("d", "core", base + timedelta(days=9))
    later = _result("e", "core", base + timedelta(days=10))
    assert previous_result([later, other, first, second, current], current) == second
    assert previous_result([current, other], current) is None


@given(st.floats(-10, 10), scales())
def test_bar_width_is_fixed(value: float, scale: Scale) -> None:
    """A bar is always as wide as asked, full at the top of the scale, empty at the bottom."""
    drawn = bar(value, scale.min, scale.max, 20)
    assert len(drawn) == 20
    assert bar(scale.max, scale.min, scale.max, 10) == "█" * 10
    assert bar(scale.min, scale.min, scale.max, 10) == "░" * 10


def test_sparkline_marks_gaps_and_keeps_the_last_values() -> None:
    """One character per value; a missing score is a visible gap."""
    assert sparkline([1, None, 5], 1, 5) == "▁·█"
    assert sparkline([1.0] * 50, 1, 5, width=40) == "▁" * 40
