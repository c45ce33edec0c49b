"""Snapshot helpers: a fixed clock, demo data, and waiting for the screen's workers."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot[object]) -> None:
    """Wait until background loads are done and the screen is drawn."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
