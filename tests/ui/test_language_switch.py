"""F2 switches the language in place: the same screens, their data and state, every word
drawn again in the other language, without importing any module again."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import Checkbox, DataTable, Input, Select, Static, TextArea

from kohtaa_tui import i18n
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.new_goal import NewGoalModal
from kohtaa_tui.ui.screens.assessment import AssessmentScreen
from kohtaa_tui.ui.screens.bank_picker import start_assessment
from kohtaa_tui.ui.screens.goals import GoalsScreen
from kohtaa_tui.ui.screens.history import HistoryScreen
from kohtaa_tui.ui.screens.journal_form import JournalFormScreen
from kohtaa_tui.ui.screens.journal_list import JournalListScreen
from kohtaa_tui.ui.screens.journal_picker import start_journal_entry
from kohtaa_tui.ui.widgets.bars import KeyBar
from tests.ui.test_fast_input import settle


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """Each test leaves the catalogue in English, as the other tests expect it."""
    yield
    i18n.set_language("en")


def keys_shown(app: KohtaaApp) -> str:
    """The key line of the screen on top, as drawn."""
    return str(app.screen.query_one(KeyBar).render())


def text_of(app: KohtaaApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_assessment_in_progress_keeps_its_place_and_answers(workspace: Workspace) -> None:
    """Three answers, then F2: the same screen, item and answers, in Finnish; F2 again:
    English; the UI modules were never imported again."""
    modules = {name: module for name, module in sys.modules.items()
               if name.startswith("kohtaa_tui.ui")}
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "3", "5")
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        answers = dict(screen.answers)
        assert "Question 4 of 16" in text_of(app, "#progress")
        assert "Previous" in keys_shown(app) or "Back" in keys_shown(app) or keys_shown(app)
        english_keys = keys_shown(app)
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is screen and screen.position == 3 and screen.answers == answers
        assert "Kysymys 4/16" in text_of(app, "#progress")
        assert keys_shown(app) != english_keys
        assert app.workspace.lang == "fi" and screen.workspace.lang == "fi"
        await pilot.press("2")
        assert len(screen.answers) == 4
        await pilot.press("f2")
        await settle(pilot)
        assert "Question 5 of 16" in text_of(app, "#progress")
        assert keys_shown(app) == english_keys
    assert 'lang = "en"' in workspace.config_path.read_text(encoding="utf-8")
    for name, module in modules.items():
        assert sys.modules[name] is module, name


async def test_half_written_reflection_keeps_its_text_and_focus(workspace: Workspace) -> None:
    """A title and a half-written answer: F2 keeps both, the cursor's field and no draft
    is offered back; the prompts are Finnish."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Call", "tab", "tab", *"Half of it")
        screen = app.screen
        assert isinstance(screen, JournalFormScreen)
        focused = app.focused
        assert isinstance(focused, TextArea) and focused.text == "Half of it"
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is screen
        area = app.focused
        assert isinstance(area, TextArea) and area.id == focused.id
        assert area.text == "Half of it"
        assert "Otsikko" in "\n".join(str(w.render()) for w in screen.query(".prompt"))
        await pilot.press(*" more")
        assert area.text == "Half of it more"
        answers, _bad = screen.collect()
        assert answers["title"] == "Call"
        assert "Tallenna" in keys_shown(app)


async def test_journal_list_keeps_search_filters_and_row(workspace: Workspace,
                                                        clock: FixedClock) -> None:
    """Search text, a step filter, Starred and the selected row survive F2."""
    populate(workspace.store, clock, "en")
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_journal()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, JournalListScreen)
        screen.query_one("#filter-step", Select).value = "listening"
        await settle(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count >= 2
        table.focus()
        await pilot.press("down")
        rows_before = [k.value for k in table.rows]
        cursor = table.cursor_row
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is screen
        table = screen.query_one(DataTable)
        assert [k.value for k in table.rows] == rows_before
        assert table.cursor_row == cursor and app.focused is table
        assert screen.query_one("#filter-step", Select).value == "listening"
        assert str(table.columns[next(iter(table.columns))].label) == "Päivä"
        search = screen.query_one("#journal-search", Input)
        assert search.placeholder == "Hae kaikesta tekstistä…"
        search.value = "zzz-nothing"
        screen.query_one("#filter-starred", Checkbox).value = True
        await settle(pilot)
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert screen.query_one("#journal-search", Input).value == "zzz-nothing"
        assert screen.query_one("#filter-starred", Checkbox).value is True
        assert screen.wanted.starred and screen.wanted.search == "zzz-nothing"
        assert "No reflections match." in text_of(app, "#journal-count")


async def test_open_dialog_keeps_its_typed_title(workspace: Workspace) -> None:
    """The new-goal dialog over the dashboard: F2 keeps it open with its title; the
    dashboard under it is Finnish too."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_new_goal()
        await settle(pilot)
        await pilot.press(*"Ask first")
        modal = app.screen
        assert isinstance(modal, NewGoalModal)
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is modal
        title = modal.query_one("#goal-title", Input)
        assert title.value == "Ask first" and app.focused is title
        assert "Uusi tavoite" in str(modal.query_one(".title", Static).render())
        assert "Tervetuloa" in "\n".join(str(w.render()) for w in
                                         app.screen_stack[1].query(Static))


async def test_goals_show_all_and_history_bank_are_kept(workspace: Workspace,
                                                       clock: FixedClock) -> None:
    """Goals with every status shown, then the history on its second bank: F2 keeps both."""
    populate(workspace.store, clock, "en")
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_goals()
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        goals = app.screen
        assert isinstance(goals, GoalsScreen) and goals.show_all
        rows = goals.query_one(DataTable).row_count
        await pilot.press("f2")
        await settle(pilot)
        assert goals.show_all and goals.query_one(DataTable).row_count == rows
        app.action_history()
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        await pilot.press("b")
        await settle(pilot)
        bank = history.bank_id
        await pilot.press("f2")
        await settle(pilot)
        assert history.bank_id == bank and history.query_one(DataTable).row_count > 0


async def test_palette_speaks_the_new_language(workspace: Workspace) -> None:
    """After F2 the palette's search line, kohtaa's commands and Textual's own are Finnish."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Tee itsearvio" in titles and "Lopeta" in titles
        assert "Quit" not in titles and "Keys" not in titles
        app.action_command_palette()
        await settle(pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(Input).placeholder != "Search for commands…"


def any_text(widgets: Any) -> str:
    return "\n".join(str(w.render()) for w in widgets)


async def test_dashboard_names_templates_and_assignments_in_the_new_language(
        workspace: Workspace, clock: FixedClock) -> None:
    """The latest reflections' template titles and the assigned bank's title, read from
    files in every language, are shown in the new language after F2."""
    populate(workspace.store, clock, "en")
    app = KohtaaApp(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        before = screen_words(app)
        assert "Quick reflection" in before and "Lyhyt pohdinta" not in before
        await pilot.press("f2")
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        after = screen_words(app)
        assert "Lyhyt pohdinta" in after and "Quick reflection" not in after


def screen_words(app: KohtaaApp) -> str:
    """The screen as drawn, as plain text."""
    import re
    from html import unescape

    svg = app.export_screenshot()
    return unescape(" ".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")
