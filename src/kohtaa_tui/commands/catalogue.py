"""What `kohtaa bank` and `kohtaa schema` share: validating files, installing one, listing
the versions."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.output import print_json, report_problems, say, table
from kohtaa_tui.domain.document import Versioned
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.i18n import _
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.repository import Loaded, load_document
from kohtaa_tui.storage.versions import InstallOutcome

DocT = TypeVar("DocT", bound=Versioned)


def validate_files(files: list[str], parse: Callable[[Mapping[str, Any]], Any],
                   describe: Callable[[Any], str]) -> int:
    """Report every problem in each file (`describe` says what a valid one holds); exit 1
    when any file is invalid."""
    failed = 0
    for name in files:
        loaded, problems = load_document(Path(name), parse)
        warnings = list(loaded.warnings) if loaded else []
        # One list in the order of the file: what concerns the whole file first, then by
        # line (errors before warnings on the same line).
        report_problems(sorted(problems + warnings, key=lambda p: (
            p.line or 0, p.severity != "error")))
        if loaded is None:
            failed += 1
        else:
            doc = loaded.value
            say(_("{file}: ok: {id} version {version}, {size}").format(
                file=name, id=doc.id, version=doc.version, size=describe(doc)))
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
        say(_("{file}: not installed; fix the problems above and try again").format(
            file=args.file))
        return 1
    doc = loaded.value
    try:
        outcome, path = install(ws, data, doc)
    except StorageError as error:
        raise CliError(str(error)) from None
    if outcome is InstallOutcome.ALREADY_INSTALLED:
        say(_("{id} version {version} is already installed ({path})").format(
            id=doc.id, version=doc.version, path=path))
    elif outcome is InstallOutcome.UPGRADED:
        say(_("installed {id} version {version} as the latest; {older} ({path})").format(
            id=doc.id, version=doc.version, older=older_versions, path=path))
    else:
        say(_("installed {id} version {version} ({path})").format(
            id=doc.id, version=doc.version, path=path))
    return 0


class Listed(NamedTuple):
    """One version of a bank or schema, as `kohtaa bank list` / `schema list` show it."""

    doc: Any
    """A QuestionBank or JournalSchema: id, version, languages, title, estimated_minutes."""
    source: str
    path: Path
    size: int
    """Its questions or fields."""
    latest: bool
    extra: dict[str, Any]
    """More keys for the JSON output."""


def list_versions(args: argparse.Namespace, lang: str, listed: Iterable[Listed],
                  count_name: str, problems: Iterable[Problem], count_head: str = "") -> int:
    """Print every version, oldest last within an id, as a table or as JSON."""
    rows = sorted(listed, key=lambda item: (item.doc.id, item.doc.version, item.source))
    if args.format == "json":
        print_json([{
            "id": item.doc.id, "version": item.doc.version, "source": item.source,
            "latest": item.latest, "languages": list(item.doc.languages),
            "title": item.doc.title.get(lang), count_name: item.size,
            "estimated_minutes": item.doc.estimated_minutes, "path": str(item.path),
            **item.extra,
        } for item in rows])
    else:
        sources = {"shipped": _("shipped"), "installed": _("installed")}
        table([_("id"), _("version"), _("languages"), count_head or count_name, _("source"),
               _("title")], [
            [item.doc.id, str(item.doc.version) + ("" if item.latest else " " + _("(old)")),
             ",".join(item.doc.languages), str(item.size),
             sources.get(item.source, item.source), item.doc.title.get(lang)]
            for item in rows])
    report_problems(problems)
    return 0
