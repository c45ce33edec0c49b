"""`kohtaa bank ...`: validate, add, list and remove question banks."""

from __future__ import annotations

import argparse
from typing import Any

from kohtaa_tui.commands.catalogue import Listed, install_file, list_versions, validate_files
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.ids import checked_id
from kohtaa_tui.commands.output import say
from kohtaa_tui.domain.banks import bank_from_document
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.storage.banks import BankCatalogue, BankRefused, load_bank_bytes
from kohtaa_tui.storage.errors import StorageError


def register(_commands: Any, bank_commands: Any, _schemas: Any) -> None:
    """Attach handlers to the `bank` actions."""
    bank_commands.choices["validate"].set_defaults(handler=validate)
    bank_commands.choices["add"].set_defaults(handler=add)
    bank_commands.choices["list"].set_defaults(handler=list_banks)
    bank_commands.choices["remove"].set_defaults(handler=remove)


def validate(args: argparse.Namespace) -> int:
    """Report every problem in each file; exit 1 when any file is invalid."""
    return validate_files(args.files, bank_from_document,
                          lambda bank: ngettext("{count} item", "{count} items",
                                                len(bank.items)).format(count=len(bank.items)))


def add(args: argparse.Namespace) -> int:
    """Validate a bank file and copy it, byte for byte, into the data directory."""
    return install_file(
        args, load_bank_bytes,
        lambda ws, data, bank: BankCatalogue.load(ws.store).install(data, bank),
        _("older versions are kept for old results"))


def list_banks(args: argparse.Namespace) -> int:
    """List every shipped and installed bank version."""
    ws = workspace_from(args)
    catalogue = BankCatalogue.load(ws.store)
    latest = {(e.bank.id, e.bank.version, e.source) for e in catalogue.latest_all()}
    return list_versions(args, ws.lang, (
        Listed(e.bank, e.source, e.path, len(e.bank.items),
               (e.bank.id, e.bank.version, e.source) in latest, {"bank_hash": e.bank_hash})
        for e in catalogue.offered()), "items", catalogue.problems, _("items"))


def remove(args: argparse.Namespace) -> int:
    """Stop offering an installed bank; its files move to banks-removed for old results."""
    checked_id(args.bank_id, "bank", "bank remove")
    ws = workspace_from(args)
    catalogue = BankCatalogue.load(ws.store)
    checked_id(args.bank_id, "bank", "bank remove", [e.bank.id for e in catalogue.latest_all()])
    try:
        moved = catalogue.remove(args.bank_id)
    except (BankRefused, StorageError) as error:
        raise CliError(str(error)) from None
    say(ngettext("removed {id}: {count} version moved to {path} (old results still show "
                 "their questions)",
                 "removed {id}: {count} versions moved to {path} (old results still show "
                 "their questions)", len(moved)).format(
        id=args.bank_id, count=len(moved),
        path=ws.store.data_dir / "banks-removed" / args.bank_id))
    return 0
