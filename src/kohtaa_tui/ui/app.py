"""The kohtaa App: screens, bindings, command palette, and the safety rails around them."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from kohtaa_tui import __version__, i18n
from kohtaa_tui.i18n import _
from kohtaa_tui.storage.crashlog import write_crash_log
from kohtaa_tui.ui.screens.home import HomeScreen
from kohtaa_tui.workspace import Workspace


@runtime_checkable
class HoldsDraft(Protocol):
    """A screen with unsaved text that can be written to its draft at once."""

    def flush_draft(self) -> None:
        """Save the draft now (called on SIGTERM, SIGHUP and quit)."""


class KohtaaApp(App[int]):
    """The terminal app. Everything it works with comes in through the Workspace."""

    TITLE = "kohtaa"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", _("Quit"), id="app-quit", priority=True),
    ]

    DENIED_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"screenshot", "simulate_key", "suspend_process", "deliver_screenshot"})
    """Actions that no text on screen may trigger (a click on injected markup, say)."""

    def __init__(self, workspace: Workspace,
                 start: Callable[[Workspace], Screen[Any]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.workspace = workspace
        """The data, settings, language and clock of this run."""
        self.start = start
        """Makes the screen to open on top of the first one (`kohtaa assess core`, say)."""
        self.crash_log: str | None = None
        """Where the details of a crash were written, if one happened."""
        self._crash_message: str | None = None
        i18n.set_language(workspace.lang)

    def on_mount(self) -> None:
        """Tidy the data directory, then show the first screen."""
        store = self.workspace.store
        store.sweep_temp_files()
        store.tighten_permissions()
        if self.workspace.settings.theme:
            try:
                self.theme = self.workspace.settings.theme
            except Exception:
                self.notify(_("The theme in config.toml is not known; using the default."),
                            severity="warning", markup=False)
        self._install_signal_handlers()
        self.push_screen(HomeScreen(self.workspace))
        if self.start is not None:
            self.push_screen(self.start(self.workspace))

    # -- safety rails --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Refuse the actions that content on screen must never trigger."""
        if action in self.DENIED_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, minus the screenshot (it would write private text to disk)."""
        for command in super().get_system_commands(screen):
            if "screenshot" not in command.title.lower():
                yield command

    def _fatal_error(self) -> None:
        """Write the details to a private crash log instead of printing local variables."""
        error = self._exception
        path = None
        if error is not None:
            path = write_crash_log(self.workspace.data_dir, error, __version__)
        self.crash_log = str(path) if path else None
        self.bell()
        message = _("kohtaa stopped because of an unexpected error. Your saved data is safe.")
        if path:
            message += "\n" + _("Details: {path}").format(path=path)
        self._crash_message = message
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        """Print the crash message as plain lines (Rich would wrap the log's path)."""
        message = self._crash_message
        if message:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
            self._crash_message = None
        self._exit_renderables.clear()

    def _install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self._on_terminate)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not available on this platform or loop

    def _on_terminate(self) -> None:
        self.flush_drafts()
        self.exit(0)

    def flush_drafts(self) -> None:
        """Ask every open screen that holds unsaved text to write its draft now."""
        for screen in self.screen_stack:
            if isinstance(screen, HoldsDraft):
                try:
                    screen.flush_draft()
                except Exception:
                    continue

    async def action_quit(self) -> None:
        """Save drafts, then leave."""
        self.flush_drafts()
        self.exit(0)


def run(workspace: Workspace, start: Callable[[Workspace], Screen[Any]] | None = None) -> int:
    """Run the app (opening `start` on top, if given); returns its exit code."""
    app = KohtaaApp(workspace, start)
    result = app.run()
    if app.return_code:
        return app.return_code
    return result or 0
