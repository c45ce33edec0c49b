"""Identifiers: their allowed shape, and new ones that sort by time."""

from __future__ import annotations

import re
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
