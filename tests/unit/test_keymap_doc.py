"""docs/keymap.md names every binding id, so that a person can remap any key."""

from __future__ import annotations

from pathlib import Path

from tests.keymap_tool import all_bindings, bindings

DOC = Path(__file__).resolve().parents[2] / "docs" / "keymap.md"


def test_every_binding_id_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [row.id for row in bindings() if f"`{row.id}`" not in text]
    assert not missing, f"add these to docs/keymap.md (python tests/keymap_tool.py): {missing}"


def test_binding_ids_are_unique() -> None:
    """A remap names exactly one binding: no two classes share an id."""
    rows = all_bindings()
    ids = [row.id for row in rows]
    assert "app-help" in ids
    assert sorted(ids) == sorted(set(ids)), [i for i in set(ids) if ids.count(i) > 1]
