"""Opening the workspace from the global flags."""

from __future__ import annotations

import argparse

from kohtaa_tui.services.workspace import Workspace, open_workspace


def workspace_from(args: argparse.Namespace) -> Workspace:
    """The workspace named by --data-dir, --config-dir and --lang; the messages from here
    on speak its language (--lang, else config.toml's, else the locale's)."""
    ws = open_workspace(args.data_dir, args.config_dir, args.lang,
                        clock=getattr(args, "clock", None))
    from kohtaa_tui import i18n

    if i18n.language() != ws.lang:
        i18n.set_language(ws.lang)
    return ws
