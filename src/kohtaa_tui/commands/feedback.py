"""`kohtaa feedback ...`: ask others for feedback, answer a request, import and show answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.output import print_json, report_problems, say
from kohtaa_tui.domain.dates import parse_day
from kohtaa_tui.domain.feedback import (
    DEFAULT_MIN_GROUP,
    NAMED_ROLES,
    ROLES,
    FeedbackRequest,
    request_to_document,
    view_data,
)
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.services.feedback import (
    BankOthers,
    FeedbackError,
    answers_line,
    import_response,
    item_gap_lines,
    make_request,
    new_response,
    others_views,
    read_request,
    reading_lines,
    request_bank,
    response_file_name,
    view_table,
    write_response,
)
from kohtaa_tui.services.feedback_words import role_label
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.atomic import write_atomic
from kohtaa_tui.storage.codec import dump_toml
from kohtaa_tui.storage.errors import StorageError


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add `feedback request`, `form`, `answer`, `import` and `show`."""
    feedback = commands.add_parser("feedback", help=_(
        "others' view: ask a manager, coach, colleagues or customers, see their answers"))
    actions = feedback.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)
    request = actions.add_parser("request", help=_("write a request file and its HTML form"))
    request.add_argument("--bank", default="core", metavar="ID",
                         help=_("the bank to ask about (default: core)"))
    request.add_argument("--role", choices=ROLES, required=True, help=_("who is asked"))
    request.add_argument("--from", dest="asker", metavar="NAME", required=True,
                         help=_("your name as the one asked for feedback will see it"))
    request.add_argument("--due", metavar="DATE", help=_("answer by this day (2026-12-20 or "
                                                          "20.12.2026)"))
    request.add_argument("-o", "--output", metavar="FILE",
                         help=_("the request file (default: feedback-ROLE-ID.toml here); the "
                                 "HTML form is written beside it"))
    request.set_defaults(handler=run_request)
    form = actions.add_parser("form", help=_("write the HTML form of a request file again"))
    form.add_argument("request", metavar="REQUEST")
    form.add_argument("-o", "--output", metavar="FILE", required=True)
    form.set_defaults(handler=run_form)
    answer = actions.add_parser("answer", help=_("answer a request here, in the app (plain "
                                                  "prompts when not in a terminal)"))
    answer.add_argument("request", metavar="REQUEST")
    answer.add_argument("--name", metavar="NAME", help=_("give your name with the answer"))
    answer.add_argument("--plain", action="store_true",
                        help=_("answer with plain prompts, one line each, even in a terminal"))
    answer.add_argument("-o", "--output", metavar="FILE",
                        help=_("the response file (default: feedback-response-ID.toml here)"))
    answer.set_defaults(handler=run_answer)
    imports = actions.add_parser("import", help=_("bring in response files"))
    imports.add_argument("files", nargs="+", metavar="FILE")
    imports.set_defaults(handler=run_import)
    show = actions.add_parser("show", help=_("per step: you, each named voice and the pooled "
                                              "group side by side"))
    show.add_argument("--bank", metavar="ID", help=_("only this bank"))
    show.add_argument("--min-group", type=int, default=DEFAULT_MIN_GROUP, metavar="N",
                      help=_("show the pooled group of colleagues and customers from N distinct "
                              "answers up (default 3)"))
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=run_show)


def _open(args: argparse.Namespace) -> Workspace:
    ws = workspace_from(args)
    i18n.set_language(ws.lang)
    return ws


def _write_new(path: Path, text: str) -> None:
    """Write a new file atomically; never over an existing one."""
    if not path.parent.is_dir():
        raise CliError(_("the folder {folder} does not exist; make it first, or give -o a file "
                         "in a folder that exists").format(folder=path.parent))
    if path.exists() or path.is_symlink():
        raise CliError(_("{file} already exists; give another name with -o").format(file=path))
    try:
        write_atomic(path, text.encode("utf-8"))
    except StorageError as error:
        raise CliError(str(error)) from None


