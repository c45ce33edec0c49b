"""How a result is read aloud as a coach would: which steps stand out, and whether they do.

A coach does not name one "weakest" step when two are within a hair of each other, nor when
every step is high, and never calls the same step both strongest and weakest. `read_scores`
sorts a result's step scores into one of five readings the result screen puts into words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from kohtaa_tui.domain.steps import STEP_IDS

NEAR = 0.2
"""Scores this close (on a 1-5 scale) count as level; scaled for other scales."""

HIGH_SHARE = 0.75
"""A step is high from three quarters of the scale up (4.0 on 1-5)."""

_EPSILON = 1e-9

ReadingKind = Literal["none", "single", "all_high", "level", "spread"]


@dataclass(frozen=True, kw_only=True)
class Reading:
    """What stands out in a result.

    - none: no scored steps.
    - single: one step scored; `low` holds it unless it is high.
    - all_high: every scored step is high; nothing is called weakest.
    - level: more than one step, all within NEAR of each other (and not all high): they are
      offered as a choice (`low` holds them all, `top` is empty).
    - spread: `top` holds the steps within NEAR of the best, `low` those within NEAR of the
      lowest; the two never share a step.
    Steps in `top` and `low` are ordered by score (best first in `top`, lowest first in `low`),
    then by step order.
    """

    kind: ReadingKind
    top: tuple[str, ...] = ()
    low: tuple[str, ...] = ()

    @property
    def focus(self) -> str | None:
        """The step a goal or tips default to: the lowest, or None when nothing is low."""
        return self.low[0] if self.low else None


def margin(scale_min: int, scale_max: int) -> float:
    """NEAR, scaled from a 1-5 scale to this one."""
    return NEAR * max(scale_max - scale_min, 1) / 4


def high_mark(scale_min: int, scale_max: int) -> float:
    """The score from which a step counts as high."""
    return scale_min + HIGH_SHARE * (scale_max - scale_min)


def read_scores(scores: Mapping[str, float], scale_min: int = 1, scale_max: int = 5) -> Reading:
    """The reading of `scores` (step id → score) on the given scale."""
    scored = [step for step in STEP_IDS if step in scores]
    if not scored:
        return Reading(kind="none")
    high = high_mark(scale_min, scale_max) - _EPSILON
    near = margin(scale_min, scale_max) + _EPSILON
    lowest_first = sorted(scored, key=lambda s: (scores[s], STEP_IDS.index(s)))
    best_first = sorted(scored, key=lambda s: (-scores[s], STEP_IDS.index(s)))
    if len(scored) == 1:
        only = scored[0]
        return Reading(kind="single", top=(only,) if scores[only] >= high else (),
                       low=() if scores[only] >= high else (only,))
    if all(scores[s] >= high for s in scored):
        return Reading(kind="all_high", top=tuple(best_first))
    low_score = scores[lowest_first[0]]
    top_score = scores[best_first[0]]
    if top_score - low_score <= near:
        return Reading(kind="level", low=tuple(lowest_first))
    low = tuple(s for s in lowest_first if scores[s] - low_score <= near)
    top = tuple(s for s in best_first if top_score - scores[s] <= near and s not in low)
    return Reading(kind="spread", top=top, low=low)
