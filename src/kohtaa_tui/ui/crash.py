"""What the app does with an error nothing handled, and the one private name of Textual it
needs.

The behaviour, wherever the error comes from (a message handler, a screen, a worker, a
timer): every open draft is written first; a private crash log gets where the error
happened, without local variables (they hold the user's text); the app ends with exit code
1; the terminal gets two plain lines, the message and the log's path, and never Textual's
own traceback (which shows local variables); inside `run_test` the error is raised to the
test, so a test cannot pass over a crash.

Public Textual API this is built on:

- `App.exit(return_code=1)` stops the app after a crash;
- `App.return_code`, read after the run and by the watch below;
- `App.error_console` (an attribute without an underscore, though not in Textual's API
  pages): it is given a console that writes nowhere, so what Textual prints when the app
  ends, its traceback with local variables above all, never reaches the terminal (so would
  an `exit(message=...)`: the app prints after `run` instead);
- `message_signal` (documented: every message a node handles) with `Signal.subscribe`: the
  fallback's first sight of a crash while the screens are still there;
- `run_test` raising the exception that stopped the app (Textual's own handling);
- `textual.worker.WorkerFailed.error`, the error inside a failed worker's.

Private: `App._handle_exception(error)`. Textual 8.2.8 (the newest release, and its main
branch) hands an unhandled exception to nothing public: every route (message handlers,
`compose`, timers, workers, the renderer) calls that method with it. `CrashSafeApp`
overrides it, only where `App` has it with that one parameter (`PRIVATE_HOOK`). The real
error never reaches Textual's version (which renders a traceback with local variables):
after kohtaa's own steps and exit(), Textual's version gets a stand-in that renders as
nothing, only so that its test harness knows the app stopped on an error (without it the
pilot waits its 30 seconds for a screen that crashed). That call is the same private name,
not a second one.

Without the hook (a Textual that renamed it) Textual's own handling runs, and the public
parts above still give: drafts written (on the first message a screen or the app handles
after the return code turned 1, before the screens are closed), exit code 1 (Textual's
own), no traceback on the terminal (error_console), the two lines, and a crash log that says
only that the error was not handed over. What the fallback loses: where the error happened,
and the last text of a widget whose own handler crashed (that widget is taken down with it).
The watch runs on both paths, so a Textual that kept the name but stopped calling it is
covered too.
tests/ui/test_crash_paths.py runs both paths; tests/ui/test_crash_private.py shows that
Textual still calls the hook.
"""

from __future__ import annotations

import inspect
import io
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar
from weakref import WeakSet

import textual
from rich.console import Console
from rich.text import Text
from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.pilot import Pilot
from textual.worker import WorkerFailed

from kohtaa_tui import __version__
from kohtaa_tui.i18n import _
from kohtaa_tui.storage.crashlog import write_crash_log

ReturnType = TypeVar("ReturnType")

CRASH_CODE = 1
"""The exit code after an unexpected error."""


def private_hook_present(app_class: type[Any]) -> bool:
    """Whether `app_class` has Textual 8's `_handle_exception(self, error)`."""
    hook = getattr(app_class, "_handle_exception", None)
    if not callable(hook):
        return False
    try:
        parameters = list(inspect.signature(hook).parameters)
    except (TypeError, ValueError):
        return False
    return parameters == ["self", "error"]


PRIVATE_HOOK = private_hook_present(App)
"""Textual hands unhandled exceptions to `_handle_exception(error)` (true for Textual 8)."""


class CrashReported(Exception):
    """Stands in for the unexpected exception once kohtaa has dealt with it: Textual stops
    the app for it and shows what it renders, which is nothing."""

    def __rich__(self) -> Text:
        return Text("")


class _Nowhere(io.StringIO):
    """A text stream that keeps nothing."""

    def write(self, text: str) -> int:
        return len(text)


