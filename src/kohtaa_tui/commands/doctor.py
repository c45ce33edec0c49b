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
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.codec import MAX_FILE_BYTES
from kohtaa_tui.storage.survey import survey


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Attach the handler to the `doctor` parser."""
    commands.choices["doctor"].set_defaults(handler=run)


LISTED = ("journal entries", "results", "goals", "banks", "journal schemas")
"""The counts always said (the others only when there are any)."""


def _count(label: str, count: int) -> str:
    """`count` documents of a kind, in words (the kinds' labels in storage/kinds.py)."""
    plural = {
        "journal entries": ngettext("{n} journal entry", "{n} journal entries", count),
        "results": ngettext("{n} result", "{n} results", count),
        "goals": ngettext("{n} goal", "{n} goals", count),
        "banks": ngettext("{n} question bank", "{n} question banks", count),
        "removed banks": ngettext("{n} removed question bank", "{n} removed question banks",
                                  count),
        "journal schemas": ngettext("{n} journal schema", "{n} journal schemas", count),
        "assessment drafts": ngettext("{n} assessment draft", "{n} assessment drafts", count),
        "goal drafts": ngettext("{n} goal draft", "{n} goal drafts", count),
        "journal drafts": ngettext("{n} journal draft", "{n} journal drafts", count),
        "entries in the trash": ngettext("{n} entry in the trash", "{n} entries in the trash",
                                         count),
        "feedback requests": ngettext("{n} feedback request", "{n} feedback requests", count),
        "feedback responses": ngettext("{n} feedback response", "{n} feedback responses",
                                       count),
        "settings": ngettext("{n} settings file", "{n} settings files", count),
    }.get(label)
    return plural.format(n=count) if plural else f"{count} {label}"


def run(args: argparse.Namespace) -> int:
    """Check the data directory; exit 1 when something is wrong."""
    ws = workspace_from(args)
    store = ws.store
    say(_("data directory: {path}").format(path=ws.data_dir))
    say(_("config file: {path}").format(path=ws.config_path)
        + ("" if ws.config_path.exists() else " " + _("(not yet)")))
    problems: list[Problem] = list(ws.problems)
    if not ws.data_dir.exists():
        say(_("nothing saved yet: the data directory does not exist"))
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
            problems.append(Problem(file=str(path),
                                    message=_("a temp file left by an interrupted save; "
                                                 "kohtaa removes it at the next start"),
                                    severity="warning"))
        say(", ".join(_count(name, n) for name, n in counts.items()))
        trash = sorted(store.trash_dir.glob("*.toml")) if store.trash_dir.is_dir() else []
        if trash:
            if args.empty_trash:
                shutil.rmtree(store.trash_dir)
                say(ngettext("emptied the trash: {count} entry deleted for good",
                             "emptied the trash: {count} entries deleted for good",
                             len(trash)).format(count=len(trash)))
            else:
                say(ngettext("{count} entry in the trash; `kohtaa doctor --empty-trash` "
                             "deletes it for good",
                             "{count} entries in the trash; `kohtaa doctor --empty-trash` "
                             "deletes them for good", len(trash)).format(count=len(trash)))
    errors = report_problems(problems)
    if errors:
        say(ngettext("{count} problem found; the file named above was not changed. Fix or "
                     "move it, then run `kohtaa doctor` again.",
                     "{count} problems found; the files named above were not changed. Fix "
                     "or move them, then run `kohtaa doctor` again.", errors).format(
            count=errors))
        return 1
    say(_("all well"))
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
            found.append(Problem(file=str(data_dir / rel), message=_(
                "a version kept by sync from a conflict: compare it with the file it names, "
                "keep what you want, delete this copy"), severity="warning"))
        for rel, what in sync.tracked_oddities(data_dir):
            found.append(Problem(file=str(data_dir / rel), message=_(
                "arrived by sync as a {what}; kept as a plain file, not followed or read; "
                "delete it").format(what=what), severity="error"))
    except sync.GitError as error:
        found.append(Problem(file=str(data_dir), message=f"sync: {error}", severity="warning"))
    return found
