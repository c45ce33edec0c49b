"""Question banks as a kind of the one catalogue (storage.catalogue).

Used by the command line (`kohtaa bank add/list/remove`, `kohtaa assess`) and by the app
(the bank picker, the result and history screens), so both see the same banks.

Layout:
  <shipped>/question_banks/*.toml                  shipped with kohtaa (read-only)
  <shipped>/question_banks_earlier/<id>/*.toml     files the shipped banks were before a new
                                                   version: read only when a result asks
                                                   for one (not offered, not listed)
  <data>/banks/<bank-id>/<version>.toml            installed banks, every version kept
  <data>/banks-removed/<bank-id>/<version>.toml    removed banks: no longer offered, but
                                                   still found by results that used them
"""

from __future__ import annotations

from kohtaa_tui.domain.banks import QuestionBank, bank_from_document
from kohtaa_tui.domain.problems import N_
from kohtaa_tui.storage.catalogue import Catalogue, CatalogueEntry, CatalogueKind
from kohtaa_tui.storage.repository import Store

BANKS: CatalogueKind[QuestionBank] = CatalogueKind(
    noun="bank", shipped="question_banks", earlier="question_banks_earlier", folder="banks",
    removed="banks-removed",
    reader=bank_from_document,
    not_installed=N_("no installed bank has the id {id}; see `kohtaa bank list`"))

BankCatalogue = Catalogue[QuestionBank]
BankEntry = CatalogueEntry[QuestionBank]
"""One version of one bank; `fingerprint` is the bank_hash a result records."""


def load_banks(store: Store) -> BankCatalogue:
    """Every shipped, installed and removed bank of `store`."""
    return Catalogue.load(BANKS, store)
