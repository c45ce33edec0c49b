"""Recall and precision of the journal search on inflected Finnish and English word forms.

    python benchmarks/search_quality.py [--work DIR] [--json FILE] [--show] [--no-voikko]

Writes one quick-schema entry per word form of tests/search_corpus.py (each entry holds
that form and nothing else of the corpus) into WORK/data, indexes them with the app's own
index, and searches for every group's dictionary form twice:

- before: the word as a prefix of a word of the text (`"word"*`, what the search did
  before word keys: the query of FORMAT 4);
- after: the search as it is (EntryFilter(text=word), index_words' keys and lemmas).

A group's recall is the share of its forms found; its precision the share of what was found
that belongs to the group. The figures are the means over the groups (macro averages), per
language, and the share of groups found whole.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.search_corpus import ENGLISH, FINNISH  # noqa: E402

from kohtaa_tui.domain.clock import FixedClock  # noqa: E402
from kohtaa_tui.domain.journal import JournalEntry, entry_to_document  # noqa: E402
from kohtaa_tui.storage import index_words  # noqa: E402
from kohtaa_tui.storage.codec import dump_toml  # noqa: E402
from kohtaa_tui.storage.index import EntryFilter, JournalIndex  # noqa: E402
from kohtaa_tui.storage.repository import Store  # noqa: E402
from kohtaa_tui.storage.schemas import load_schemas  # noqa: E402

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@dataclass
class Quality:
    """Recall and precision of one way of searching over one language's groups."""

    recall: float
    precision: float
    whole: float
    """The share of groups of which every form was found."""
    misses: dict[str, list[str]]
    extras: dict[str, list[str]]


def write_corpus(data: Path) -> dict[str, str]:
    """One entry per word form below `data`; returns {entry id: word form}."""
    store = Store(data, FixedClock(NOW))
    schema = next(s for s in load_schemas(store).docs() if s.id == "quick")
    title = schema.field_by_role("title")
    well = schema.field_by_role("went_well")
    assert title is not None and well is not None
    forms = {}
    n = 0
    for lang, corpus in (("fi", FINNISH), ("en", ENGLISH)):
        for group in corpus.values():
            for form in group:
                created = NOW - timedelta(minutes=n)
                entry_id = f"20261122-{n:06d}-corpus"
                entry = JournalEntry(id=entry_id, schema_id="quick", schema_version=schema.version,
                                     created=created, updated=created,
                                     answers={title.id: f"{n}", well.id: form}, lang=lang)
                path = store.entry_path(entry)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(dump_toml(entry_to_document(entry)))
                forms[entry_id] = form
                n += 1
    return forms


def before_ids(index: JournalIndex, word: str) -> set[str]:
    """The entries the prefix-only search finds (the query before word keys)."""
    rows = index.db.execute(
        "SELECT e.id FROM entries e WHERE e.rowid IN (SELECT rowid FROM entry_text "
        "WHERE entry_text MATCH ?)",
        (" ".join(f'body : "{w}"*' for w in index_words.TOKEN.findall(word)),)).fetchall()
    return {row[0] for row in rows}


def after_ids(index: JournalIndex, word: str) -> set[str]:
    """The entries the search finds."""
    return {s.id for s in index.query(EntryFilter(text=word, include_private=True),
                                      limit=None)}


def quality(index: JournalIndex, forms: dict[str, str], corpus: dict[str, tuple[str, ...]],
            search: object) -> Quality:
    """Recall and precision of `search` (before_ids or after_ids) over `corpus`'s groups."""
    recalls, precisions, whole = [], [], 0
    misses: dict[str, list[str]] = {}
    extras: dict[str, list[str]] = {}
    for word, group in corpus.items():
        found = [forms[i] for i in search(index, word)]  # type: ignore[operator]
        wanted = set(group)
        hits = [f for f in found if f in wanted]
        recall = len(set(hits)) / len(wanted)
        recalls.append(recall)
        precisions.append(len(hits) / len(found) if found else 0.0)
        whole += recall == 1.0
        if recall < 1.0:
            misses[word] = sorted(wanted - set(hits))
        if len(hits) < len(found):
            extras[word] = sorted(set(found) - wanted)
    n = len(corpus)
    return Quality(sum(recalls) / n, sum(precisions) / n, whole / n, misses, extras)


def measure(work: Path) -> dict[str, dict[str, Quality]]:
    """{"before"/"after": {"fi"/"en": Quality}} on a corpus written below `work`."""
    data = work / "data"
    if data.exists():
        shutil.rmtree(data)
    forms = write_corpus(data)
    with JournalIndex.open(Store(data, FixedClock(NOW))) as index:
        index.sync()
        return {name: {lang: quality(index, forms, corpus, search)
                       for lang, corpus in (("fi", FINNISH), ("en", ENGLISH))}
                for name, search in (("before", before_ids), ("after", after_ids))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, help="a folder to write the corpus into")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--show", action="store_true", help="list the misses and extras")
    parser.add_argument("--no-voikko", action="store_true",
                        help="measure the Snowball keys alone, as without libvoikko")
    args = parser.parse_args()
    if args.no_voikko:
        index_words.disable_voikko()
    work = args.work or Path(tempfile.mkdtemp(prefix="kohtaa-search-"))
    os.environ.setdefault("KOHTAA_CONFIG_DIR", str(work / "config"))
    figures = measure(work)
    words = sum(len(g) for c in (FINNISH, ENGLISH) for g in c.values())
    print(f"{words} word forms in {len(FINNISH)} Finnish and {len(ENGLISH)} English groups; "
          f"analyser: {index_words.analyser_signature()}, Voikko loaded: "
          f"{index_words.voikko_loaded()}")
    print(f"{'':8} {'lang':4} {'recall':>7} {'precision':>9} {'groups whole':>12}")
    for name, by_lang in figures.items():
        for lang, q in by_lang.items():
            print(f"{name:8} {lang:4} {q.recall:7.3f} {q.precision:9.3f} {q.whole:12.3f}")
            if args.show:
                for word, missed in q.misses.items():
                    print(f"    {word}: missed {', '.join(missed)}")
                for word, extra in q.extras.items():
                    print(f"    {word}: also found {', '.join(extra)}")
    if args.json:
        args.json.write_text(json.dumps(
            {name: {lang: vars(q) for lang, q in by_lang.items()}
             for name, by_lang in figures.items()}, indent=2, ensure_ascii=False))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
