"""Starting the UI in a language. Binding labels are msgids translated where they are
shown (ui.language), so switching the language needs no new import and no restart."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.services.workspace import Workspace

UI_PACKAGE = "kohtaa_tui.ui"


def fresh_ui(lang: str) -> Any:
    """The ui.app module, with `lang` the active language (imported once; switching the
    language later happens in the running app, see KohtaaApp.action_switch_language)."""
    i18n.set_language(lang)
    return importlib.import_module(UI_PACKAGE + ".app")


_collector_paused = False


def pause_collector() -> None:
    """Pause Python's cycle collector while the UI starts.

    Starting creates some hundred thousand long-lived objects (Textual's and kohtaa's
    modules, classes, styles, widgets), and each time they grow by a quarter the collector
    walks all of them again: at 10,000 entries that was about 150 ms of a 550 ms start.
    `resume_collector` turns it back on once the dashboard is drawn.
    """
    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True


def resume_collector() -> None:
    """After the first frame with data (or when the app ends first): freeze what the start
    created, so that no later collection walks it again (no pause while the person types),
    and turn the collector back on. What became garbage during the start is kept rather
    than collected now, in a 30 ms pause right after the first frame: a few thousand
    objects. Does nothing unless `pause_collector` paused it."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


RunApp = Callable[[ModuleType, Workspace, Callable[[Workspace], Any] | None],
                  tuple[int, str | None]]
"""Runs the app of the ui.app module once: (exit code, None)."""


def _run_once(app_module: ModuleType, workspace: Workspace,
              start: Callable[[Workspace], Any] | None) -> tuple[int, str | None]:
    result: tuple[int, str | None] = app_module.run_once(workspace, start)
    return result


def launch(workspace: Workspace, start: Callable[[Workspace], Any] | None = None,
           run: RunApp = _run_once) -> int:
    """Run the app in the workspace's language (F2 switches it in place).

    `run` runs it once (the benchmark's probe runs it headless, through this same start).
    """
    pause_collector()
    try:
        code, _unused = run(fresh_ui(workspace.lang), workspace, start)
        return int(code)
    finally:
        resume_collector()
