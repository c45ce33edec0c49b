"""Changing goals on disk (headless): check-ins, status, edits, and marking reached targets.

Every change to a goal that already exists goes through `Store.update_goal`, which reads the
file afresh under the lock, so a check-in written meanwhile by another kohtaa is never lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime

from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.goals import CheckIn, Goal, Progress, settle, with_check_in
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.services.goal_inputs import GoalInputs, load_goal_inputs, progress_of
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.repository import Loaded


def today(ws: Workspace) -> date:
    """Today in the person's time zone."""
    return local_date(ws.clock.now(), ws.clock.local_tz())


def _settled(ws: Workspace, inputs: GoalInputs) -> Callable[[Goal], Goal]:
    def change(goal: Goal) -> Goal:
        return settle(goal, progress_of(ws, goal, inputs), today(ws), ws.clock.local_tz())
    return change


def new_check_in(ws: Workspace, *, on: date | None = None, note: str = "",
                 progress: int | None = None, entry_id: str | None = None,
                 replaces: str | None = None) -> CheckIn:
    """A check-in made now (dated `on` at this time of day when another day is given)."""
    now = ws.clock.now()
    at = now
    if on is not None and on != today(ws):
        local = now.astimezone(ws.clock.local_tz())
        at = datetime.combine(on, local.timetz())
    return CheckIn(id=new_id(now), at=at, note=note.replace("\r\n", "\n").replace("\r", "\n"),
                   progress=progress,
                   entry_id=entry_id, replaces=replaces)


def add_check_in(ws: Workspace, goal_id: str, check_in: CheckIn,
                 inputs: GoalInputs | None = None) -> tuple[Loaded[Goal], bool]:
    """Append a check-in (under the lock); returns the goal and whether it became achieved."""
    inputs = inputs if inputs is not None else load_goal_inputs(ws)
    settle_it = _settled(ws, inputs)
    before: list[str] = []

    def change(goal: Goal) -> Goal:
        before.append(goal.status)
        return settle_it(with_check_in(goal, check_in))

    loaded = ws.store.update_goal(goal_id, change)
    return loaded, before[-1] != "achieved" and loaded.value.status == "achieved"


def set_status(ws: Workspace, goal_id: str, status: str) -> Loaded[Goal]:
    """Change a goal's status; achieved carries today's date, any other status none."""
    achieved_on = today(ws) if status == "achieved" else None

    def change(goal: Goal) -> Goal:
        if goal.status == status:
            return goal
        return replace(goal, status=status, achieved_on=achieved_on)

    return ws.store.update_goal(goal_id, change)


def edit_goal(ws: Workspace, goal_id: str, title: str, why: str,
              due: date | None) -> Loaded[Goal]:
    """Change a goal's title, why and due date, keeping its check-ins as they are on disk."""
    def change(goal: Goal) -> Goal:
        return replace(goal, title=title, why=why.replace("\r\n", "\n"), due=due)

    return ws.store.update_goal(goal_id, change)


def settle_reached(ws: Workspace, goals: Iterable[Goal],
                   states: dict[str, Progress], inputs: GoalInputs) -> list[Goal]:
    """Mark each active goal whose target is reached as achieved; returns those goals."""
    done: list[Goal] = []
    for goal in goals:
        state = states.get(goal.id)
        if goal.status != "active" or state is None or not state.reached:
            continue
        loaded = ws.store.update_goal(goal.id, _settled(ws, inputs))
        if loaded.value.status == "achieved":
            done.append(loaded.value)
    return done
