"""Texts marked for translation must be extractable: `_()` inside an f-string is not."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "kohtaa_tui"


def test_no_translation_call_inside_an_f_string() -> None:
    """On Python 3.11 an f-string is one token, so the extractor never sees `_()` in it."""
    found = []
    for path in SOURCE.rglob("*.py"):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            if token.type != tokenize.STRING:
                continue
            prefix = token.string.split("'")[0].split('"')[0].lower()
            if "f" in prefix and ("_(" in token.string or "ngettext(" in token.string):
                found.append(f"{path.relative_to(SOURCE)}:{token.start[0]}")
    assert found == [], "move the _() call out of the f-string"
