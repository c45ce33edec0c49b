"""The result is read as a coach would: ties and near-ties as ties, all-high as all-high,
never one step both strongest and weakest; each step's cost is said to the person."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.reading import read_scores
from kohtaa_tui.domain.steps import STEP_IDS, STEPS


def test_no_scores() -> None:
    assert read_scores({}).kind == "none"
    assert read_scores({}).focus is None


def test_single_step_low_and_high() -> None:
    low = read_scores({"negotiation": 2.5})
    assert (low.kind, low.low, low.top) == ("single", ("negotiation",), ())
    high = read_scores({"negotiation": 4.5})
    assert (high.kind, high.low, high.top, high.focus) == ("single", (), ("negotiation",), None)


def test_all_high_names_no_weakest() -> None:
    reading = read_scores({"listening": 4.0, "communication": 5.0, "feedback": 4.2})
    assert reading.kind == "all_high"
    assert reading.low == () and reading.focus is None
    assert reading.top[0] == "communication"


def test_all_low_and_level_is_offered_as_a_choice() -> None:
    reading = read_scores({s: 1.5 for s in STEP_IDS})
    assert reading.kind == "level"
    assert reading.top == () and reading.low == STEP_IDS
    assert read_scores({"listening": 2.0, "feedback": 2.2}).kind == "level"


def test_near_tie_at_the_bottom_is_two_lowest() -> None:
    scores = {"listening": 4.2, "communication": 3.5, "positivity": 2.2, "feedback": 2.0}
    reading = read_scores(scores)
    assert reading.kind == "spread"
    assert reading.low == ("feedback", "positivity")
    assert reading.top == ("listening",)


def test_just_past_the_margin_is_not_a_tie() -> None:
    reading = read_scores({"listening": 3.0, "communication": 2.0, "feedback": 2.25})
    assert reading.low == ("communication",)


def test_margin_scales_with_the_scale() -> None:
    # 0.2 on 1-5 is 0.5 on 0-10
    reading = read_scores({"listening": 7.0, "communication": 3.0, "feedback": 3.4}, 0, 10)
    assert reading.low == ("communication", "feedback")


@given(st.dictionaries(st.sampled_from(STEP_IDS),
                       st.floats(1, 5, allow_nan=False).map(lambda v: round(v, 2)),
                       min_size=1))
def test_never_both_strongest_and_weakest(scores: dict[str, float]) -> None:
    reading = read_scores(scores)
    assert not set(reading.top) & set(reading.low)
    lowest = min(scores.values())
    if reading.focus is not None:
        assert scores[reading.focus] == lowest
    for step in reading.low:
        assert scores[step] - lowest <= 0.2 + 1e-6
    if reading.kind == "spread":
        assert reading.top and reading.low
        assert scores[reading.top[0]] == max(scores.values())
    if reading.kind == "all_high":
        assert all(v >= 4.0 for v in scores.values())


def test_costs_are_said_to_the_person_not_as_a_verdict() -> None:
    for step in STEPS:
        fi, en = step.cost.get("fi"), step.cost.get("en")
        assert fi and en and fi != en
        assert not re.search(r"\byou are\b|\byou're\b", en, re.IGNORECASE)
        assert not re.search(r"\b(olet|oletko)\b", fi, re.IGNORECASE)
        assert re.search(r"\byour?\b", en, re.IGNORECASE), en
