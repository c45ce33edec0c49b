"""The headless subcommands of `kohtaa`. Each module registers its own parsers.

Modules are imported when the parser is built, not with this package, so that a quick
command (`kohtaa journal list`) loads only what it needs (see cli.QUICK_COMMANDS).
"""

from __future__ import annotations

import importlib
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from typing import Any

MODULES = ("doctor", "banks", "schemas", "tui", "demo", "report", "team", "results", "journal",
           "goals", "serve", "sync", "feedback", "coach", "vocabulary")

if TYPE_CHECKING:
    Handler = Callable[[argparse.Namespace], int]


def register_all(commands: Any, bank_commands: Any, schema_commands: Any,
                 only: tuple[str, ...] = MODULES) -> None:
    """Let each command module (or those in `only`) add its parsers and handlers."""
    for name in only:
        module = importlib.import_module(f"kohtaa_tui.commands.{name}")
        module.register(commands, bank_commands, schema_commands)


def run_command(args: argparse.Namespace) -> int:
    """Run the handler the parsed arguments name (the app when there is none)."""
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            from kohtaa_tui.commands import tui

            return tui.run_app(args)
        return handler(args)
    finally:
        # The workspaces the command opened close their journals; a quick command opened
        # none, and is not made to load the workspace's modules for it.
        context = sys.modules.get("kohtaa_tui.commands.context")
        if context is not None:
            context.close_workspaces()
