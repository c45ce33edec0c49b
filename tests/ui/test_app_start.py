"""The app starts on the five steps, refuses dangerous actions, and crashes without leaking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from kohtaa_tui.domain.steps import STEPS
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp


async def test_first_screen_lists_the_five_steps(workspace: Workspace) -> None:
    """Each step's name is on the first screen."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = " ".join(str(w.content) for w in app.screen.query(Static))
        for step in STEPS:
            assert step.name.get("en") in shown


async def test_injected_screenshot_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    """An action link in content cannot write a screenshot anywhere."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.run_action(f"app.screenshot('leak.svg', '{tmp_path}')")
        await pilot.pause()
    assert not (tmp_path / "leak.svg").exists()


def test_crash_leaks_no_private_text(tmp_path: Path) -> None:
    """A crash prints no local variables; details go to a 0600 crash log."""
    code = f"""
import sys
from kohtaa_tui.services.workspace import open_workspace
from kohtaa_tui.ui.app import KohtaaApp
class Boom(KohtaaApp):
    def on_mount(self):
        private = "SECRET-NOTE-123"
        raise RuntimeError("boom")
app = Boom(open_workspace(data_dir={str(tmp_path / 'd')!r}, lang='en'))
app.run(headless=True)
sys.exit(app.return_code or 0)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    assert "SECRET-NOTE-123" not in result.stdout + result.stderr
    logs = list((tmp_path / "d" / "crash").glob("crash-*.log"))
    assert len(logs) == 1
    assert (logs[0].stat().st_mode & 0o777) == 0o600
    assert str(logs[0]) in result.stdout + result.stderr


def test_the_collector_is_paused_while_the_app_starts_and_resumed_after_its_first_data(
        workspace: Workspace) -> None:
    """ui.launch pauses the cycle collector for the start; the first overview drawn turns it
    back on, with the start's objects frozen; so does an app that ends before that."""
    import gc
    from types import ModuleType
    from typing import Any

    from kohtaa_tui.ui.launch import launch
    from kohtaa_tui.ui.screens.dashboard import DashboardScreen

    seen: dict[str, Any] = {}

    def run(module: ModuleType, ws: Workspace, start: Any) -> tuple[int, None]:
        class Probe(module.KohtaaApp):  # type: ignore[misc, name-defined]
            def on_mount(self) -> None:
                seen["mounted"] = gc.isenabled()

            def on_dashboard_screen_drawn(self, message: DashboardScreen.Drawn) -> None:
                self.call_after_refresh(self.after_drawn)

            def after_drawn(self) -> None:
                seen["drawn"] = (gc.isenabled(), gc.get_freeze_count())
                self.exit()

        Probe(ws).run(headless=True, size=(80, 24))
        return 0, None

    def ends_at_once(module: ModuleType, ws: Workspace, start: Any) -> tuple[int, None]:
        seen["quick"] = gc.isenabled()
        raise KeyboardInterrupt

    assert gc.isenabled()
    try:
        assert launch(workspace, run=run) == 0
        assert seen["mounted"] is False
        enabled, frozen = seen["drawn"]
        assert enabled and frozen > 0
        gc.unfreeze()
        with pytest.raises(KeyboardInterrupt):
            launch(workspace, run=ends_at_once)
        assert seen["quick"] is False
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_collector_runs_again_after_a_while_when_the_first_load_is_slow(
        workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first start that builds a large index does not run without the collector."""
    import gc
    import time
    from types import ModuleType
    from typing import Any

    from kohtaa_tui.services.overview import load_overview
    from kohtaa_tui.ui import app as app_module
    from kohtaa_tui.ui.launch import launch
    from kohtaa_tui.ui.screens import dashboard

    def slow_load(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1.0)
        return load_overview(*args, **kwargs)

    monkeypatch.setattr(dashboard, "load_overview", slow_load)
    monkeypatch.setattr(app_module, "COLLECTOR_PAUSE_LIMIT", 0.2)
    seen: dict[str, Any] = {}

    def run(module: ModuleType, ws: Workspace, start: Any) -> tuple[int, None]:
        class Probe(module.KohtaaApp):  # type: ignore[misc, name-defined]
            def on_mount(self) -> None:
                self.set_timer(0.6, self.look)

            def look(self) -> None:
                screen = self.screen
                seen["loaded"] = getattr(screen, "overview", None) is not None
                seen["enabled"] = gc.isenabled()
                self.exit()

        Probe(ws).run(headless=True, size=(80, 24))
        return 0, None

    try:
        launch(workspace, run=run)
        assert seen == {"loaded": False, "enabled": True}
    finally:
        gc.unfreeze()
        gc.enable()
