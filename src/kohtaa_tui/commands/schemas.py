"""`kohtaa schema ...`: validate, add and list journal schemas."""

from __future__ import annotations

import argparse
from typing import Any

from kohtaa_tui.commands.catalogue import Listed, install_file, list_versions, validate_files
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.domain.journal import schema_from_document
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.storage.schemas import SchemaCatalogue, load_schema_bytes


def register(_commands: Any, _banks: Any, schema_commands: Any) -> None:
    """Attach handlers to the `schema` actions (and add `add` and `list`)."""
    schema_commands.choices["validate"].set_defaults(handler=validate)
    add_parser = schema_commands.add_parser(
        "add", help=_("validate a journal schema file and install it into your data"))
    add_parser.add_argument("file", metavar="FILE")
    add_parser.set_defaults(handler=add)
    list_parser = schema_commands.add_parser(
        "list", help=_("list shipped and installed journal schemas"))
    list_parser.add_argument("--format", choices=("table", "json"), default="table")
    list_parser.set_defaults(handler=list_schemas)


def validate(args: argparse.Namespace) -> int:
    """Report every problem in each file; exit 1 when any file is invalid."""
    return validate_files(args.files, schema_from_document,
                          lambda schema: ngettext("{count} field", "{count} fields",
                                                  len(schema.fields)).format(
                              count=len(schema.fields)))


def add(args: argparse.Namespace) -> int:
    """Validate a schema file and copy it, byte for byte, into the data directory."""
    return install_file(
        args, load_schema_bytes,
        lambda ws, data, schema: SchemaCatalogue.load(ws.store).install(data, schema),
        _("entries written with older versions keep theirs"))


def list_schemas(args: argparse.Namespace) -> int:
    """List every shipped and installed schema version."""
    ws = workspace_from(args)
    catalogue = SchemaCatalogue.load(ws.store)
    latest = {(e.schema.id, e.schema.version, e.source) for e in catalogue.latest_all()}
    return list_versions(args, ws.lang, (
        Listed(e.schema, e.source, e.loaded.path, len(e.schema.fields),
               (e.schema.id, e.schema.version, e.source) in latest, {})
        for e in catalogue.entries), "fields", catalogue.problems, _("fields"))
