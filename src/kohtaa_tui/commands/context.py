"""Opening the workspace from the global flags."""

from __future__ import annotations

import argparse

from kohtaa_tui.services.workspace import Workspace, open_workspace


def workspace_from(args: argparse.Namespace) -> Workspace:
    """The workspace named by --data-dir, --config-dir and --lang."""
    return open_workspace(args.data_dir, args.config_dir, args.lang)
