"""The Finnish message catalogue covers every UI text, and its compiled form is current."""

from __future__ import annotations

from kohtaa_tui import i18n
from tests import i18n_tool


def test_every_marked_text_has_a_finnish_translation() -> None:
    """Each msgid in the source is in the .po with a non-empty translation."""
    catalog = i18n_tool.load_po()
    missing = []
    for message in i18n_tool.extract():
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = (found.string,) if found is not None and isinstance(found.string, str) else (
            found.string if found is not None else ("",))
        if not all(strings):
            missing.append(message.id)
    assert missing == [], "run `python tests/i18n_tool.py` and translate these"


def test_compiled_catalogue_is_current() -> None:
    """The committed .mo says what the .po says (run tests/i18n_tool.py after editing).

    It compares meaning, not bytes: every message with its translation and the plural
    rule. The bytes carry the compiling tool's name and version, which change with a
    release and say nothing about the catalogue.
    """
    assert i18n_tool.meaning(i18n_tool.load_mo()) == i18n_tool.meaning(i18n_tool.load_po())


def test_catalogue_meaning_sees_a_changed_translation() -> None:
    """The comparison above fails when one translation differs (it is not vacuous)."""
    catalog = i18n_tool.load_po()
    message = next(m for m in catalog if m.id and isinstance(m.id, str) and m.string)
    before = i18n_tool.meaning(catalog)
    message.string = message.string + " (muutettu)"
    assert i18n_tool.meaning(catalog) != before


def test_finnish_is_used_at_run_time() -> None:
    """gettext finds the catalogue; numbers and dates follow the language."""
    i18n.set_language("fi")
    assert i18n._("Quit") == "Lopeta"
    assert i18n.number(3.84) == "3,8"
    from datetime import date

    assert i18n.day(date(2026, 11, 22)) == "22.11.2026"
    i18n.set_language("en")
    assert i18n._("Quit") == "Quit"
    assert i18n.number(3.84) == "3.8"
