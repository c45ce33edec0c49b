"""The message catalogue's tooling: extract msgids, merge into the .po, compile the .mo.

Run `python tests/i18n_tool.py` after adding UI strings: new msgids are added to the Finnish
catalogue (untranslated, so the catalogue test fails until they are translated) and the .mo
is compiled. The test suite uses the same functions to prove the catalogue is complete.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "kohtaa_tui"
PO_FILE = SOURCE / "locale" / "fi" / "LC_MESSAGES" / "kohtaa.po"
MO_FILE = PO_FILE.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
TEMPLATES = "**/templates/**.html"
"""Jinja templates (services/templates/report.html): their `_()` and `ngettext()` calls are
msgids too, found by Jinja's own Babel extractor; a template that does not parse fails the
extraction (silent off) rather than losing its msgids."""
METHODS = [("**.py", "python"), (TEMPLATES, "jinja2.ext:babel_extract")]
OPTIONS = {TEMPLATES: {"extensions": "jinja2.ext.i18n", "trim_blocks": "true",
                       "lstrip_blocks": "true", "silent": "false"}}


def extract() -> Catalog:
    """Every msgid marked in the source."""
    catalog = Catalog(project="kohtaa", locale="fi")
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(SOURCE), method_map=METHODS, options_map=OPTIONS, keywords=KEYWORDS,
    ):
        catalog.add(message, None, [(filename, lineno)], context=context)
    return catalog


def load_po() -> Catalog:
    """The Finnish catalogue as it is on disk."""
    with PO_FILE.open("rb") as handle:
        return read_po(handle, locale="fi")


def load_mo() -> Catalog:
    """The compiled catalogue as it is on disk."""
    with MO_FILE.open("rb") as handle:
        return read_mo(handle)


def meaning(catalog: Catalog) -> dict[str, Any]:
    """What a catalogue says, whatever tool wrote it: its plural rule and every translated
    message (as a compiled .mo keeps them: not fuzzy, with a translation)."""
    messages: dict[Any, Any] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else (
            message.string,)
        if not all(strings):
            continue
        key = tuple(message.id) if isinstance(message.id, (list, tuple)) else message.id
        messages[(message.context, key)] = tuple(strings)
    return {"plural_forms": catalog.plural_forms, "messages": messages}


def compiled(catalog: Catalog) -> bytes:
    """The .mo bytes of a catalogue."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update() -> None:
    """Merge new msgids into the .po (keeping translations) and compile the .mo."""
    template = extract()
    catalog = load_po() if PO_FILE.exists() else Catalog(locale="fi")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.project = "kohtaa"
    catalog.fuzzy = False
    catalog.obsolete.clear()
    PO_FILE.parent.mkdir(parents=True, exist_ok=True)
    with PO_FILE.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, width=0, no_location=True)
    MO_FILE.write_bytes(compiled(load_po()))


def fill(translations: dict[str, Any]) -> None:
    """Set translations from a JSON object: msgid -> text, or [singular, plural] for plurals."""
    catalog = load_po()
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in translations:
            value = translations[key]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
    with PO_FILE.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, width=0, no_location=True)
    MO_FILE.write_bytes(compiled(load_po()))


def untranslated() -> list[str]:
    """The msgids (first form of plurals) that have no Finnish text yet."""
    out = []
    for message in load_po():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            out.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return out


if __name__ == "__main__":
    # `python tests/i18n_tool.py` merges and compiles; `... fill FILE.json` adds translations;
    # `... missing` prints the untranslated msgids as a JSON list.
    if len(sys.argv) > 2 and sys.argv[1] == "fill":
        fill(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    elif len(sys.argv) > 1 and sys.argv[1] == "missing":
        print(json.dumps(untranslated(), ensure_ascii=False, indent=1))
        raise SystemExit(0)
    else:
        update()
    print(f"{len(untranslated())} untranslated", file=sys.stderr)
