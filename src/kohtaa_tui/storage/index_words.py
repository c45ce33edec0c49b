"""Word keys for search: the inflected forms of a word meet under one key.

Finnish inflects a noun into a dozen forms a reflection may use (asiakas, asiakkaan,
asiakkaalle, asiakkaat …), and a prefix of what a person types finds only some of them. So
the index keeps, beside each entry's text, the *keys* of its words, and a query looks for
each word's keys as well as for the word as a prefix.

A key is the word's Snowball stem (PyStemmer: Finnish and English), folded so that the
stems of one word's forms agree where the stemmer leaves them apart:

- consonant gradation in the stem: a double consonant is made single (asiakk- → asiak-,
  kaupp- → kaup-), and nt/nn, lt/ll, rt/rr, mp/mm and nk/ng are made one (hint- / hinn-);
- the stems in -s / -ks- of the nominative and the other cases are made one (tarjous,
  tarjouks-, tarjou-), and the -as of asiakas / asiakkaa- likewise;
- a final vowel left by the stemmer is dropped (kaupa-, kaupo- → kaup).

Keys shorter than MIN_KEY letters are not used (they would join unrelated short words).
When Voikko (libvoikko with its Finnish dictionary) can be loaded, the index also keeps
each Finnish word's dictionary forms (`lemmas`), which join the forms that no stem rule
can (aika / ajan, työ / töitä); a query then matches a word typed in its dictionary form
against those. Keys and lemmas follow the text in the search table's one column, each
marked (Finnish keys apart from the others), so that a prefix of a word typed meets only
words of the text; an English key that is the word itself is not stored again. The query
side needs no Voikko: it looks for the typed word itself among the lemmas, so `kohtaa
journal list --search` does not pay for loading it.

This module is light (the quick command path imports it): `re` at import, PyStemmer when a
key is first asked for, libvoikko only when the index derives rows.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

WORDS_VERSION = "3"
"""Raised whenever keys are derived differently (the index is then rebuilt)."""

MIN_KEY = 3
"""Keys (and query words looked up by key) shorter than this are left out."""

TOKEN = re.compile(r"[^\W_]+")
"""A word as FTS5's unicode61 tokenizer cuts it (letters and digits; `_` separates)."""

_GRADATION = re.compile(r"([bcdfghjklmnpqrstvwxz])\1|n[tn]|l[tl]|r[tr]|m[pm]|n[kg]|d")
_FOLD = {"nt": "n", "nn": "n", "lt": "l", "ll": "l", "rt": "r", "rr": "r", "mp": "m",
         "mm": "m", "nk": "n", "ng": "n", "d": "t"}
_S_STEM = re.compile(r"(?<=[aeiouyäö])k?s$")
_VOWELS = "aeiouyäö"

_stemmers: tuple[Callable[[str], str], Callable[[str], str]] | None = None


def _stem_functions() -> tuple[Callable[[str], str], Callable[[str], str]]:
    global _stemmers
    if _stemmers is None:
        import Stemmer  # PyStemmer

        finnish = Stemmer.Stemmer("finnish")
        english = Stemmer.Stemmer("english")
        finnish.maxCacheSize = english.maxCacheSize = 20000
        _stemmers = finnish.stemWord, english.stemWord
    return _stemmers


def _fold(word: str, stem: str) -> str:
    """Fold the Finnish stem of `word` so that the stems of one word's forms agree."""
    if word.endswith("nen") and stem.endswith("n"):
        stem = stem[:-1]  # tapaaminen / tapaamise-
    stem = _GRADATION.sub(lambda m: _FOLD.get(m.group(0), m.group(0)[0]), stem)
    stem = _S_STEM.sub("", stem)
    if stem.endswith(("as", "äs")) and len(stem) > 4:
        stem = stem[:-2]
    if len(stem) > MIN_KEY and stem[-1] in _VOWELS:
        stem = stem[:-1]
    return stem


_NO_KEYS = ("", "")
_key_cache: dict[str, tuple[str, str]] = {}
"""Keys already worked out (a journal repeats its words: a rebuild of 10,000 entries asks
for half a million words' keys, of a few thousand different words)."""


def word_keys(word: str) -> tuple[str, str]:
    """The keys of one lower-case word: (its folded Finnish stem, its English stem); an
    empty key for a word shorter than MIN_KEY or a key that would be."""
    known = _key_cache.get(word)
    if known is not None:
        return known
    if len(word) < MIN_KEY or word.isdigit():
        return _NO_KEYS
    finnish, english = _stem_functions()
    fi = _fold(word, finnish(word))
    en = english(word)
    keys = (fi if len(fi) >= MIN_KEY else ""), (en if len(en) >= MIN_KEY else "")
    if len(_key_cache) < 200_000:
        _key_cache[word] = keys
    return keys


# -- Voikko ------------------------------------------------------------------------------------

