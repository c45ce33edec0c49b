"""The kohtaa App: screens, bindings, command palette, and the safety rails around them."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme

from kohtaa_tui import i18n
from kohtaa_tui.domain.config import Settings
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.crash import CrashSafeApp
from kohtaa_tui.ui.input_order import after_earlier_input, hand_on_late_character
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.launch import resume_collector
from kohtaa_tui.ui.routes import ShowEntry, ShowHistory
from kohtaa_tui.ui.screens.dashboard import DashboardScreen
from kohtaa_tui.ui.text import safe_notice

JOURNAL_DRAFTS = "journal-*.toml"
"""The names of journal drafts (journal_data.DRAFT_PREFIX), looked for before the journal
screens are imported."""

HOUSEKEEPING_DELAY = 0.3
"""Seconds between the dashboard's first data on screen and the start of the housekeeping."""

COLLECTOR_PAUSE_LIMIT = 2.0
"""Seconds after which the cycle collector paused for the start runs again even if the
dashboard has no data yet (a first start building the index of thousands of entries)."""


TEXTUAL_COMMANDS = (
    N_("Theme"), N_("Change the current theme"),
    N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Maximize"), N_("Maximize the focused widget"),
)
"""The titles and help of Textual's own palette commands (its English is the msgid)."""

TEXTUAL_KEYS = (N_("Dismiss menu"),)
"""The key labels Textual's own widgets show on the key line (an open dropdown's Escape)."""


@runtime_checkable
class HoldsDraft(Protocol):
    """A screen with unsaved text that can be written to its draft at once."""

    def flush_draft(self) -> None:
        """Save the draft now (called on SIGTERM, SIGHUP and quit)."""


