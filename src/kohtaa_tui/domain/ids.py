"""Identifiers: their allowed shape, and new ones that sort by time."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from kohtaa_tui.domain.clock import to_utc

DOCUMENT_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
"""Ids of banks, schemas, entries, results and goals; safe as a file name on every system."""

PART_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""Ids of items, fields and options inside a document."""

_RESERVED = {
    "con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10)),
}


def is_document_id(value: str) -> bool:
    """True when `value` may name a document (and so a file)."""
    return bool(DOCUMENT_ID.fullmatch(value)) and value not in _RESERVED


def is_part_id(value: str) -> bool:
    """True when `value` may name an item, field or option."""
    return bool(PART_ID.fullmatch(value))


def new_id(moment: datetime) -> str:
    """A new document id that sorts by creation time: `20261122-143000-3f9a1c`."""
    stamp = to_utc(moment).strftime("%Y%m%d-%H%M%S")
    import secrets  # on the first new id, not at start

    return f"{stamp}-{secrets.token_hex(3)}"


def slugify(text: str, fallback: str = "item") -> str:
    """A document id made from free text (Finnish letters folded), for ids a person names."""
    folded = text.lower().translate(str.maketrans("äåöü", "aaou"))
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:64].strip("-")
    return slug if slug and is_document_id(slug) else fallback


MAX_ID_CHARS = 64
"""The longest id (DOCUMENT_ID and PART_ID allow no more)."""


def id_shape_problem(value: str, part: bool = False) -> str | None:
    """Why `value` cannot be an id a person typed, None when its shape is fine.

    One of "empty", "too long", "path" (a separator, `..`, a drive or a leading dot),
    "control" (a control or format character), "characters" (anything else outside
    lowercase letters, digits and `-`, with `_` too when `part`: an item, field or option
    id), "reserved" (a name Windows keeps for devices; document ids only).
    A value with a fine shape may still name nothing; see `close_ids` for that.
    """
    if not value:
        return "empty"
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u200b\u200e\u200f\u202a\u202b"
           "\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff" for c in value):
        return "control"
    if "/" in value or "\\" in value or ".." in value or ":" in value or value[0] == ".":
        return "path"
    if len(value) > MAX_ID_CHARS:
        return "too long"
    if not (PART_ID if part else DOCUMENT_ID).fullmatch(value):
        return "characters"
    if not part and value in _RESERVED:
        return "reserved"
    return None


def close_ids(value: str, known: Iterable[str], count: int = 3) -> list[str]:
    """The known ids nearest to `value` (difflib's ratio), nearest first; also finds an id
    typed in another case or with spaces or underscores for hyphens."""
    import difflib

    choices = sorted(set(known))
    folded = re.sub(r"[\s_]+", "-", value.strip().casefold())
    if folded in choices and folded != value:
        return [folded]
    return difflib.get_close_matches(folded[:MAX_ID_CHARS * 2], choices, n=count, cutoff=0.6)
