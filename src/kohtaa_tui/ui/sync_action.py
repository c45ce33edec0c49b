"""Sync from the app (a key on the dashboard and the command palette), and noticing a sync or
a pull made behind the app's back: the screens on the stack read their files again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.app import App

from kohtaa_tui.domain.display import one_line
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.services.sync_mark import change_mark
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.text import safe_notice

if TYPE_CHECKING:
    from kohtaa_tui.services.workspace import Workspace

WATCH_SECONDS = 3.0
"""How often the app looks (two stats) whether the data directory's git HEAD moved."""


class _WithWorkspace(Protocol):
    workspace: Workspace


def _workspace(app: App[Any]) -> Workspace:
    """The app's workspace: this module serves kohtaa's app without importing it (the app
    imports this module)."""
    return cast("_WithWorkspace", app).workspace


class SyncState:
    """The app's sync: whether one runs, and the last mark of the repository seen."""

    def __init__(self) -> None:
        self.running = False
        self.mark: tuple[int, int, int] | None = None


def _state(app: App[Any]) -> SyncState:
    state = getattr(app, "_sync_state", None)
    if state is None:
        state = SyncState()
        app._sync_state = state  # type: ignore[attr-defined]
    return state


def start_watching(app: App[Any]) -> None:
    """Look every few seconds whether a sync or a pull changed the data directory."""
    if _workspace(app).demo:
        return
    _state(app).mark = change_mark(_workspace(app).data_dir)
    app.set_interval(WATCH_SECONDS, lambda: check_for_changes(app), name="sync-watch")


def check_for_changes(app: App[Any]) -> bool:
    """Redraw from the files when the repository moved since last seen; True if it had."""
    state = _state(app)
    if state.running:
        return False
    mark = change_mark(_workspace(app).data_dir)
    if mark == state.mark:
        return False
    first = state.mark is None
    state.mark = mark
    if first:
        return False  # sync was just set up: nothing of the files changed by that
    files_changed(app)
    app.notify(_("The data changed on disk (a sync or a pull); the screens show it now."),
               markup=False, timeout=5)
    return True


RELOADERS = ("action_reload", "reload", "load")
"""What a screen that shows files calls to read them again (the entry view, the report,
the journal list, goals, a goal, history, others' view)."""


def files_changed(app: App[Any]) -> None:
    """Every screen on the stack shows its files again: the dashboard loads with every file
    checked, every other screen that can read its files again does so (a dialog, which
    may hold typed text, is left alone)."""
    from textual.screen import ModalScreen

    from kohtaa_tui.ui.screens.dashboard import DashboardScreen
    from kohtaa_tui.ui.screens.team import TeamScreen

    for screen in list(app.screen_stack):
        if isinstance(screen, DashboardScreen):
            screen.load("thorough")
            continue
        if isinstance(screen, ModalScreen | TeamScreen):
            continue
        found: Any = screen
        for name in RELOADERS:
            method = getattr(found, name, None)
            if callable(method):
                method()
                break


def start_sync(app: App[Any]) -> None:
    """Sync in a thread; progress in the title bar, the outcome in one notice."""
    state = _state(app)
    if state.running:
        app.notify(_("A sync is already under way."), markup=False, timeout=3)
        return
    if _workspace(app).demo:
        app.notify(_("The demo's sample data is not synced."), markup=False, timeout=4)
        return
    state.running = True
    app.sub_title = _("syncing…")
    app.run_worker(lambda: _sync_worker(app), thread=True, group="sync",
                   exit_on_error=False)


def _sync_worker(app: App[Any]) -> None:
    ws = _workspace(app)
    from kohtaa_tui.services import sync as service
    from kohtaa_tui.services import team_repo

    def progress(text: str) -> None:
        app.call_from_thread(setattr, app, "sub_title", one_line(text, 60))

    lines: list[str] = []
    severity = "information"
    changed = False
    member = team_repo.membership(ws.settings.extra)
    try:
        if service.status(ws.data_dir).is_repo:
            outcome = service.run_sync(
                ws.data_dir, exclude_private=service.exclude_private_setting(ws.settings.extra),
                lock=ws.store.lock, when=ws.clock.now(), progress=progress)
            lines.append(service.outcome_line(outcome))
            changed = bool(outcome.changed_paths)
            if outcome.conflicts:
                lines.append(ngettext("{n} file kept in both versions; see `kohtaa doctor`",
                                      "{n} files kept in both versions; see `kohtaa doctor`",
                                      len(outcome.conflicts)).format(n=len(outcome.conflicts)))
            if outcome.warnings:
                severity = "warning"
                lines.append(one_line(outcome.warnings[0], 120))
        elif member is None:
            severity = "warning"
            lines.append(_("sync is not set up; `kohtaa sync init [REMOTE]` sets it up"))
        if member is not None:
            progress(_("the team repository"))
            team = team_repo.follow(ws.store, member, ws.clock.now())
            changed = changed or bool(team.installed)
            if team.installed:
                lines.append(_("team bank installed: {bank}").format(
                    bank=", ".join(team.installed)))
            if team.published:
                lines.append(_("results published to the team as {path}").format(
                    path=team.published))
            if team.refused:
                severity = "warning"
                lines.append(_("team bank refused: {reason}").format(reason=team.refused[0]))
    except StorageError as error:
        severity = "error"
        lines.append(one_line(str(error), 200))
    except Exception as error:  # never a traceback over the screen from a thread
        severity = "error"
        lines.append(one_line(f"{type(error).__name__}: {error}", 200))
    app.call_from_thread(_finished, app, " · ".join(lines), severity, changed)


def _finished(app: App[Any], line: str, severity: Any, changed: bool) -> None:
    state = _state(app)
    state.running = False
    state.mark = change_mark(_workspace(app).data_dir)
    app.sub_title = ""
    if changed:
        files_changed(app)
    else:
        from kohtaa_tui.ui.screens.dashboard import DashboardScreen

        for screen in app.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.load("quick")  # its line of when it last synced
    app.notify(safe_notice(line), severity=severity, markup=False,
               timeout=10 if severity == "error" else 6)
