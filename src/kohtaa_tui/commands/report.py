"""`kohtaa report`: a summary of a period to bring to a development discussion."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.dates import DATE_HELP, day_flag, today_of
from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.ids import checked_id, known_bank_ids
from kohtaa_tui.commands.output import say
from kohtaa_tui.i18n import _
from kohtaa_tui.storage.atomic import write_atomic
from kohtaa_tui.storage.errors import StorageError


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add the `report` command."""
    report = commands.add_parser(
        "report", help=_("a summary of a period for a development discussion"))
    report.add_argument("--since", metavar="DATE",
                        help=_("first day of the period (default: the beginning): "
                               "{dates}").format(dates=_(DATE_HELP)))
    report.add_argument("--until", metavar="DATE",
                        help=_("last day of the period (default: today)"))
    report.add_argument("--format", choices=("md", "html", "json"), default="md")
    report.add_argument("--bank", default="core", metavar="ID",
                        help=_("the bank whose scores are compared (default: core)"))
    report.add_argument("--include-private", action="store_true",
                        help=_("include reflections marked private"))
    report.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE, not stdout"))
    report.add_argument("--force", action="store_true",
                        help=_("replace FILE if it already exists"))
    report.set_defaults(handler=run)


def write_output(text: str, output: str | None, overwrite: bool = True) -> None:
    """Print `text`, or save it atomically to `output`.

    A missing folder is never created; an existing file is replaced only when `overwrite`.
    """
    if output is None:
        sys.stdout.write(text)
        return
    target = Path(output)
    folder = target.parent
    if not folder.is_dir():
        raise CliError(_("the folder {folder} does not exist; make it first, or give -o a file "
                         "in a folder that exists").format(folder=folder))
    if target.is_dir():
        raise CliError(_("{file} is a folder; give a file name").format(file=output))
    if not overwrite and (target.exists() or target.is_symlink()):
        raise CliError(_("{file} already exists; add --force to replace it").format(
            file=output))
    try:
        write_atomic(Path(output), text.encode("utf-8"))
    except StorageError as error:
        raise CliError(str(error)) from None
    say(_("wrote {file}").format(file=output), sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Build and print or save the report."""
    from kohtaa_tui.services.report import gather_report, render

    checked_id(args.bank, "bank", "--bank")
    ws = workspace_from(args)
    today = today_of(ws.clock)
    since, until = day_flag("--since", args.since, today), day_flag("--until", args.until, today)
    checked_id(args.bank, "bank", "--bank", lambda: known_bank_ids(ws, with_results=True))
    if since and until and since > until:
        raise CliError(_("--since is after --until; swap them"))
    i18n.set_language(ws.lang)
    report = gather_report(ws, since, until, args.bank, args.include_private)
    write_output(render(report, args.format, ws.lang), args.output, overwrite=args.force)
    return 0
