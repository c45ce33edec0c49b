"""Starting the UI in a language, and restarting it in another on request.

Binding labels and other class-level texts are translated when their module is imported,
so the UI modules are imported after the language is set, and imported afresh to switch.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.workspace import Workspace

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


def launch(workspace: Workspace, start: Callable[[Workspace], Any] | None = None) -> int:
    """Run the app; when the person switches language, run it again in that language."""
    while True:
        app_module = fresh_ui(workspace.lang)
        code, new_lang = app_module.run_once(workspace, start)
        if new_lang is None:
            return int(code)
        workspace = workspace.with_lang(new_lang)
        start = None
