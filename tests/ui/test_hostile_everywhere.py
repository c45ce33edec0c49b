"""Hostile text planted everywhere at once; every place of the app is visited (and the first
thing in it opened): nothing raw reaches the screen, no injected action runs, nothing crashes.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

import pytest
from textual.widgets import Static

from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.goals import CheckIn, Goal, Target
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import BANKS, load_banks
from kohtaa_tui.ui.app import KohtaaApp
from tests import hostile
from tests.snapshots.conftest import settle
from tests.unit.test_cli_hostile import hostile_bank_file

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


class SentinelApp(KohtaaApp):
    """Records any injected action that runs."""

    pwned: ClassVar[list[str]] = []

    def action_pwned(self, arg: str = "") -> None:
        self.pwned.append(arg)


def plant(ws: Workspace, tmp_path: Path) -> None:
    store = ws.store
    data, loaded, _ = BANKS.read(hostile_bank_file(tmp_path))
    assert data is not None and loaded is not None
    load_banks(store).install(data, loaded.value)
    for n, payload in enumerate(hostile.PAYLOADS):
        store.save_entry(JournalEntry(id=f"e{n:02d}", schema_id="sales-meeting", schema_version=1,
                                      created=NOW, updated=NOW, answers={
            "title": payload.replace("\n", " "), "what_happened": payload,
            "went_well": payload, "take_forward": payload, "mistakes": ("interrupting",),
            "tags": ("x", payload[:60]),
        }, starred=n % 2 == 0), None)
        store.save_result(AssessmentResult(
            id=f"r{n:02d}", bank_id="evil", bank_version=1, bank_hash=loaded.fingerprint,
            completed=NOW.replace(day=1 + n), scale_min=1, scale_max=5,
            answers={item.id: 3 for item in loaded.value.items if item.type == "scale"},
            scores={"listening": 3.0, "feedback": 2.0}, open_answers={"o1": payload}))
    store.save_goal(Goal(id="g-hostile", title=hostile.ALL_IN_ONE, created=NOW,
                         start=date(2026, 11, 1),
                         target=Target(kind="manual"), why=hostile.ALL_IN_ONE,
                         due=date(2026, 12, 1),
                         check_ins=tuple(CheckIn(id=f"c{n}", at=NOW, note=p,
                                                 progress=min(100, 5 * n))
                                         for n, p in enumerate(hostile.PAYLOADS))), None)


def screen_text(app: KohtaaApp) -> str:
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


async def check_screen(app: SentinelApp, pilot: object, seen: list[str]) -> None:
    text = screen_text(app)
    raw = RAW.findall(text)
    assert not raw, f"{type(app.screen).__name__} shows raw controls {raw[:5]!r}"
    seen.append(text)
    # Click along every line of every widget that shows an injected action link.
    for widget in app.screen.query(Static):
        region = widget.region.intersection(app.screen.region)
        if "CLICK ME" in str(widget.content) and region.area:
            for y in range(region.y, min(region.bottom, region.y + 2)):
                for x in range(region.x, min(region.right, region.x + 60), 8):
                    await pilot.click(offset=(x, y))  # type: ignore[attr-defined]
            await pilot.pause()  # type: ignore[attr-defined]
            break


@pytest.mark.slow
async def test_every_place_with_hostile_text(workspace: Workspace, tmp_path: Path) -> None:
    plant(workspace, tmp_path)
    SentinelApp.pwned = []
    app = SentinelApp(workspace)
    seen: list[str] = []
    visited: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await check_screen(app, pilot, seen)
        for title, _help, go in app.navigation():
            if go in (app.action_switch_language, app.action_dashboard):
                continue
            app.action_dashboard()
            await settle(pilot)
            result = go()
            if hasattr(result, "__await__"):
                await result
            await settle(pilot)
            visited.append(f"{title}: {type(app.screen).__name__}")
            await check_screen(app, pilot, seen)
            await pilot.press("enter")  # open the first thing listed, if anything
            await settle(pilot)
            await check_screen(app, pilot, seen)
            assert app.is_running, visited
    everything = "\n".join(seen)
    assert "CLICK ME" in everything and "PWNED-TITLE" in everything
    assert SentinelApp.pwned == [], visited
    assert not list(tmp_path.rglob("leak.svg")) and not Path("/tmp/leak.svg").exists()
    assert app.return_code in (None, 0)
    assert len(visited) >= 7, visited
