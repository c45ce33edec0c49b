"""Team aggregates equal a direct computation, and small groups never show their numbers."""

from __future__ import annotations

from datetime import date
from statistics import fmean, median, pstdev

from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.domain.team import PersonResult, aggregate, period_of

people = st.sampled_from([f"p{i}" for i in range(8)])
scores = st.dictionaries(st.sampled_from(STEP_IDS),
                         st.floats(1, 5, allow_nan=False, allow_infinity=False), min_size=1)
days = st.dates(date(2026, 1, 1), date(2026, 6, 30))
results = st.lists(st.builds(PersonResult, participant=people, completed=days, scores=scores),
                   max_size=40)


@given(results, st.integers(1, 5))
def test_aggregates_match_a_direct_computation(rows: list[PersonResult], min_group: int) -> None:
    """Mean, median and spread of each shown cell equal those of the latest per person."""
    cells = aggregate(rows, "month", min_group)
    for cell in cells:
        latest: dict[str, PersonResult] = {}
        for row in rows:
            if period_of(row.completed, "month") != cell.period:
                continue
            if row.participant not in latest or row.completed >= latest[row.participant].completed:
                latest[row.participant] = row
        values = [r.scores[cell.step] for r in latest.values() if cell.step in r.scores]
        assert cell.people == len(values)
        if len(values) < min_group:
            assert cell.mean is None and cell.median is None and cell.low is None
        else:
            assert cell.mean is not None and cell.median is not None
            assert abs(cell.mean - fmean(values)) < 1e-9
            assert abs(cell.median - median(values)) < 1e-9
            assert cell.spread is not None and abs(cell.spread - pstdev(values)) < 1e-9


@given(results)
def test_groups_under_the_minimum_never_show(rows: list[PersonResult]) -> None:
    """With the default minimum of 3, no cell of one or two people carries a number."""
    for cell in aggregate(rows):
        if cell.people < 3:
            assert (cell.mean, cell.median, cell.spread, cell.low, cell.high, cell.change) == (
                None, None, None, None, None, None)
