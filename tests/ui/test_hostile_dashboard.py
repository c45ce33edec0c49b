"""Hostile text in goals, entries and banks is shown literally and runs nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

import pytest
from textual.content import Content
from textual.widgets import Static

from kohtaa_tui.domain.display import display_safe
from kohtaa_tui.domain.goals import CheckIn, Goal, Target
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from tests import hostile


class SentinelApp(KohtaaApp):
    """Records whether any injected action ran."""

    pwned: ClassVar[list[str]] = []

    def action_pwned(self, arg: str = "") -> None:
        self.pwned.append(arg)


def plant(ws: Workspace, payload: str) -> None:
    """A goal, a check-in and an entry carrying `payload`."""
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    ws.store.save_goal(Goal(id="g-hostile", title=payload, created=now, start=date(2026, 11, 1),
                            target=Target(kind="manual"), why=payload, due=date(2026, 12, 1),
                            check_ins=(CheckIn(id="c1", at=now, note=payload, progress=10),)), None)
    ws.store.save_entry(JournalEntry(id="e-hostile", schema_id="quick", schema_version=1,
                                     created=now, updated=now, answers={
        "title": payload.replace("\n", " "), "what": payload,
    }), None)


@pytest.mark.parametrize("payload", hostile.PAYLOADS)
async def test_dashboard_shows_payloads_literally(workspace: Workspace, tmp_path: Path,
                                                  payload: str) -> None:
    """No action runs when the text is clicked; it is visible as typed, controls made visible."""
    plant(workspace, payload)
    app = SentinelApp(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = "\n".join(str(w.content) for w in app.screen.query(Static))
        visible = display_safe(payload)
        assert visible[:20] in text
        for raw in hostile.RAW_ESCAPES:
            assert raw not in text
        for widget in app.screen.query(Static):
            content = widget.content
            if isinstance(content, Content):
                assert not any("@click" in str(span.style) for span in content.spans)
        if "@click" in payload:
            # The goal's title is the first line of its panel: click along it.
            region = app.screen.query_one("#goals-panel").region
            for x in range(region.x + 2, region.x + 40, 3):
                await pilot.click(offset=(x, region.y + 1))
            await pilot.pause()
    assert SentinelApp.pwned == []
    assert not list(tmp_path.rglob("leak.svg")) and not Path("/tmp/leak.svg").exists()
    assert app.return_code in (None, 0)
