"""`kohtaa catalogue`: the ids the command line takes, with their names in both languages.

    kohtaa catalogue                  # steps, channels, mistakes and journal schemas
    kohtaa catalogue mistakes         # one list
    kohtaa catalogue --format json

Steps, channels and mistakes are built in (domain/steps.py, domain/catalogues.py); the
schemas are the shipped and installed ones, each at its latest version.
"""

from __future__ import annotations

import argparse
from typing import Any

from kohtaa_tui.commands.output import print_json, say, table
from kohtaa_tui.i18n import _

KINDS = ("steps", "channels", "mistakes", "schemas")
LANGS = ("fi", "en")


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add the `catalogue` command."""
    catalogue = commands.add_parser(
        "catalogue", help=_("the step, channel, mistake and journal schema ids, with their "
                          "names in Finnish and English"))
    catalogue.add_argument("kind", nargs="?", choices=KINDS, metavar="KIND",
                           help=_("only one list: {kinds}").format(
                               kinds=", ".join(f"`{kind}`" for kind in KINDS)))
    catalogue.add_argument("--format", choices=("table", "json"), default="table")
    catalogue.set_defaults(handler=show_catalogue)


def _names(text: Any) -> dict[str, str]:
    return {lang: " ".join(text.get(lang).split()) for lang in LANGS}


def catalogue_rows(args: argparse.Namespace) -> dict[str, list[dict[str, Any]]]:
    """Each list asked for, as rows of id, names (and a mistake's step, a schema's version)."""
    from kohtaa_tui.domain.catalogues import CHANNELS, MISTAKES
    from kohtaa_tui.domain.steps import STEPS

    wanted = (args.kind,) if args.kind else KINDS
    out: dict[str, list[dict[str, Any]]] = {}
    if "steps" in wanted:
        out["steps"] = [{"id": s.id, "number": s.number, "name": _names(s.name)}
                        for s in STEPS]
    if "channels" in wanted:
        out["channels"] = [{"id": o.id, "name": _names(o.label)} for o in CHANNELS]
    if "mistakes" in wanted:
        out["mistakes"] = [{"id": o.id, "step": o.step, "name": _names(o.label)}
                           for o in MISTAKES]
    if "schemas" in wanted:
        from kohtaa_tui.commands.context import workspace_from
        from kohtaa_tui.storage.schemas import load_schemas

        offered = load_schemas(workspace_from(args).store).latest_all()
        out["schemas"] = [{"id": e.doc.id, "version": e.doc.version, "name": _names(e.doc.title)}
                          for e in offered]
    return out


def _heading(kind: str) -> str:
    return {
        "steps": _("Steps (--step, --step-max, the step ratings)"),
        "channels": _("Channels (where the encounter took place: the channel question of a form)"),
        "mistakes": _("Mistakes (--mistake), with the step each belongs to"),
        "schemas": _("Journal schemas (--type)"),
    }[kind]


def show_catalogue(args: argparse.Namespace) -> int:
    """Print the lists."""
    lists = catalogue_rows(args)
    if args.format == "json":
        print_json(lists)
        return 0
    headers = [_("id"), _("in Finnish"), _("in English")]
    for number, (kind, rows) in enumerate(lists.items()):
        if number:
            say()
        say(_heading(kind))
        extra = {"mistakes": _("step"), "schemas": _("version")}.get(kind)
        table([*headers[:1], *([extra] if extra else []), *headers[1:]],
              [[row["id"], *([str(row.get("step") or row.get("version") or "")]
                             if extra else []), row["name"]["fi"], row["name"]["en"]]
               for row in rows])
    return 0
