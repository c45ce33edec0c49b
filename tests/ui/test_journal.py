"""Writing, reading and finding reflections with the keyboard: what is saved on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens.journal_entry import EntryViewScreen
from kohtaa_tui.ui.screens.journal_form import JournalFormScreen
from kohtaa_tui.ui.screens.journal_picker import SchemaPickerScreen, start_journal_entry
from kohtaa_tui.workspace import Workspace


def saved_entries(data_dir: Path) -> list[dict[str, Any]]:
    """Every entry file, parsed."""
    return [tomllib.loads(p.read_text(encoding="utf-8"))
            for p in sorted((data_dir / "journal").glob("*/*/*.toml"))]


async def test_write_a_quick_reflection_with_the_keyboard(workspace: Workspace,
                                                          data_dir: Path) -> None:
    """Every kind of field of the quick schema answered with keys; Ctrl+S writes the file."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JournalFormScreen)
        await pilot.press(*"Call with [b]Matti[/b]", "tab")   # title
        await pilot.press("2", "tab")                           # channel: phone
        await pilot.press(*"They asked twice", "tab")           # what happened
        await pilot.press("tab", "tab", "tab")                  # so what, worked, change
        await pilot.press("1", "tab")                           # responsibility: yes
        await pilot.press("2", "5", "tab")                      # mistakes
        await pilot.press("4", "3", "5", "tab")                 # three step ratings
        await pilot.press(*"Ask first", "ctrl+s")               # now what
        await pilot.pause()
        assert isinstance(app.screen, EntryViewScreen)
    [entry] = saved_entries(data_dir)
    assert entry["journal_schema"] == "quick"
    assert entry["journal_schema_version"] == 1
    assert entry["lang"] == "en"
    assert entry["answers"] == {
        "title": "Call with [b]Matti[/b]",
        "channel": "phone",
        "what": "They asked twice",
        "responsibility": True,
        "mistakes": ["interrupting", "jargon"],
        "step_ratings": {"listening": 4, "communication": 3, "negotiation": 5},
        "now_what": "Ask first",
    }
    assert not list((data_dir / "drafts").glob("journal-*"))


async def test_picker_opens_with_a_number_key(workspace: Workspace) -> None:
    """n on the dashboard opens the picker; a number key opens that schema's form."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SchemaPickerScreen)
        second = app.screen.schemas[1]
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, JournalFormScreen)
        assert app.screen.schema.id == second.id
