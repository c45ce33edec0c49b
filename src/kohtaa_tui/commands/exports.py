"""`kohtaa results export`: the step scores of one bank, for a coach. No journal, no goals."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.ids import checked_id, known_bank_ids
from kohtaa_tui.commands.output import report_problems
from kohtaa_tui.commands.report import write_output
from kohtaa_tui.domain.team import ResultsExport, export_to_document
from kohtaa_tui.i18n import _
from kohtaa_tui.services.feedback import exported_gaps
from kohtaa_tui.services.team_repo import export_rows
from kohtaa_tui.storage.codec import dump_toml


def add_export_parser(results_actions: Any) -> None:
    """Add `export` to the `results` actions."""
    export = results_actions.add_parser(
        "export", help=_("write a results file for your coach (scores and dates only, no text)"))
    export.add_argument("--bank", default="core", metavar="ID",
                        help=_("the bank whose results to export (default: core)"))
    export.add_argument("--participant", metavar="NAME",
                        help=_("the name your coach sees; a pseudonym is fine"))
    export.add_argument("--with-feedback", action="store_true",
                        help=_("add your others' view of the bank per step (your score, "
                             "others' as your view shows it, the gap), for the team report"))
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE, not stdout"))
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Write the export; fails when there is nothing to export."""
    write_output(build_export(args).decode("utf-8"), args.output)
    return 0


def build_export(args: argparse.Namespace) -> bytes:
    """The results export of --bank for --participant, as TOML bytes (also what
    `results publish` commits)."""
    name = (args.participant or "").strip()
    if not name or len(name) > 100 or "\n" in name:
        raise CliError(_("give --participant NAME (1-100 characters; a pseudonym is fine)"))
    checked_id(args.bank, "bank", "--bank")
    ws = workspace_from(args)
    rows, problems = export_rows(ws.store, {args.bank})
    report_problems(problems, sys.stderr)
    if not rows:
        checked_id(args.bank, "bank", "--bank", lambda: known_bank_ids(ws, with_results=True))
        raise CliError(_("no results of the bank {bank} to export; take the assessment "
                         "first (`kohtaa assess {bank}`)").format(bank=args.bank))
    gaps = exported_gaps(ws, args.bank) if getattr(args, "with_feedback", False) else ()
    export = ResultsExport(participant=name, exported=ws.clock.now(), results=rows, others=gaps)
    return dump_toml(export_to_document(export))
