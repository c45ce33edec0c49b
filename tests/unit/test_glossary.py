"""The Finnish catalogue follows docs/glossary.md: none of its "not" words, Finnish quotes."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
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
    """The word and the stems its inflected forms share, so that an inflected form counts as
    the word too: a -nti noun (arviointi: arvioinni-, arviointe-), a -kki noun (pankki:
    pank-, as in pankin, pankit), a -nen word (alainen: alaise-), any other word ending in a
    vowel without that vowel (eräpäivä: eräpäiv-, as in eräpäivän; erääntyy: eräänty-)."""
    lowered = word.lower()
    stems = {lowered}
    if lowered.endswith("nti"):
        stems |= {lowered[:-3] + "nni", lowered[:-3] + "nne", lowered[:-1] + "e"}
    elif lowered.endswith("kki"):
        stems.add(lowered[:-2])
    elif lowered.endswith("nen"):
        stems.add(lowered[:-3] + "se")
    elif lowered[-1:] in "aeiouyäö" and len(lowered) > 4 and " " not in lowered:
        stems.add(lowered[:-1])
    return stems


def struck_words(texts: Iterable[str]) -> list[tuple[str, str]]:
    """(stem, text) for each use in `texts` of a word of the "not" column, inflected or
    inside a compound, unless the word is one of the row's own terms (kysymyspankki holds
    pankki, and kysymyspankin holds pank-)."""
    texts = list(texts)
    found = []
    for _en, use, struck in glossary():
        allowed = [s for term in use for s in _stems(term)]
        for text in texts:
            for word in re.findall(r"[\wäöåÄÖÅ]+", text):
                lowered = word.lower()
                for stem in (s for w in struck for s in _stems(w)):
                    if stem in lowered and not any(a in lowered for a in allowed
                                                   if stem in a):
                        found.append((stem, text))
    return found


def test_the_catalogue_uses_none_of_the_words_struck_out() -> None:
    """No translation uses a word of the "not" column, inflected or inside a compound."""
    assert struck_words(translations()) == []


def test_the_check_sees_inflected_and_bare_forms() -> None:
    """The check is not vacuous: the struck words are found in their inflected forms, while
    the glossary's own terms pass."""
    for bad in ("Valitse pankki", "pankin tulos", "Eräpäivä 1.12.", "eräpäivän jälkeen",
                "Tehtävä erääntyy huomenna", "itsearvioinnin tulos", "Tähdelliset",
                "alaisen kanssa", "kolme tägiä"):
        assert struck_words([bad]), bad
    for good in ("Valitse kysymyspankki", "kysymyspankin tulos", "kyselyn määräpäivä",
                 "itsearvion tulos", "Tähdellä merkityt", "työntekijän kanssa"):
        assert struck_words([good]) == [], good


MORALISING = ("sortu", "sorru")
"""Stems of the verb a coach never uses of a trainee's mistake (sortua, sortui, sorruit)."""


def finnish_quotes_problem(text: str) -> str | None:
    """What is wrong with the quotation marks of a Finnish text, or None: straight double
    quotes, English curly quotes or straight single quotes around words (outside code in
    backticks, {{…}} and [...]), or an odd number of ” (a Finnish quote opens and closes with
    the same sign)."""
    outside_code = re.sub(r"`[^`]*`|\{\{.*?\}\}|\[[^\]]*\]", "", text)
    if "“" in outside_code or "„" in outside_code:
        return "English-style opening quote"
    if '"' in outside_code:
        return "straight double quote"
    if re.search(r"(^|\W)'\w|\w'($|\W)", outside_code):
        return "straight single quotes"
    if outside_code.count("”") % 2:
        return "a ” without its pair"
    return None


