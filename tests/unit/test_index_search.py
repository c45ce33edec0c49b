"""The journal search finds the other inflected forms of a word, in Finnish and English.

The corpus (tests/search_corpus.py) is indexed through the app's own index; the floors below
are what the Snowball keys alone reach (no Voikko), a little under the measured figures of
benchmarks/search_quality.py, so a change to the keys that loses forms fails here.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from benchmarks.search_quality import after_ids, quality, write_corpus
from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.storage import index_base, index_words
from kohtaa_tui.storage.index import INDEX_NAME, EntryFilter, JournalIndex, fts_query
from kohtaa_tui.storage.journal import JournalService
from kohtaa_tui.storage.repository import Loaded, Store
from tests.search_corpus import ENGLISH, FINNISH, word_count
from tests.unit.test_index import NOW, schemas, text_entry


@pytest.fixture
def no_voikko() -> Iterator[None]:
    """Derive without Voikko, as on a machine without it; restored afterwards."""
    saved = index_words._voikko, index_words._signature
    index_words.disable_voikko()
    yield
    index_words._voikko, index_words._signature = saved


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[JournalIndex, dict[str, str]]]:
    """The corpus, one entry per word form, indexed without Voikko."""
    saved = index_words._voikko, index_words._signature
    index_words.disable_voikko()
    work = tmp_path_factory.mktemp("corpus")
    old = os.environ.get("KOHTAA_CONFIG_DIR")
    os.environ["KOHTAA_CONFIG_DIR"] = str(work / "config")
    try:
        forms = write_corpus(work / "data")
        store = Store(work / "data", FixedClock(NOW))
        index = JournalIndex.open(store)
        index.sync()
    finally:
        index_words._voikko, index_words._signature = saved  # the queries need no Voikko
    try:
        yield index, forms
    finally:
        index.close()
        if old is None:
            os.environ.pop("KOHTAA_CONFIG_DIR", None)
        else:
            os.environ["KOHTAA_CONFIG_DIR"] = old


def found(index: JournalIndex, forms: dict[str, str], word: str) -> set[str]:
    return {forms[i] for i in after_ids(index, word)}


def test_the_corpus_has_hundreds_of_forms_in_both_languages() -> None:
    assert word_count() >= 400
    assert sum(map(len, FINNISH.values())) >= 300 and sum(map(len, ENGLISH.values())) >= 80
    every = [form for c in (FINNISH, ENGLISH) for g in c.values() for form in g]
    assert len(every) == len(set(every)), "a form in two groups"


@pytest.mark.parametrize(("word", "forms"), [
    ("asiakas", {"asiakkaan", "asiakkaalle", "asiakkaat", "asiakasta", "asiakkaita"}),
    ("hinta", {"hinnan", "hintaa", "hinnat", "hinnoista"}),
    ("palaute", {"palautteen", "palautetta"}),
    ("kauppa", {"kaupan", "kaupassa", "kauppoja"}),
    ("tarjous", {"tarjouksen", "tarjousta", "tarjoukset"}),
    ("customer", {"customers", "customer's"}),
    ("customers", {"customer"}),
    ("negotiate", {"negotiating", "negotiated"}),
    ("negotiating", {"negotiate"}),
    ("asiakkaan", {"asiakas", "asiakkaalle"}),
    ("hinnan", {"hinta", "hintaa"}),
])
def test_a_word_finds_its_inflected_forms(corpus_index: tuple[JournalIndex, dict[str, str]],
                                          word: str, forms: set[str]) -> None:
    index, all_forms = corpus_index
    assert forms <= found(index, all_forms, word)


@pytest.mark.parametrize(("word", "other"), [
    ("hinta", {"hinaus", "hinauksen"}), ("kauppa", {"kaupunki", "kaupungin"}),
    ("tarjous", {"tila", "tilaus"}), ("asiakas", {"asia", "asiat"}),
    ("tilaus", {"tila", "tilan"}), ("customer", {"calm"}),
])
def test_a_word_does_not_find_a_different_word(corpus_index: tuple[JournalIndex,
                                               dict[str, str]], word: str,
                                               other: set[str]) -> None:
    index, all_forms = corpus_index
    assert not other & found(index, all_forms, word)


@pytest.mark.parametrize(("query", "form"), [
    ('acme"', "acme"), ("hinta,", "hinnan"), ('"asiakas"', "asiakkaalle"), ("(hinta)", "hintaa"),
    ("customer.", "customers"), ("¿customer?", "customers"), ("hinta!!", "hinnoista"),
])
def test_punctuation_around_a_word_is_ignored(store: Store, no_voikko: None, query: str,
                                              form: str) -> None:
    journal = JournalService.open(store)
    journal.save_entry(text_entry(store, f"Puhuttiin {form} kanssa.", 1))
    journal.save_entry(text_entry(store, "Jotain aivan muuta.", 2))
    assert [s.title for s in journal.index.query(EntryFilter(text=query))] == ["Entry 1"]
    journal.close()


def test_every_word_of_a_query_is_required(store: Store, no_voikko: None) -> None:
    journal = JournalService.open(store)
    journal.save_entry(text_entry(store, "Asiakkaalle kerroin hinnan.", 1))
    journal.save_entry(text_entry(store, "Asiakkaat olivat tyytyväisiä.", 2))
    journal.save_entry(text_entry(store, "Hintaa ei mainittu.", 3))
    index = journal.index
    assert [s.title for s in index.query(EntryFilter(text="asiakas hinta"))] == ["Entry 1"]
    assert [s.title for s in index.query(EntryFilter(text="asiakas"))] == ["Entry 1", "Entry 2"]
    assert [s.title for s in index.query(EntryFilter(text="hinta"))] == ["Entry 1", "Entry 3"]
    assert index.count(EntryFilter(text="asiak")) == 2  # a prefix still finds, as before
    journal.close()


def test_recall_and_precision_floors(corpus_index: tuple[JournalIndex, dict[str, str]]
                                     ) -> None:
    """The figures without Voikko (measured: fi recall 0.94, precision 0.93; en 0.97, 0.96;
    the prefix search before: fi recall 0.50)."""
    index, forms = corpus_index
    fi = quality(index, forms, FINNISH, after_ids)
    en = quality(index, forms, ENGLISH, after_ids)
    assert fi.recall >= 0.92 and fi.precision >= 0.90, (fi.misses, fi.extras)
    assert en.recall >= 0.95 and en.precision >= 0.93, (en.misses, en.extras)
    assert fi.whole >= 0.78 and en.whole >= 0.85


def test_voikko_joins_what_stems_cannot(store: Store) -> None:
    """With Voikko, `aika` finds ajan and `työ` finds töitä (skipped where it is missing)."""
    if not index_words.voikko_loaded():
        pytest.skip("libvoikko with its Finnish dictionary is not installed")
    journal = JournalService.open(store)
    journal.save_entry(text_entry(store, "Varasin ajan ensi viikolle.", 1))
    journal.save_entry(text_entry(store, "Paljon töitä tänään.", 2))
    assert [s.title for s in journal.index.query(EntryFilter(text="aika"))] == ["Entry 1"]
    assert [s.title for s in journal.index.query(EntryFilter(text="työ"))] == ["Entry 2"]
    journal.close()


def test_keys_fold_gradation_and_s_stems() -> None:
    keys = {word: index_words.word_keys(word)[0] for word in (
        "asiakas", "asiakkaan", "asiakkaalle", "hinta", "hinnan", "tarjous", "tarjouksen",
        "tapaaminen", "tapaamisen", "kauppa", "kaupan")}
    assert keys["asiakas"] == keys["asiakkaan"] == keys["asiakkaalle"]
    assert keys["hinta"] == keys["hinnan"]
    assert keys["tarjous"] == keys["tarjouksen"]
    assert keys["tapaaminen"] == keys["tapaamisen"]
    assert keys["kauppa"] == keys["kaupan"]
    assert len(set(keys.values())) == 5
    assert index_words.word_keys("ja") == ("", "")
    assert index_words.word_keys("2026") == ("", "")


def test_fts_query_quotes_each_word() -> None:
    """Each word becomes quoted terms; syntax characters are dropped; short words are
    prefixes of the text alone."""
    query = fts_query('Sää "NEAR( x* -y')
    assert query.startswith('("Sää"* OR ')
    assert ' AND ("NEAR"* OR ' in query
    assert query.endswith(' AND "x"* AND "y"*')
    fi, key = index_words.FINNISH_MARK, index_words.KEY_MARK
    assert fts_query("customers") == (
        f'("customers"* OR "{fi}customers" OR "{key}customers" OR "{key}custom" OR "custom")')
    assert fts_query("tilaus") == f'("tilaus"* OR "{fi}tila" OR "{key}tilaus" OR "tilaus")'
    assert fts_query(" \x00 * - _ ") == ""


@given(st.text(max_size=40))
def test_any_text_is_a_valid_query(text: str) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5 (body, keys, "
               "tokenize = 'unicode61 remove_diacritics 0')")
    db.execute("INSERT INTO t VALUES ('asiakkaalle', ?)", (index_words.derive("asiakkaalle"),))
    query = fts_query(text)
    if query:
        db.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()


def test_an_index_of_the_old_key_scheme_is_rebuilt(store: Store, no_voikko: None) -> None:
    """An index whose words were keyed otherwise (or of an older format) is rebuilt, and
    the quick read path does not answer from it meanwhile."""
    journal = JournalService.open(store)
    journal.save_entry(text_entry(store, "Asiakkaalle kerroin hinnan.", 1))
    journal.close()
    path = store.data_dir / INDEX_NAME
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = 'words 0' WHERE key = 'words'")
    # as if keyed otherwise: nothing would be found
    db.execute("INSERT INTO entry_text (entry_text) VALUES ('delete-all')")
    db.commit()
    db.close()
    assert index_base._meta_current(
        {"format": str(index_base.FORMAT), "words": "words 0",
         "thorough_at": str(store.clock.now().timestamp())},
        str(store.data_dir), store.schemas_dir, store.clock.now().timestamp()) is False
    with JournalIndex.open(store, schemas(store)) as index:
        index.sync()
        assert index.count(EntryFilter(text="asiakas")) == 1
    db = sqlite3.connect(path)
    assert dict(db.execute("SELECT key, value FROM meta").fetchall())["words"] == \
        index_words.analyser_signature()
    db.execute("UPDATE meta SET value = '4' WHERE key = 'format'")
    db.execute("INSERT INTO entry_text (entry_text) VALUES ('delete-all')")
    db.commit()
    db.close()
    with JournalIndex.open(store, schemas(store)) as index:
        index.sync()
        assert index.count(EntryFilter(text="hinta")) == 1


def test_disabling_voikko_changes_the_signature(no_voikko: None) -> None:
    assert "voikko" not in index_words.analyser_signature()
    assert index_words.lemmas(["ajan"]) == ""


def test_quick_search_does_not_load_voikko_or_the_parsers(store: Store,
                                                          data_dir: Path) -> None:
    """`kohtaa journal list --search` answered from a current index loads neither Voikko
    nor the TOML parsers (the stemmer is all the query needs)."""
    journal = JournalService.open(store)
    for n in range(3):
        journal.save_entry(text_entry(store, f"Asiakkaalle kerroin hinnan {n}.", n))
    journal.close()
    past = (NOW - timedelta(hours=1)).timestamp()
    argv = ["--data-dir", str(data_dir), "journal", "list", "--search", "asiakas hinta"]
    code = (f"import sys; from kohtaa_tui.cli import main; main({argv!r}); "
            "print(sorted(m for m in ('libvoikko', 'tomllib', 'tomli', 'kohtaa_tui.storage"
            ".repository') if m in sys.modules))")
    runs = []
    for _ in range(2):  # the first syncs the index (and records trusted folder times)
        for folder, _dirs, _files in os.walk(data_dir):
            os.utime(folder, (past, past))
        runs.append(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                   text=True, check=True).stdout.strip().splitlines())
    assert runs[1][-1] == "[]"
    assert sum("Entry" in line for line in runs[1]) == 3


WORDS = ("asiakkaalle", "hinnan", "tarjouksen", "customers", "negotiating", "kauppa",
         "palautetta", "ajan", "töitä", "sää", "\ue000asiak", "\ue001custom", "\ue002")
"""Words of the random entries: the private-use characters are the index's own marks
(index_words, index_base.HELD), typed into a text."""


def test_edits_and_deletes_leave_the_search_as_a_rebuild_would(store: Store) -> None:
    """The search table keeps no text of its own: an entry changed or removed is taken out
    of it with the text it was given, found again from its docs row. After random saves,
    edits and deletes (texts holding the index's marks, an answer equal to the entry's id, a
    date answer, a list), every word finds what a fresh rebuild finds; once every entry is
    deleted, the search table holds nothing, which it would not if any entry had been taken
    out without one of the words it was given; the labels (found again from the entries
    row) count as a rebuild's and are gone with their entries."""
    rng = random.Random(7)
    journal = JournalService.open(store)
    quick = next(s for s in schemas(store) if s.id == "quick")
    well, mistakes = quick.field_by_role("went_well"), quick.field_by_role("mistakes")
    assert well is not None and mistakes is not None
    saved: dict[int, Loaded[JournalEntry]] = {}

    def extras(entry: JournalEntry) -> dict[str, object]:
        return {"id": entry.id, "when": NOW - timedelta(days=rng.randrange(9)),
                "list": tuple(rng.sample(WORDS, 2)),
                mistakes.id: tuple(rng.sample(("hinta", "asiakas", "x\x1fy", "y"), 2)),
                } if rng.random() < 0.5 else {}

    for step in range(80):
        slot = rng.randrange(12)
        text = f"{' '.join(rng.sample(WORDS, 3))} {step}"
        if slot in saved and rng.random() < 0.3:
            journal.delete_entry(saved.pop(slot))
        elif slot in saved:
            old = saved[slot]
            edited = replace(old.value, answers={**old.value.answers, well.id: text,
                                                 **extras(old.value)})
            saved[slot] = journal.save_entry(edited, old)
        else:
            entry = text_entry(store, text, slot)
            entry = replace(entry, answers={**entry.answers, **extras(entry)})
            saved[slot] = journal.save_entry(entry)
    index = journal.index
    assert index.count(EntryFilter(include_private=True)) == len(saved)
    words = (*WORDS, "asiakas", "hinta", "customer", "20261122")
    live = {word: sorted(s.id for s in index.query(EntryFilter(text=word), limit=None))
            for word in words}
    with JournalIndex.open(store, schemas(store)) as fresh:
        fresh.rebuild()
        rebuilt = {word: sorted(s.id for s in fresh.query(EntryFilter(text=word), limit=None))
                   for word in words}
    assert live == rebuilt
    assert any(live.values())
    assert index.mistakes(include_private=True) == fresh_mistakes(store) != []
    for loaded in saved.values():
        journal.delete_entry(loaded)
    index.db.execute("INSERT INTO entry_text (entry_text) VALUES ('optimize')")
    segments = index.db.execute("SELECT count(*) FROM entry_text_data WHERE id > 10")
    assert segments.fetchone()[0] == 0
    assert index.db.execute("SELECT count(*) FROM labels").fetchone()[0] == 0
    journal.close()


