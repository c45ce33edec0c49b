"""`kohtaa doctor`: check every file in the data directory and list each problem."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.output import report_problems, say
from kohtaa_tui.domain.banks import bank_from_document
from kohtaa_tui.domain.journal import schema_from_document
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.codec import MAX_FILE_BYTES
from kohtaa_tui.storage.survey import survey


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Attach the handler to the `doctor` parser."""
    commands.choices["doctor"].set_defaults(handler=run)


LISTED = ("journal entries", "results", "goals", "banks", "journal schemas")
"""The counts always said (the others only when there are any)."""


def run(args: argparse.Namespace) -> int:
    """Check the data directory; exit 1 when something is wrong."""
    ws = workspace_from(args)
    store = ws.store
    say(f"data directory: {ws.data_dir}")
    say(f"config file: {ws.config_path}" + ("" if ws.config_path.exists() else " (not yet)"))
    problems: list[Problem] = list(ws.problems)
    if not ws.data_dir.exists():
        say("nothing saved yet: the data directory does not exist")
    else:
        found = survey(ws.data_dir)
        problems.extend(found.problems)
        counts = {label: n for label, n in found.counts.items() if n or label in LISTED}
        for label, folder, reader in (("banks", "question_banks", bank_from_document),
                                      ("journal schemas", "journal_schemas",
                                       schema_from_document)):
            shipped, broken = store.load_all(shipped_dir(folder), reader, MAX_FILE_BYTES)
            counts[label] = counts.get(label, 0) + len(shipped)
            problems.extend(broken)
        problems.extend(_sync_problems(ws.data_dir))
        for path in sorted(ws.data_dir.rglob(".*.tmp")):
            problems.append(Problem(str(path), "a temp file left by an interrupted save; "
                                               "kohtaa removes it at the next start",
                                    severity="warning"))
        say(", ".join(f"{n} {name}" for name, n in counts.items()))
        trash = sorted(store.trash_dir.glob("*.toml")) if store.trash_dir.is_dir() else []
        if trash:
            if args.empty_trash:
                shutil.rmtree(store.trash_dir)
                say(f"emptied the trash: {len(trash)} entries deleted for good")
            else:
                say(f"{len(trash)} entries in the trash; `kohtaa doctor --empty-trash` deletes "
                    "them for good")
    errors = report_problems(problems)
    if errors:
        say(f"{errors} problem{'s' if errors != 1 else ''} found; the files named above were "
            "not changed. Fix or move them, then run `kohtaa doctor` again.")
        return 1
    say("all well")
    return 0


def _sync_problems(data_dir: Path) -> list[Problem]:
    """What sync left to look at: versions kept from a conflict, links and submodules that
    arrived (kept as plain files, never followed)."""
    from kohtaa_tui.services import sync

    if not (data_dir / ".git").exists():
        return []
    found: list[Problem] = []
    try:
        for rel in sync.conflict_copies(data_dir):
            found.append(Problem(str(data_dir / rel), "a version kept by sync from a conflict: "
                                 "compare it with the file it names, keep what you want, "
                                 "delete this copy", severity="warning"))
        for rel, what in sync.tracked_oddities(data_dir):
            found.append(Problem(str(data_dir / rel), f"arrived by sync as a {what}; kept as a "
                                 "plain file, not followed or read; delete it", severity="error"))
    except sync.GitError as error:
        found.append(Problem(str(data_dir), f"sync: {error}", severity="warning"))
    return found
