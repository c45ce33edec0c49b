"""A new goal's fields checked (headless): the new-goal dialog and `kohtaa goals new` both ask.

`check_goal_fields` takes the fields as typed and gives back either the goal to save or the
first problem: the field and the reason (a translated sentence) it cannot be saved, so the
same bad input is refused in the same words in the app and on the command line.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.dates import parse_day
from kohtaa_tui.domain.goals import Goal, Target, with_baseline
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.domain.steps import is_step
from kohtaa_tui.i18n import _
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.repository import Loaded

MAX_TITLE = 500
TARGET_KINDS = ("score", "count", "manual")


@dataclass(frozen=True, kw_only=True)
class GoalFields:
    """A new goal's fields as typed (text) or chosen (an id, or None when nothing is)."""

    title: str
    why: str = ""
    step: str | None = None
    start: str
    due: str = ""
    kind: str = "manual"
    bank: str | None = None
    value: str = ""
    count: str = ""
    schema: str | None = None
    min_rating: str = ""


@dataclass(frozen=True, kw_only=True)
class CheckedGoal:
    """Fields that make a goal: what `save_new_goal` saves."""

    title: str
    why: str
    step: str | None
    start: date
    due: date | None
    target: Target


@dataclass(frozen=True, kw_only=True)
class GoalProblem:
    """The first thing wrong with the fields: which field (a GoalFields name) and why, in
    one translated sentence (the dialog shows it by the field, the command names its
    option and the value typed)."""

    field: str
    reason: str


def parse_number(text: str) -> float | None:
    """A decimal number as people write it: 3.5, 3,5 or −1 (None when it is not one)."""
    try:
        return float(text.strip().replace(",", ".").replace("\u2212", "-"))
    except ValueError:
        return None


def parse_whole(text: str) -> int | None:
    """A whole number (None when it is not one)."""
    try:
        return int(text.strip())
    except ValueError:
        return None


def check_target(fields: GoalFields, banks: Collection[str] | None = None,
                 schemas: Collection[str] | None = None) -> Target | GoalProblem:
    """The target the fields describe, or what is wrong with them.

    `banks` and `schemas`: the ids that may be named (None: not checked, as when the
    choice could only come from a list of them)."""
    step_id = fields.step
    if fields.kind == "score":
        value = parse_number(fields.value)
        if step_id is None:
            return GoalProblem(field="step", reason=_("A score target needs a step."))
        if fields.bank is None or (banks is not None and fields.bank not in banks):
            return GoalProblem(field="bank", reason=_("Choose the bank whose score counts."))
        if value is None or not 0 <= value <= 100:
            return GoalProblem(field="value",
                               reason=_("Write the score to reach as a number, such as 4 or 3.5."))
        return Target(kind="score", value=value, bank_id=fields.bank, step=step_id)
    if fields.kind == "count":
        count = parse_whole(fields.count)
        if count is None or not 1 <= count <= 1_000_000:
            return GoalProblem(field="count", reason=_("Write how many reflections, 1 or more."))
        rating_text = fields.min_rating.strip()
        rating = parse_whole(rating_text) if rating_text else None
        if rating_text and (rating is None or not 1 <= rating <= 5):
            return GoalProblem(field="min_rating",
                               reason=_("The rating is a whole number from 1 to 5."))
        if rating is not None and step_id is None:
            return GoalProblem(field="step", reason=_("A rating needs a step: choose one."))
        if fields.schema is not None and schemas is not None and fields.schema not in schemas:
            return GoalProblem(field="schema",
                               reason=_("Choose a template that is installed, or none."))
        return Target(kind="count", count=count, schema_id=fields.schema,
                      step=step_id if rating is not None else None, min_rating=rating)
    if fields.kind != "manual":
        return GoalProblem(field="kind",
                           reason=_("Choose the kind of target: `score`, `count` or `manual`."))
    return Target(kind="manual")


def check_goal_fields(fields: GoalFields, banks: Collection[str] | None = None,
                      schemas: Collection[str] | None = None) -> CheckedGoal | GoalProblem:
    """The goal the fields describe, or the first thing wrong with them (one sentence)."""
    title = fields.title.strip()
    if not title:
        return GoalProblem(field="title", reason=_("A goal needs a title."))
    if len(title) > MAX_TITLE:
        return GoalProblem(field="title", reason=_(
            "A goal's title is at most {count} characters.").format(count=MAX_TITLE))
    if fields.step is not None and not is_step(fields.step):
        return GoalProblem(field="step", reason=_("Choose one of the five steps, or none."))
    start = parse_day(fields.start)
    due_text = fields.due.strip()
    due = parse_day(due_text) if due_text else None
    if start is None or (due_text and due is None):
        return GoalProblem(field="start" if start is None else "due",
                           reason=_("Write the date as 2026-11-22 or 22.11.2026."))
    if due is not None and due < start:
        return GoalProblem(field="due", reason=_("The due date cannot be before the start."))
    target = check_target(fields, banks, schemas)
    if isinstance(target, GoalProblem):
        return target
    return CheckedGoal(title=title, why=fields.why.strip(), step=fields.step, start=start,
                       due=due, target=target)


def save_new_goal(ws: Workspace, checked: CheckedGoal,
                  results: Iterable[AssessmentResult] | None = None) -> Loaded[Goal]:
    """Save a new goal (a score target keeps its step's score at the start), where it went.

    `results`: every assessment result, when already read (else they are read here).
    Raises StorageError when the goal cannot be saved."""
    from kohtaa_tui.services.goal_inputs import load_goal_inputs

    now = ws.clock.now()
    target = checked.target
    if target.kind == "score":
        if results is None:
            results = load_goal_inputs(ws).results
        target = with_baseline(target, checked.start, results, ws.clock.local_tz())
    goal = Goal(id=new_id(now), title=checked.title, created=now, start=checked.start,
                target=target, why=checked.why, step=checked.step, due=checked.due)
    return ws.store.save_goal(goal, None)
