"""The headless subcommands of `kohtaa`. Each module registers its own parsers."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from kohtaa_tui.commands import banks, demo, doctor, goals, report, results, schemas, team, tui

_MODULES = (doctor, banks, schemas, tui, demo, report, team, results, goals)

Handler = Callable[[argparse.Namespace], int]


def register_all(commands: Any, bank_commands: Any, schema_commands: Any) -> None:
    """Let each command module add its parsers and handlers."""
    for module in _MODULES:
        module.register(commands, bank_commands, schema_commands)


def run_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the handler the parsed arguments name (the app when there is none)."""
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        return tui.run_app(args)
    return handler(args)
