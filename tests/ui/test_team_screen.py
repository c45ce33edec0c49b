"""The coach's Team status screen (command palette): the state of each participant, fetched
from the team repository that `team assign` remembered."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from kohtaa_tui.cli import main
from kohtaa_tui.services.workspace import open_workspace
from kohtaa_tui.ui.app import KohtaaApp
from tests.sync_devices import bare_remote
from tests.unit.test_coach_round import ASSIGNED


def _as(who: Path, *args: str) -> int:
    return main(["--data-dir", str(who / "data"), "--config-dir", str(who / "config"),
                 "--lang", "en", *args])


async def test_team_status_screen_lists_who_is_due(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    coach, anna = tmp_path / "coach", tmp_path / "anna"
    assert _as(coach, "team", "assign", "core", "--repo", str(remote), "--due", "2099-01-10",
               "--by", "Coach K") == 0
    assert "[coach]" in (coach / "config" / "config.toml").read_text()
    assert _as(anna, "team", "join", str(remote), "--participant", "Anna <b>") == 0
    app = KohtaaApp(open_workspace(str(coach / "data"), str(coach / "config"), "en"))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.action_team()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "TeamScreen"
        text = str(app.screen.query_one("#team-body", Static).content)
        assert "The five steps of a customer encounter (core)" in text
        row = next(line for line in text.splitlines() if line.startswith("Anna"))
        assert "Anna <b>" in row and "upcoming" in row  # the name shown as typed, as text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"


async def test_without_a_team_repository_the_palette_entry_says_how(tmp_path: Path) -> None:
    app = KohtaaApp(open_workspace(str(tmp_path / "d"), str(tmp_path / "c"), "en"))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.action_team()
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"
        assert "team status --repo" in [n.message for n in app._notifications][-1]


async def test_a_remote_that_fails_is_one_line_with_a_retry(tmp_path: Path) -> None:
    from kohtaa_tui.ui.screens.team import TeamScreen

    ws = open_workspace(str(tmp_path / "d"), str(tmp_path / "c"), "en")
    app = KohtaaApp(ws)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        app.push_screen(TeamScreen(ws, str(tmp_path / "no-such-remote")))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#team-body", Static).content)
        assert text.startswith("Could not fetch the team repository:")
        assert "Press r to try again." in text


async def _fill(app: KohtaaApp, pilot: object, **fields: str) -> None:
    from textual.widgets import Input

    for name, value in fields.items():
        app.screen.query_one(f"#assign-{name}", Input).value = value
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_assign_from_the_app_to_the_team_repository_and_to_a_file(
        tmp_path: Path) -> None:
    from tests.sync_devices import git

    remote = bare_remote(tmp_path)
    app = KohtaaApp(open_workspace(str(tmp_path / "d"), str(tmp_path / "c"), "en"))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        app.action_assign_bank()
        await pilot.pause()
        assert type(app.screen).__name__ == "AssignModal"
        await _fill(app, pilot, due="someday", by="Coach K", repo=str(remote))
        error = str(app.screen.query_one("#assign-error", Static).content)
        assert "due date" in error and type(app.screen).__name__ == "AssignModal"
        await _fill(app, pilot, due="15.12.2026")
        assert type(app.screen).__name__ == "DashboardScreen"
        assert f"core v{ASSIGNED} assigned in" in [n.message for n in app._notifications][-1]
        assert "banks/core.toml" in git(remote, "ls-tree", "-r", "--name-only", "main")
        target = tmp_path / "handout.toml"
        app.action_assign_bank()
        await pilot.pause()
        await _fill(app, pilot, due="2026-12-20", by="Coach K", repo="", file=str(target))
        assert "written to" in [n.message for n in app._notifications][-1]
    assert "[assignment]" in target.read_text() and "2026-12-20" in target.read_text()
    assert main(["bank", "validate", str(target)]) == 0
