"""The benchmark compares runs round by round (benchmarks/run.py)."""

from __future__ import annotations

import pytest
from benchmarks.run import Comparison, Timing, paired_ratio


def test_the_ratio_is_the_median_of_the_round_ratios() -> None:
    # A machine that slows down in the third round bends both runs of that round alike.
    assert paired_ratio([1.0, 1.1, 3.0], [2.0, 2.2, 6.0]) == 0.5
    # A ratio of medians would say 1.1 / 2.2 too here, but not when the drift is lopsided:
    assert paired_ratio([1.0, 1.0, 5.0], [1.0, 4.0, 5.0]) == 1.0


def test_unpaired_runs_are_refused() -> None:
    with pytest.raises(ValueError):
        paired_ratio([1.0], [1.0, 2.0])


def test_a_comparison_says_whether_its_target_is_met() -> None:
    ours, theirs = Timing("a", [], seconds=[1.0, 1.2]), Timing("b", [], seconds=[1.0, 1.0])
    assert Comparison("x", ours, theirs, 1.5).met
    assert not Comparison("x", ours, theirs, 1.05).met
    assert Comparison("x", ours, theirs, None).met
