"""A journal form in `$EDITOR`: `journal new --edit`, `journal edit ID`, `journal delete ID`.

The form is written as plain text (domain/entry_text.py, docs/entry-text.md) into a private
temporary file, the editor is run on it (no shell: $VISUAL or $EDITOR split into words), and
what comes back is read. A text that cannot be read is one line naming the file and line,
and the file is kept, so nothing typed is lost; `--file FILE` reads such a file again (or
any form text, `-` for stdin) without an editor. Saves go through the journal service
(atomic, under the data lock, checked against the file that was loaded, the index told).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kohtaa_tui.commands.errors import CliError, UsageError
from kohtaa_tui.commands.output import say
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.entry_text import EntryText, EntryTextError, Guide, parse, render
from kohtaa_tui.domain.journal import answer_problems
from kohtaa_tui.i18n import _, localized

if TYPE_CHECKING:
    from datetime import tzinfo

    from kohtaa_tui.domain.journal import AnswerValue, JournalEntry, JournalSchema
    from kohtaa_tui.services.workspace import Workspace
    from kohtaa_tui.storage.journal import JournalService
    from kohtaa_tui.storage.repository import Loaded

FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vi")
"""Tried in this order when neither $VISUAL nor $EDITOR is set."""

_YES = {"y", "yes", "k", "kyllä", "kylla", "j", "joo"}


def add_file_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """--file for a command that reads a form text."""
    parser.add_argument("--file", metavar="FILE",
                        help=_("read the form as text from FILE (`-`: stdin) instead of "
                               "opening an editor; the format is in docs/entry-text.md "
                               "(`{command}` keeps a text it cannot read in such a "
                               "file)").format(command=command))


def guide() -> Guide:
    """The notes of a form text, in the chosen language."""
    return Guide(
        intro=(_("Write each answer under its question, then save and close the editor. "
                 "Lines starting with # are notes and are not saved; an empty answer is "
                 "no answer. To save nothing, delete every answer."),
               _("The format: docs/entry-text.md in kohtaa's sources.")),
        one_of=_("one of: {options}"),
        some_of=_("any of, separated by commas: {options}"),
        yes_no=_("yes or no"),
        number=_("a whole number from {low} to {high}"),
        steps=_("a number from {low} to {high} after the step's colon, or none: {steps}"),
        when=_("date and time: YYYY-MM-DD HH:MM"),
        tags=_("words separated by spaces"),
        one_line=_("one line"),
    )


def heading(schema: JournalSchema, lang: str, entry_id: str | None = None) -> str:
    """The first line of a form text."""
    title = " ".join(schema.title.get(lang).split())
    if entry_id is None:
        return _("kohtaa reflection: {title} ({id}, version {version})").format(
            title=title, id=schema.id, version=schema.version)
    return _("kohtaa reflection {entry}: {title} ({id}, version {version})").format(
        entry=entry_id, title=title, id=schema.id, version=schema.version)


def _listed(near: tuple[str, ...], known: tuple[str, ...]) -> str:
    if near:
        return _("; did you mean {ids}?").format(ids=_(" or ").join(near))
    if known:
        return _("; the known ones: {ids}").format(ids=", ".join(known))
    return ""


def reason(error: EntryTextError) -> str:
    """What is wrong in a form text, in words (without the file and line)."""
    value = one_line(error.value, 40)
    name = error.field_id
    code = error.code
    if code == "unknown question":
        return _("\u201c{value}\u201d is not a question of this form (a question line is "
                 "## and its id)").format(value=value) + _listed(error.near, error.known)
    if code == "question twice":
        return _("the question {field} is there twice").format(field=name)
    if code == "before questions":
        return _("\u201c{value}\u201d is before the first question, where only "
                 "starred: and private: go").format(value=value)
    if code == "one line":
        return _("{field} takes one line").format(field=name)
    if code == "yes no":
        return _("{field}: write yes or no, not \u201c{value}\u201d").format(
            field=name, value=value)
    if code == "number":
        low, high = error.known or ("?", "?")
        return _("{field}: write a whole number from {low} to {high}, not "
                 "\u201c{value}\u201d").format(field=name, low=low, high=high, value=value)
    if code == "option":
        return _("{field}: \u201c{value}\u201d is not one of the options").format(
            field=name, value=value) + _listed(error.near, error.known)
    if code == "one option":
        return _("{field}: choose one option").format(field=name)
    if code == "step line":
        return _("{field}: write a step as STEP: N, not \u201c{value}\u201d").format(
            field=name, value=value)
    if code == "step":
        return _("{field}: unknown step \u201c{value}\u201d").format(
            field=name, value=value) + _listed(error.near, error.known)
    if code == "step twice":
        return _("{field}: the step {value} is rated twice").format(field=name, value=value)
    if code == "step number":
        return _("{field}: a step's rating is a whole number from 1 to 5, not "
                 "\u201c{value}\u201d").format(field=name, value=value)
    if code == "datetime":
        return _("{field}: write the date and time as YYYY-MM-DD HH:MM, not "
                 "\u201c{value}\u201d").format(field=name, value=value)
    if code == "too long":
        return _("{field}: the answer is longer than {value} characters").format(
            field=name, value=value)
    if code == "tags":
        return _("{field}: at most {value} tags of at most 64 characters").format(
            field=name, value=value)
    return code


# -- the editor --------------------------------------------------------------------------

def editor_command(env: dict[str, str] | None = None) -> list[str]:
    """The editor to run, as words: $VISUAL, then $EDITOR, then a usual one found."""
    env = dict(os.environ) if env is None else env
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                raise CliError(_("${name} cannot be read as a command: {value}").format(
                    name=name, value=one_line(value, 60))) from None
            if words:
                return words
    for name in FALLBACK_EDITORS:
        found = shutil.which(name)
        if found:
            return [found]
    raise CliError(_("no editor found: set $EDITOR (for example EDITOR=nano), or give the "
                     "text with --file"))


class FormText:
    """The text of a form as the person left it, and where it is kept meanwhile."""

    def __init__(self, text: str, kept: Path | None, given: Path | None) -> None:
        self.text = text
        self.kept = kept
        """The temporary file the editor wrote (removed once the text is saved)."""
        self.given = given
        """The file given with --file (never removed)."""

    @property
    def where(self) -> str:
        if self.kept is not None:
            return str(self.kept)
        return "stdin" if self.given is None else str(self.given)

    def done(self) -> None:
        """The text is saved, or said to be nothing: the temporary file goes."""
        if self.kept is not None:
            with contextlib.suppress(OSError):
                self.kept.unlink()


def _kept_note(path: Path, retry: str) -> str:
    return _("; your text is kept in {path}: fix it and run `{command} --file {path}`").format(
        path=path, command=retry)


def form_text(args: argparse.Namespace, shown: str, prefix: str, retry: str) -> FormText:
    """The form text from --file, or from the editor run on `shown`."""
    given = getattr(args, "file", None)
    if given is not None:
        try:
            if given == "-":
                return FormText(sys.stdin.read(), None, None)
            return FormText(Path(given).read_text(encoding="utf-8"), None, Path(given))
        except (OSError, UnicodeDecodeError) as error:
            reason_text = getattr(error, "strerror", None) or _("it is not UTF-8 text")
            raise CliError(_("{path}: cannot read it: {reason}").format(
                path=given, reason=reason_text)) from None
    command = editor_command()
    fd, name = tempfile.mkstemp(prefix=f"kohtaa-{prefix}-", suffix=".txt")
    path = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(shown)
    try:
        done = subprocess.run([*command, name], check=False)
    except OSError as error:
        path.unlink()
        raise CliError(_("cannot run the editor {editor}: {reason}; set $EDITOR").format(
            editor=command[0], reason=error.strerror or error)) from None
    if done.returncode != 0:
        raise CliError(_("the editor {editor} stopped with status {status}; nothing was "
                         "saved").format(editor=command[0], status=done.returncode)
                       + _kept_note(path, retry))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CliError(_("{path}: the text is not UTF-8; nothing was saved").format(
            path=path) + _kept_note(path, retry)) from None
    except OSError as error:
        raise CliError(_("{path}: cannot read it: {reason}").format(
            path=path, reason=error.strerror or error)) from None
    return FormText(text, path, None)


def refuse(form: FormText, message: str, retry: str) -> CliError:
    """The one-line error for a text that cannot be saved, the text kept."""
    if form.kept is not None:
        return CliError(message + _kept_note(form.kept, retry))
    return CliError(message)


def read_form(schema: JournalSchema, form: FormText, tz: tzinfo, command: str,
              retry: str) -> EntryText:
    """The answers of a form text; CliError naming the file and line when it cannot be
    read or an answer does not fit."""
    try:
        read = parse(schema, form.text, tz)
    except EntryTextError as error:
        raise refuse(form, _("{command}: {path}, line {line}: {reason}").format(
            command=command, path=form.where, line=error.line, reason=reason(error)),
            retry) from None
    problems = answer_problems(schema, read.answers)
    if problems:
        spec, why = problems[0]
        raise refuse(form, _("{command}: {path}: {field} {reason}").format(
            command=command, path=form.where, field=spec.id, reason=localized(why)), retry)
    return read


def _save(journal: JournalService, entry: JournalEntry, previous: Loaded[JournalEntry] | None,
          form: FormText, command: str, retry: str) -> Loaded[JournalEntry]:
    from kohtaa_tui.storage.errors import ConflictError, StorageError

    try:
        return journal.save_entry(entry, previous)
    except ConflictError:
        raise refuse(form, _("{command}: the entry's file changed while you edited it; "
                             "nothing was saved over it").format(command=command),
                     retry) from None
    except (StorageError, OSError) as error:
        raise refuse(form, _("{command}: {reason}").format(command=command,
                                                           reason=error), retry) from None


# -- journal new --edit --------------------------------------------------------------------

def new_from_form(args: argparse.Namespace, ws: Workspace, schema: JournalSchema,
                  initial: dict[str, AnswerValue]) -> int:
    """Open the form (with what the command line gave) in the editor, save what comes back."""
    from kohtaa_tui.domain.ids import new_id
    from kohtaa_tui.domain.journal import JournalEntry

    tz = ws.clock.local_tz()
    shown = render(schema, initial, ws.lang, tz, starred=args.star, private=args.private,
                   guide=guide(), heading=heading(schema, ws.lang))
    retry = f"kohtaa journal new --type {schema.id}"
    form = form_text(args, shown, "new", retry)
    read = read_form(schema, form, tz, "journal new", retry)
    if not read.answers:
        form.done()
        raise CliError(_("journal new: every answer is empty; nothing was saved"))
    now = ws.clock.now()
    entry = JournalEntry(id=new_id(now), schema_id=schema.id, schema_version=schema.version,
                         created=now, updated=now, answers=read.answers,
                         starred=read.starred, private=read.private, lang=ws.lang)
    journal = _open(ws)
    saved = _save(journal, entry, None, form, "journal new", retry)
    form.done()
    say(_("saved {id} to {path}").format(id=saved.value.id, path=saved.path))
    _say_open(schema, read.answers, ws.lang)
    return 0


def _open(ws: Workspace) -> JournalService:
    from kohtaa_tui.storage.errors import StorageError

    try:
        return ws.journal(sync="none")
    except (StorageError, OSError) as error:
        raise CliError(_("{path}: cannot read the journal: {reason}").format(
            path=ws.data_dir, reason=error)) from None


def _say_open(schema: JournalSchema, answers: dict[str, AnswerValue], lang: str) -> None:
    from kohtaa_tui.domain.journal import missing_required

    missing = missing_required(schema, answers)
    if missing:
        names = "; ".join(one_line(spec.prompt.get(lang), 60) for spec in missing)
        say(_("still to answer, in the app: {fields}").format(fields=names), sys.stderr)


# -- journal edit / delete -------------------------------------------------------------------

def _load(args: argparse.Namespace, command: str) -> tuple[
        Workspace, JournalService, Loaded[JournalEntry], JournalSchema | None]:
    """The entry `args.entry_id` names, read for `command` (`journal edit` or `journal
    delete`): the workspace, its journal, the entry and its schema (None when not
    installed); one-line CliErrors for an id that is not one, names nothing, or names a
    private entry without --include-private."""
    from kohtaa_tui.commands.context import workspace_from
    from kohtaa_tui.commands.ids import checked_id
    from kohtaa_tui.storage.errors import NotFoundError, StorageError

    checked_id(args.entry_id, "entry", command)
    ws = workspace_from(args)
    journal = _open(ws)
    try:
        loaded = journal.load_entry(args.entry_id)
    except NotFoundError:
        checked_id(args.entry_id, "entry", command, journal.index.entry_ids)
        raise CliError(_("{command}: no journal entry has the id {id}").format(
            command=command, id=args.entry_id)) from None
    except StorageError as error:
        raise CliError(str(error)) from None
    if loaded.value.private and not args.include_private:
        raise CliError(_("{command}: {id} is marked private; add --include-private").format(
            command=command, id=loaded.value.id))
    return ws, journal, loaded, journal.schema_of(loaded.value)


def edit_entry(args: argparse.Namespace) -> int:
    """`journal edit ID`: the entry's form as text in the editor, saved over its file."""
    command = "journal edit"
    ws, journal, loaded, schema = _load(args, command)
    entry = loaded.value
    if schema is None:
        raise CliError(_("{command}: the form {schema} of {id} is not installed; edit "
                         "it in its file {path}").format(
            command=command, schema=entry.schema_id, id=entry.id, path=loaded.path))
    tz = ws.clock.local_tz()
    shown = render(schema, entry.answers, ws.lang, tz, starred=entry.starred,
                   private=entry.private, guide=guide(),
                   heading=heading(schema, ws.lang, entry.id))
    retry = f"kohtaa journal edit {entry.id}" + (
        " --include-private" if args.include_private else "")
    form = form_text(args, shown, "edit", retry)
    if form.text == shown:
        form.done()
        say(_("nothing changed in {id}").format(id=entry.id))
        return 0
    read = read_form(schema, form, tz, command, retry)
    if not read.answers:
        raise refuse(form, _("{command}: every answer is empty; nothing was saved (`kohtaa "
                             "journal delete {id}` deletes the entry)").format(
            command=command, id=entry.id), retry)
    kept: dict[str, AnswerValue] = {key: value for key, value in entry.answers.items()
                                    if schema.field(key) is None}
    changed = replace(entry, answers={**kept, **read.answers}, starred=read.starred,
                      private=read.private, updated=ws.clock.now())
    saved = _save(journal, changed, loaded, form, command, retry)
    form.done()
    say(_("saved {id} to {path}").format(id=saved.value.id, path=saved.path))
    return 0


