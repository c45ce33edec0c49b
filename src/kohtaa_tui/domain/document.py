"""Reading plain documents (the tables TOML gives) into typed values, collecting every issue.

Every document kind is read through `Reader`, so that limits, ids, localised texts and the
keeping of unknown keys work the same way everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol, TypeVar

from kohtaa_tui.domain.clock import to_utc
from kohtaa_tui.domain.ids import is_document_id, is_part_id
from kohtaa_tui.domain.problems import N_, Issue, KeyPath, Severity
from kohtaa_tui.domain.text import ANY_LANGUAGE, LANGUAGES, LocalText, normalise_newlines

FORMAT_VERSION = 1
"""The version of the file formats this kohtaa reads and writes."""

MAX_TEXT = 10_000
"""The longest text allowed in a bank or schema."""
MAX_ENTRY_TEXT = 200_000
"""The longest answer allowed in a journal entry or a note."""
MAX_PARTS = 500
"""The most items, fields, check-ins per page of a document kind."""
MAX_OPTIONS = 100
"""The most options of one choice field."""

T = TypeVar("T")


def _type_name(value: object) -> str:
    names = {str: N_("a string"), int: N_("an integer"), float: N_("a number"),
             bool: N_("true/false"), list: N_("an array"), dict: N_("a table"),
             datetime: N_("a date-time"), date: N_("a date")}
    return names.get(type(value), type(value).__name__)


# Enough for every problem a file's report shows (storage lists 100 per file).
SUGGEST_WHILE_FEWER_THAN = 200


class Reader:
    """Typed, validating access to one table of a document.

    Each accessor marks its key as known; `extra()` returns the rest, to be kept on save.
    """

    def __init__(self, table: Mapping[str, Any], path: KeyPath, issues: list[Issue],
                 max_text: int = MAX_TEXT) -> None:
        self.table = table
        self.path = path
        self.issues = issues
        self.max_text = max_text
        self._seen: set[str] = set()

    # -- reporting -------------------------------------------------------------------------
    def error(self, key: str | int | None, message: str, **params: object) -> None:
        """Record an error at `key` of this table; with `params`, `message` is a template
        (a msgid with {placeholders}, see Issue)."""
        self._record(key, message, "error", params)

    def warn(self, key: str | int | None, message: str, **params: object) -> None:
        """Record a warning at `key` of this table."""
        self._record(key, message, "warning", params)

    def _record(self, key: str | int | None, message: str, severity: Severity,
                params: dict[str, object]) -> None:
        path = self.path if key is None else (*self.path, key)
        text = message.format(**params) if params else message
        self.issues.append(Issue(path=path, message=text, severity=severity,
                                 template=message if params else "",
                                 params=tuple(params.items())))

    def _raw(self, key: str, required: bool) -> Any:
        self._seen.add(key)
        if key not in self.table:
            if required:
                self.error(key, N_("is missing; add it"))
            return None
        return self.table[key]

    def _typed(self, key: str, required: bool, kind: type | tuple[type, ...], what: str) -> Any:
        value = self._raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) and kind is not bool and bool not in (
            kind if isinstance(kind, tuple) else (kind,)
        ):
            self.error(key, N_("must be {what_word}, not true/false"), what_word=what)
            return None
        if not isinstance(value, kind):
            self.error(key, N_("must be {what_word}, not {type_word}"), what_word=what,
                       type_word=_type_name(value))
            return None
        return value

    # -- scalars ---------------------------------------------------------------------------
    def string(self, key: str, required: bool = False, max_len: int | None = None,
               allow_empty: bool = True) -> str | None:
        """A string, newlines normalised."""
        value = self._typed(key, required, str, N_("a string"))
        if value is None:
            return None
        limit = max_len if max_len is not None else self.max_text
        if len(value) > limit:
            self.error(key, N_("is {length} characters long; the limit is {limit}"),
                       length=len(value), limit=limit)
            return None
        if not allow_empty and not value.strip():
            self.error(key, N_("is empty; write something or remove it"))
            return None
        return normalise_newlines(value)

    def integer(self, key: str, required: bool = False, low: int | None = None,
                high: int | None = None) -> int | None:
        """An integer within [low, high]."""
        value = self._typed(key, required, int, N_("an integer"))
        if value is None:
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"{low if low is not None else '…'}..{high if high is not None else '…'}"
            self.error(key, N_("is {value}; it must be within {bounds}"), value=value,
                       bounds=bounds)
            return None
        return int(value)

    def number(self, key: str, required: bool = False, low: float | None = None,
               high: float | None = None) -> float | None:
        """A finite number (integer or float) within [low, high]."""
        value = self._typed(key, required, (int, float), N_("a number"))
        if value is None:
            return None
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            self.error(key, N_("must be a finite number"))
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.error(key, N_("is {value}; it must be within {low}..{high}"), value=value,
                       low=low, high=high)
            return None
        return number + 0.0  # -0.0 becomes 0.0

    def boolean(self, key: str, default: bool = False) -> bool:
        """A boolean, `default` when absent."""
        value = self._typed(key, False, bool, N_("true or false"))
        return default if value is None else bool(value)

    def document_id(self, key: str, required: bool = False) -> str | None:
        """An id that may name a document and its file."""
        value = self._typed(key, required, str, N_("a string"))
        if value is None:
            return None
        if not is_document_id(value):
            self.error(key, N_("{value} is not a valid id: use 1-64 lowercase letters, digits "
                               "and dashes, starting with a letter or digit"),
                       value=repr(value[:70]))
            return None
        return str(value)

    def part_id(self, key: str, required: bool = False) -> str | None:
        """An id of an item, field or option."""
        value = self._typed(key, required, str, N_("a string"))
        if value is None:
            return None
        if not is_part_id(value):
            self.error(key, N_("{value} is not a valid id: use 1-64 lowercase letters, digits, "
                               "dashes and underscores"), value=repr(value[:70]))
            return None
        return str(value)

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None,
               required: bool = False) -> str | None:
        """A string that must be one of `allowed`."""
        value = self._typed(key, required, str, N_("a string"))
        if value is None:
            return default
        if value not in allowed:
            self.error(key, N_("{value} is not one of: {allowed}"), value=repr(value[:70]),
                       allowed=", ".join(allowed))
            return default
        return str(value)

    def date(self, key: str, required: bool = False) -> date | None:
        """A calendar date (a date-time is cut to its date)."""
        value = self._typed(key, required, (date, datetime), N_("a date like 2026-11-22"))
        if value is None:
            return None
        return value.date() if isinstance(value, datetime) else value

    def datetime(self, key: str, required: bool = False) -> datetime | None:
        """An instant, in UTC (a date without time is taken as midnight UTC)."""
        value = self._typed(key, required, (date, datetime),
                            "a date-time like 2026-11-22T14:30:00Z")
        if value is None:
            return None
        if not isinstance(value, datetime):
            value = datetime(value.year, value.month, value.day)
        return to_utc(value)

    def string_list(self, key: str, max_count: int = MAX_OPTIONS,
                    max_len: int = 200) -> tuple[str, ...]:
        """An array of short strings."""
        value = self._typed(key, False, list, "an array of strings")
        if value is None:
            return ()
        if len(value) > max_count:
            self.error(key, N_("has {count} entries; the limit is {limit}"), count=len(value),
                       limit=max_count)
            return ()
        out: list[str] = []
        for index, element in enumerate(value):
            if not isinstance(element, str) or len(element) > max_len:
                self.error(key, N_("entry {number} must be a string of at most {limit} "
                                   "characters"), number=index + 1, limit=max_len)
                continue
            out.append(normalise_newlines(element))
        return tuple(out)

    # -- texts a person reads ---------------------------------------------------------------
    def local_text(self, key: str, required: bool = False,
                   languages: tuple[str, ...] = ()) -> LocalText | None:
        """A plain string or a table of languages; each of `languages` must be present."""
        value = self._raw(key, required)
        if value is None:
            return None
        if isinstance(value, str):
            if len(value) > self.max_text:
                self.error(key, N_("is {length} characters long; the limit is {limit}"),
                           length=len(value), limit=self.max_text)
                return None
            if required and not value.strip():
                self.error(key, N_("is empty; write the text"))
                return None
            return LocalText.plain(value)
        if not isinstance(value, dict):
            self.error(key, N_("must be a string or a table like {{ fi = \"…\", en = \"…\" }}, "
                               "not {type_word}"), type_word=_type_name(value))
            return None
        texts: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in LANGUAGES:
                self.warn(key, N_("language {lang} is not supported (use fi or en); it is "
                                  "ignored"), lang=repr(lang[:20]))
                continue
            if not isinstance(text, str):
                self.error(key, N_("the {lang} text must be a string"), lang=lang)
                continue
            if len(text) > self.max_text:
                self.error(key, N_("the {lang} text is {length} characters long; the limit is "
                                   "{limit}"), lang=lang, length=len(text), limit=self.max_text)
                continue
            texts[lang] = text
        for lang in languages:
            if not texts.get(lang, "").strip():
                self.error(key, N_("has no {lang} text; add `{lang} = \"…\"`"), lang=lang)
        if not texts:
            if not any(i.path == (*self.path, key) for i in self.issues):
                self.error(key, N_("has no text in any supported language"))
            return None
        return LocalText.of(texts)

    def local_texts(self, key: str, count: int,
                    languages: tuple[str, ...] = ()) -> tuple[LocalText, ...] | None:
        """An array of exactly `count` texts (scale labels); None with an issue otherwise."""
        value = self._raw(key, True)
        if value is None:
            return None
        if not isinstance(value, list) or len(value) != count:
            found = len(value) if isinstance(value, list) else 0
            self.error(key, N_("has {found} labels, but the scale has {count} points; give one "
                               "label per point"), found=found, count=count)
        if not isinstance(value, list):
            return None
        # Each label is checked even when their number is wrong, so one run names it all;
        # a label's issues carry its index (shown from 1, like items) rather than a string.
        first_new = len(self.issues)
        inner = Reader({str(i): v for i, v in enumerate(value[:MAX_OPTIONS])},
                       (*self.path, key), self.issues, self.max_text)
        texts = [inner.local_text(str(i), required=True, languages=languages)
                 for i in range(min(len(value), MAX_OPTIONS))]
        depth = len(self.path) + 1
        for n in range(first_new, len(self.issues)):
            issue = self.issues[n]
            label = issue.path[depth] if len(issue.path) > depth else None
            if isinstance(label, str) and label.isdigit():
                self.issues[n] = Issue(
                    path=(*issue.path[:depth], int(label), *issue.path[depth + 1:]),
                    message=issue.message, severity=issue.severity)
        if len(value) != count or any(text is None for text in texts):
            return None
        return tuple(text for text in texts if text is not None)

    # -- nested tables ----------------------------------------------------------------------
    def table_reader(self, key: str, required: bool = False) -> Reader | None:
        """A sub-table, read with a Reader of its own."""
        value = self._typed(key, required, dict, "a table")
        if value is None:
            return None
        return Reader(value, (*self.path, key), self.issues, self.max_text)

    def table_readers(self, key: str, required: bool = False,
                      max_count: int = MAX_PARTS) -> list[Reader]:
        """An array of tables, each read with a Reader of its own."""
        value = self._typed(key, required, list, "an array of tables")
        if value is None:
            return []
        if len(value) > max_count:
            self.error(key, N_("has {count} entries; the limit is {limit}"), count=len(value),
                       limit=max_count)
            return []
        readers: list[Reader] = []
        for index, element in enumerate(value):
            if not isinstance(element, dict):
                self.error(key, N_("entry {number} must be a table, not {type_word}"),
                           number=index + 1, type_word=_type_name(element))
                continue
            readers.append(Reader(element, (*self.path, key, index), self.issues, self.max_text))
        return readers

    def raw(self, key: str) -> Any:
        """The raw value of `key` (marked as known), for fields whose type depends on others."""
        return self._raw(key, False)

    def has(self, key: str) -> bool:
        """True when the table has `key`."""
        return key in self.table

    # -- unknown keys ------------------------------------------------------------------------
    def extra(self) -> dict[str, Any]:
        """The keys no accessor asked for: kept so that a save never strips them."""
        return {key: value for key, value in self.table.items() if key not in self._seen}

    def warn_unknown(self) -> None:
        """Warn about keys no accessor asked for (for files from other people).

        The nearest known key is looked for only while few problems are recorded: a file
        with thousands of unknown keys shows the first ones and counts the rest, and a
        fuzzy match for each would cost seconds."""
        known = sorted(self._seen)
        for key in self.extra():
            near = (difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                    if len(self.issues) < SUGGEST_WHILE_FEWER_THAN else [])
            if near:
                self.warn(key, N_("is not a key kohtaa knows, so it is ignored; did you mean "
                                  "`{near}`?"), near=near[0])
            else:
                self.warn(key, N_("is not a key kohtaa knows, so it is ignored"))


def read_header(doc: Mapping[str, Any], kind: str, issues: list[Issue],
                max_text: int = MAX_TEXT) -> Reader | None:
    """Check `schema_version` and `kind`, and return a Reader for the document.

    Returns None (with an issue) when the document is of another kind or a newer format.
    """
    reader = Reader(doc, (), issues, max_text)
    version = reader.integer("schema_version", required=True, low=1)
    found = reader.string("kind", required=True)
    if version is None or found is None:
        return None
    if found != kind:
        reader.error("kind", N_("is {found}, but a {kind} was expected"), found=repr(found[:40]),
                     kind=kind)
        return None
    if version > FORMAT_VERSION:
        reader.error("schema_version",
                     N_("is {version}: this file was written by a newer kohtaa; upgrade kohtaa "
                        "to use it (the file is left as it is)"), version=version)
        return None
    return reader


class Versioned(Protocol):
    """A question bank or a journal schema: an id with numbered versions."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int: ...


