"""What `kohtaa bank` and `kohtaa schema` share: validating files and installing one."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from kohtaa_tui.cli import CliError
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.output import report_problems, say
from kohtaa_tui.domain.document import Versioned
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.repository import Loaded, load_document
from kohtaa_tui.storage.versions import InstallOutcome
from kohtaa_tui.workspace import Workspace

DocT = TypeVar("DocT", bound=Versioned)


def validate_files(files: list[str], parse: Callable[[Mapping[str, Any]], Any],
                   describe: Callable[[Any], str]) -> int:
    """Report every problem in each file (`describe` says what a valid one holds); exit 1
    when any file is invalid."""
    failed = 0
    for name in files:
        loaded, problems = load_document(Path(name), parse)
        warnings = list(loaded.warnings) if loaded else []
        report_problems(problems + warnings)
        if loaded is None:
            failed += 1
        else:
            doc = loaded.value
            say(f"{name}: ok: {doc.id} version {doc.version}, {describe(doc)}")
    return 1 if failed else 0


def install_file(args: argparse.Namespace,
                 load_bytes: Callable[[Path], tuple[bytes | None, Loaded[DocT] | None,
                                                    list[Problem]]],
                 install: Callable[[Workspace, bytes, DocT], tuple[InstallOutcome, Path]],
                 older_versions: str) -> int:
    """Validate `args.file` and copy it, byte for byte, into the data directory;
    `older_versions` says what becomes of what uses the older versions."""
    ws = workspace_from(args)
    data, loaded, problems = load_bytes(Path(args.file))
    report_problems(problems)
    if data is None or loaded is None:
        say(f"{args.file}: not installed; fix the problems above and try again")
        return 1
    doc = loaded.value
    try:
        outcome, path = install(ws, data, doc)
    except StorageError as error:
        raise CliError(str(error)) from None
    if outcome is InstallOutcome.ALREADY_INSTALLED:
        say(f"{doc.id} version {doc.version} is already installed ({path})")
    elif outcome is InstallOutcome.UPGRADED:
        say(f"installed {doc.id} version {doc.version} as the latest; {older_versions} "
            f"({path})")
    else:
        say(f"installed {doc.id} version {doc.version} ({path})")
    return 0
