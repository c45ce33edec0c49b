"""Localised texts (fi/en) and the newline rule applied to all text that enters the domain."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LANGUAGES: tuple[str, ...] = ("fi", "en")
"""The languages kohtaa speaks, in order of preference when nothing else is chosen."""

ANY_LANGUAGE = ""
"""The key under which a plain (not per-language) string is kept."""


def normalise_newlines(text: str) -> str:
    """Return `text` with `\\r\\n` and lone `\\r` turned into `\\n`."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class LocalText:
    """A text a person reads, either one string for every language or one per language.

    A plain string is kept under `ANY_LANGUAGE`, so that it is written back as a plain string.
    """

    texts: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> LocalText:
        """A text that reads the same in every language."""
        return cls(((ANY_LANGUAGE, normalise_newlines(text)),))

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> LocalText:
        """A text with one string per language code."""
        return cls(tuple((lang, normalise_newlines(value)) for lang, value in mapping.items()))

    @property
    def is_plain(self) -> bool:
        """True when the text is one string for every language."""
        return len(self.texts) == 1 and self.texts[0][0] == ANY_LANGUAGE

    def languages(self) -> tuple[str, ...]:
        """The language codes that have a text (empty for a plain text)."""
        return tuple(lang for lang, _ in self.texts if lang != ANY_LANGUAGE)

    def has(self, lang: str) -> bool:
        """True when the text exists for `lang`, plain texts counting for every language."""
        return any(code in (lang, ANY_LANGUAGE) and value.strip() for code, value in self.texts)

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to the other languages, then to ''."""
        by_lang = dict(self.texts)
        for code in (lang, ANY_LANGUAGE, *LANGUAGES, *by_lang):
            value = by_lang.get(code)
            if value:
                return value
        return ""

    def to_document(self) -> str | dict[str, str]:
        """The TOML value: a plain string, or a table of languages."""
        if self.is_plain:
            return self.texts[0][1]
        return dict(self.texts)

    def __str__(self) -> str:
        return self.get(LANGUAGES[0])


def first_text(texts: Iterable[LocalText | None], lang: str) -> str:
    """The first non-empty text of `texts` in `lang`."""
    for text in texts:
        if text is not None and text.get(lang):
            return text.get(lang)
    return ""
