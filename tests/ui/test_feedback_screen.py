"""The others' view screen: o on the dashboard, the side-by-side chart that reads without
colour at 80x24, no number for a group under the minimum, the dashboard's line, F2."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

from textual.widgets import Input, Static

from kohtaa_tui import i18n
from kohtaa_tui.services.feedback import blind_spot_goal, others_views
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.feedback_request import FeedbackRequestModal
from kohtaa_tui.ui.modals.new_goal import NewGoalModal
from kohtaa_tui.ui.screens.dashboard import DashboardScreen
from kohtaa_tui.ui.screens.feedback import GLYPHS, FeedbackScreen
from tests.unit.test_report_others import asked, at, keyed, own, respond  # noqa: F401


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


async def test_g_makes_a_goal_from_the_largest_blind_spot(asked: Workspace,  # noqa: F811
                                                          data_dir: Path) -> None:
    app = KohtaaApp(asked)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, NewGoalModal)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, FeedbackScreen)
    [goal_file] = list((data_dir / "goals").glob("*.toml"))
    goal = tomllib.loads(goal_file.read_text(encoding="utf-8"))
    assert goal["step"] == "listening" and goal["target"] == {"kind": "manual"}
    assert goal["title"] == ("I close the gap in listening between how I see it (5.0) and how "
                             "others see it (3.0).")
    assert goal["why"].startswith("The largest gap: In this meeting I let the customer finish")
    assert ("you 5.0, others 3.0 (blind spot). I ask the same people again by 2027-01-17."
            in goal["why"])
    assert str(goal["due"]) == "2027-01-17"


async def test_no_blind_spot_no_goal(workspace: Workspace) -> None:
    own(workspace, keyed(3), at(3), "20261103-100000-aaaaaa")
    respond(workspace, "manager", keyed(4), 1, at(10))
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        assert app.screen.check_action("goal", ()) is None
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, FeedbackScreen)


def test_the_goal_in_finnish(asked: Workspace) -> None:  # noqa: F811
    i18n.set_language("fi")
    try:
        [found], _problems = others_views(asked)
        goal = blind_spot_goal(found, "fi", date(2027, 1, 17))
    finally:
        i18n.set_language("en")
    assert goal is not None and goal.step == "listening"
    assert "Kuuntelu" in goal.title and "5,0" in goal.title and "3,0" in goal.title
    assert "17.1.2027" in goal.why


async def test_asking_for_feedback_from_the_app(workspace: Workspace, tmp_path: Path,
                                                data_dir: Path) -> None:
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, FeedbackRequestModal)
        modal.query_one("#request-folder", Input).value = str(tmp_path / "out")
        await pilot.press(*"Kettu <b>")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "does not exist" in shown(app, "#request-error")
        (tmp_path / "out").mkdir()
        modal.query_one("#request-due", Input).value = "someday"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "is not a date" in shown(app, "#request-error")
        assert not list((tmp_path / "out").iterdir())
        modal.query_one("#request-due", Input).value = "20.12.2026"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, FeedbackScreen)
    [request] = (tmp_path / "out").glob("*.toml")
    [form] = (tmp_path / "out").glob("*.html")
    doc = tomllib.loads(request.read_text(encoding="utf-8"))
    assert doc["role"] == "colleague" and doc["asker"] == "Kettu <b>"
    assert str(doc["due"]) == "2026-12-20" and form.stem == request.stem
    assert "Kettu &lt;b&gt;" in form.read_text(encoding="utf-8")
    kept = data_dir / "feedback-requests" / f"{doc['id']}.toml"
    assert kept.read_bytes() == request.read_bytes()
