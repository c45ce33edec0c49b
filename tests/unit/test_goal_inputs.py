"""Progress of each target kind, computed from results and entries saved as files."""

from __future__ import annotations

from datetime import date

from kohtaa_tui.domain.goal_chart import column_chart
from kohtaa_tui.domain.goals import Target, goal_from_document, goal_to_document
from kohtaa_tui.services.goal_actions import add_check_in, new_check_in, set_status, settle_reached
from kohtaa_tui.services.goal_inputs import (
    goal_progress,
    linked_entries,
    load_goal_inputs,
    recent_entries,
)
from kohtaa_tui.services.workspace import Workspace
from tests.goal_fixtures import check_in, entry, goal, result


def save_fixtures(ws: Workspace) -> None:
    """Three core results, one of another bank, four entries (one before the start)."""
    for item in (result(3, {"listening": 2.0, "feedback": 3.0}),
                 result(10, {"listening": 3.0}),
                 result(17, {"listening": 3.5, "feedback": 4.5}),
                 result(18, {"listening": 5.0}, bank="other")):
        ws.store.save_result(item)
    for item in (entry(-3, "e-before", ratings={"feedback": 5}),
                 entry(4, "e1", ratings={"feedback": 4}),
                 entry(6, "e2", ratings={"feedback": 2}),
                 entry(9, "e3", schema="sales-meeting", title="Sales call")):
        ws.store.save_entry(item, None)


def test_score_progress_follows_the_banks_results(workspace: Workspace) -> None:
    """Latest score of the step in that bank; the other bank's 5.0 does not count."""
    save_fixtures(workspace)
    g = goal(Target(kind="score", value=4.0, bank_id="core", step="listening"))
    state = goal_progress(workspace, [g])["g1"]
    assert state.current == 3.5 and state.target == 4.0 and not state.reached
    assert [v for _at, v in state.series] == [2.0, 3.0, 3.5]
    # no baseline kept: counted from the first score since the start (2.0 on the 3rd)
    assert round(state.percent, 1) == round((3.5 - 2.0) / 2.0 * 100, 1)
    with_base = goal(Target(kind="score", value=4.0, bank_id="core", step="listening",
                            baseline=3.0))
    assert goal_progress(workspace, [with_base])["g1"].percent == 50.0
    reached = goal(Target(kind="score", value=3.5, bank_id="core", step="listening"))
    assert goal_progress(workspace, [reached])["g1"].reached


def test_count_progress_counts_entries_since_the_start(workspace: Workspace) -> None:
    """Entries before the start never count; schema and rating filters apply."""
    save_fixtures(workspace)
    every = goal(Target(kind="count", count=4), ident="all")
    quick = goal(Target(kind="count", count=2, schema_id="quick"), ident="quick")
    rated = goal(Target(kind="count", count=2, step="feedback", min_rating=4), ident="rated")
    states = goal_progress(workspace, [every, quick, rated])
    assert (states["all"].current, states["all"].percent) == (3.0, 75.0)
    assert states["quick"].current == 2.0 and states["quick"].reached
    assert states["rated"].current == 1.0 and not states["rated"].reached
    assert [v for _at, v in states["all"].series] == [1.0, 2.0, 3.0]


def test_manual_progress_is_the_latest_current_check_in(workspace: Workspace) -> None:
    """An edited check-in replaces its original in progress; history keeps both."""
    g = goal(Target(kind="manual"), check_ins=(
        check_in(2, "c1", 20), check_in(9, "c2", 60), check_in(10, "c3", 40, replaces="c2")))
    state = goal_progress(workspace, [g])["g1"]
    assert [v for _at, v in state.series] == [20.0, 40.0]
    assert state.percent == 40.0 and not state.reached
    assert [c.id for c in g.history_of("c3")] == ["c2", "c3"]
    back, issues = goal_from_document(goal_to_document(g))
    assert issues == [] and back == g


def test_linked_and_recent_entries(workspace: Workspace) -> None:
    """A check-in's entry and an entry naming the goal are linked; recent are newest first."""
    save_fixtures(workspace)
    workspace.store.save_entry(entry(12, "e-named", title="Named it", goal_ids=("g1",)), None)
    g = goal(Target(kind="manual"), check_ins=(check_in(5, "c1", 10, entry_id="e1"),))
    inputs = load_goal_inputs(workspace)
    assert [(line.id, line.title) for line in linked_entries(g, inputs, "en")] == [
        ("e1", "A meeting"), ("e-named", "Named it")]
    assert [line.id for line in recent_entries(inputs, "en", 2)] == ["e-named", "e3"]


def test_check_in_reaching_100_marks_achieved(workspace: Workspace) -> None:
    """A manual goal checked in at 100 % becomes achieved today, and says so once."""
    workspace.store.save_goal(goal(Target(kind="manual")), None)
    _loaded, achieved = add_check_in(workspace, "g1", new_check_in(workspace, progress=50))
    assert not achieved
    loaded, achieved = add_check_in(workspace, "g1", new_check_in(workspace, progress=100))
    assert achieved and loaded.value.status == "achieved"
    assert loaded.value.achieved_on == date(2026, 11, 22)
    assert len(workspace.store.goal("g1").value.check_ins) == 2


def test_settle_reached_and_status(workspace: Workspace) -> None:
    """Reached active goals become achieved; set_status clears the date when reopened."""
    save_fixtures(workspace)
    g = goal(Target(kind="score", value=3.0, bank_id="core", step="listening"))
    workspace.store.save_goal(g, None)
    inputs = load_goal_inputs(workspace)
    states = goal_progress(workspace, [g], inputs)
    [done] = settle_reached(workspace, [g], states, inputs)
    # dated by the result that reached 3.0, not by the day it was noticed
    assert done.status == "achieved" and done.achieved_on == date(2026, 11, 10)
    reopened = set_status(workspace, "g1", "active").value
    assert reopened.status == "active" and reopened.achieved_on is None


def test_column_chart_heights() -> None:
    """Columns grow with the value; the lowest value still shows; the target row is marked."""
    rows = column_chart([1.0, 3.0, 5.0], 1, 5, height=4, width=30, target=4.0)
    assert len(rows) == 4
    assert rows[-1].startswith("▁")
    assert "╌" in rows[0] or "╌" in rows[1]
    assert rows[0].rstrip("╌ ").endswith("█")
    assert column_chart([], 0, 1) == []


def test_progress_from_the_countable_entries_equals_progress_from_all(
        workspace: Workspace) -> None:
    """goal_progress gives a count goal only the entries it can count; the answer is the
    one all entries give, for every start, schema and target."""
    from dataclasses import replace
    from datetime import timedelta

    from kohtaa_tui.domain.goals import progress
    from kohtaa_tui.services.demo import populate

    populate(workspace.store, workspace.clock, weeks=20)
    inputs = load_goal_inputs(workspace)
    tz = workspace.clock.local_tz()
    base = goal(Target(kind="count", count=5))
    today = workspace.clock.now().date()
    for weeks_ago in (0, 1, 3, 8, 30):
        for schema_id in (None, "quick", "sales-meeting", "nonexistent"):
            for count in (1, 4, 40):
                g = replace(base, start=today - timedelta(weeks=weeks_ago),
                            target=Target(kind="count", count=count, schema_id=schema_id))
                everything = progress(g, inputs.results, inputs.entries, inputs.schemas, tz)
                assert goal_progress(workspace, [g], inputs)[g.id] == everything
