"""`kohtaa journal list/show/export` and `kohtaa index rebuild`: the journal without the UI.

Lists, filters and search read the index (synced with the files first); `show` reads the
entry's own file. Private entries are left out unless --include-private is given. Every
stored text passes through display_safe (or JSON escaping) before it is printed.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime

from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.output import (
    _,
    ngettext,
    print_json,
    report_problems,
    safe_json,
    say,
    table,
)
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.markdown import markdown_escape
from kohtaa_tui.domain.zone import machine_tz
from kohtaa_tui.storage import index_base
from kohtaa_tui.storage.errors import NotFoundError, StorageError
from kohtaa_tui.storage.index_base import STEP_IDS, EntryFilter

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import sqlite3
    from collections.abc import Mapping
    from datetime import tzinfo
    from typing import Any

    from kohtaa_tui.domain.journal import JournalSchema, SchemaField
    from kohtaa_tui.services.workspace import Workspace
    from kohtaa_tui.storage.index import JournalIndex, SyncReport
    from kohtaa_tui.storage.journal import JournalService

# `journal list` and `journal export --format json` answer from index_base alone when the
# index is current (no dataclasses, pathlib, typing, TOML or domain parsers are imported,
# so the process costs little more than Python's start); otherwise they sync it through
# JournalIndex first. The other commands import the workspace and the domain as they go.

PROGRESS_AFTER = 0.5
"""Seconds of indexing after which a progress line appears on stderr."""


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add the `journal` and `index` commands."""
    journal = commands.add_parser("journal", help=_("reflections: new, list, show, edit, "
                                                  "delete, export"))
    actions = journal.add_subparsers(dest="journal_command", metavar="ACTION", required=True)

    new = actions.add_parser("new", help=_("write a reflection: saved at once with TEXT, else "
                                         "in the app's form"))
    new.add_argument("--schema", "--type", dest="schema", metavar="ID",
                     help=_("the kind of encounter (a schema id; see `kohtaa schema list`); "
                          "without it and TEXT, a list to choose from"))
    from kohtaa_tui.commands.quick_entry import add_arguments

    add_arguments(new)
    new.set_defaults(handler=new_entry)
    from kohtaa_tui.commands import entry_edit

    entry_edit.register(actions)

    listing = actions.add_parser(
        "list", help=_("list entries, newest first"),
        epilog=_("The step, mistake, channel and schema ids, with their names in Finnish and "
                 "English: `kohtaa catalogue`. Steps: {steps}.").format(
            steps=", ".join(STEP_IDS)))
    _add_filters(listing)
    listing.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
                         help=_("show at most N entries (default {limit}; 0 for all)").format(
                             limit=DEFAULT_LIMIT))
    listing.add_argument("--format", choices=_FORMATS["list"], default=_FORMATS["list"][0])
    listing.set_defaults(handler=list_entries)

    show = actions.add_parser("show", help=_("show one entry in full"))
    show.add_argument("entry_id", metavar="ID")
    show.add_argument("--include-private", action="store_true",
                      help=_("show the entry even when it is marked private"))
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=show_entry)

    export = actions.add_parser("export", help=_("write every entry (oldest first) as JSON or "
                                               "Markdown"))
    _add_filters(export)
    export.add_argument("--format", choices=_FORMATS["export"],
                        default=_FORMATS["export"][0])
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE, not stdout"))
    export.set_defaults(handler=export_entries)

    index = commands.add_parser("index", help=_("the search index beside your files"))
    index_actions = index.add_subparsers(dest="index_command", metavar="ACTION",
                                         required=True)
    rebuild = index_actions.add_parser(
        "rebuild", help=_("read every entry file again (the files are never changed)"))
    rebuild.set_defaults(handler=rebuild_index)
    check = index_actions.add_parser(
        "sync", help=_("compare every entry file with the index now (also finds files "
                     "rewritten in place, which quick commands notice only hourly)"))
    check.set_defaults(handler=sync_index)


