"""Opening the workspace from the global flags."""

from __future__ import annotations

import argparse

from kohtaa_tui.services.workspace import Workspace, open_workspace

_opened: list[Workspace] = []
"""The workspaces opened for the command that runs now (closed when it ends)."""


def workspace_from(args: argparse.Namespace) -> Workspace:
    """The workspace named by --data-dir, --config-dir and --lang; the messages from here
    on speak its language (--lang, else config.toml's, else the locale's)."""
    ws = open_workspace(args.data_dir, args.config_dir, args.lang,
                        clock=getattr(args, "clock", None))
    from kohtaa_tui import i18n

    if i18n.language() != ws.lang:
        i18n.set_language(ws.lang)
    _opened.append(ws)
    return ws


def close_workspaces() -> None:
    """Close the journals of the workspaces the command opened: with the last connection
    to the index go SQLite's -wal and -shm files beside it."""
    while _opened:
        _opened.pop().journals.close()
