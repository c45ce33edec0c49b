"""`kohtaa bank ...`: validate, add, list and remove question banks (commands.catalogue)."""

from __future__ import annotations

from typing import Any

from kohtaa_tui.commands.catalogue import Commands
from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.storage.banks import BANKS

COMMANDS: Commands[QuestionBank] = Commands(
    kind=BANKS,
    size=lambda bank: len(bank.items),
    size_key="items",
    size_head=lambda: _("items"),
    describe=lambda bank: ngettext("{count} item", "{count} items",
                                   len(bank.items)).format(count=len(bank.items)),
    older_versions=lambda: _("older versions are kept for old results"),
    removed=lambda bank_id, count, path: ngettext(
        "removed {id}: {count} version moved to {path} (old results still show their "
        "questions)",
        "removed {id}: {count} versions moved to {path} (old results still show their "
        "questions)", count).format(id=bank_id, count=count, path=path),
    extra=lambda entry: {"bank_hash": entry.fingerprint},
)


def register(_commands: Any, bank_commands: Any, _schemas: Any) -> None:
    """Attach handlers to the `bank` actions."""
    COMMANDS.register(bank_commands)
