"""Goals in words (headless): the target, the status, due or overdue; for the app and the CLI."""

from __future__ import annotations

from datetime import date

from kohtaa_tui import i18n
from kohtaa_tui.domain.dates import parse_day as parse_day  # the one date parser, re-exported
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.goals import Goal, Progress, Target, is_overdue
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.i18n import _, ngettext


def status_label(status: str) -> str:
    """A status as a word."""
    return {"active": _("active"), "achieved": _("achieved"), "paused": _("paused"),
            "dropped": _("dropped")}.get(status, status)


def _step_name(step_id: str | None, lang: str) -> str:
    if step_id is None:
        return ""
    try:
        return get_step(step_id).short.get(lang)
    except KeyError:
        return step_id


def target_text(target: Target, lang: str, bank_title: str | None = None,
                schema_title: str | None = None) -> str:
    """What reaching the goal means, in one line (`bank_title`, `schema_title`: the bank's
    and the template's titles, if known; else their ids)."""
    if target.kind == "score" and target.value is not None:
        bank = one_line(bank_title, 60) if bank_title else (target.bank_id or "")
        return _("{step} score in bank {bank} reaches {value}").format(
            step=_step_name(target.step, lang), bank=bank,
            value=i18n.number(target.value, 1, lang))
    if target.kind == "count" and target.count is not None:
        text = ngettext("{n} reflection", "{n} reflections", target.count).format(
            n=target.count)
        if target.schema_id:
            text += " " + _("using template {schema}").format(
                schema=one_line(schema_title, 60) if schema_title else target.schema_id)
        if target.step and target.min_rating is not None:
            text += " " + _("rating {step} {rating} or more").format(
                step=_step_name(target.step, lang), rating=target.min_rating)
        return text
    return _("progress in percent, moved by check-ins")


def progress_number(target: Target, state: Progress, lang: str) -> str:
    """The number beside the bar: 3.5 / 4.0, 4 / 10 or 70 %."""
    if target.kind == "score":
        current = "–" if state.current is None else i18n.number(state.current, 1, lang)
        goal = "–" if state.target is None else i18n.number(state.target, 1, lang)
        return f"{current} / {goal}"
    if target.kind == "count":
        return f"{int(state.current or 0)} / {int(state.target or 0)}"
    return f"{state.percent:.0f} %"


def due_text(goal: Goal, today: date, lang: str, *, in_due_column: bool = False) -> str:
    """"due …", "overdue …", "achieved …" or nothing. `in_due_column`: the text stands under
    a "Due" heading, so a plain due date is the date alone (not "due" twice on a line)."""
    if goal.status == "achieved" and goal.achieved_on is not None:
        return _("achieved {date}").format(date=i18n.day(goal.achieved_on, lang))
    if goal.due is None:
        return ""
    if is_overdue(goal, today):
        return _("overdue {date}").format(date=i18n.day(goal.due, lang))
    if in_due_column:
        return i18n.day(goal.due, lang)
    return _("due {date}").format(date=i18n.day(goal.due, lang))