# -- the quick parser -------------------------------------------------------------------------
# `journal list` and `journal export` are what people (and scripts) run most. Building the
# argparse parser costs several milliseconds (help formatters, gettext, shutil), about a
# fifth of the whole command, so these two read their options with the small parser below.
# It accepts only the plain forms (`--tag x`, global options before `journal`); for
# anything else (help, `--tag=x`, abbreviations, a bad value) it answers None and argparse
# parses, and reports, as usual. tests/unit/test_cli_quick.py checks that whenever it
# answers, argparse gives the same namespace.

_QUICK_GLOBAL = {"--data-dir": "data_dir", "--config-dir": "config_dir", "--lang": "lang"}
_QUICK_FILTERS = {"--schema": "schema", "--type": "schema", "--step": "step",
                  "--step-max": "step_max", "--tag": "tag", "--mistake": "mistake",
                  "--search": "search", "--since": "since", "--until": "until"}
_QUICK_FLAGS = {"--starred": "starred", "--include-private": "include_private"}
_QUICK_ACTIONS: dict[str, dict[str, str]] = {
    "list": {**_QUICK_FILTERS, "--limit": "limit", "--format": "format"},
    "export": {**_QUICK_FILTERS, "--format": "format", "-o": "output", "--output": "output"},
}
_FORMATS = {"list": ("table", "json"), "export": ("json", "md")}
"""The --format choices of `journal list` and `journal export`, the default first."""
DEFAULT_LIMIT = 20
STEP_MAX = range(1, 6)


def quick_args(argv: list[str]) -> argparse.Namespace | None:
    """The namespace argparse would give for a plain `journal list|export` command line,
    or None when argparse has to look at it."""
    values: dict[str, Any] = {"data_dir": None, "config_dir": None, "lang": None}
    tokens = iter(argv)
    for token in tokens:
        if token == "journal":
            break
        if token not in _QUICK_GLOBAL:
            return None
        value = next(tokens, None)
        if value is None or value.startswith("-"):
            return None
        values[_QUICK_GLOBAL[token]] = value
    action = next(tokens, None)
    if action not in _QUICK_ACTIONS or values["lang"] not in (None, "fi", "en"):
        return None
    values.update(command="journal", journal_command=action, schema=None, step=None,
                  step_max=None, tag=None, mistake=None, search="", since=None, until=None,
                  starred=False, include_private=False, format=_FORMATS[action][0])
    if action == "list":
        values.update(limit=DEFAULT_LIMIT, handler=list_entries)
    else:
        values.update(output=None, handler=export_entries)
    options = _QUICK_ACTIONS[action]
    for token in tokens:
        if token in _QUICK_FLAGS:
            values[_QUICK_FLAGS[token]] = True
            continue
        name = options.get(token)
        value = next(tokens, None)
        if name is None or value is None or value.startswith("-") or not value:
            return None
        converted = _quick_value(name, value, action)
        if converted is None:
            return None
        values[name] = converted
    from types import SimpleNamespace

    # What argparse.Namespace is, without importing argparse for it.
    return SimpleNamespace(**values)  # type: ignore[return-value]


def quick_language(args: argparse.Namespace) -> str | None:
    """The language a quick command speaks when --lang is not given: `lang` in
    config.toml, else the locale's (as services.workspace chooses it), None for English.
    A config.toml that does not parse is not looked into, as the full workspace does not
    (it reports the file and speaks the locale's language), so that no output mixes two."""
    from kohtaa_tui.paths import config_dir_text

    path = os.path.join(config_dir_text(args.config_dir), "config.toml")
    try:
        with open(path, "rb") as handle:
            data: bytes | None = handle.read(1 << 20)
    except OSError:
        data = None
    settings: dict[str, object] = {}
    if data is not None:  # no config.toml, no TOML parser to import
        import tomllib

        try:
            settings = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            settings = {}
    chosen = settings.get("lang")
    if chosen in ("fi", "en"):
        return str(chosen)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        found = os.environ.get(name)
        if found:
            return "fi" if found.lower().startswith("fi") else None
    return None


