"""Making stored text safe to show: terminal controls become visible, stored text is untouched.

Used by every screen (through ui/text.py) and by every line the command line prints.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# Characters that take no cell, or a different number of cells in different terminals: in a
# one-line view (a list column, a title) they would push what follows out of line.
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" of the character
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def display_safe(text: str, keep_newlines: bool = True) -> str:
    """`text` with control characters, bidi overrides and lone surrogates made visible.

    Tabs and (unless `keep_newlines` is False) newlines are kept. For display only: never
    write the result back over what the person typed.
    """
    if not keep_newlines:
        text = text.replace("\n", " \u21b5 ")
    text = _CONTROLS.sub(_visible, text)
    text = _BIDI.sub("\ufffd", text)
    return _SURROGATES.sub("\ufffd", text)


def one_line(text: str, limit: int = 200) -> str:
    """A single display-safe line of at most `limit` characters, without the zero-width
    characters that would push a column out of line."""
    flat = _INVISIBLE.sub("", " ".join(text.split("\n")))
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return display_safe(flat)


def has_surrogates(text: str) -> bool:
    """True when `text` holds lone surrogates, which cannot be saved as UTF-8."""
    return bool(_SURROGATES.search(text))


def json_safe(dumped: str) -> str:
    """JSON text (from json.dumps) with DEL, C1 controls and bidi overrides written as \\u
    escapes: the same JSON value, but nothing in it that a terminal would act on.

    json.dumps escapes only C0 controls when ensure_ascii is off.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def cell_width(text: str) -> int:
    """How many terminal cells `text` takes: wide letters two, combining marks none."""
    width = 0
    for char in text:
        if char.isascii():
            width += 1
        elif unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        else:
            width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width
