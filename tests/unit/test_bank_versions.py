"""Shipped banks keep the texts each result answered: a bank whose items mean something else
gets a new version, and every earlier file of it stays shipped in question_banks_earlier/,
so a result of version N still finds the questions it was made with (by its bank_hash)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kohtaa_tui.domain.banks import QuestionBank, bank_from_document
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.repository import Store, fingerprint, load_document

SHIPPED = shipped_dir("question_banks")
CURRENT = sorted(SHIPPED.glob("*.toml"))
EARLIER_DIR = shipped_dir("question_banks_earlier")
EARLIER = sorted(EARLIER_DIR.rglob("*.toml"))


def bank(path: Path) -> QuestionBank:
    loaded, problems = load_document(path, bank_from_document)
    assert loaded is not None and not problems, (path, [str(p) for p in problems])
    return loaded.value


def meaning(found: QuestionBank) -> str:
    """What an answer means: the scale and each item's id, kind, step, keying and texts (not
    tags, anchors or observer wording, which change no answer)."""
    items = [(i.id, i.type, i.step, i.reverse, i.text.get("fi"), i.text.get("en"))
             for i in found.items]
    scale = (found.scale.min, found.scale.max,
             [(label.get("fi"), label.get("en")) for label in found.scale.labels])
    text = json.dumps([scale, items], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# The meaning of each shipped bank at its version. When a test below fails because a bank's
# texts changed: raise `version` in the bank, copy the file as it was before into
# question_banks_earlier/<id>/<old version>-<first 12 hex of its sha256>.toml (the bytes
# unchanged: results find it by their bank_hash), then write the new meaning here.
MEANINGS: dict[tuple[str, int], str] = {
    ("after-meeting", 2): "6a6f5aa201424075",
    ("channels", 2): "b8928983e4e86050",
    ("core", 3): "2a1e095d7c171bc2",
    ("development-discussion", 2): "cba7fe7042b6fc5d",
    ("dialogic", 3): "dcf4c18cdef5d5e0",
    ("difficult-customer", 2): "e7381fc11cc20110",
    ("price-and-closing", 2): "b1d2a4c5c12bc4c5",
}


@pytest.mark.parametrize("path", CURRENT, ids=lambda p: p.stem)
def test_a_banks_texts_change_only_with_its_version(path: Path) -> None:
    found = bank(path)
    key = (found.id, found.version)
    assert key in MEANINGS, f"{path.name}: version {found.version} is not listed in MEANINGS"
    assert meaning(found) == MEANINGS[key], (
        f"{path.name}: the items mean something else than version {found.version} did; "
        "raise its version and keep the earlier file (see this test's MEANINGS)")


def test_earlier_files_are_older_versions_of_a_shipped_bank_kept_byte_for_byte() -> None:
    current = {bank(path).id: bank(path) for path in CURRENT}
    assert EARLIER
    for path in EARLIER:
        old = bank(path)
        assert path.parent.name == old.id and old.id in current, path
        assert old.version < current[old.id].version, path
        assert path.stem == f"{old.version}-{fingerprint(path.read_bytes())[7:19]}", path


def test_every_bank_that_went_up_a_version_keeps_its_earlier_files() -> None:
    for path in CURRENT:
        found = bank(path)
        kept = {bank(p).version for p in (EARLIER_DIR / found.id).glob("*.toml")}
        assert kept == set(range(1, found.version)), (path.name, kept)


@pytest.mark.parametrize("path", EARLIER, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_an_old_result_finds_the_questions_it_answered(path: Path, store: Store) -> None:
    """By id, version and hash, the catalogue gives the very file the result was made with;
    the bank offered for new answers is the current one."""
    old = bank(path)
    catalogue = load_banks(store)
    entry = catalogue.get(old.id, old.version, fingerprint(path.read_bytes()))
    assert entry is not None and entry.path == path
    assert [i.text.get("fi") for i in entry.doc.items] == [i.text.get("fi") for i in old.items]
    latest = catalogue.latest(old.id)
    assert latest is not None and latest.path == SHIPPED / f"{old.id}.toml"
    assert latest.doc.version > old.version


def test_earlier_files_are_neither_offered_nor_listed(store: Store) -> None:
    """Loading the catalogue reads the current banks only; `versions` (what `bank list` and
    installing see) has the shipped version alone, and a new result gets the current one."""
    catalogue = load_banks(store)
    assert not any(EARLIER_DIR in entry.path.parents for entry in catalogue.entries)
    for path in CURRENT:
        found = bank(path)
        assert [e.doc.version for e in catalogue.versions(found.id)] == [found.version]
        latest = catalogue.get(found.id)
        assert latest is not None and latest.path == path
