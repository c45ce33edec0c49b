"""At 80x24 the habit panel says, in full, that a streak runs up to last week."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services.journal_data import save_entry
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp


async def test_a_streak_up_to_last_week_is_said_in_full(workspace: Workspace,
                                                        clock: FixedClock) -> None:
    now = clock.now()
    for weeks in (1, 2, 3):
        moment = now - timedelta(weeks=weeks)
        save_entry(workspace, JournalEntry(
            id=f"2026110{weeks}-120000-abcde{weeks}", schema_id="quick", schema_version=1,
            created=moment, updated=moment,
            answers={"title": f"week {weeks}", "what": "a customer called"}), None)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen.query_one("#habit-panel", Static)
        text = str(panel.content)
        assert "0 reflections this week" in text
        assert "streak: 3 weeks up to last week" in text
        assert "reflect this week to keep it" in text
        width = panel.content_size.width
        assert all(len(line) <= width for line in text.splitlines()), width