class CatalogueDocument(Versioned, Protocol):
    """What the catalogue (storage.catalogue) lists of a bank or a schema: the header they
    share (see CatalogueHeader)."""

    @property
    def languages(self) -> tuple[str, ...]: ...

    @property
    def title(self) -> LocalText: ...

    @property
    def estimated_minutes(self) -> int | None: ...


VersionedT = TypeVar("VersionedT", bound=Versioned)


def latest_versions(docs: Iterable[VersionedT]) -> dict[str, VersionedT]:
    """The newest version of each id among `docs`."""
    latest: dict[str, VersionedT] = {}
    for doc in docs:
        if doc.id not in latest or doc.version > latest[doc.id].version:
            latest[doc.id] = doc
    return latest


class CatalogueHeader(NamedTuple):
    """What question banks and journal schemas both begin with (None where invalid)."""

    id: str | None
    version: int | None
    languages: tuple[str, ...]
    title: LocalText | None
    description: LocalText | None
    minutes: int | None


def read_catalogue_header(reader: Reader) -> CatalogueHeader:
    """Read the id, version, languages, title, description and estimated minutes of a bank
    or a schema (the texts in the languages it lists)."""
    doc_id = reader.document_id("id", required=True)
    version = reader.integer("version", required=True, low=1, high=2**31)
    languages = reader.string_list("languages", max_count=len(LANGUAGES), max_len=8)
    if not reader.has("languages"):
        reader.error("languages", N_("is missing; list the languages of the texts, e.g. "
                                     "[\"fi\", \"en\"]"))
    for lang in languages:
        if lang not in LANGUAGES:
            reader.error("languages", N_("{lang} is not supported; use fi and/or en"),
                         lang=repr(lang))
    languages = tuple(lang for lang in languages if lang in LANGUAGES)
    title = reader.local_text("title", required=True, languages=languages)
    description = reader.local_text("description", required=True, languages=languages)
    minutes = reader.integer("estimated_minutes", low=1, high=600)
    return CatalogueHeader(doc_id, version, languages, title, description, minutes)


