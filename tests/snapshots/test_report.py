"""Snapshot of the report screen at 80x24 with half a year of demo data."""

from __future__ import annotations

from typing import Any

import pytest

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from tests.snapshots.conftest import settle


def test_report_screen(snap_compare: Any, workspace: Workspace, clock: FixedClock,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Period, privacy, where to save, and the start of the preview fit on 80x24."""
    monkeypatch.setenv("HOME", "/home/sanna")  # the offered path is the same on every run
    populate(workspace.store, clock, "en")
    app = KohtaaApp(workspace)

    async def open_report(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_report)
