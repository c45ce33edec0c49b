"""`kohtaa journal new "text"`: a reflection saved at once from the shell, no app.

    kohtaa journal new "Asked about the budget before the offer @pricing" --step listening=4
    kohtaa journal new --type sales-meeting --star "Closed it. @acme" --answer outcome=won

The save goes through the journal service like the app's (atomic, under the data lock, the
index told); nothing is saved when any part of the command line is wrong.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.errors import CliError, UsageError
from kohtaa_tui.commands.ids import checked_id
from kohtaa_tui.commands.output import say
from kohtaa_tui.domain.display import has_surrogates, one_line
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.domain.journal import (
    STEP_RATING_MAX,
    STEP_RATING_MIN,
    AnswerValue,
    JournalEntry,
    JournalSchema,
    SchemaField,
    parse_tags,
)
from kohtaa_tui.domain.quick_entry import QuickEntryError, quick_answers
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.i18n import _, localized
from kohtaa_tui.storage.errors import StorageError

DEFAULT_SCHEMA = "quick"

_YES = {"yes", "y", "true", "kyllä", "k", "joo", "1"}
_NO = {"no", "n", "false", "ei", "0"}


def add_arguments(new: argparse.ArgumentParser) -> None:
    """The options of `journal new` that save at once."""
    new.add_argument("text", nargs="*", metavar="TEXT",
                     help=_("the reflection in words: saved at once, without the app; "
                          "@word marks a tag (default type: quick)"))
    new.add_argument("--step", dest="ratings", action="append", metavar="STEP=N",
                     help=_("rate a step from {low} to {high} ({steps}); may be "
                            "repeated").format(low=STEP_RATING_MIN, high=STEP_RATING_MAX,
                                               steps=", ".join(STEP_IDS)))
    new.add_argument("--answer", dest="answers", action="append", metavar="FIELD=VALUE",
                     help=_("answer another question of the form by its field id (see "
                          "`kohtaa schema list --format json`); may be repeated"))
    new.add_argument("--star", action="store_true", help=_("star the entry"))
    new.add_argument("--private", action="store_true",
                     help=_("mark it private (left out of lists and reports unless asked)"))
    new.add_argument("--edit", action="store_true",
                     help=_("write it in $EDITOR: the whole form as plain text, with what "
                          "the command line gives filled in (default type: quick)"))
    from kohtaa_tui.commands.entry_edit import add_file_arguments

    add_file_arguments(new, "journal new --edit")


def wants_quick_save(args: argparse.Namespace) -> bool:
    """True when the command line asks for a save from the shell (not the app)."""
    return bool(args.text or args.ratings or args.answers or args.star or args.private
                or args.edit or args.file is not None)


def _pair(text: str, option: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UsageError(_("{option}: write it as NAME=VALUE, not \u201c{text}\u201d").format(
            option=option, text=one_line(text, 40)))
    return key.strip(), value.strip()


def _ratings(given: list[str] | None) -> dict[str, int]:
    ratings: dict[str, int] = {}
    for text in given or []:
        step, value = _pair(text, "--step")
        checked_id(step, "step", "--step", STEP_IDS)
        try:
            number = int(value)
        except ValueError:
            number = 0
        if not STEP_RATING_MIN <= number <= STEP_RATING_MAX:
            raise UsageError(_("--step {step}: a rating is a whole number from {low} to "
                               "{high}").format(step=step, low=STEP_RATING_MIN,
                                                high=STEP_RATING_MAX))
        ratings[step] = number
    return ratings


def _answer(spec: SchemaField, value: str) -> AnswerValue:
    """A typed answer as the field keeps it; UsageError when it cannot be one."""
    option = f"--answer {spec.id}"
    kind = spec.type
    if kind in ("short_text", "long_text"):
        return value.replace("\\n", "\n") if kind == "long_text" else value
    if kind == "yes_no":
        if value.casefold() in _YES | _NO:
            return value.casefold() in _YES
        raise UsageError(_("{option}: answer yes or no").format(option=option))
    if kind == "rating":
        try:
            return int(value)
        except ValueError:
            raise UsageError(_("{option}: give a whole number from {low} to {high}").format(
                option=option, low=spec.min, high=spec.max)) from None
    if kind in ("choice", "multi_choice"):
        known = [o.id for o in spec.options]
        chosen = [checked_id(v.strip(), "option", option, known, part=True)
                  for v in value.split(",") if v.strip()]
        if kind == "choice":
            if len(chosen) != 1:
                raise UsageError(_("{option}: choose one").format(option=option))
            return chosen[0]
        return tuple(dict.fromkeys(chosen))
    if kind == "tags":
        return parse_tags(value)
    raise UsageError(_("{option}: this question is answered in the app").format(
        option=option))


def _schema(ws: Any, schema_id: str) -> JournalSchema:
    """The latest offered version of `schema_id` (a removed schema is not offered)."""
    from kohtaa_tui.storage.schemas import load_schemas

    catalogue = load_schemas(ws.store)
    latest: dict[str, JournalSchema] = {e.doc.id: e.doc for e in catalogue.latest_all()}
    checked_id(schema_id, "schema", "--type", latest)
    return latest[schema_id]


def _refusal(error: QuickEntryError, schema: JournalSchema, lang: str) -> str:
    title = schema.title.get(lang)
    if error.code == "empty":
        return _("journal new: give the reflection's text")
    if error.code == "no tags field":
        return _("journal new: the form \u201c{title}\u201d ({id}) has no tags; drop the "
                 "@words or choose a --type with tags, such as sales-meeting").format(
            title=title, id=schema.id)
    if error.code == "no ratings field":
        return _("journal new: the form \u201c{title}\u201d ({id}) rates no steps; drop "
                 "--step").format(title=title, id=schema.id)
    if error.code == "no text field":
        return _("journal new: the form \u201c{title}\u201d ({id}) has no text question "
                 "for the line").format(title=title, id=schema.id)
    if error.code == "bad answer" and error.reason:
        field_id = error.detail.split(" ", 1)[0]
        return _("journal new: {field} {reason}").format(field=field_id,
                                                         reason=localized(error.reason))
    if error.code == "no such field":
        return _("journal new: the form \u201c{title}\u201d ({id}) has no field {field}").format(
            title=title, id=schema.id, field=error.detail)
    return _("journal new: {detail}").format(detail=error.detail)


def _initial(schema: JournalSchema, text: str, ratings: dict[str, int],
             answers: dict[str, AnswerValue], lang: str) -> dict[str, AnswerValue]:
    """What the command line gives to fill the form in before it is edited."""
    if not text.strip() and not ratings:
        return answers
    try:
        return quick_answers(schema, text or " ", ratings, answers).answers
    except QuickEntryError as error:
        if error.code != "empty":
            raise UsageError(_refusal(error, schema, lang)) from None
    spec = schema.field_by_role("step_ratings")
    if spec is None:
        raise UsageError(_refusal(QuickEntryError("no ratings field", schema.id), schema,
                                  lang))
    return {**answers, spec.id: dict(ratings)}


def save_quick(args: argparse.Namespace) -> int:
    """Save the reflection the command line gives; print its id and file."""
    text = " ".join(args.text)
    if has_surrogates(text):
        raise UsageError(_("journal new: the text holds bytes that are not UTF-8; check "
                           "the terminal's encoding"))
    schema_id = args.schema or DEFAULT_SCHEMA
    checked_id(schema_id, "schema", "--type")
    ratings = _ratings(args.ratings)
    pairs = [_pair(item, "--answer") for item in args.answers or []]
    ws = workspace_from(args)
    schema = _schema(ws, schema_id)
    answers: dict[str, AnswerValue] = {}
    for field_id, value in pairs:
        checked_id(field_id, "field", "--answer", [f.id for f in schema.fields], part=True)
        spec = schema.field(field_id)
        assert spec is not None
        answers[field_id] = _answer(spec, value)
    if args.edit or args.file is not None:
        from kohtaa_tui.commands.entry_edit import new_from_form

        return new_from_form(args, ws, schema, _initial(schema, text, ratings, answers,
                                                        ws.lang))
    try:
        quick = quick_answers(schema, text, ratings, answers)
    except QuickEntryError as error:
        raise UsageError(_refusal(error, schema, ws.lang)) from None
    now = ws.clock.now()
    entry = JournalEntry(id=new_id(now), schema_id=schema.id, schema_version=schema.version,
                         created=now, updated=now, answers=quick.answers,
                         starred=args.star, private=args.private, lang=ws.lang)
    try:
        saved = ws.journal(sync="none").save_entry(entry)
    except (StorageError, OSError) as error:
        raise CliError(str(error)) from None
    say(_("saved {id} to {path}").format(id=saved.value.id, path=saved.path))
    if quick.open_required:
        names = "; ".join(one_line(spec.prompt.get(ws.lang), 60)
                          for spec in quick.open_required)
        say(_("still to answer, in the app: {fields}").format(fields=names), sys.stderr)
    return 0
