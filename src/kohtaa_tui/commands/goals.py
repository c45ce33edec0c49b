"""`kohtaa goals ...`: list goals, show one, add a check-in, add a goal (no Textual here)."""

from __future__ import annotations

import argparse
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.errors import CliError, UsageError
from kohtaa_tui.commands.ids import checked_id, known_goal_ids
from kohtaa_tui.commands.output import print_json, report_problems, say, table
from kohtaa_tui.domain.charts import bar
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.goals import Goal, Progress, is_overdue
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.services.goal_actions import add_check_in, new_check_in, today
from kohtaa_tui.services.goal_form import (
    GoalFields,
    GoalProblem,
    check_goal_fields,
    save_new_goal,
)
from kohtaa_tui.services.goal_inputs import (
    bank_title,
    goal_progress,
    linked_entries,
    load_goal_inputs,
)
from kohtaa_tui.services.goal_text import due_text, progress_number, status_label, target_text
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import NotFoundError, StorageError
from kohtaa_tui.storage.repository import Loaded


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add `goals list`, `goals show`, `goals checkin` and `goals new`."""
    goals = commands.add_parser("goals", help=_("personal goals: list, show, check in"))
    actions = goals.add_subparsers(dest="goals_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("active goals with their progress"))
    listing.add_argument("--all", action="store_true",
                         help=_("also achieved, paused and dropped goals"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=list_goals)
    show = actions.add_parser("show", help=_("one goal: target, progress, check-ins"))
    show.add_argument("goal_id", metavar="ID")
    show.add_argument("--include-private", action="store_true",
                      help=_("show the titles of linked private reflections"))
    show.set_defaults(handler=show_goal)
    checkin = actions.add_parser("checkin", help=_("add a check-in to a goal"))
    checkin.add_argument("goal_id", metavar="ID")
    checkin.add_argument("--progress", type=int, metavar="N",
                         help=_("progress in percent, 0-100 (manual goals)"))
    checkin.add_argument("--note", default="", metavar="TEXT")
    checkin.add_argument("--entry", metavar="ENTRY_ID", help=_("link a journal entry"))
    checkin.set_defaults(handler=check_in)
    new = actions.add_parser("new", help=_("add a goal (the checks of the app's new-goal form)"))
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--why", default="", metavar="TEXT")
    new.add_argument("--step", metavar="STEP",
                     help=_("the skill step: {steps}").format(steps="{" + ",".join(STEP_IDS) + "}"))
    new.add_argument("--start", metavar="DAY", help=_("the start day (default today)"))
    new.add_argument("--due", default="", metavar="DAY")
    new.add_argument("--target", default="manual", metavar="KIND",
                     help=_("`score`, `count` or `manual` (default `manual`)"))
    new.add_argument("--bank", metavar="BANK", help=_("score targets: the bank whose score counts"))
    new.add_argument("--value", default="", metavar="SCORE",
                     help=_("score targets: the score to reach"))
    new.add_argument("--count", default="", metavar="N",
                     help=_("count targets: how many reflections"))
    new.add_argument("--template", metavar="SCHEMA",
                     help=_("count targets: only reflections with this template"))
    new.add_argument("--min-rating", default="", metavar="N",
                     help=_("count targets: the step rated at least N (1-5)"))
    new.set_defaults(handler=new_goal)


def _load(ws: Workspace, goal_id: str) -> Loaded[Goal]:
    checked_id(goal_id, "goal", "goals")
    try:
        return ws.store.goal(goal_id)
    except NotFoundError:
        checked_id(goal_id, "goal", "goals", lambda: known_goal_ids(ws))
        raise
    except StorageError as error:
        raise CliError(str(error)) from error


def _json(goal: Goal, state: Progress, ws: Workspace, path: str) -> dict[str, Any]:
    target = goal.target
    return {
        "id": goal.id, "title": goal.title, "why": goal.why, "step": goal.step,
        "status": goal.status, "start": goal.start.isoformat(),
        "due": goal.due.isoformat() if goal.due else None,
        "achieved_on": goal.achieved_on.isoformat() if goal.achieved_on else None,
        "overdue": is_overdue(goal, today(ws)),
        "target": {"kind": target.kind, "value": target.value, "bank": target.bank_id,
                   "step": target.step, "count": target.count,
                   "journal_schema": target.schema_id, "min_rating": target.min_rating},
        "progress": {"percent": round(state.percent, 1), "current": state.current,
                     "target": state.target, "reached": state.reached},
        "check_ins": len(goal.current_check_ins()),
        "path": path,
    }


def list_goals(args: argparse.Namespace) -> int:
    """Active goals (or every goal), due first."""
    ws = workspace_from(args)
    loaded, problems = ws.store.goals()
    items = [item for item in loaded if args.all or item.value.status == "active"]
    items.sort(key=lambda item: (item.value.status != "active",
                                 item.value.due.isoformat() if item.value.due else "9999",
                                 item.value.title.casefold()))
    states = goal_progress(ws, [item.value for item in items])
    day = today(ws)
    if args.format == "json":
        print_json([_json(item.value, states[item.value.id], ws, str(item.path))
                    for item in items])
    elif not items:
        say(_("no goals yet") if args.all or not loaded else
            _("no active goals; `kohtaa goals list --all` shows the others"))
    else:
        table([_("id"), _("status"), _("progress"), _("due"), _("title")], [
            [g.id, status_label(g.status),
             f"{bar(states[g.id].percent, 0, 100, 10)} "
             f"{progress_number(g.target, states[g.id], ws.lang)}",
             due_text(g, day, ws.lang, in_due_column=True), g.title]
            for g in (item.value for item in items)])
    report_problems(problems)
    return 1 if any(p.severity == "error" for p in problems) else 0


def show_goal(args: argparse.Namespace) -> int:
    """One goal with its target, progress, check-ins and linked reflections."""
    ws = workspace_from(args)
    goal = _load(ws, args.goal_id).value
    inputs = load_goal_inputs(ws)
    state = goal_progress(ws, [goal], inputs)[goal.id]
    tz = ws.clock.local_tz()
    say(goal.title)
    if goal.why:
        say(_("why: {why}").format(why=goal.why))
    say(_("status: {status}").format(status=status_label(goal.status)))
    say(_("target: {target}").format(
        target=_target_text(ws, goal)))
    say(_("progress: {bar} {number}").format(
        bar=bar(state.percent, 0, 100, 20),
        number=progress_number(goal.target, state, ws.lang))
        + (" " + _("(reached)") if state.reached else ""))
    say(_("start: {day}").format(day=i18n.day(goal.start, ws.lang)))
    due = due_text(goal, today(ws), ws.lang)
    if due:
        say(due)
    current = goal.current_check_ins()
    lines = linked_entries(goal, inputs, ws.lang, args.include_private)
    # A check-in linking a private reflection may quote it: its note is withheld too.
    withheld = {line.id for line in lines if line.private and not line.title}
    say(_("check-ins: {count}").format(count=len(current)))
    for c in current:
        value = f" {c.progress} %" if c.progress is not None else ""
        edited = " " + _("(edited)") if c.replaces else ""
        note = (_("(note from a private reflection; --include-private)")
                if c.entry_id in withheld and c.note else c.note)
        say(f"  {i18n.moment(c.at, tz, ws.lang)}{value}{edited}  {note}".rstrip())
    if lines:
        say(_("reflections: {count}").format(count=len(lines)))
        for line in lines:
            title = (_("(private reflection)") if line.private and not line.title
                     else line.title)
            say(f"  {i18n.moment(line.created, tz, ws.lang)}  {title}")
        hidden = sum(1 for line in lines if line.private and not line.title)
        if hidden:
            say(ngettext("{count} private reflection title not shown (--include-private)",
                         "{count} private reflection titles not shown (--include-private)",
                         hidden).format(count=hidden))
    return 0


def _require_entry(ws: Workspace, entry_id: str) -> None:
    """Refuse a link to a journal entry that does not exist (or cannot be read)."""
    try:
        journal = ws.journal(sync="thorough")
    except (StorageError, OSError) as error:
        raise CliError(_("{path}: cannot read the journal: {reason}").format(
            path=ws.data_dir, reason=error)) from None
    try:
        journal.load_entry(entry_id)
    except NotFoundError:

        checked_id(entry_id, "entry", "--entry", journal.index.entry_ids)
        raise
    except StorageError as error:
        raise CliError(str(error)) from None


OPTION_OF = {"start": "--start", "due": "--due", "kind": "--target", "step": "--step",
             "bank": "--bank", "value": "--value", "count": "--count",
             "min_rating": "--min-rating", "schema": "--template"}
"""The option of `goals new` that sets each field a problem can name."""


def _target_text(ws: Workspace, goal: Goal) -> str:
    """The goal's target in words, its bank and template by title."""
    from kohtaa_tui.storage.schemas import load_schemas

    schema_id = goal.target.schema_id
    return target_text(goal.target, ws.lang, bank_title(ws, goal.target.bank_id),
                       load_schemas(ws.store).title(schema_id, ws.lang) if schema_id else None)


