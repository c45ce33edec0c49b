"""Others' view: aggregation per voice and the anonymity threshold of the pooled group."""

from __future__ import annotations

from dataclasses import replace
from statistics import fmean

from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.feedback import (
    NAMED_ROLES,
    OTHERS,
    POOLED_ROLES,
    ROLES,
    OthersView,
    Scored,
    compare,
    read_gap,
)
from kohtaa_tui.domain.steps import STEP_IDS

ITEMS = {"a": "listening", "b": "listening", "c": "negotiation", "d": "feedback"}
values = st.integers(1, 5)
ANY_ROLE = st.sampled_from(ROLES)
IDS = st.from_regex(r"r[0-9]{1,2}", fullmatch=True)


@st.composite
def scored_sets(draw: st.DrawFn, role: st.SearchStrategy[str] = ANY_ROLE,
                ident: st.SearchStrategy[str] = IDS) -> Scored:
    """One response's keyed answers: a few items, the step scores made from them."""
    items = draw(st.dictionaries(st.sampled_from(sorted(ITEMS)), values, min_size=1))
    per_step: dict[str, list[int]] = {}
    for item, value in items.items():
        per_step.setdefault(ITEMS[item], []).append(value)
    return Scored(id=draw(ident), role=draw(role),
                  scores={s: fmean(v) for s, v in per_step.items()}, items=items)


responses = st.lists(scored_sets(), max_size=12)
own = st.none() | scored_sets(role=st.just("self"), ident=st.just("self"))
groups = st.integers(1, 6)


def view(me: Scored | None, found: list[Scored], n: int) -> OthersView:
    return compare(me, found, 1, 5, n, ITEMS)


def distinct_pool(found: list[Scored], step: str | None = None,
                  item: str | None = None) -> set[str]:
    """Ids of pooled responses (first occurrence of each id decides its role)."""
    first: dict[str, Scored] = {}
    for response in found:
        first.setdefault(response.id, response)
    return {r.id for r in first.values() if r.role in POOLED_ROLES
            and (step is None or step in r.scores) and (item is None or item in r.items)}


@given(own, responses, groups)
def test_no_pooled_number_below_the_minimum(me: Scored | None, found: list[Scored],
                                            n: int) -> None:
    """The pooled group shows a number exactly when n or more distinct responses count."""
    result = view(me, found, n)
    for step in result.steps:
        pool = step.voice(OTHERS)
        counted = distinct_pool(found, step.step)
        if not counted:
            assert pool is None
            continue
        assert pool is not None and pool.responses == len(counted)
        assert (pool.value is not None) == (len(counted) >= n)
        assert pool.hidden == (len(counted) < n)


@given(own, responses, groups, st.data())
def test_nothing_shown_depends_on_a_hidden_group(me: Scored | None, found: list[Scored],
                                                 n: int, data: st.DataObject) -> None:
    """Change every pooled answer: on steps where the pool stays hidden, every number shown
    (named voices, others, gap, reading) is the same, so none can be subtracted out."""
    changed = []
    for response in found:
        if response.role in POOLED_ROLES:
            items = {k: data.draw(values) for k in response.items}
            per_step: dict[str, list[int]] = {}
            for item, value in items.items():
                per_step.setdefault(ITEMS[item], []).append(value)
            response = replace(response, items=items,
                               scores={s: fmean(v) for s, v in per_step.items()})
        changed.append(response)
    before, after = view(me, found, n), view(me, changed, n)
    for old, new in zip(before.steps, after.steps, strict=True):
        pool = old.voice(OTHERS)
        if pool is None or pool.hidden:
            assert old == new
    hidden_items = {i for i in ITEMS if 0 < len(distinct_pool(found, item=i)) < n}
    now = {g.item_id: g for g in after.items}
    for gap in before.items:
        if gap.item_id in hidden_items and gap.item_id in now:
            assert now[gap.item_id] == gap


@given(own, responses, groups)
def test_duplicates_change_nothing(me: Scored | None, found: list[Scored], n: int) -> None:
    """A response counted twice (the same id, imported or listed again) counts once."""
    assert view(me, found + found[::-1], n) == view(me, found, n)


@given(own, responses, groups)
def test_named_voices_and_others(me: Scored | None, found: list[Scored], n: int) -> None:
    """A named voice is the mean of its responses, always shown; others is the mean of the
    shown voices; the gap is others minus self, read in words by its size."""
    first: dict[str, Scored] = {}
    for response in found:
        first.setdefault(response.id, response)
    result = view(me, found, n)
    assert result.threshold == 0.5
    for step in result.steps:
        for role in NAMED_ROLES:
            scores = [r.scores[step.step] for r in first.values()
                      if r.role == role and step.step in r.scores]
            voice = step.voice(role)
            assert (voice is None) == (not scores)
            if voice is not None:
                assert voice.value == fmean(scores) and not voice.hidden
        shown = [v.value for v in step.voices if v.value is not None]
        assert step.others == (fmean(shown) if shown else None)
        if step.others is not None and me is not None and step.step in me.scores:
            assert step.gap == step.others - me.scores[step.step]
            assert step.reading == read_gap(step.gap, 0.5)
        else:
            assert step.gap is None and step.reading is None
    assert [s.step for s in result.steps] == [s for s in STEP_IDS if s in {
        s.step for s in result.steps}]


@given(st.floats(-4, 4))
def test_gap_words(gap: float) -> None:
    """Others seeing more is a hidden strength, less a blind spot, near zero agreement."""
    reading = read_gap(gap, 0.5)
    assert reading == ("hidden_strength" if gap >= 0.5 else
                       "blind_spot" if gap <= -0.5 else "agreement")


def test_blind_spot_and_items() -> None:
    """A worked case: the person rates listening high, three colleagues and a manager lower."""
    me = Scored(id="self", role="self", scores={"listening": 5.0, "negotiation": 2.0},
                items={"a": 5, "b": 5, "c": 2})
    pool = [Scored(id=f"r{n}", role="colleague", scores={"listening": 3.0, "negotiation": 4.0},
                   items={"a": 3, "b": 3, "c": 4}) for n in range(3)]
    manager = Scored(id="m", role="manager", scores={"listening": 2.0}, items={"a": 2, "b": 2})
    result = compare(me, [*pool, manager], 1, 5, 3, ITEMS)
    listening, negotiation = result.steps
    assert listening.others == 2.5 and listening.reading == "blind_spot"
    assert negotiation.others == 4.0 and negotiation.reading == "hidden_strength"
    assert result.largest_blind_spot() is listening
    assert [g.item_id for g in result.items] == ["a", "b", "c"]
    assert result.responses == {OTHERS: 3, "manager": 1}
    two = compare(me, [*pool[:2], manager], 1, 5, 3, ITEMS)
    assert two.steps[0].voice(OTHERS) is not None
    assert two.steps[0].voice(OTHERS).value is None  # type: ignore[union-attr]
    assert two.steps[0].others == 2.0
    assert two.steps[1].others is None and two.steps[1].reading is None
