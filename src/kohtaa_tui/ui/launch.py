"""Starting the UI in a language, and restarting it in another on request.

Binding labels and other class-level texts are translated when their module is imported,
so the UI modules are imported after the language is set, and imported afresh to switch.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.services.workspace import Workspace

UI_PACKAGE = "kohtaa_tui.ui"


_parked: dict[str, dict[str, ModuleType]] = {}
"""UI modules imported in another language, kept to be put back when it is chosen again."""


def fresh_ui(lang: str) -> Any:
    """The ui.app module, imported with `lang` active.

    The modules already imported in another language are parked, not dropped, so that going
    back to that language gives the very same classes again.
    """
    i18n.set_language(lang)
    package = sys.modules.get(UI_PACKAGE)
    current = getattr(package, "IMPORTED_IN", None) if package is not None else None
    if current != lang:
        names = [m for m in sys.modules
                 if (m == UI_PACKAGE or m.startswith(UI_PACKAGE + ".")) and m != __name__]
        if current is not None:
            _parked[current] = {name: sys.modules[name] for name in names}
        for name in names:
            del sys.modules[name]
        sys.modules.update(_parked.pop(lang, {}))
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


_reopen: tuple[str, str, tuple[str, ...]] | None = None
"""(module, class, arguments) of the screen to open again after a language switch."""


def reopen_after_switch(screen: Any | None) -> None:
    """Called by the app as it exits to switch language: the UI in the new language opens
    a screen like this one over its dashboard. The screen's class says how: REOPENABLE,
    `reopen_args()` (strings, e.g. the goal's id; none by default) and, when the class
    cannot be made from the workspace and those alone, a `reopen(workspace, *args)` class
    method that may return None (the goal or entry is gone)."""
    global _reopen
    if screen is None:
        _reopen = None
        return
    cls = type(screen)
    args = tuple(screen.reopen_args()) if hasattr(screen, "reopen_args") else ()
    _reopen = (cls.__module__, cls.__qualname__, args)


def _take_reopen() -> Callable[[Workspace], Any] | None:
    """The start of the next run: the screen asked for, from the freshly imported modules
    (of the new language)."""
    global _reopen
    wanted, _reopen = _reopen, None
    if wanted is None:
        return None
    module_name, class_name, args = wanted

    def start(workspace: Workspace) -> Any:
        cls = getattr(importlib.import_module(module_name), class_name)
        if hasattr(cls, "reopen"):
            return cls.reopen(workspace, *args)
        return cls(workspace, *args)
    return start


RunApp = Callable[[ModuleType, Workspace, Callable[[Workspace], Any] | None],
                  tuple[int, str | None]]
"""Runs the app of a freshly imported ui.app module once: (exit code, language to switch to)."""


def _run_once(app_module: ModuleType, workspace: Workspace,
              start: Callable[[Workspace], Any] | None) -> tuple[int, str | None]:
    result: tuple[int, str | None] = app_module.run_once(workspace, start)
    return result


def launch(workspace: Workspace, start: Callable[[Workspace], Any] | None = None,
           run: RunApp = _run_once) -> int:
    """Run the app; when the person switches language, run it again in that language, on
    the screen the person was on when that screen can be opened again (see
    KohtaaApp.action_switch_language).

    `run` runs it once (the benchmark's probe runs it headless, through this same start).
    """
    pause_collector()
    reopen_after_switch(None)
    try:
        while True:
            app_module = fresh_ui(workspace.lang)
            code, new_lang = run(app_module, workspace, start)
            if new_lang is None:
                return int(code)
            workspace = workspace.with_lang(new_lang)
            start = _take_reopen()
    finally:
        resume_collector()
