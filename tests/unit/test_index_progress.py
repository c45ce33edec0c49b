"""Building the index reports how far it is, for the dashboard and the journal list."""

from __future__ import annotations

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.journal_data import JournalSource
from kohtaa_tui.services.overview import load_overview
from kohtaa_tui.services.workspace import Workspace


def test_the_first_load_counts_the_files_it_indexes(workspace: Workspace,
                                                    clock: FixedClock) -> None:
    populate(workspace.store, clock, weeks=30)
    calls: list[tuple[int, int]] = []
    overview = load_overview(workspace, on_index=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (overview.entry_count, overview.entry_count)
    assert all(done <= total for done, total in calls)
    again: list[tuple[int, int]] = []
    source = JournalSource.load(workspace, progress=lambda d, t: again.append((d, t)))
    source.close()
    assert again == []  # already built: nothing to count