def unique_ids(readers: list[Reader], key: str, get: Callable[[Reader, str], str | None],
               what: str) -> list[tuple[Reader, str]]:
    """Read the id of each table, reporting duplicates; returns (reader, id) pairs."""
    seen: set[str] = set()
    out: list[tuple[Reader, str]] = []
    for reader in readers:
        ident = get(reader, key)
        if ident is None:
            continue
        if ident in seen:
            reader.error(key, N_("{what_word} id {id} is used twice; ids must be unique"),
                         what_word=what, id=repr(ident))
            continue
        seen.add(ident)
        out.append((reader, ident))
    return out


def each_with_id(readers: list[Reader], key: str, get: Callable[[Reader, str], str | None],
                 what: str) -> list[tuple[Reader, str | None]]:
    """Every table with its id, or None where the id is missing, invalid or used twice.

    Tables without a usable id are still worth reading (and reporting on), so that one run
    names every problem of a file; the caller drops them afterwards.
    """
    kept = {id(reader): ident for reader, ident in unique_ids(readers, key, get, what)}
    return [(reader, kept.get(id(reader))) for reader in readers]


def text_document(text: LocalText | None) -> str | dict[str, str] | None:
    """The TOML value of an optional localised text."""
    return None if text is None else text.to_document()


def drop_none(table: dict[str, Any]) -> dict[str, Any]:
    """`table` without keys whose value is None (TOML has no null)."""
    return {key: value for key, value in table.items() if value is not None}


def merge_extra(table: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """`table` with the unknown keys of the loaded document put back (ours win on a clash)."""
    merged = dict(drop_none(table))
    for key, value in extra.items():
        merged.setdefault(key, value)
    return merged


__all__ = [
    "ANY_LANGUAGE",
    "FORMAT_VERSION",
    "MAX_ENTRY_TEXT",
    "MAX_OPTIONS",
    "MAX_PARTS",
    "MAX_TEXT",
    "Reader",
    "drop_none",
    "each_with_id",
    "merge_extra",
    "read_header",
    "text_document",
    "unique_ids",
]
