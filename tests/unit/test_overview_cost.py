"""The dashboard's overview reads only what it shows, and gives the same answer as reading
everything."""

from __future__ import annotations

from kohtaa_tui.services.overview import banks_with_assignments
from kohtaa_tui.storage.repository import Store


def test_shipped_banks_carry_no_assignment(store: Store) -> None:
    """The overview skips parsing the shipped banks for assignments: they have none."""
    banks, problems = store.banks()
    assert banks and not problems
    assert [item.value.id for item in banks if item.value.assignment is not None] == []


def test_banks_are_read_for_assignments_once_one_is_installed(store: Store) -> None:
    assert banks_with_assignments(store) == []
    shipped = store.banks()[0][0]
    installed = store.banks_dir / shipped.value.id / "99.toml"
    installed.parent.mkdir(parents=True)
    installed.write_bytes(shipped.path.read_bytes())
    found = banks_with_assignments(store)
    assert installed in [item.path for item in found]
    assert shipped.path in [item.path for item in found]
