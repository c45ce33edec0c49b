"""`kohtaa bank ...` and `kohtaa schema ...`: one implementation of validate, add, list and
remove over the one catalogue (storage.catalogue); each command module says only what is
its own (`Commands`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic

from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.ids import checked_id
from kohtaa_tui.commands.output import print_json, report_problems, say, table
from kohtaa_tui.i18n import _
from kohtaa_tui.storage.catalogue import (
    Catalogue,
    CatalogueEntry,
    CatalogueKind,
    DocT,
    InstallOutcome,
)
from kohtaa_tui.storage.errors import StorageError


@dataclass(frozen=True, kw_only=True)
class Commands(Generic[DocT]):
    """What the commands of one catalogue kind say of it."""

    kind: CatalogueKind[DocT]
    size: Callable[[DocT], int]
    """Its questions or fields."""
    size_key: str
    """The key of `size` in `list --format json` ("items", "fields")."""
    size_head: Callable[[], str]
    """The heading of `size` in the `list` table (translated when called)."""
    describe: Callable[[DocT], str]
    """What a valid file holds, for `validate` ("12 items")."""
    older_versions: Callable[[], str]
    """What becomes of what uses the older versions, for `add`."""
    removed: Callable[[str, int, Path], str]
    """What `remove` says: the id, how many versions moved, and where."""
    extra: Callable[[CatalogueEntry[DocT]], dict[str, Any]] = lambda _entry: {}
    """More keys for `list --format json`."""

    def load(self, args: argparse.Namespace) -> Catalogue[DocT]:
        """The catalogue of the data directory `args` names."""
        return Catalogue.load(self.kind, workspace_from(args).store)

    # -- the actions -------------------------------------------------------------------------
    def validate(self, args: argparse.Namespace) -> int:
        """Report every problem of each file in one run, in the order of the file; exit 1
        when any file is invalid."""
        failed = 0
        for name in args.files:
            _data, loaded, problems = self.kind.read(Path(name))
            report_problems(problems)
            if loaded is None:
                failed += 1
            else:
                doc = loaded.value
                say(_("{file}: ok: {id} version {version}, {size}").format(
                    file=name, id=doc.id, version=doc.version, size=self.describe(doc)))
        return 1 if failed else 0

    def add(self, args: argparse.Namespace) -> int:
        """Validate `args.file` and install it, byte for byte, into the data directory."""
        ws = workspace_from(args)
        data, loaded, problems = self.kind.read(Path(args.file))
        report_problems(problems)
        if data is None or loaded is None:
            say(_("{file}: not installed; fix the problems above and try again").format(
                file=args.file))
            return 1
        doc = loaded.value
        try:
            outcome, path = Catalogue.load(self.kind, ws.store).install(data, doc)
        except StorageError as error:
            raise CliError(str(error)) from None
        if outcome is InstallOutcome.ALREADY_INSTALLED:
            say(_("{id} version {version} is already installed ({path})").format(
                id=doc.id, version=doc.version, path=path))
        elif outcome is InstallOutcome.UPGRADED:
            say(_("installed {id} version {version} as the latest; {older} ({path})").format(
                id=doc.id, version=doc.version, older=self.older_versions(), path=path))
        else:
            say(_("installed {id} version {version} ({path})").format(
                id=doc.id, version=doc.version, path=path))
        return 0

    def list(self, args: argparse.Namespace) -> int:
        """Print every shipped and installed version, as a table or as JSON."""
        ws = workspace_from(args)
        catalogue = Catalogue.load(self.kind, ws.store)
        latest = {(e.doc.id, e.doc.version, e.source) for e in catalogue.latest_all()}
        rows = sorted(catalogue.offered(),
                      key=lambda e: (e.doc.id, e.doc.version, e.source))
        lang = ws.lang
        if args.format == "json":
            print_json([{
                "id": e.doc.id, "version": e.doc.version, "source": e.source,
                "latest": (e.doc.id, e.doc.version, e.source) in latest,
                "languages": list(e.doc.languages), "title": e.doc.title.get(lang),
                self.size_key: self.size(e.doc),
                "estimated_minutes": e.doc.estimated_minutes, "path": str(e.path),
                **self.extra(e),
            } for e in rows])
        else:
            sources = {"shipped": _("shipped"), "installed": _("installed")}
            table([_("id"), _("version"), _("languages"), self.size_head(), _("source"),
                   _("title")], [
                [e.doc.id, str(e.doc.version) + (
                    "" if (e.doc.id, e.doc.version, e.source) in latest else " " + _("(old)")),
                 ",".join(e.doc.languages), str(self.size(e.doc)),
                 sources.get(e.source, e.source), e.doc.title.get(lang)]
                for e in rows])
        report_problems(catalogue.problems)
        return 0

    def remove(self, args: argparse.Namespace) -> int:
        """Stop offering an installed id; its files move to the removed folder, where the
        results or entries that used them still find them."""
        noun = self.kind.noun
        checked_id(args.doc_id, noun, f"{noun} remove")
        ws = workspace_from(args)
        catalogue = Catalogue.load(self.kind, ws.store)
        checked_id(args.doc_id, noun, f"{noun} remove",
                   [e.doc.id for e in catalogue.latest_all()])
        try:
            moved = catalogue.remove(args.doc_id)
        except StorageError as error:
            raise CliError(str(error)) from None
        say(self.removed(args.doc_id, len(moved), catalogue.removed_dir(args.doc_id)))
        return 0

    def register(self, actions: Any) -> None:
        """Attach the handlers to the actions of the command (`bank`, `schema`)."""
        for name, handler in (("validate", self.validate), ("add", self.add),
                              ("list", self.list), ("remove", self.remove)):
            actions.choices[name].set_defaults(handler=handler)
