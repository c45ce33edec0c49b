"""The Finnish catalogue follows docs/glossary.md: none of its "not" words, Finnish quotes."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "src/kohtaa_tui/locale/fi/LC_MESSAGES/kohtaa.po"
GLOSSARY = ROOT / "docs/glossary.md"


def glossary() -> list[tuple[str, list[str], list[str]]]:
    """(English, the Finnish words to use, the words not used) per row of the table."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("English", "---"):
            continue
        rows.append((cells[0], [w.strip() for w in cells[1].split(",") if w.strip()],
                     [w.strip() for w in cells[2].split(",") if w.strip()]))
    return rows


def translations() -> list[str]:
    """Every Finnish msgstr of the catalogue, unescaped enough to read."""
    text = PO.read_text(encoding="utf-8")
    return [s for s in re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', text, re.M) if s]


def test_the_glossary_has_the_words_the_issue_names() -> None:
    """The terminology asked for is written down."""
    used = {w for _en, fi, _not in glossary() for w in fi}
    for word in ("kysymyspankki", "kysely", "tavoitetaso", "määräpäivä", "itsearvio",
                 "tunniste", "Peruuta", "Lataa uudelleen", "Tähdellä merkityt", "Koko ajalta"):
        assert word in used, word


def _stems(word: str) -> set[str]:
    """The word and, for a Finnish -nti noun, its inflected stems (arviointi: arvioinni-,
    arviointe-), so that "arvioinnin" counts as the word too."""
    lowered = word.lower()
    stems = {lowered}
    if lowered.endswith("nti"):
        stems |= {lowered[:-3] + "nni", lowered[:-3] + "nne", lowered[:-1] + "e"}
    return stems


def test_the_catalogue_uses_none_of_the_words_struck_out() -> None:
    """No translation uses a word of the "not" column, inflected or inside a compound,
    unless the word is one of the row's own terms (kysymyspankki holds pankki)."""
    found = []
    for _en, use, struck in glossary():
        allowed = [term.lower() for term in use]
        for text in translations():
            for word in re.findall(r"[\wäöåÄÖÅ]+", text):
                lowered = word.lower()
                for stem in (s for w in struck for s in _stems(w)):
                    if stem in lowered and not any(a in lowered for a in allowed
                                                   if stem in a):
                        found.append((stem, text))
    assert found == []


def test_finnish_quotes() -> None:
    """Quotation marks in Finnish are ”…”; English curly quotes never appear, and straight
    double quotes only inside code (backticks or TOML examples)."""
    for text in translations():
        assert "“" not in text, text
        outside_code = re.sub(r"`[^`]*`|\{\{.*?\}\}|\[[^\]]*\]", "", text)
        assert '\\"' not in outside_code, text
