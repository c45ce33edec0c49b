"""Time-to-first-dashboard-frame probes, run as whole processes by benchmarks/run.py.

    python benchmarks/tui_start.py kohtaa DATA_DIR   # kohtaa until the dashboard has its data
    python benchmarks/tui_start.py frame DATA_DIR    # kohtaa until the dashboard's first frame
    python benchmarks/tui_start.py minimal            # a minimal Textual app's first frame
"""

from __future__ import annotations

import sys


def minimal() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Minimal().run(headless=True, size=(80, 24))


def kohtaa(data_dir: str, with_data: bool = True) -> None:
    """Through kohtaa's own start (ui.launch.launch) until the dashboard has drawn its data
    (DashboardScreen.Drawn), then exit after that frame is refreshed, as the minimal app
    exits after its first one; with_data=False: exit after the dashboard's first frame."""
    from types import ModuleType
    from typing import Any

    from kohtaa_tui.services.workspace import Workspace, open_workspace
    from kohtaa_tui.ui.launch import launch

    ws = open_workspace(data_dir, data_dir + "-config", "en")
    drawn = False

    def run(module: ModuleType, workspace: Workspace, start: Any) -> tuple[int, None]:
        from kohtaa_tui.ui.screens.dashboard import DashboardScreen

        class Probe(module.KohtaaApp):  # type: ignore[misc, name-defined]
            def on_mount(self) -> None:
                # Called as well as KohtaaApp.on_mount, which pushes the dashboard.
                if not with_data:
                    self.call_after_refresh(self._first_frame)

            def _first_frame(self) -> None:
                nonlocal drawn
                if isinstance(self.screen, DashboardScreen):
                    drawn = True
                    self.exit()
                else:
                    self.call_after_refresh(self._first_frame)

            def on_dashboard_screen_drawn(self, message: DashboardScreen.Drawn) -> None:
                nonlocal drawn
                drawn = True
                self.call_after_refresh(self.exit)

            def on_dashboard_screen_failed(self, message: DashboardScreen.Failed) -> None:
                self.call_after_refresh(self.exit, 1)

        Probe(workspace).run(headless=True, size=(80, 24))
        return 0, None

    launch(ws, run=run)
    if not drawn:
        raise SystemExit("the dashboard did not draw its data")


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        kohtaa(sys.argv[2], with_data=sys.argv[1] == "kohtaa")