class CrashSafeApp(App[ReturnType]):
    """An App whose unexpected errors end as the module docstring says. Subclasses give
    `crash_data_dir` and `flush_drafts`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_console = Console(file=_Nowhere(), markup=False, highlight=False)
        self.crash: Exception | None = None
        """The unexpected exception that stopped the app, if Textual handed it over."""
        self.crash_log: str | None = None
        """Where the details of a crash were written, if one happened and they could be."""
        self._crash_noticed = False
        self._crash_message: str | None = None
        self._asked_code: int | None = None
        self._watched: WeakSet[DOMNode] = WeakSet()

    # -- what a subclass gives ------------------------------------------------------------------
    @property
    def crash_data_dir(self) -> Path:
        """The data directory, whose crash/ folder gets the log."""
        raise NotImplementedError

    def flush_drafts(self) -> None:
        """Write every open draft now."""

    # -- the crash ------------------------------------------------------------------------------
    def on_crash(self, error: Exception | None) -> None:
        """An unexpected error (None: Textual did not hand it over): drafts, log, message,
        once; later errors while the app closes add nothing."""
        if self._crash_noticed:
            return
        self._crash_noticed = True
        self.crash = error
        self.flush_drafts()
        version = f"{__version__} (Textual {textual.__version__})"
        # A worker's error comes wrapped, never raised: its frames are on the error inside.
        logged = error.error if isinstance(error, WorkerFailed) else error
        path = write_crash_log(self.crash_data_dir, logged, version)
        self.crash_log = str(path) if path else None
        message = _("kohtaa stopped because of an unexpected error. Your saved data is safe.")
        if path:
            message += "\n" + _("Details: {path}").format(path=path)
        self._crash_message = message

    if PRIVATE_HOOK:
        def _handle_exception(self, error: Exception) -> None:
            """Textual's private hook for an exception nothing handled (see the module
            docstring): kohtaa's crash and the public exit() with code 1; then Textual's own
            handling is given a stand-in that renders as nothing, so that its test harness
            knows the app stopped on an error (the pilot stops waiting for the screen,
            run_test raises it: `run_test` below makes that the real error)."""
            first = not self._crash_noticed
            self.on_crash(error)
            if first:
                self.exit(None, CRASH_CODE)
                super()._handle_exception(CrashReported())

    def exit(self, result: ReturnType | None = None, return_code: int = 0,
             message: Any = None) -> None:
        """Leave; after a crash always with its code (a quit key or SIGTERM while the app
        closes must not turn it into 0). The code asked for is remembered: code 1 without
        it is Textual's own crash handling."""
        if self._crash_noticed:
            return_code = CRASH_CODE
        else:
            self._asked_code = return_code
        super().exit(result, return_code, message)

    def _crashed_without_hook(self) -> bool:
        """Textual's own handling set exit code 1 (it did not go through the hook)."""
        return (not self._crash_noticed and self.return_code == CRASH_CODE
                and self._asked_code != CRASH_CODE)

    def watch_for_crashes(self) -> None:
        """The fallback's watch: every message the app or one of its screens has handled is
        a chance to see that Textual's own handling set code 1 while the screens still
        stand (the drafts are then still on them). Call once the app is running."""
        self._watch(self)

    def _watch(self, node: DOMNode) -> None:
        if node in self._watched or not node.is_running:
            return
        self._watched.add(node)
        node.message_signal.subscribe(node, self._after_message, immediate=True)

    def _after_message(self, message: Message) -> None:
        if self._crashed_without_hook():
            self.on_crash(None)
            return
        for screen in self.screen_stack:
            self._watch(screen)

    # -- running --------------------------------------------------------------------------------
    def run(self, *args: Any, **kwargs: Any) -> ReturnType | None:
        """Run the app; after a crash, print where its log is, as plain lines (Rich would
        wrap the log's path)."""
        result = super().run(*args, **kwargs)
        if self._crashed_without_hook():
            self.on_crash(None)
        message, self._crash_message = self._crash_message, None
        if message:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
        return result

    @asynccontextmanager
    async def run_test(self, *args: Any, **kwargs: Any) -> AsyncIterator[Pilot[ReturnType]]:
        """Textual's test run; a crash inside it is raised to the test when the run ends
        (Textual raises it itself when its own handling ran)."""
        try:
            async with super().run_test(*args, **kwargs) as pilot:
                yield pilot
        except Exception as error:
            if self.crash is not None and error is not self.crash:
                raise self.crash from (None if isinstance(error, CrashReported) else error)
            raise
        if self.crash is not None:
            raise self.crash
