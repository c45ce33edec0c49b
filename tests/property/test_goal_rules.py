"""The count and score rules: progress stays in 0..100; achieved exactly at the target."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date

from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.goals import Target, progress, settle, with_baseline
from tests.goal_fixtures import START, entry, goal, result

scores = st.floats(min_value=1.0, max_value=5.0, allow_nan=False).map(lambda v: round(v, 2))


@given(values=st.lists(scores, min_size=0, max_size=8), target=scores)
def test_score_rule(values: list[float], target: float) -> None:
    """Percent in 0..100; reached and settled exactly when the latest score >= target."""
    results = [result(day + 1, {"listening": v}) for day, v in enumerate(values)]
    g = goal(Target(kind="score", value=target, bank_id="core", step="listening"))
    state = progress(g, results, [], {}, UTC)
    assert 0.0 <= state.percent <= 100.0
    reached = bool(values) and values[-1] >= target
    assert state.reached is reached
    assert (state.percent == 100.0) is reached
    settled = settle(g, state, START, UTC)
    assert (settled.status == "achieved") is reached
    if reached:
        run_start = len(values) - 1
        while run_start > 0 and values[run_start - 1] >= target:
            run_start -= 1
        assert settled.achieved_on == results[run_start].completed.date()


@given(values=st.lists(scores, min_size=1, max_size=8), target=scores,
       baseline=st.none() | scores)
def test_score_progress_counts_from_the_baseline(values: list[float], target: float,
                                                 baseline: float | None) -> None:
    """From any baseline: 0..100, 100 exactly at the target, baseline itself is 0 %."""
    results = [result(day + 1, {"listening": v}) for day, v in enumerate(values)]
    g = goal(Target(kind="score", value=target, bank_id="core", step="listening",
                    baseline=baseline))
    state = progress(g, results, [], {}, UTC)
    assert 0.0 <= state.percent <= 100.0
    reached = values[-1] >= target
    assert state.reached is reached
    assert (state.percent == 100.0) is reached
    assert (settle(g, state, START, UTC).status == "achieved") is reached
    if baseline is not None and not reached and values[-1] <= baseline:
        assert state.percent == 0.0


@given(values=st.lists(scores, min_size=1, max_size=8), target=scores)
def test_new_score_goal_starts_at_zero(values: list[float], target: float) -> None:
    """A goal made today keeps today's score as baseline: 0 % until the score moves."""
    results = [result(day + 1, {"listening": v}) for day, v in enumerate(values)]
    start = date(2026, 11, len(values))
    fresh = Target(kind="score", value=target, bank_id="core", step="listening")
    made = with_baseline(fresh, start, results, UTC)
    assert made.baseline == values[-1]
    g = replace(goal(made), start=start)
    state = progress(g, results, [], {}, UTC)
    assert state.percent == (100.0 if values[-1] >= target else 0.0)


@given(days=st.lists(st.integers(min_value=-10, max_value=28), max_size=30),
       count=st.integers(min_value=1, max_value=20),
       ratings=st.lists(st.integers(min_value=1, max_value=5), min_size=30, max_size=30),
       min_rating=st.none() | st.integers(min_value=1, max_value=5))
def test_count_rule(days: list[int], count: int, ratings: list[int],
                    min_rating: int | None) -> None:
    """The count is the entries since the start that pass the rating filter."""
    entries = [entry(day, f"e{i}", ratings={"feedback": ratings[i]})
               for i, day in enumerate(days)]
    target = Target(kind="count", count=count, step="feedback" if min_rating else None,
                    min_rating=min_rating)
    g = goal(target)
    state = progress(g, [], entries, {}, UTC)
    expected = sum(1 for i, day in enumerate(days)
                   if day >= 1 and (min_rating is None or ratings[i] >= min_rating))
    assert state.current == expected
    assert 0.0 <= state.percent <= 100.0
    assert state.reached is (expected >= count)
    assert (settle(g, state, START, UTC).status == "achieved") is (expected >= count)


_ZONES = st.sampled_from(["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Helsinki",
                          "America/St_Johns", "Asia/Kathmandu"])


@given(minutes=st.lists(st.integers(min_value=-4 * 24 * 60, max_value=4 * 24 * 60), max_size=30),
       offsets=st.lists(st.sampled_from([-11 * 60, -150, 0, 345, 14 * 60]), min_size=1),
       naive=st.booleans(), zone=_ZONES)
def test_a_count_goal_counts_the_entries_of_its_start_day_on(
        minutes: list[int], offsets: list[int], naive: bool, zone: str) -> None:
    """The entries counted are exactly those whose local day (in the person's zone) is the
    start or later, also near the start's midnight, in zones up to 14 hours from UTC, and
    for times stored with any offset, or all without one (taken as UTC)."""
    from datetime import datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    from kohtaa_tui.domain.clock import local_date

    tz = ZoneInfo(zone)
    midnight = datetime(2026, 11, 1, tzinfo=UTC)
    entries = []
    for n, minute in enumerate(sorted(minutes)):
        offset = offsets[n % len(offsets)]
        moment = midnight + timedelta(minutes=minute)
        stored = (moment.replace(tzinfo=None) if naive
                  else moment.astimezone(timezone(timedelta(minutes=offset))))
        entries.append(replace(entry(1, f"e{n:02d}"), created=stored, updated=stored))
    g = goal(Target(kind="count", count=1000))
    state = progress(g, [], entries, {}, tz)
    expected = [e for e in entries if local_date(e.created, tz) >= START]
    assert state.current == len(expected)
    assert [moment for moment, _n in state.series] == [e.created for e in expected]