def new_goal(args: argparse.Namespace) -> int:
    """Save a new goal from the options, refused in the new-goal form's words."""
    from kohtaa_tui.storage.banks import load_banks
    from kohtaa_tui.storage.schemas import load_schemas

    ws = workspace_from(args)
    fields = GoalFields(
        title=args.title, why=args.why, step=args.step,
        start=args.start if args.start is not None else today(ws).isoformat(),
        due=args.due, kind=args.target, bank=args.bank, value=args.value, count=args.count,
        schema=args.template, min_rating=args.min_rating)
    banks = {entry.doc.id for entry in load_banks(ws.store).latest_all()}
    schemas = {schema.id for schema in load_schemas(ws.store).docs()}
    checked = check_goal_fields(fields, banks, schemas)
    if isinstance(checked, GoalProblem):
        option = OPTION_OF.get(checked.field)
        typed = getattr(fields, checked.field, None)
        if option is None or not typed:
            raise UsageError(checked.reason)
        raise UsageError(f"{option} {one_line(str(typed), 60)}: {checked.reason}")
    try:
        loaded = save_new_goal(ws, checked)
    except StorageError as error:
        raise CliError(str(error)) from error
    say(_("goal saved to {path}").format(path=loaded.path))
    say(_("id: {id}").format(id=loaded.value.id))
    return 0


def check_in(args: argparse.Namespace) -> int:
    """Append one check-in under the lock (another writer's check-ins are kept)."""
    ws = workspace_from(args)
    goal = _load(ws, args.goal_id).value
    if args.progress is not None:
        if not 0 <= args.progress <= 100:
            raise CliError(_("--progress must be between 0 and 100"))
        if goal.target.kind != "manual":
            raise CliError(_("--progress is for manual goals; this goal's progress "
                             "comes from its target: {target}").format(
                target=_target_text(ws, goal)))
    if args.entry is not None:
        checked_id(args.entry, "entry", "--entry")
        _require_entry(ws, args.entry)
    entry = new_check_in(ws, note=args.note, progress=args.progress, entry_id=args.entry)
    try:
        loaded, achieved = add_check_in(ws, goal.id, entry)
    except StorageError as error:
        raise CliError(str(error)) from error
    say(_("check-in saved to {path}").format(path=loaded.path))
    if achieved:
        say(_("goal achieved: {title}").format(title=loaded.value.title))
    return 0