def _quick_value(name: str, value: str, action: str) -> object | None:
    """An option's value as argparse would convert it, or None to leave it to argparse."""
    try:
        if name == "limit":
            number = int(value)  # as _positive
            return number if number >= 0 else None
        if name == "step_max":
            number = int(value)
            return number if number in STEP_MAX else None
    except ValueError:
        return None
    if name == "format" and value not in _FORMATS[action]:
        return None
    return value


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not a whole number").format(
            value=repr(text))) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("must be 0 or more"))
    return value


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--schema", "--type", dest="schema", metavar="ID",
                        help=_("only entries written with this schema"))
    parser.add_argument("--step", metavar="STEP",
                        help=_("only entries that rated this step ({steps})").format(
                            steps=", ".join(STEP_IDS)))
    parser.add_argument("--step-max", type=int, choices=STEP_MAX, metavar="N",
                        help=_("with --step: only where it was rated N or lower"))
    parser.add_argument("--tag", metavar="TAG", help=_("only entries with this tag"))
    parser.add_argument("--mistake", metavar="ID", help=_("only entries naming this mistake "
                                                        "(the ids: `kohtaa catalogue mistakes`)"))
    parser.add_argument("--search", metavar="WORDS", default="",
                        help=_("only entries containing every word (as a word start)"))
    from kohtaa_tui.commands.dates import DATE_HELP

    parser.add_argument("--since", metavar="DATE",
                        help=_("written on or after DATE: {dates}").format(dates=_(DATE_HELP)))
    parser.add_argument("--until", metavar="DATE",
                        help=_("written on or before DATE (the last day of a month or week)"))
    parser.add_argument("--starred", action="store_true", help=_("only starred entries"))
    parser.add_argument("--include-private", action="store_true",
                        help=_("include entries marked private"))


