"""Time-to-first-dashboard-frame probes, run as whole processes by benchmarks/run.py.

    python benchmarks/tui_start.py kohtaa DATA_DIR   # kohtaa until the dashboard has its data
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


def kohtaa(data_dir: str) -> None:
    from kohtaa_tui.ui.launch import fresh_ui
    from kohtaa_tui.workspace import open_workspace

    ws = open_workspace(data_dir, data_dir + "-config", "en")
    module = fresh_ui("en")
    from kohtaa_tui.ui.screens.dashboard import DashboardScreen

    class Probe(module.KohtaaApp):  # type: ignore[misc, name-defined]
        def on_dashboard_screen_loaded(self) -> None:
            self.call_after_refresh(self.exit)

    app = Probe(ws)

    async def wait(pilot: object) -> None:
        while not (isinstance(app.screen, DashboardScreen) and app.screen.overview):
            await app.workers.wait_for_complete()
            await pilot.pause()  # type: ignore[attr-defined]
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=wait)


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        kohtaa(sys.argv[2])
