"""Starting the app. The only command module that imports the UI, and only when run."""

from __future__ import annotations

import argparse
from typing import Any

from kohtaa_tui.commands.context import workspace_from


def register(_commands: Any, _banks: Any, _schemas: Any) -> None:
    """The app is the default command; nothing to register yet."""


def run_app(args: argparse.Namespace) -> int:
    """Run the TUI on the workspace named by the flags."""
    ws = workspace_from(args)
    from kohtaa_tui.ui.launch import launch

    return launch(ws)
