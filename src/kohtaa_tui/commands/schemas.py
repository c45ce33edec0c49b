"""`kohtaa schema ...`: validate journal schema files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kohtaa_tui.commands.output import report_problems, say
from kohtaa_tui.domain.journal import schema_from_document
from kohtaa_tui.storage.repository import load_document


def register(_commands: Any, _banks: Any, schema_commands: Any) -> None:
    """Attach handlers to the `schema` actions."""
    schema_commands.choices["validate"].set_defaults(handler=validate)


def validate(args: argparse.Namespace) -> int:
    """Report every problem in each file; exit 1 when any file is invalid."""
    failed = 0
    for name in args.files:
        loaded, problems = load_document(Path(name), schema_from_document)
        warnings = list(loaded.warnings) if loaded else []
        report_problems(problems + warnings)
        if loaded is None:
            failed += 1
        else:
            schema = loaded.value
            say(f"{name}: ok: {schema.id} version {schema.version}, {len(schema.fields)} fields")
    return 1 if failed else 0
