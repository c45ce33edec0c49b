"""The others' view screen: o on the dashboard, the side-by-side chart that reads without
colour at 80x24, no number for a group under the minimum, the dashboard's line, F2."""

from __future__ import annotations

import re

from textual.widgets import Static

from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens.dashboard import DashboardScreen
from kohtaa_tui.ui.screens.feedback import GLYPHS, FeedbackScreen
from tests.unit.test_report_others import asked, at, keyed, respond  # noqa: F401 (fixture)


async def settle(app: KohtaaApp, pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def shown(app: KohtaaApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_the_screen_side_by_side(asked: Workspace) -> None:  # noqa: F811
    app = KohtaaApp(asked)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        steps = shown(app, "#steps-panel")
        assert "others’ view: 3 answers (o)" in steps
        assert "blind spot: Listening -2.0" in steps
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert "Answers: manager 1, colleagues and customers 2" in shown(app, "#feedback-bank")
        chart = shown(app, "#feedback-chart")
        lines = chart.splitlines()
        start = lines.index("1 Listening  -2.0 blind spot")
        you, manager, pool = lines[start + 1:start + 4]
        # Named rows, each voice its own glyph, the whole scale: 5.0 is a full bar.
        assert you.split()[0] == "you" and GLYPHS["self"] * 20 + " 5.0" in you
        assert manager.split()[0] == "manager" and GLYPHS["manager"] * 10 in manager
        assert manager.endswith("3.0")
        assert "not enough answers yet (2 of 3)" in pool and not re.search(r"\d\.\d", pool)
        # The chart itself fits 80 columns.
        assert max(len(line) for line in lines[:lines.index("") + 1]) <= 76
        assert "Hidden strengths (others see more than you do): Positivity (+3.0)" in chart
        await pilot.press("f2")
        await settle(app, pilot)
        chart = shown(app, "#feedback-chart")
        assert "1 Kuuntelu  −2,0 sokea piste" in chart and "sinä" in chart
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_the_pool_shows_from_three(asked: Workspace) -> None:  # noqa: F811
    respond(asked, "colleague", keyed(1), 4, at(20))
    app = KohtaaApp(asked)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        chart = shown(app, "#feedback-chart")
        pool = next(line for line in chart.splitlines()
                    if line.lstrip().startswith("colleagues and customers"))
        assert GLYPHS["others"] in pool and pool.endswith("2.3")


async def test_no_feedback_yet(workspace: Workspace) -> None:
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert "No feedback imported yet." in shown(app, "#feedback-bank")
        assert "kohtaa feedback import" in shown(app, "#feedback-chart")
