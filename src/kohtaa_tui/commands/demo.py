"""`kohtaa demo`: the app on half a year of sample data in a temporary directory."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from kohtaa_tui.commands.output import say
from kohtaa_tui.i18n import _
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import open_workspace


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add the `demo` command."""
    demo = commands.add_parser("demo", help=_("try kohtaa on half a year of sample data "
                                            "(your own data is not touched)"))
    demo.add_argument("--keep", action="store_true",
                      help=_("keep the sample data directory and print where it is"))
    demo.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Fill a temporary data directory, run the app on it, then remove it."""
    base = Path(tempfile.mkdtemp(prefix="kohtaa-demo-"))
    try:
        ws = replace(open_workspace(str(base / "data"), str(base / "config"), args.lang),
                     demo=True)
        populate(ws.store, ws.clock, ws.lang)
        from kohtaa_tui.ui.launch import launch

        code = launch(ws)
    finally:
        if args.keep:
            say(_("the demo's sample data is in {path}").format(path=base / "data"))
        else:
            shutil.rmtree(base, ignore_errors=True)
            print("kohtaa: " + _("the demo's sample data was in a temporary folder and is "
                                 "now removed (`kohtaa demo --keep` keeps it); your own data "
                                 "was not touched"), file=sys.stderr)
    return code