def _form_path(request_file: Path) -> Path:
    return request_file.with_suffix(".html")


def run_request(args: argparse.Namespace) -> int:
    """Keep a new request; write the request file and the HTML form to hand out."""
    from kohtaa_tui.services.feedback_form import render_form

    ws = _open(args)
    if args.output is not None:
        for path in (Path(args.output), _form_path(Path(args.output))):
            if path.exists() or path.is_symlink():
                raise CliError(_("{file} already exists; give another name with -o").format(
                    file=path))
    due = None
    if args.due is not None:
        due = parse_day(args.due)
        if due is None:
            raise CliError(_("--due: {text!r} is not a date; write it as 2026-12-20 or "
                             "20.12.2026").format(text=args.due[:40]))
    try:
        request, bank = make_request(ws, args.bank, args.role, args.asker, due, ws.lang)
    except FeedbackError as error:
        raise CliError(str(error)) from None
    except StorageError as error:
        raise CliError(str(error)) from None
    target = Path(args.output or f"feedback-{request.role}-{request.id}.toml")
    _write_new(target, dump_toml(request_to_document(request)).decode("utf-8"))
    _write_new(_form_path(target), render_form(request, bank, ws.lang))
    say(_("Asked for feedback on “{bank}” (asked: {role}; request {id}).").format(
        role=role_label(request.role), bank=bank.title.get(ws.lang), id=request.id))
    say(_("Send {form} to someone without kohtaa, or {file} to someone with it "
          "(`kohtaa feedback answer {file}`).").format(form=_form_path(target), file=target))
    say(_("Bring the answers in with `kohtaa feedback import FILE...`."))
    return 0


def _request(ws: Workspace, name: str) -> tuple[FeedbackRequest, Any]:
    try:
        request = read_request(Path(name))
        return request, request_bank(ws, request)
    except FeedbackError as error:
        raise CliError(str(error)) from None


def run_form(args: argparse.Namespace) -> int:
    """The HTML form of a request file."""
    from kohtaa_tui.services.feedback_form import render_form

    ws = _open(args)
    request, bank = _request(ws, args.request)
    lang = args.lang or request.lang or ws.lang
    i18n.set_language(lang)
    _write_new(Path(args.output), render_form(request, bank, lang))
    say(_("wrote {file}").format(file=args.output))
    return 0