def fresh_mistakes(store: Store) -> list[tuple[str, int]]:
    """The mistake counts of an index rebuilt from the files."""
    with JournalIndex.open(store, schemas(store)) as fresh:
        fresh.rebuild()
        return fresh.mistakes(include_private=True)


def test_exports_give_each_document_as_in_its_file(store: Store) -> None:
    """The docs row holds the document compressed, its id and times held by the entries
    row: an export gives back the JSON of the document as the file has it, also when its
    text holds the stand-in character or the id's text appears again in an answer."""
    journal = JournalService.open(store)
    texts = ["tavallinen teksti", "\ue002 kaksi \ue002", '"id": "x"', "20261122-120000-abcdef"]
    for minutes, text in enumerate(texts):
        entry = text_entry(store, text, minutes)
        entry = replace(entry, answers={"id": entry.id, **entry.answers},
                        updated=entry.created + timedelta(seconds=minutes))
        journal.save_entry(entry)
    exported = {doc["id"]: doc for _summary, doc in journal.index.documents(
        EntryFilter(include_private=True))}
    journal.close()
    assert len(exported) == len(texts)
    for item in store.entries()[0]:
        with item.path.open("rb") as file:
            in_file = json.loads(json.dumps(tomllib.load(file), default=_iso))
        assert exported[item.value.id] == in_file
    assert sorted(d["answers"][well_id(store)] for d in exported.values()) == sorted(texts)


def _iso(value: object) -> str:
    assert isinstance(value, datetime)
    return value.isoformat()


def well_id(store: Store) -> str:
    well = next(s for s in schemas(store) if s.id == "quick").field_by_role("went_well")
    assert well is not None
    return well.id
