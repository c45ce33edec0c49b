"""`kohtaa schema ...`: validate, add, list and remove journal schemas (commands.catalogue)."""

from __future__ import annotations

from typing import Any

from kohtaa_tui.commands.catalogue import Commands
from kohtaa_tui.domain.journal import JournalSchema
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.storage.schemas import SCHEMAS

COMMANDS: Commands[JournalSchema] = Commands(
    kind=SCHEMAS,
    size=lambda schema: len(schema.fields),
    size_key="fields",
    size_head=lambda: _("fields"),
    describe=lambda schema: ngettext("{count} field", "{count} fields",
                                     len(schema.fields)).format(count=len(schema.fields)),
    older_versions=lambda: _("entries written with older versions keep theirs"),
    removed=lambda schema_id, count, path: ngettext(
        "removed {id}: {count} version moved to {path} (entries written with it still "
        "show their answers)",
        "removed {id}: {count} versions moved to {path} (entries written with them still "
        "show their answers)", count).format(id=schema_id, count=count, path=path),
)


def register(_commands: Any, _banks: Any, schema_commands: Any) -> None:
    """Add `add`, `list` and `remove` to the `schema` actions and attach their handlers."""
    add_parser = schema_commands.add_parser(
        "add", help=_("validate a journal schema file and install it into your data"))
    add_parser.add_argument("file", metavar="FILE")
    list_parser = schema_commands.add_parser(
        "list", help=_("list shipped and installed journal schemas"))
    list_parser.add_argument("--format", choices=("table", "json"), default="table")
    remove_parser = schema_commands.add_parser(
        "remove", help=_("stop offering an installed journal schema (entries keep theirs)"))
    remove_parser.add_argument("doc_id", metavar="ID")
    COMMANDS.register(schema_commands)
