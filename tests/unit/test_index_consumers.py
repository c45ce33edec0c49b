"""The dashboard and the report read the index, and say what a parse of every file says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.dashboard import reflection_habit
from kohtaa_tui.domain.document import latest_versions
from kohtaa_tui.domain.goals import progress
from kohtaa_tui.domain.report import build_report
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.overview import load_overview
from kohtaa_tui.services.report import gather_report
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.index import JournalIndex
from kohtaa_tui.storage.schemas import load_schemas


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    """Half a year of sample use, written straight to files (the index has not seen it)."""
    populate(workspace.store, workspace.clock, weeks=30)
    return workspace


def test_overview_agrees_with_every_file(demo: Workspace) -> None:
    """Counts, the latest entries, the habit and goal progress match the slow way."""
    store = demo.store
    tz = demo.clock.local_tz()
    today = local_date(demo.clock.now(), tz)
    entries = sorted((item.value for item in store.entries()[0]),
                     key=lambda e: (e.created, e.id), reverse=True)
    results = [item.value for item in store.results()[0]]
    schemas = latest_versions(load_schemas(store).docs())
    overview = load_overview(demo)
    with JournalIndex.open(store) as index:
        assert index.results() == results and len(results) > 3
    assert overview.entry_count == len(entries) > 20
    assert [r.id for r in overview.recent] == [e.id for e in entries[:5]]
    assert overview.habit == reflection_habit([local_date(e.created, tz) for e in entries],
                                              today)
    active = {item.value.id: item.value for item in store.goals()[0]
              if item.value.status == "active"}
    assert {line.goal.id for line in overview.goals} == set(active)
    kinds = set()
    for line in overview.goals:
        kinds.add(line.goal.target.kind)
        assert line.progress == progress(line.goal, results, entries, schemas, tz)
    assert "count" in kinds


@pytest.mark.parametrize(("since", "include_private"), [
    (None, False), (None, True), (date(2026, 9, 1), False),
])
def test_report_agrees_with_every_file(demo: Workspace, since: date | None,
                                       include_private: bool) -> None:
    """The report from the index equals the report built from every parsed file."""
    store = demo.store
    tz = demo.clock.local_tz()
    until = local_date(demo.clock.now(), tz)
    entries = [item.value for item in store.entries()[0]]
    results = [item.value for item in store.results()[0]]
    schemas = latest_versions(load_schemas(store).docs())
    goals = [(item.value, progress(item.value, results, entries, schemas, tz))
             for item in store.goals()[0]]
    slow = build_report(since=since, until=until, results=results, entries=entries,
                        schemas=schemas, goals=goals, lang=demo.lang, tz=tz,
                        include_private=include_private)
    fast = gather_report(demo, since, None, include_private=include_private)
    assert fast.bank_title == "The five steps of a customer encounter"
    assert replace(fast, bank_title="core") == slow
    assert sum(n for _kind, n in fast.entry_counts) > 0