def _write_output(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from kohtaa_tui.commands.report import write_output

    write_output(text, output)


class QuickIndex:
    """The index opened for a query without the workspace: as it is when it is current
    (index_base.open_current), else synced first (folder mtimes; schemas and parsers are
    loaded only when a changed file has to be read). Use as a context manager."""

    def __init__(self, args: argparse.Namespace) -> None:
        from kohtaa_tui.paths import data_dir_text

        self.data_dir = data_dir_text(args.data_dir)
        self.journal_dir = os.path.join(self.data_dir, "journal")
        self.tz: tzinfo = machine_tz()
        self._index: JournalIndex | None = None
        self.clock = getattr(args, "clock", None)
        # The machine's clock, as SystemClock (which _synced uses) gives it, read here
        # without importing domain.clock (its dataclasses cost this path several ms).
        db = index_base.open_current(self.data_dir, os.path.join(self.data_dir, "schemas"),
                                     time.time())
        self.db: sqlite3.Connection = db if db is not None else self._synced()

    def _synced(self) -> sqlite3.Connection:
        from kohtaa_tui.domain.clock import SystemClock
        from kohtaa_tui.paths import data_dir
        from kohtaa_tui.storage.index import JournalFiles, JournalIndex

        clock = self.clock or SystemClock()
        files = JournalFiles(data_dir(self.data_dir), clock)
        try:
            self._index = JournalIndex.open(files)
            report = self._index.sync(_Progress(), thorough=False)
        except (StorageError, OSError) as error:
            raise CliError(_("{path}: cannot read the journal: {reason}").format(
                path=files.data_dir, reason=error)) from None
        report_problems(report.problems, sys.stderr)
        self.tz = clock.local_tz()
        return self._index.db

    def __enter__(self) -> QuickIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._index is not None:
            self._index.close()
        else:
            self.db.close()


def _filter(args: argparse.Namespace) -> EntryFilter:
    if args.step is not None:
        from kohtaa_tui.commands.ids import checked_id

        checked_id(args.step, "step", "--step", STEP_IDS)
    for value, option in ((args.schema, "--type"), (args.mistake, "--mistake")):
        if value is not None:
            from kohtaa_tui.commands.ids import shape_message

            if (message := shape_message(value, option, part=option == "--mistake")):
                from kohtaa_tui.commands.errors import UsageError

                raise UsageError(message)
    since = until = None
    if args.since is not None or args.until is not None:
        from kohtaa_tui.commands.dates import day_flag, today_of
        from kohtaa_tui.domain.clock import SystemClock

        today = today_of(getattr(args, "clock", None) or SystemClock())
        since = day_flag("--since", args.since, today)
        until = day_flag("--until", args.until, today)
    swapped = since is not None and until is not None and since > until
    if swapped or (args.step_max is not None and not args.step):
        from kohtaa_tui.i18n import _

        raise CliError(_("--since is after --until; swap them") if swapped
                       else _("--step-max needs --step"))
    return EntryFilter(text=args.search or "", schema_id=args.schema, step=args.step,
                       step_max=args.step_max, tag=args.tag, mistake=args.mistake,
                       starred=args.starred, include_private=args.include_private,
                       since=since, until=until)


def check_filter_ids(args: argparse.Namespace, db: sqlite3.Connection, data_dir: str) -> None:
    """Refuse a --type or --mistake that names nothing: not a shipped or installed schema
    (or built-in mistake) and on no entry in the index (exit status 2, nearest ids named)."""
    if args.schema is None and args.mistake is None:
        return
    from kohtaa_tui.commands.ids import checked_id

    if args.schema is not None:
        def schemas() -> set[str]:
            from kohtaa_tui.paths import shipped_dir

            ids = {row[0] for row in db.execute("SELECT DISTINCT schema_id FROM entries")}
            ids.update(os.path.splitext(name)[0] for name in _names(
                str(shipped_dir("journal_schemas"))) if name.endswith(".toml"))
            ids.update(_names(os.path.join(data_dir, "schemas")))
            return ids

        checked_id(args.schema, "schema", "--type", schemas)
    if args.mistake is not None:
        def mistakes() -> set[str]:
            from kohtaa_tui.domain.catalogues import MISTAKES

            ids = {row[0] for row in db.execute(
                "SELECT DISTINCT value FROM labels WHERE kind = 'mistake'")}
            return ids | {option.id for option in MISTAKES}

        checked_id(args.mistake, "mistake", "--mistake", mistakes, part=True)


def _names(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


class _Progress:
    """A progress line on stderr, once indexing has taken more than a moment."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.shown and time.monotonic() - self.started < PROGRESS_AFTER:
            return
        self.shown = True
        end = "\n" if done == total else ""
        print("\r" + _("indexing journal entries: {done}/{total}").format(
            done=done, total=total), end=end, file=sys.stderr,
              flush=True)


def open_journal(ws: Workspace) -> tuple[JournalService, SyncReport]:
    """The journal with its index synced to the files (problems go to stderr)."""
    try:
        journal = ws.journal(sync="none")
        report = journal.index.sync(_Progress(), thorough=False)
    except (StorageError, OSError) as error:
        raise CliError(_("{path}: cannot read the journal: {reason}").format(
            path=ws.data_dir, reason=error)) from None
    report_problems(report.problems, sys.stderr)
    return journal, report


def _when(moment: datetime, tz: tzinfo) -> str:
    """A date and time in the person's zone, sortable: 2026-11-22 14:30."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _ratings(fields: Mapping[str, Any]) -> str:
    return " ".join(str(fields["ratings"].get(step, "-")) for step in STEP_IDS)


def _flags(fields: Mapping[str, Any]) -> str:
    return ("*" if fields["starred"] else "") + ("P" if fields["private"] else "")


def _summary_json(fields: Mapping[str, Any], journal_dir: str) -> dict[str, Any]:
    return {
        "id": fields["id"], "created": fields["created"].isoformat(),
        "updated": fields["updated"].isoformat(), "schema": fields["schema_id"],
        "schema_version": fields["schema_version"], "title": fields["title"],
        "ratings": dict(fields["ratings"]), "tags": list(fields["tags"]),
        "mistakes": list(fields["mistakes"]), "goals": list(fields["goal_ids"]),
        "starred": fields["starred"], "private": fields["private"],
        "path": os.path.join(journal_dir, fields["path"]),
    }


def list_entries(args: argparse.Namespace) -> int:
    """Print the entries that pass the filters, newest first."""
    flt = _filter(args)
    with QuickIndex(args) as index:
        check_filter_ids(args, index.db, index.data_dir)
        tz = index.tz
        limit = args.limit or None
        if args.format == "table":
            rows, total, hidden = index_base.listing(index.db, flt, tz, limit)
        else:
            rows = index_base.summary_rows(index.db, flt, tz, limit)
            total, hidden = len(rows), 0
        entries = [index_base.summary_fields(row) for row in rows]
    cap = index_base.count_cap(limit or len(entries))
    if args.format == "json":
        print_json([_summary_json(fields, index.journal_dir) for fields in entries])
        return 0
    if not entries:
        if hidden:
            say(_("no entries match") if flt.narrowed else _("no entries shown"))
        else:
            say(_("no entries match") if total == 0 and flt.narrowed else
                _("no entries yet"))
        _say_hidden(hidden, cap)
        return 0
    # the steps' initials: Listening, Communication, Negotiation, Positivity, Feedback
    head = _("L C N P F")
    table([_("date"), _("id"), _("schema"), head, _("flags"), _("title")], [
        [_when(f["created"], tz), f["id"], f["schema_id"], _ratings(f), _flags(f),
         one_line(f["title"], 60)] for f in entries])
    if total > cap:
        say(ngettext("{shown} of more than {total} entry shown; use --limit N for more",
                     "{shown} of more than {total} entries shown; use --limit N for more",
                     cap).format(shown=len(entries), total=cap), sys.stderr)
    elif total > len(entries):
        say(ngettext("{shown} of {total} entry shown; use --limit N for more",
                     "{shown} of {total} entries shown; use --limit N for more",
                     total).format(shown=len(entries), total=total), sys.stderr)
    _say_hidden(hidden, cap)
    return 0


def _say_hidden(hidden: int, cap: int) -> None:
    """The last line (on stderr, like the --limit note) when private entries were left out
    (`hidden` above `cap`: more than `cap` of them, index_base.listing)."""
    if hidden > cap:
        say(ngettext("more than {count} private entry not shown (--include-private)",
                     "more than {count} private entries not shown (--include-private)",
                     cap).format(count=cap), sys.stderr)
    elif hidden:
        say(ngettext("{count} private entry not shown (--include-private)",
                     "{count} private entries not shown (--include-private)",
                     hidden).format(count=hidden), sys.stderr)


# -- one entry in full ------------------------------------------------------------------------

def answer_text(spec: SchemaField | None, value: Any, lang: str, tz: tzinfo) -> str:
    """An answer as a person reads it: option labels, step names, local times."""
    import contextlib
    from collections.abc import Mapping

    if isinstance(value, list):
        value = tuple(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if spec is not None and spec.type == "datetime" and isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        from kohtaa_tui import i18n

        return i18n.moment(value, tz, lang)
    if isinstance(value, Mapping):
        parts = []
        for step, rating in value.items():
            from kohtaa_tui.domain.steps import get_step

            try:
                name = get_step(str(step)).name.get(lang)
            except KeyError:
                name = str(step)
            parts.append(f"{name} {rating}")
        return ", ".join(parts)
    if spec is not None and spec.type == "tags" and isinstance(value, tuple):
        return " ".join(f"#{tag}" for tag in value)
    if spec is not None and isinstance(value, (str, tuple)) and spec.options:
        chosen = (value,) if isinstance(value, str) else value
        labels = []
        for option_id in chosen:
            option = spec.option(str(option_id))
            labels.append(option.label.get(lang) if option is not None else str(option_id))
        return ", ".join(labels)
    if spec is not None and spec.type == "rating" and isinstance(value, int) and \
            spec.min is not None and spec.labels and 0 <= value - spec.min < len(spec.labels):
        return f"{value} ({spec.labels[value - spec.min].get(lang)})"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _answers(schema: JournalSchema | None, answers: Mapping[str, Any], lang: str,
             tz: tzinfo) -> list[tuple[str, str]]:
    """(prompt, answer) in form order; answers the schema no longer has come last."""
    out: list[tuple[str, str]] = []
    done: set[str] = set()
    if schema is not None:
        for spec in schema.fields:
            if spec.id in answers:
                out.append((spec.prompt.get(lang), answer_text(spec, answers[spec.id], lang,
                                                               tz)))
                done.add(spec.id)
    for key, value in answers.items():
        if key not in done:
            out.append((key, answer_text(None, value, lang, tz)))
    return out


def show_entry(args: argparse.Namespace) -> int:
    """Print one entry, read from its file."""
    from kohtaa_tui.commands.context import workspace_from
    from kohtaa_tui.commands.ids import checked_id

    checked_id(args.entry_id, "entry", "journal show")
    ws = workspace_from(args)
    journal, _sync = open_journal(ws)
    try:
        loaded = journal.load_entry(args.entry_id)
    except NotFoundError:
        checked_id(args.entry_id, "entry", "journal show", journal.index.entry_ids)
        raise
    except StorageError as error:
        raise CliError(str(error)) from None
    schema = journal.schema_of(loaded.value)
    entry = loaded.value
    if entry.private and not args.include_private:
        raise CliError(_("{id} is marked private; add --include-private to show it").format(
            id=entry.id))
    tz = ws.clock.local_tz()
    if args.format == "json":
        from kohtaa_tui.domain.journal import entry_to_document

        document = entry_to_document(entry)
        document["path"] = str(loaded.path)
        print_json(document)
        return 0
    title = schema.title.get(ws.lang) if schema else entry.schema_id
    say(f"{entry.id}  {_when(entry.created, tz)}  {title} "
        f"({entry.schema_id} v{entry.schema_version})")
    flags = [name for name, on in ((_("starred"), entry.starred),
                                   (_("private"), entry.private)) if on]
    if flags:
        say(", ".join(flags))
    if entry.goal_ids:
        say(_("goals: {ids}").format(ids=", ".join(entry.goal_ids)))
    for prompt, answer in _answers(schema, entry.answers, ws.lang, tz):
        say()
        say(f"{one_line(prompt, 200)}")
        for line in answer.split("\n"):
            say(f"  {line}")
    return 0


# -- export -----------------------------------------------------------------------------------

def _md(text: str) -> str:
    return markdown_escape(text)


def export_entries(args: argparse.Namespace) -> int:
    """Write the entries that pass the filters, oldest first, as JSON or Markdown."""
    flt = _filter(args)
    if args.format == "json":
        with QuickIndex(args) as index:
            check_filter_ids(args, index.db, index.data_dir)
            documents = [row[-1] for row in index_base.document_rows(
                index.db, flt, index.tz, summary=False)]
        from kohtaa_tui.domain.clock import SystemClock

        now = (getattr(args, "clock", None) or SystemClock()).now().astimezone(index.tz)
        head = safe_json({"kind": "kohtaa_journal_export", "exported": now.isoformat()},
                         indent=None)
        # The index stores each document as terminal-safe JSON (index._derive), so only
        # the head needs escaping here: no pass over megabytes of text.
        text = head[:-1] + ', "entries": [\n' + ",\n".join(documents) + "\n]}\n"
        _write_output(text, args.output)
        return 0
    from kohtaa_tui.commands.context import workspace_from

    ws = workspace_from(args)
    journal, _sync = open_journal(ws)
    tz = ws.clock.local_tz()
    check_filter_ids(args, journal.index.db, str(ws.data_dir))
    rows = list(journal.index.documents(flt))
    schemas = {(s.id, s.version): s for s in journal.schemas}
    from kohtaa_tui.domain.document import latest_versions

    latest = latest_versions(journal.schemas)
    out = ["# " + _("Journal"), ""]
    for summary, document in rows:
        schema = schemas.get((summary.schema_id, summary.schema_version)) or latest.get(
            summary.schema_id)
        kind = schema.title.get(ws.lang) if schema else summary.schema_id
        out.append(f"## {_when(summary.created, tz)}: {_md(one_line(summary.title))}")
        out.append("")
        meta = [f"*{_md(kind)}*", _("id {id}").format(id=summary.id)]
        if summary.starred:
            meta.append(_("starred"))
        if summary.private:
            meta.append(_("private"))
        out.append(", ".join(meta))
        out.append("")
        answers = document.get("answers", {})
        for prompt, answer in _answers(schema, answers if isinstance(answers, dict) else {},
                                       ws.lang, tz):
            out.append(f"**{_md(one_line(prompt))}**")
            out.append("")
            out.extend(f"{_md(line)}  " if line else "" for line in answer.split("\n"))
            out.append("")
    _write_output("\n".join(out).rstrip("\n") + "\n", args.output)
    return 0


# -- index ------------------------------------------------------------------------------------

def rebuild_index(args: argparse.Namespace) -> int:
    """Forget the index and read every entry file again."""
    return _index_command(args, rebuild=True)


def sync_index(args: argparse.Namespace) -> int:
    """Compare the size and mtime of every entry and result file with the index."""
    return _index_command(args, rebuild=False)


def _index_command(args: argparse.Namespace, rebuild: bool) -> int:
    from kohtaa_tui.commands.context import workspace_from
    ws = workspace_from(args)
    started = time.monotonic()
    try:
        index = ws.journal(sync="none").index
        report = (index.rebuild(_Progress()) if rebuild
                  else index.sync(_Progress(), thorough=True))
        location = (_("in memory: {reason}").format(reason=index.memory_reason)
                    if index.in_memory else str(index.path))
    except (StorageError, OSError) as error:
        message = (_("{path}: cannot rebuild the index: {reason}") if rebuild
                   else _("{path}: cannot read the journal: {reason}"))
        raise CliError(message.format(path=ws.data_dir, reason=error)) from None
    report_problems(report.problems)
    if rebuild:
        say(_("indexed {count} entries in {seconds} s ({location}); {problems} could not be "
              "read").format(count=report.added, seconds=f"{time.monotonic() - started:.1f}",
                             location=location, problems=len(report.problems)))
    else:
        say(_("index checked: {added} added, {updated} updated, {removed} removed, "
              "{unchanged} unchanged; {problems} could not be read").format(
            added=report.added, updated=report.updated, removed=report.removed,
            unchanged=report.unchanged, problems=len(report.problems)))
    return 1 if report.problems else 0


def new_entry(args: argparse.Namespace) -> int:
    """Save the reflection the command line gives (TEXT, --step, --answer...), or open the
    app at the schema picker, or straight at the form of --schema (checked before the app
    starts)."""
    from kohtaa_tui.commands.quick_entry import save_quick, wants_quick_save

    if wants_quick_save(args):
        return save_quick(args)
    from kohtaa_tui.commands.context import workspace_from
    from kohtaa_tui.commands.ids import checked_id, known_schema_ids

    schema_id: str | None = args.schema
    if schema_id is not None:
        checked_id(schema_id, "schema", "--type")
    ws = workspace_from(args)
    if schema_id is not None:
        checked_id(schema_id, "schema", "--type", lambda: known_schema_ids(ws))
    from kohtaa_tui.ui.launch import launch

    def start(workspace: Workspace) -> Any:
        # Imported here, after the launcher has set the language the UI modules are read in.
        from kohtaa_tui.ui.screens.journal_picker import start_journal_entry

        return start_journal_entry(schema_id)(workspace)

    return launch(ws, start)