def _ask(prompt: str) -> str | None:
    """One line from the terminal, None at the end of input."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        return None
    return line.rstrip("\r\n")


def run_answer(args: argparse.Namespace) -> int:
    """Answer a request in the app (in a terminal) or item by item at plain prompts; write
    the response file to hand back."""
    ws = _open(args)
    request, bank = _request(ws, args.request)
    lang = args.lang or request.lang or ws.lang
    i18n.set_language(lang)
    target = Path(args.output) if args.output is not None else None
    if target is not None and (target.exists() or target.is_symlink()):
        raise CliError(_("{file} already exists; give another name with -o").format(
            file=target))
    if not args.plain and sys.stdin.isatty() and sys.stdout.isatty():
        from kohtaa_tui.commands.tui import answer_in_app

        saved = answer_in_app(ws.with_lang(lang), request, bank, target, args.name)
        if saved is None:
            raise CliError(_("you left without saving; nothing was saved"))
        say(_("wrote {file}: send it to {name}").format(file=saved, name=request.asker))
        return 0
    return _answer_plain(args, ws, request, bank, lang, target)


def _answer_plain(args: argparse.Namespace, ws: Workspace, request: FeedbackRequest,
                  bank: Any, lang: str, target: Path | None) -> int:
    """The items one by one at plain prompts (stdin not a terminal, or --plain)."""
    items = bank.observer_items(request.role)
    say(_("{name} asks for your view on the questions of “{bank}”. You answer as: {role}.").format(
        name=request.asker, role=role_label(request.role), bank=bank.title.get(lang)))
    say(_("Answer by what you have seen. Press Enter alone when you can’t say."))
    scale = ", ".join(f"{p} = {bank.scale.label(p, lang)}" for p in bank.scale.points)
    say(scale)
    answers: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        assert item.observer is not None
        say()
        say(f"{number}/{len(items)}. {item.observer.get(lang)}")
        while True:
            line = _ask(f"[{bank.scale.min}-{bank.scale.max}] > ")
            if line is None:
                raise CliError(_("the answers stopped before the end; nothing was saved"))
            text = line.strip()
            if not text:
                break
            if text.lstrip("-").isdigit() and bank.scale.contains(int(text)):
                answers[item.id] = int(text)
                break
            say(_("Give a number from {low} to {high}, or press Enter alone.").format(
                low=bank.scale.min, high=bank.scale.max))
    say()
    comment = _ask(_("A comment (optional, one line): ")) or ""
    name = args.name
    if name is None and request.role in NAMED_ROLES:
        name = _ask(_("Your name (optional): ")) or ""
    if not answers and not comment.strip():
        raise CliError(_("nothing was answered; nothing was saved"))
    response = new_response(ws, request, answers, comment, name, lang)
    try:
        saved = write_response(ws, response, target or Path(response_file_name(response.id)))
    except FeedbackError as error:
        raise CliError(str(error)) from None
    say(_("wrote {file}: send it to {name}").format(file=saved, name=request.asker))
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import each response file; one line per file, refused ones on stderr."""
    from kohtaa_tui.storage.banks import load_banks

    ws = _open(args)
    catalogue = load_banks(ws.store)
    refused = 0
    for name in args.files:
        try:
            response = import_response(ws, catalogue, Path(name))
        except FeedbackError as error:
            refused += 1
            say(str(error), sys.stderr)
            continue
        say(ngettext("{file}: imported: an answer to {n} question ({role})",
                     "{file}: imported: answers to {n} questions ({role})",
                     len(response.answers)).format(file=name, role=role_label(response.role),
                                                   n=len(response.answers)))
    return 1 if refused else 0


def show_text(found: BankOthers, lang: str) -> list[str]:
    """Others' view of one bank as lines of text."""
    view = found.view
    lines = [_("Others’ view: {bank}").format(bank=found.bank.title.get(lang)),
             answers_line(view)]
    if found.own is None:
        lines.append(_("You have not answered this bank yourself yet: answer it to compare."))
    headers, rows = view_table(view, lang)
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    lines.extend(reading_lines(view, lang))
    gaps = item_gap_lines(found.bank, view, lang)
    if gaps:
        lines.append(_("The questions with the largest gaps:"))
        lines.extend(f"  {line}" for line in gaps)
    if found.comments:
        lines.append(_("Comments:"))
        for comment in found.comments:
            who = role_label(comment.voice) + (f" ({comment.name})" if comment.name else "")
            lines.append(f"  {who}: {' '.join(comment.text.split())}")
    return lines


def show_json(found: BankOthers) -> dict[str, Any]:
    """Others' view of one bank as data."""
    return {
        "bank_id": found.bank.id, "bank_version": found.bank.version,
        **view_data(found.view), "requests": found.requests,
        "self_result": found.own.id if found.own is not None else None,
        "comments": [{"voice": c.voice, "name": c.name, "text": c.text}
                     for c in found.comments],
    }


def run_show(args: argparse.Namespace) -> int:
    """Print others' view per bank."""
    if args.min_group < 1:
        raise CliError(_("--min-group must be at least 1"))
    ws = _open(args)
    found, problems = others_views(ws, args.bank, args.min_group)
    if args.format == "json":
        print_json([show_json(item) for item in found])
    elif not found:
        say(_("No feedback imported yet. Ask with `kohtaa feedback request --role manager "
              "--from NAME`."))
    else:
        for number, item in enumerate(found):
            if number:
                say()
            for line in show_text(item, ws.lang):
                say(line)
    report_problems(problems, sys.stderr)
    return 0
