"""The one Markdown escaper: user text written into a Markdown file stays literal text.

Used by the report (`kohtaa report --format md`, the report screen's save) and by
`kohtaa journal export --format md`.
"""

from __future__ import annotations

import re

from kohtaa_tui.domain.display import display_safe

_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~&])")
"""Characters Markdown may act on; `&` too, or "&lt;" in a note would show as "<"."""


def markdown_escape(text: str) -> str:
    """`text` with terminal controls made visible and every Markdown character escaped
    with a backslash (CommonMark lets any ASCII punctuation be escaped)."""
    return _SPECIAL.sub(r"\\\1", display_safe(text))
