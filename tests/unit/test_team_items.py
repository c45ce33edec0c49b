"""The team report's items: per item the group's mean and spread, the weakest items, and
never the numbers of an item fewer than the minimum answered."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean

from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.team import (
    WEAKEST,
    ExportedResult,
    PersonResult,
    ResultsExport,
    export_from_document,
    export_to_document,
    item_summary,
)

ITEMS = ("ask", "listen", "summarise", "close")

people = st.lists(st.tuples(
    st.sampled_from(("A", "B", "C", "D", "E")), st.integers(0, 40),
    st.dictionaries(st.sampled_from(ITEMS), st.integers(1, 5), min_size=1)), max_size=12)


@given(people, st.integers(1, 4))
def test_items_hide_small_groups_and_name_the_weakest(rows: list[tuple[str, int, dict[str, int]]],
                                                      min_group: int) -> None:
    results = [PersonResult(participant=who, completed=date(2026, 1, 1) + timedelta(days=day),
                            scores={}, items=items)
               for who, day, items in rows]
    cells, weakest = item_summary(results, min_group)
    latest: dict[str, PersonResult] = {}
    for r in results:
        if r.participant not in latest or r.completed >= latest[r.participant].completed:
            latest[r.participant] = r
    for cell in cells:
        values = [r.items[cell.item] for r in latest.values() if cell.item in r.items]
        assert cell.people == len(values)
        if len(values) < min_group:
            assert cell.mean is None and cell.spread is None
        else:
            assert cell.mean is not None and abs(cell.mean - fmean(values)) < 1e-9
    shown = [c for c in cells if c.mean is not None]
    assert len(weakest) == min(WEAKEST, len(shown))
    assert all(w.mean is not None for w in weakest)
    if weakest:
        worst = max(w.mean for w in weakest if w.mean is not None)
        rest = [c for c in shown if c not in weakest]
        assert all(c.mean is not None and c.mean >= worst for c in rest)


def test_a_person_counts_once_with_the_latest_answers() -> None:
    results = [PersonResult(participant="A", completed=date(2026, 1, 1), scores={},
                            items={"ask": 1}),
               PersonResult(participant="A", completed=date(2026, 2, 1), scores={},
                            items={"ask": 5}),
               PersonResult(participant="B", completed=date(2026, 1, 5), scores={},
                            items={"ask": 3})]
    cells, weakest = item_summary(results, 2)
    assert [(c.item, c.people, c.mean) for c in cells] == [("ask", 2, 4.0)]
    assert [c.item for c in weakest] == ["ask"]


def test_items_round_trip_and_refuse_answers_off_the_scale() -> None:
    from datetime import UTC, datetime

    moment = datetime(2026, 11, 3, tzinfo=UTC)
    export = ResultsExport(participant="K", exported=moment, results=(ExportedResult(
        bank_id="core", bank_version=1, bank_hash="sha256:x", completed=moment, scale_min=1,
        scale_max=5, scores={"listening": 3.0}, items={"ask": 2, "listen": 5}),))
    doc = export_to_document(export)
    back, issues = export_from_document(doc)
    assert back == export and issues == []
    doc["results"][0]["items"]["ask"] = 9
    back, issues = export_from_document(doc)
    assert back is None and "9" in issues[0].message
    doc["results"][0]["items"] = {"../x": 2}
    back, issues = export_from_document(doc)
    assert back is None
