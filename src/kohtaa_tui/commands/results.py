"""`kohtaa results ...`: list saved assessment results."""

from __future__ import annotations

import argparse
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.ids import checked_id, known_bank_ids
from kohtaa_tui.commands.output import print_json, report_problems, say, table
from kohtaa_tui.domain.assessment import result_from_document
from kohtaa_tui.domain.steps import STEPS
from kohtaa_tui.i18n import _


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Attach the handler to `results list` (`results export` has its own)."""
    results = commands.choices["results"]
    actions = next(action for action in results._actions
                   if isinstance(action, argparse._SubParsersAction))
    actions.choices["list"].set_defaults(handler=list_results)


def list_results(args: argparse.Namespace) -> int:
    """List results, oldest first, optionally of one bank."""
    if args.bank is not None:
        checked_id(args.bank, "bank", "--bank")
    ws = workspace_from(args)
    store = ws.store
    if args.bank is not None:
        loaded, problems = store.load_all(store.results_dir / args.bank, result_from_document)
        loaded.sort(key=lambda item: (item.value.completed, item.value.id))
    else:
        loaded, problems = store.results()
    results = [item.value for item in loaded]
    if args.bank is not None and not results:
        checked_id(args.bank, "bank", "--bank", lambda: known_bank_ids(ws, with_results=True))
        if args.format != "json":
            say(_("no results of the bank {bank}").format(bank=args.bank))
            report_problems(problems)
            return 1 if any(p.severity == "error" for p in problems) else 0
    if args.format == "json":
        print_json([{
            "id": r.id, "bank_id": r.bank_id, "bank_version": r.bank_version,
            "bank_hash": r.bank_hash, "completed": r.completed.isoformat(), "lang": r.lang,
            "scale_min": r.scale_min, "scale_max": r.scale_max,
            "answered": len(r.answers), "scores": dict(r.scores),
            "path": str(store.result_path(r)),
        } for r in results])
    elif not results:
        say(_("no results yet; take a self-assessment with `kohtaa assess`"))
    else:
        tz = ws.clock.local_tz()
        # a step's short name, lowercase: in English its id
        table([_("completed"), _("bank"), _("version"),
               *(s.short.get(ws.lang).casefold() for s in STEPS), _("id")], [
            [i18n.moment(r.completed, tz, ws.lang), r.bank_id, str(r.bank_version),
             *(i18n.number(r.scores[s.id], 1, ws.lang) if s.id in r.scores else "-"
               for s in STEPS), r.id] for r in results])
    report_problems(problems)
    return 1 if any(p.severity == "error" for p in problems) else 0