_voikko: object | bool | None = None
"""The loaded analyser; False when it cannot be loaded (then it is not tried again)."""


def voikko_importable() -> bool:
    """True when the libvoikko binding is installed (whether its library and Finnish
    dictionary load is known only when it is first used)."""
    from importlib.util import find_spec

    return find_spec("libvoikko") is not None


_signature: str | None = None


def analyser_signature() -> str:
    """What the index derives its keys with (kept in its meta; an index derived otherwise
    is rebuilt): this module's WORDS_VERSION, the Snowball version, and whether lemmas are
    asked of Voikko (its binding is installed and not disabled). Cheap: Voikko is not
    loaded for this, so a binding whose library or dictionary is missing counts as Voikko
    (the lemmas are then empty, as they would be without the binding)."""
    global _signature
    if _signature is None:
        import Stemmer

        voikko = _voikko is not False and voikko_importable()
        _signature = f"words {WORDS_VERSION}, snowball {Stemmer.version()}" + (
            ", voikko" if voikko else "")
    return _signature


def _analyser() -> object | None:
    global _voikko
    if _voikko is None:
        try:
            import libvoikko

            _voikko = libvoikko.Voikko("fi")
        except Exception:  # no binding, no library or no dictionary: keys alone
            _voikko = False
    return _voikko or None


_lemma_cache: dict[str, tuple[str, ...]] = {}


def lemmas(words: Iterable[str]) -> str:
    """The dictionary forms Voikko gives for `words` (lower-case) that differ from the words
    themselves, space-separated; empty when Voikko cannot be loaded."""
    voikko = _analyser()
    if voikko is None:
        return ""
    found: dict[str, None] = {}
    for word in words:
        known = _lemma_cache.get(word)
        if known is None:
            analyses = voikko.analyze(word)  # type: ignore[attr-defined]
            known = tuple(dict.fromkeys(
                base.casefold() for a in analyses if (base := a.get("BASEFORM"))
                and base.casefold() != word and TOKEN.fullmatch(base.casefold())))
            if len(_lemma_cache) < 100_000:
                _lemma_cache[word] = known
        for lemma in known:
            found[lemma] = None
    return " ".join(found)


FINNISH_MARK = "\ue000"
"""Put before a Finnish key, so that a Finnish key never meets an English key, a lemma or a
word of the text of the same letters (`tila`, the Finnish key of tilaus, is the English key
of the word tila). A private-use character: FTS5's unicode61 keeps it inside the token, and
no word of a query can hold it (TOKEN does not take it)."""

KEY_MARK = "\ue001"
"""Put before an English key or a lemma, so that it meets neither a word of the text (which
a query looks for by prefix) nor a Finnish key."""

_MARKS = {ord(FINNISH_MARK): " ", ord(KEY_MARK): " "}


def search_text(text: str) -> str:
    """What the index's search table is given for an entry's text: the text (without the
    marks, should it hold them) followed by its keys (derive). The same text gives the same
    result in every process with the same analyser_signature, which is what takes an entry
    out of the table again."""
    return f"{text.translate(_MARKS)}\n{derive(text)}"


def derive(text: str) -> str:
    """The keys of an entry's text, each once, space-separated: the Finnish keys (marked
    with FINNISH_MARK), the English keys and the lemmas of its words (marked with KEY_MARK),
    leaving out an English key that is the word itself (`custom`; the text has it, and
    query_terms looks for such a key there)."""
    words = dict.fromkeys(TOKEN.findall(text.casefold()))
    keys: dict[str, None] = {}
    for word in words:
        fi_key, en_key = word_keys(word)
        if fi_key:
            keys[FINNISH_MARK + fi_key] = None
        if en_key and en_key != word:
            keys[KEY_MARK + en_key] = None
    for lemma in lemmas(words).split():
        keys[KEY_MARK + lemma] = None
    return " ".join(keys)


def query_terms(word: str) -> list[str]:
    """The FTS5 terms one word of a query is looked up as, besides a prefix of a word of the
    text: its Finnish key, and its English key and the word itself (as a lemma of a word of
    the text), each with its mark; an English key that is its own English key is looked up
    among the words of the text too, where derive left it."""
    folded = word.casefold()
    fi_key, en_key = word_keys(folded)
    terms = [f'"{FINNISH_MARK}{fi_key}"'] if fi_key else []
    for key in dict.fromkeys(k for k in (folded, en_key) if k):
        terms.append(f'"{KEY_MARK}{key}"')
        if word_keys(key)[1] == key:
            terms.append(f'"{key}"')
    return terms


def voikko_loaded() -> bool:
    """True when Voikko and its Finnish dictionary load (loading them if not yet)."""
    return _analyser() is not None


def disable_voikko() -> None:
    """Derive without Voikko in this process (and the workers it forks), as on a machine
    without it (the benchmark's and the tests' comparison)."""
    global _voikko, _signature
    _voikko = False
    _signature = None
