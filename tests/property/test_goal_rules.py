"""The count and score rules: progress stays in 0..100; achieved exactly at the target."""

from __future__ import annotations

from datetime import UTC

from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.goals import Target, progress, settle
from tests.goal_fixtures import START, entry, goal, result

scores = st.floats(min_value=1.0, max_value=5.0, allow_nan=False).map(lambda v: round(v, 2))


@given(values=st.lists(scores, min_size=0, max_size=8), target=scores)
def test_score_rule(values: list[float], target: float) -> None:
    """Percent in 0..100; reached and settled exactly when the latest score >= target."""
    results = [result(day + 1, {"listening": v}) for day, v in enumerate(values)]
    g = goal(Target("score", value=target, bank_id="core", step="listening"))
    state = progress(g, results, [], {}, UTC)
    assert 0.0 <= state.percent <= 100.0
    reached = bool(values) and values[-1] >= target
    assert state.reached is reached
    assert (state.percent == 100.0) is reached
    assert (settle(g, state, START).status == "achieved") is reached


@given(days=st.lists(st.integers(min_value=-10, max_value=28), max_size=30),
       count=st.integers(min_value=1, max_value=20),
       ratings=st.lists(st.integers(min_value=1, max_value=5), min_size=30, max_size=30),
       min_rating=st.none() | st.integers(min_value=1, max_value=5))
def test_count_rule(days: list[int], count: int, ratings: list[int],
                    min_rating: int | None) -> None:
    """The count is the entries since the start that pass the rating filter."""
    entries = [entry(day, f"e{i}", ratings={"feedback": ratings[i]})
               for i, day in enumerate(days)]
    target = Target("count", count=count, step="feedback" if min_rating else None,
                    min_rating=min_rating)
    g = goal(target)
    state = progress(g, [], entries, {}, UTC)
    expected = sum(1 for i, day in enumerate(days)
                   if day >= 1 and (min_rating is None or ratings[i] >= min_rating))
    assert state.current == expected
    assert 0.0 <= state.percent <= 100.0
    assert state.reached is (expected >= count)
    assert (settle(g, state, START).status == "achieved") is (expected >= count)
