"""Every screen and dialog at 80x24 and 60x20, in English and Finnish (the dashboard's own
snapshots are in test_dashboard.py): half a year of sample data on a fixed clock, each
reached with the keys a person would press."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens.bank_picker import start_assessment
from tests.snapshots.conftest import settle

Snap = Callable[..., bool]


@dataclass(frozen=True)
class Place:
    """A screen or dialog and the keys from the dashboard that open it."""

    name: str
    keys: tuple[str, ...]
    demo: bool = True
    """False: no sample data, the app started as `kohtaa assess after-meeting`."""


PLACES = [
    Place("help", ("f1",)),
    Place("bank-picker", ("a",)),
    Place("question", ("a", "down", "enter")),
    Place("result", (*"425143354533315", "ctrl+s", "enter"), demo=False),
    Place("history", ("h",)),
    Place("journal-picker", ("n",)),
    Place("journal-form", ("n", "1")),
    Place("journal-list", ("j",)),
    Place("journal-entry", ("j", "enter")),
    Place("goals", ("g",)),
    Place("goal", ("g", "enter")),
    Place("check-in", ("g", "enter", "c")),
    Place("new-goal", ("g", "n")),
    Place("report", ("p",)),
    Place("others-view", ("o",)),
    Place("assignment", ("tab", "tab", "tab", "enter")),
]


def still(pilot: Pilot[Any]) -> None:
    """Cursors stand still for the picture."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("place", PLACES, ids=[p.name for p in PLACES])
def test_screen(snap_compare: Snap, workspace: Workspace, clock: FixedClock, place: Place,
                lang: str, size: tuple[int, int]) -> None:
    """The place drawn whole: nothing cut without an ellipsis, nothing off the edge."""
    if place.demo:
        populate(workspace.store, clock, lang)
    app = KohtaaApp(workspace.with_lang(lang),
                    start=None if place.demo else start_assessment("after-meeting"))

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in place.keys:
            await pilot.press(key)
            await settle(pilot)
        still(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