def _confirmed(question: str) -> bool:
    print(question, end=" ", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().casefold() in _YES


def delete_entry(args: argparse.Namespace) -> int:
    """`journal delete ID`: the entry's file into the trash, after a question (or --yes)."""
    from kohtaa_tui.domain.journal import entry_title
    from kohtaa_tui.storage.errors import ConflictError, StorageError

    command = "journal delete"
    ws, journal, loaded, schema = _load(args, command)
    entry = loaded.value
    if entry.starred and args.yes and not args.force:
        raise UsageError(_("{command}: {id} is starred; it is deleted only when you "
                           "answer the question (leave out --yes) or with --force").format(
            command=command, id=entry.id))
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(_("{command}: add --yes to delete without a question").format(
                command=command))
        title = one_line(entry_title(entry, schema, ws.lang), 60)
        when = entry.created.astimezone(ws.clock.local_tz()).strftime("%Y-%m-%d %H:%M")
        question = _("Delete \u201c{title}\u201d ({when})?").format(title=title, when=when)
        if entry.starred:
            question += " " + _("It is starred.")
        if not _confirmed(question + " " + _("[y/N]")):
            say(_("nothing was deleted"))
            return 1
    try:
        target = journal.delete_entry(loaded)
    except ConflictError:
        raise CliError(_("{command}: the entry's file changed just now; nothing was "
                         "deleted").format(command=command)) from None
    except (StorageError, OSError) as error:
        raise CliError(_("{command}: {reason}").format(command=command,
                                                       reason=error)) from None
    say(_("moved {id} to the trash: {path} (`kohtaa doctor --empty-trash` deletes it for "
          "good)").format(id=entry.id, path=target))
    return 0


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `journal edit` and `journal delete`."""
    edit = actions.add_parser("edit", help=_("change an entry: its form as text in $EDITOR"))
    edit.add_argument("entry_id", metavar="ID")
    edit.add_argument("--include-private", action="store_true",
                      help=_("edit the entry even when it is marked private"))
    add_file_arguments(edit, "journal edit")
    edit.set_defaults(handler=edit_entry)

    delete = actions.add_parser("delete", help=_("move an entry to the trash (asks first)"))
    delete.add_argument("entry_id", metavar="ID")
    delete.add_argument("--yes", "-y", action="store_true",
                        help=_("do not ask (a starred entry still needs --force)"))
    delete.add_argument("--force", action="store_true",
                        help=_("with --yes, delete a starred entry too"))
    delete.add_argument("--include-private", action="store_true",
                        help=_("delete the entry even when it is marked private"))
    delete.set_defaults(handler=delete_entry)
