"""The app around the features: dashboard, help, language switch, demo isolation."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import Workspace, open_workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.launch import fresh_ui
from kohtaa_tui.ui.screens.dashboard import DashboardScreen
from kohtaa_tui.ui.screens.help import HelpScreen


def shown(app: KohtaaApp) -> str:
    """All text of the visible Static widgets."""
    return "\n".join(str(w.content) for w in app.screen.query(Static) if w.display)


async def test_empty_data_dir_shows_a_welcome(workspace: Workspace) -> None:
    """No data: a welcome that leads to the first assessment and reflection."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        text = shown(app)
        assert "Welcome to kohtaa." in text
        assert "first self-assessment" in text
        assert not workspace.data_dir.exists()


async def test_dashboard_with_demo_data(workspace: Workspace, clock: FixedClock) -> None:
    """Steps with scores and trends, goals with progress, latest reflections, the habit."""
    populate(workspace.store, clock, "en")
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.overview is not None
        overview = screen.overview
        assert overview.core_results >= 5
        assert len(overview.goals) == 3  # the active ones of the six demo goals
        assert any(line.overdue for line in overview.goals)
        text = shown(app)
        assert "Listening" in text and "%" in text and "overdue" in text
        assert "reflections this week" in text or "reflection this week" in text


async def test_help_lists_the_keys_of_the_screen(workspace: Workspace) -> None:
    """F1 opens help with the current screen's keys; Escape closes it."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = shown(app)
        assert "Refresh" in text and "Quit" in text and "Active listening" in text
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_switching_language_is_remembered(workspace: Workspace) -> None:
    """F2 saves the other language in config.toml and switches the running app to it."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert app.is_running and app.workspace.lang == "fi"
        await pilot.press("f2")  # back, for the tests after this one
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
    assert app.workspace.lang == "fi"
    assert 'lang = "fi"' in workspace.config_path.read_text(encoding="utf-8")
    reopened = open_workspace(clock=workspace.clock)
    assert reopened.lang == "fi"


async def test_finnish_ui(workspace: Workspace) -> None:
    """In Finnish, the welcome and the footer are Finnish."""
    module = fresh_ui("fi")
    try:
        app = module.KohtaaApp(workspace.with_lang("fi"))
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Tervetuloa" in shown(app)
            assert any(b.binding.description == "Lopeta"
                       for b in app.screen.active_bindings.values())
    finally:
        fresh_ui("en")


def test_demo_leaves_the_real_data_dir_untouched(tmp_path: Path) -> None:
    """`kohtaa demo` runs on a temporary directory that is removed afterwards."""
    real = tmp_path / "real"
    code = (
        "import sys\n"
        "from kohtaa_tui.commands import demo\n"
        "from kohtaa_tui.ui import launch\n"
        "seen = {}\n"
        "def fake_launch(ws, start=None):\n"
        "    seen['dir'] = ws.data_dir\n"
        "    seen['files'] = sum(1 for _ in ws.data_dir.rglob('*.toml'))\n"
        "    return 0\n"
        "launch.launch = fake_launch\n"
        "from kohtaa_tui.cli import main\n"
        "rc = main(['demo'])\n"
        "print(seen['dir'], seen['files'], seen['dir'].exists(), rc)\n"
    )
    env = {"KOHTAA_DATA_DIR": str(real), "KOHTAA_CONFIG_DIR": str(tmp_path / "cfg"),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    assert "temporary folder and is now removed" in done.stderr
    out = done.stdout.split()
    demo_dir, files, still_there, rc = out[0], int(out[1]), out[2], out[3]
    assert not demo_dir.startswith(str(real))
    assert files > 50
    assert still_there == "False" and rc == "0"
    assert not real.exists()


async def test_demo_says_so_in_the_title(workspace: Workspace) -> None:
    """A demo run is marked as one on every screen (the header)."""
    app = KohtaaApp(replace(workspace, demo=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "demo" in app.title
    plain = KohtaaApp(workspace)
    async with plain.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "demo" not in plain.title
