"""The dashboard's overview reads only what it shows, and gives the same answer as reading
everything."""

from __future__ import annotations

from pathlib import Path

from kohtaa_tui.services.overview import banks_with_assignments
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.repository import Store


def test_shipped_banks_carry_no_assignment(store: Store) -> None:
    """The overview skips parsing the shipped banks for assignments: they have none."""
    catalogue = load_banks(store)
    banks = catalogue.offered()
    assert banks and not catalogue.problems
    assert [e.doc.id for e in banks if e.doc.assignment is not None] == []


def test_banks_are_read_for_assignments_once_one_is_installed(store: Store) -> None:
    assert banks_with_assignments(store) == []
    shipped = load_banks(store).offered()[0]
    installed = store.banks_dir / shipped.doc.id / "99.toml"
    installed.parent.mkdir(parents=True)
    installed.write_bytes(shipped.path.read_bytes())
    found = banks_with_assignments(store)
    assert installed in [item.path for item in found]
    assert shipped.path in [item.path for item in found]


def test_a_quick_load_shows_what_the_last_check_found_in_the_way(workspace: Workspace
                                                                 ) -> None:
    """The quick load does not walk every name of the journal: what is in the way there is
    found by the check after it (which then asks for a reload), and shown from then on."""
    from datetime import timedelta

    from kohtaa_tui.domain.journal import JournalEntry
    from kohtaa_tui.services import overview

    moment = workspace.clock.now() - timedelta(days=1)
    saved = workspace.store.save_entry(JournalEntry(
        id="e-1", schema_id="quick", schema_version=1, created=moment, updated=moment,
        answers={"title": "Call"}), None)
    (saved.path.parent / "in-the-way.toml").mkdir()
    overview._in_the_way.clear()
    assert overview.load_overview(workspace, thorough=False).problems == ()
    assert overview.check_index(workspace)
    problems = overview.load_overview(workspace, thorough=False).problems
    assert [Path(p.file).name for p in problems] == ["in-the-way.toml"]
    assert not overview.check_index(workspace)
    assert overview.load_overview(workspace).problems == problems
