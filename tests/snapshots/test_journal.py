"""Snapshots at 80x24 of the journal: picker, form, entry, list; fixed clock and data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services import journal_data
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens.journal_entry import EntryViewScreen
from kohtaa_tui.ui.screens.journal_list import JournalListScreen
from kohtaa_tui.ui.screens.journal_picker import start_journal_entry
from tests.snapshots.conftest import settle

Snap = Callable[..., bool]
MOMENT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def entries(ws: Workspace) -> None:
    """Three reflections of different kinds."""
    rows = [
        ("e-1", "sales-meeting", "Renewal with Kahvila Sävel",
         {"step_ratings": {"listening": 4, "communication": 3, "negotiation": 5,
                           "positivity": 4, "feedback": 2}}, True),
        ("e-2", "quick", "Phone: delivery late",
         {"step_ratings": {"listening": 3, "feedback": 4}, "channel": "phone",
          "what": "The parcel was a week late and they had called twice.",
          "now_what": "Call back before they have to call me.", "responsibility": True,
          "mistakes": ["interrupting"], "old_field": "kept from an older form"}, False),
        ("e-3", "customer-service", "Return without a receipt", {}, False),
    ]
    for n, (ident, schema, title, answers, starred) in enumerate(rows):
        moment = MOMENT - timedelta(days=n)
        ws.store.save_entry(JournalEntry(id=ident, schema_id=schema, schema_version=1,
                                         created=moment, updated=moment,
                                         answers={"title": title, **answers}, starred=starred),
                            None)


def no_blink(pilot: Pilot[Any]) -> None:
    """Cursors stand still for the picture."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


class TestJournalScreens:
    """The four journal screens."""

    def test_picker(self, snap_compare: Snap, workspace: Workspace) -> None:
        """Schemas with a number key, description, questions and minutes."""
        app = KohtaaApp(workspace, start=start_journal_entry(None))
        assert snap_compare(app, terminal_size=(80, 24), run_before=settle)

    def test_form(self, snap_compare: Snap, workspace: Workspace) -> None:
        """The quick form: heading, hint, required marks, a choice with number keys."""
        app = KohtaaApp(workspace, start=start_journal_entry("quick"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await pilot.pause()
            await pilot.press(*"Call about a late parcel", "tab", "2")
            no_blink(pilot)
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_form_steps(self, snap_compare: Snap, workspace: Workspace) -> None:
        """Further down: yes/no, mistakes and the five steps rated with number keys."""
        app = KohtaaApp(workspace, start=start_journal_entry("quick"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await pilot.pause()
            await pilot.press(*["tab"] * 6, "1", "tab", "tab", "4", "3")
            no_blink(pilot)
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_entry(self, snap_compare: Snap, workspace: Workspace) -> None:
        """An entry: heading, answers in words, a field the schema no longer has."""
        entries(workspace)

        def start(ws: Workspace) -> Screen[Any]:
            loaded = journal_data.find_entry(ws, "e-2")
            assert loaded is not None
            return EntryViewScreen(ws, loaded)

        app = KohtaaApp(workspace, start=start)
        assert snap_compare(app, terminal_size=(80, 24), run_before=settle)

    def test_list(self, snap_compare: Snap, workspace: Workspace) -> None:
        """Newest first with date, type, title, step ratings and the star."""
        entries(workspace)

        def start(ws: Workspace) -> Screen[Any]:
            return JournalListScreen(ws)

        async def run_before(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            no_blink(pilot)
            await pilot.pause()

        app = KohtaaApp(workspace, start=start)
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
