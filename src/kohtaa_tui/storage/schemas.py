"""Journal schemas as a kind of the one catalogue (storage.catalogue).

Used by `kohtaa schema ...` and by the journal screens, so both see the same schemas.

Layout:
  <shipped>/journal_schemas/*.toml                   shipped with kohtaa (read-only)
  <data>/schemas/<schema-id>/<version>.toml          installed schemas, every version kept
                                                     (old entries keep the version they
                                                     were written with)
  <data>/schemas-removed/<schema-id>/<version>.toml  removed schemas: no longer offered, but
                                                     still found by entries that used them
"""

from __future__ import annotations

from kohtaa_tui.domain.journal import JournalSchema, schema_from_document
from kohtaa_tui.domain.problems import N_
from kohtaa_tui.storage.catalogue import Catalogue, CatalogueEntry, CatalogueKind
from kohtaa_tui.storage.repository import Store

SCHEMAS: CatalogueKind[JournalSchema] = CatalogueKind(
    noun="schema", shipped="journal_schemas", folder="schemas", removed="schemas-removed",
    reader=schema_from_document,
    not_installed=N_("no installed journal schema has the id {id}; see `kohtaa schema "
                     "list`"))

SchemaCatalogue = Catalogue[JournalSchema]
SchemaEntry = CatalogueEntry[JournalSchema]


def load_schemas(store: Store) -> SchemaCatalogue:
    """Every shipped, installed and removed journal schema of `store`."""
    return Catalogue.load(SCHEMAS, store)