def _finnish_in(value: object) -> Iterator[str]:
    """Every Finnish text of a TOML document: the `fi` value of each language table."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "fi" and isinstance(inner, str):
                yield inner
            else:
                yield from _finnish_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _finnish_in(inner)


def shipped_toml() -> list[Path]:
    """Every shipped bank and template, earlier versions kept for old results included."""
    return sorted([*(ROOT / "question_banks").rglob("*.toml"),
                   *(ROOT / "journal_schemas").rglob("*.toml")])


def shipped_finnish() -> list[tuple[str, str]]:
    """(where, text) for every Finnish text a person reads outside the catalogue: the
    shipped banks and templates, the tips, the steps, the mistakes and channels, the phases
    and the demo's phrases."""
    from kohtaa_tui.domain.catalogues import CATALOGUES
    from kohtaa_tui.domain.phases import PHASES
    from kohtaa_tui.domain.steps import STEPS
    from kohtaa_tui.domain.tips import TIPS
    from kohtaa_tui.services import demo

    found = [(path.relative_to(ROOT).as_posix(), text) for path in shipped_toml()
             for text in _finnish_in(tomllib.loads(path.read_text(encoding="utf-8")))]
    found += [(f"tip {tip.id}", tip.text.get("fi")) for tip in TIPS]
    for step in STEPS:
        texts = [step.name, step.short, step.mistake, step.gain, step.cost, step.score_goal,
                 *step.questions, *(idea.text for idea in step.goal_ideas)]
        found += [(f"step {step.id}", text.get("fi")) for text in texts]
    found += [(f"{name} {option.id}", option.label.get("fi"))
              for name, options in CATALOGUES.items() for option in options]
    found += [(f"phase {p.id}", text.get("fi")) for p in PHASES for text in (p.name, p.style)]
    for table in (demo.PHRASES, *demo.SCHEMA_PHRASES.values()):
        found += [(f"demo {key}", text) for key, langs in table.items()
                  for text in langs["fi"]]
    return found


def test_the_check_reads_every_shipped_text() -> None:
    """The scan covers every shipped bank and template, and finds their Finnish texts."""
    paths = {where for where, _text in shipped_finnish()}
    for path in shipped_toml():
        assert path.relative_to(ROOT).as_posix() in paths, path
    assert any(where.startswith("tip ") for where in paths)
    assert len(shipped_toml()) >= 10


def test_shipped_texts_use_none_of_the_words_struck_out() -> None:
    """Banks, templates, tips, steps, mistakes and the demo follow the glossary as the
    catalogue does: no pankki on its own, no eräpäivä or erääntyy, no itsearviointi."""
    found = struck_words(text for _where, text in shipped_finnish())
    assert found == []


def test_no_moralising_verb_anywhere() -> None:
    """No Finnish text (catalogue or shipped) says a person fell into a mistake (sortua)."""
    every = [*translations(), *(text for _where, text in shipped_finnish())]
    for text in every:
        for word in re.findall(r"\w+", text.lower()):
            assert not word.startswith(MORALISING), text
    assert any(w.startswith(MORALISING) for w in re.findall(r"\w+", "Hän sortui kiirehtimään"))


def test_shipped_texts_use_finnish_quotes() -> None:
    """Every Finnish text of a bank, a template, a tip or the demo quotes with ”…”."""
    problems = [(where, text, problem) for where, text in shipped_finnish()
                if (problem := finnish_quotes_problem(text))]
    assert problems == []


def test_the_catalogues_quotes_are_finnish() -> None:
    """Every Finnish msgstr quotes with ”…” (unescaped, so a \\" is a straight quote)."""
    problems = [(text, problem) for text in translations()
                if (problem := finnish_quotes_problem(text.replace('\\"', '"')))]
    assert problems == []


def test_the_quote_check_is_not_vacuous() -> None:
    """Each kind of wrong quote is seen; Finnish quotes and code pass."""
    for bad in ('Sano "jatka vain"', "Sano “jatka vain”", "Sano 'jatka vain'",
                "Sano ”jatka vain"):
        assert finnish_quotes_problem(bad), bad
    for good in ("Sano ”jatka vain”.", 'Aja `kohtaa bank add "x"`', "lisää `fi = \"…\"`"):
        assert finnish_quotes_problem(good) is None, good


def test_finnish_quotes() -> None:
    """Quotation marks in Finnish are ”…”; English curly quotes never appear, and straight
    double quotes only inside code (backticks or TOML examples)."""
    for text in translations():
        assert "“" not in text, text
        outside_code = re.sub(r"`[^`]*`|\{\{.*?\}\}|\[[^\]]*\]", "", text)
        assert '\\"' not in outside_code, text