class KohtaaApp(CrashSafeApp[int]):
    """The terminal app. Everything it works with comes in through the Workspace."""

    TITLE = "kohtaa"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", N_("Quit"), id="app-quit", priority=True, show=False),
        Binding("f1,question_mark", "help", N_("Help"), id="app-help"),
        Binding("f2", "switch_language", N_("Suomeksi"), id="app-language", show=False,
                priority=True),  # in dialogs too
        Binding("escape", "back", N_("Back"), id="app-back", show=False),
        # Textual's Tab waits in the focused widget's queue while the app hands it the keys
        # read after it: from a fast hand or a paste, the next field's text went into this
        # one. As priority bindings they move the focus as soon as the app reads them.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
        # Textual's own palette binding, with an id (remappable) and a translated name.
        Binding(App.COMMAND_PALETTE_BINDING, "command_palette", N_("palette"), id="app-palette",
                show=False, priority=True),
    ]

    DENIED_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"screenshot", "simulate_key", "suspend_process", "deliver_screenshot"})
    """Actions that no text on screen may trigger (a click on injected markup, say)."""

    def __init__(self, workspace: Workspace,
                 start: Callable[[Workspace], Screen[Any] | None] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.workspace = workspace
        """The data, settings, language and clock of this run."""
        self.start = start
        """Makes the screen to open on top of the first one (`kohtaa assess core`, say, or
        the screen a language switch came from; None: the dashboard alone)."""
        self._tidying_started = False
        self._quitting = threading.Event()
        """Set by exit(): background work stops at its next step."""
        i18n.set_language(workspace.lang)

    def _apply_settings(self) -> None:
        """Say what config.toml could not give, then take its theme and keymap."""
        self._tell_about_settings()
        if self.workspace.settings.theme:
            try:
                self.theme = self.workspace.settings.theme
            except Exception:
                self.notify(_("The theme in config.toml is not known; using the default."),
                            severity="warning", markup=False)
        if self.workspace.settings.keymap:
            self.set_keymap(dict(self.workspace.settings.keymap))

    async def on_event(self, event: events.Event) -> None:
        """Letters that waited in the widget the focus left go to the text field it went to
        (`input_order.hand_on_late_character`), never to a binding of the screen."""
        if hand_on_late_character(self, event):
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        """Show the first screen; the data directory is tidied once it is on screen."""
        self.watch_for_crashes()
        if self.workspace.demo:
            self.title = _("kohtaa · demo with sample data")
        self._apply_settings()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._install_signal_handlers()
        self.set_timer(COLLECTOR_PAUSE_LIMIT, resume_collector)
        from kohtaa_tui.ui.sync_action import start_watching

        start_watching(self)
        self.push_screen(DashboardScreen(self.workspace))
        first = self.start(self.workspace) if self.start is not None else None
        if first is not None:
            self.push_screen(first)
        else:
            self.call_later(self._offer_journal_draft)

    def _offer_journal_draft(self) -> None:
        """An unfinished reflection from last time is offered at start."""
        drafts = self.workspace.store.drafts_dir
        if not drafts.is_dir() or not any(drafts.glob(JOURNAL_DRAFTS)):
            return  # nothing to offer: the journal screens are not even imported
        from kohtaa_tui.ui.screens.journal_picker import offer_newest_draft

        offer_newest_draft(self, self.workspace)

    @on(DashboardScreen.Drawn)
    @on(DashboardScreen.Failed)
    def _after_first_overview(self) -> None:
        """The dashboard has drawn its data (or its failure): the cycle collector paused for
        the start runs again, and the background work starts a moment later, so that it does
        not slow the first frame or the first keys."""
        if not self._tidying_started:
            self._tidying_started = True
            resume_collector()
            self.set_timer(HOUSEKEEPING_DELAY, self.start_housekeeping)

    def start_housekeeping(self) -> threading.Thread:
        """Start `tidy_data_dir` in a thread of its own (a daemon: quitting never waits for
        it, and it stops at its next folder anyway)."""
        thread = threading.Thread(target=self.tidy_data_dir, name="kohtaa-housekeeping",
                                  daemon=True)
        thread.start()
        return thread

    def tidy_data_dir(self) -> None:
        """Off the UI thread, once the first frame is drawn: sweep the temp files a killed
        save left (under the lock), make the data directory private again, then have the
        dashboard check every journal file (it loaded by the folders' mtimes). Stops when
        the app quits; the next start does it all again, so a failure is let go."""
        stop = self._quitting.is_set
        store = self.workspace.store
        try:
            store.sweep_temp_files(stop=stop)
            store.tighten_permissions(stop=stop)
            if not stop():
                self.post_message(self.Tidied())  # thread-safe; dropped once the app closed
        except Exception:  # never a traceback over the screen from a background thread
            return

    def on_unmount(self) -> None:
        """However the app ends, background work stops at its next step."""
        self._quitting.set()

    class Tidied(Message):
        """The housekeeping is done."""

    def on_kohtaa_app_tidied(self) -> None:
        """Now the dashboard checks every journal file against the index."""
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.check()

    # -- navigation -----------------------------------------------------------------------------
    def action_help(self) -> None:
        """Show the keys of this screen and the ideas behind the app."""
        from kohtaa_tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen, self.workspace.lang))

    async def action_back(self) -> None:
        """Escape goes back one screen; on the dashboard it says how to quit."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
            return
        key = next((self.get_key_display(b.binding) for b in self.screen.active_bindings.values()
                    if b.binding.action in ("quit", "app.quit")), "Ctrl+Q")
        self.notify(safe_notice(_("This is the first screen. Press {key} to quit kohtaa.")
                                .format(key=key)), markup=False, timeout=4)

    async def action_switch_language(self) -> None:
        """Switch between Finnish and English, remembered in config.toml, in place: every
        open screen and dialog draws itself again in the new language and keeps what it
        shows and holds (typed text, answers, filters, selections, focus)."""
        new = "en" if self.workspace.lang == "fi" else "fi"
        settings = replace(self.workspace.settings, lang=new)
        self.workspace = replace(self.workspace.with_lang(new), settings=settings)
        i18n.set_language(new)
        self._save_settings(settings)
        if self.workspace.demo:
            self.title = _("kohtaa · demo with sample data")
        for screen in list(self.screen_stack):
            if isinstance(screen, Relabels):
                await screen.refresh_language(self.workspace)
        self.refresh_bindings()

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.workspace.settings.theme:
            self._save_settings(replace(self.workspace.settings, theme=theme.name))

    def _save_settings(self, settings: Settings) -> None:
        """Remember a setting in config.toml; when that is refused (a config.toml that could
        not be read or is newer), one notice says so and the change holds for this run only."""
        try:
            self.workspace.save_settings(settings)
        except StorageError as error:
            message = _("{error} The change holds until kohtaa is closed.").format(
                error=str(error))
            self.notify(safe_notice(message), severity="error", markup=False)

    def _tell_about_settings(self) -> None:
        """Say at start that config.toml could not be read (with its line), and what a
        setting change before a restart could not save."""
        ws = self.workspace
        if ws.config_unreadable:
            first = next((p for p in ws.problems if p.file == str(ws.config_path)), None)
            detail = str(first) if first is not None else str(ws.config_path)
            self.notify(safe_notice(_(
                "Your settings could not be read, so kohtaa uses its defaults and leaves the "
                "file as it is: {problem}").format(problem=detail)),
                severity="warning", markup=False, timeout=20)
        while ws.notices:
            self.notify(safe_notice(ws.notices.pop(0)), severity="error", markup=False,
                        timeout=20)

    # -- safety rails --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Refuse the actions that content on screen must never trigger."""
        if action in self.DENIED_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def navigation(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """Every place the app can go: (title, help, action), offered in the command palette."""
        return [
            (_("Take a self-assessment"), _("Choose a question bank and answer it"),
             self.action_assess),
            (_("Assessment history"), _("Your results over time, step by step"),
             self.action_history),
            (_("Development discussion report"),
             _("A summary of a period to preview and save as md, html or json"),
             self.action_report),
            (_("Others’ view"),
             _("Feedback from a manager, a coach, colleagues and customers beside your own "
               "ratings"), self.action_feedback),
            (_("Ask for feedback"),
             _("A request file and an HTML form to send to a manager, coach, colleague or "
               "customer"), self.action_feedback_request),
            (_("Write a reflection"), _("Reflect on an encounter with a journal form"),
             self.action_new_entry),
            (_("Journal"), _("Find, read and edit your reflections"), self.action_journal),
            (_("Goals"), _("Your goals, their progress and check-ins"), self.action_goals),
            (_("New goal"), _("Set a goal, with a target to reach"), self.action_new_goal),
            (_("Dashboard"), _("Back to the first screen"), self.action_dashboard),
            (_("Help"), _("Keys of this screen and the ideas behind kohtaa"), self.action_help),
            (_("Switch language"), _("Suomeksi / in English"), self.action_switch_language),
            (_("Sync"), _("Commit, fetch, merge and push your data through git (kohtaa sync)"),
             self.action_sync),
            (_("Team status"), _("Who in the team repository has done each assigned bank"),
             self.action_team),
            (_("Assign a bank"), _("For a coach: a due date for a group, through the team "
                                   "repository or a file"), self.action_assign_bank),
        ]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Navigation first, then Textual's commands minus the screenshot (it would write
        private text to disk), in the active language."""
        for title, help_text, callback in self.navigation():
            yield SystemCommand(title, help_text, callback)
        for command in super().get_system_commands(screen):
            if "screenshot" not in command.title.lower():
                yield command._replace(title=_(command.title), help=_(command.help))

    def action_command_palette(self) -> None:
        """Textual's command palette, its search line in the active language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=_("Search for commands…"),
                                            id="--command-palette"))

    def action_sync(self) -> None:
        """Sync the data directory (and the team repository followed) in the background."""
        from kohtaa_tui.ui.sync_action import start_sync

        start_sync(self)

    def action_team(self) -> None:
        """The coach's view of the team repository in config.toml ([coach] or [team])."""
        from kohtaa_tui.services.team_repo import coach_repo

        url = coach_repo(self.workspace.settings.extra)
        if url is None:
            self.notify(_("No team repository is known yet: `kohtaa team status --repo "
                          "REMOTE` (a coach) or `kohtaa team join REMOTE` remembers one."),
                        markup=False, timeout=8)
            return
        from kohtaa_tui.ui.screens.team import TeamScreen

        self.push_screen(TeamScreen(self.workspace, url))

    def action_assign_bank(self) -> None:
        """The coach's assign form; its outcome in one notice."""
        from kohtaa_tui.ui.modals.assign import AssignModal

        def done(line: str | None) -> None:
            if line:
                self.notify(safe_notice(line), markup=False, timeout=8)

        self.push_screen(AssignModal(self.workspace), done)

    def action_dashboard(self) -> None:
        """Close every screen above the dashboard."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    # -- crashes (ui.crash does the rest) ---------------------------------------------------------
    @property
    def crash_data_dir(self) -> Path:
        """A crash log goes to this data directory's crash/ folder."""
        return self.workspace.data_dir

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

    def action_assess(self) -> None:
        """Choose a question bank and answer it."""
        from kohtaa_tui.ui.screens.bank_picker import BankPickerScreen

        self.push_screen(BankPickerScreen(self.workspace))

    def action_history(self) -> None:
        """Past assessment results over time."""
        from kohtaa_tui.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.workspace))

    def on_show_history(self, message: ShowHistory) -> None:
        """A screen asks for one bank's history (a result not opened from it)."""
        from kohtaa_tui.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.workspace, message.bank_id))

    def on_show_entry(self, message: ShowEntry) -> None:
        """A form that saved a new reflection gives its place to the reflection."""
        from kohtaa_tui.ui.screens.journal_entry import EntryViewScreen

        self.switch_screen(EntryViewScreen(self.workspace, message.loaded))

    def action_report(self) -> None:
        """A summary of a period for a development discussion."""
        from kohtaa_tui.ui.screens.report import ReportScreen

        self.push_screen(ReportScreen(self.workspace))

    def action_feedback(self) -> None:
        """Others' view: feedback beside one's own ratings."""
        from kohtaa_tui.ui.screens.feedback import FeedbackScreen

        self.push_screen(FeedbackScreen(self.workspace))

    def action_feedback_request(self) -> None:
        """Ask for feedback: on the others' view screen, its request dialog."""
        from kohtaa_tui.ui.screens.feedback import FeedbackScreen

        screen = FeedbackScreen(self.workspace)
        self.push_screen(screen, callback=None)
        self.call_after_refresh(screen.action_request)

    def action_new_entry(self) -> None:
        """Choose a journal schema and write a reflection."""
        from kohtaa_tui.ui.screens.journal_picker import SchemaPickerScreen

        self.push_screen(SchemaPickerScreen(self.workspace))

    def action_journal(self) -> None:
        """The journal: every reflection, newest first, with search and filters."""
        from kohtaa_tui.ui.screens.journal_list import JournalListScreen

        self.push_screen(JournalListScreen(self.workspace))

    def action_goals(self) -> None:
        """Goals with their progress."""
        from kohtaa_tui.ui.screens.goals import GoalsScreen

        if isinstance(self.screen, GoalsScreen):
            return
        self.push_screen(GoalsScreen(self.workspace))

    def action_new_goal(self) -> None:
        """The new-goal dialog, over whatever screen is open; the saved goal opens."""
        from kohtaa_tui.domain.goals import Goal
        from kohtaa_tui.ui.modals.new_goal import NewGoalModal
        from kohtaa_tui.ui.screens.goal import GoalScreen

        def open_goal(goal: Goal | None) -> None:
            if goal is not None:
                self.push_screen(GoalScreen(self.workspace, goal.id))

        self.push_screen(NewGoalModal(self.workspace), open_goal)

    def exit(self, result: int | None = None, return_code: int = 0,
             message: Any = None) -> None:
        """Leave; background housekeeping stops at its next folder (the next start does
        it again)."""
        self._quitting.set()
        super().exit(result, return_code, message)

    async def action_quit(self) -> None:
        """Save drafts, then leave (after the keys typed before the quit key)."""
        self._quit_after_input()

    @after_earlier_input
    def _quit_after_input(self) -> None:
        self.flush_drafts()
        self.exit(0)


def run_once(workspace: Workspace,
             start: Callable[[Workspace], Screen[Any] | None] | None = None
             ) -> tuple[int, str | None]:
    """Run the app once; returns its exit code (and None: the language switches in place,
    the runner never starts the app again)."""
    app = KohtaaApp(workspace, start)
    result = app.run()
    code = app.return_code or result or 0
    return code, None
