"""Input faster than a person types: a save keeps every key and paste sent before it.

`burst` posts the events to the app in one go, without waiting between them, the way a
terminal delivers a paste or a fast typist's keys; Pilot's `press` waits after each key and
would hide the race.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from kohtaa_tui.domain.goals import Target
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.check_in import CheckInModal
from kohtaa_tui.ui.modals.goal_edit import GoalEditModal
from kohtaa_tui.ui.modals.new_goal import NewGoalModal
from kohtaa_tui.ui.screens.assessment import AssessmentScreen
from kohtaa_tui.ui.screens.bank_picker import start_assessment
from kohtaa_tui.ui.screens.goal import GoalScreen
from kohtaa_tui.ui.screens.goals import GoalsScreen
from kohtaa_tui.ui.screens.journal_entry import EntryViewScreen
from kohtaa_tui.ui.screens.journal_list import JournalListScreen
from kohtaa_tui.ui.screens.journal_picker import start_journal_entry
from tests.goal_fixtures import goal
from tests.ui.test_assessment import KEYS, saved_results
from tests.ui.test_journal import drafts, plant, saved_entries

TEXT = "Asked about the budget first, then listened: 3 needs, 2 doubts. [b]ok[/b]"


def burst(app: KohtaaApp, *keys: str) -> None:
    """Post these keys at once (a one-character key is typed as that character).

    Textual hands each key to the widget that has focus when the app reads it; Tab and
    Shift+Tab move the focus as soon as they are read, so the letters after them in the
    same burst go to the next field."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def typed(text: str) -> list[str]:
    """The keys that type `text`."""
    names = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket",
             "/": "slash", ":": "colon", ",": "comma", ".": "full_stop"}
    return [names.get(ch, ch) if not ch.isalnum() else ch for ch in text]


def char_keys(text: str) -> list[events.Key]:
    """Key events that type `text`, with their characters."""
    return [events.Key(key, ch) for key, ch in zip(typed(text), text, strict=True)]


def send(app: KohtaaApp, *items: events.Key | events.Paste | str) -> None:
    """Post key events, pastes and named keys at once."""
    for item in items:
        if isinstance(item, str):
            burst(app, item)
        else:
            app.post_message(item)


async def settle(pilot: Pilot[Any]) -> None:
    """Let every queued message run."""
    for _round in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def goal_files(data_dir: Path) -> list[dict[str, Any]]:
    """Every goal file, parsed."""
    return [tomllib.loads(p.read_text(encoding="utf-8"))
            for p in sorted((data_dir / "goals").glob("*.toml"))]


async def test_open_answer_typed_and_saved_in_one_burst(workspace: Workspace,
                                                        data_dir: Path) -> None:
    """The letters of an open answer and Ctrl+S and Enter in one burst: all of it is in
    the result file."""
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*KEYS)
        send(app, *char_keys(TEXT), "ctrl+s", "enter")
        await settle(pilot)
    [result] = saved_results(data_dir)
    assert result["open_answers"] == {"next-time": TEXT}


async def test_pasted_answer_then_save_at_once(workspace: Workspace, data_dir: Path) -> None:
    """A paste followed at once by Ctrl+S: the pasted text is the answer."""
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*KEYS, "enter")  # Enter starts writing
        assert isinstance(app.focused, TextArea)
        send(app, events.Paste("line one\nline two"), *char_keys(" end"), "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        assert screen.open_answers == {"next-time": "line one\nline two end"}
        assert screen.on_done_page


async def test_digits_of_a_rated_item_never_reach_the_open_question(
        workspace: Workspace) -> None:
    """A digit pressed once too often, in the burst or after it, stays out of the open
    answer; the first letter starts the answer."""
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, *KEYS, "5", "5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        assert screen.current is not None and screen.current.type == "open"
        area = screen.query_one("#open-answer", TextArea)
        await pilot.press("4", "2")
        assert area.text == ""
        assert "start typing" in str(screen.query_one("#hint").render())
        await pilot.press("N", "o", "space", "3")
        assert area.text == "No 3"
        assert len(screen.answers) == len(KEYS)


async def test_journal_form_saves_a_field_typed_right_before_ctrl_s(
        workspace: Workspace, data_dir: Path) -> None:
    """Each required field typed in a burst, the last one with Ctrl+S: saved, never
    "please answer"."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        send(app, *char_keys("Call with Matti"))
        await pilot.press("tab", "tab")  # focus moves between bursts (see `burst`)
        send(app, *char_keys(TEXT))
        await pilot.press(*["tab"] * 7)
        send(app, *char_keys("Ask first, 2 options"), "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryViewScreen)
        assert not any("Please answer" in n.message for n in app._notifications)
    [entry] = saved_entries(data_dir)
    assert entry["answers"]["title"] == "Call with Matti"
    assert entry["answers"]["what"] == TEXT
    assert entry["answers"]["now_what"] == "Ask first, 2 options"


async def test_journal_form_filled_with_its_tabs_in_one_burst(workspace: Workspace,
                                                             data_dir: Path) -> None:
    """The whole form in one burst, Tabs and all, the way a terminal delivers a fast hand
    or `tmux send-keys`: each text lands in the field the Tabs before it reached."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        send(app, *char_keys("Call with Matti"), "tab", "2", "tab", *char_keys(TEXT),
             "tab", "shift+tab", "tab", *["tab"] * 6, *char_keys("Ask first"), "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryViewScreen)
    [entry] = saved_entries(data_dir)
    assert entry["answers"]["title"] == "Call with Matti"
    assert entry["answers"]["channel"] == "phone"
    assert entry["answers"]["what"] == TEXT
    assert entry["answers"]["now_what"] == "Ask first"


async def test_check_in_progress_tab_and_note_in_one_burst(workspace: Workspace,
                                                           data_dir: Path) -> None:
    """Progress, Tab and the note sent at once: the note is the note, not more progress."""
    workspace.store.save_goal(goal(Target(kind="manual"), title="Plain offers"), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CheckInModal)
        send(app, "4", "0", "tab", *char_keys("two offers sent"), "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalScreen)
    [saved] = goal_files(data_dir)
    assert [(c["progress"], c["note"]) for c in saved["check_ins"]] == [(40, "two offers sent")]


async def test_slash_and_words_in_one_burst_search_and_star_nothing(
        workspace: Workspace, data_dir: Path) -> None:
    """`/` and the words after it sent at once: the words are the search, and their
    letters are no keys of the list (`s` stars, `p` makes private, `n` writes a new one)."""
    plant(workspace, "e-a", "Sales call", days=1)
    app = KohtaaApp(workspace, start=lambda ws: JournalListScreen(ws))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, DataTable)
        send(app, "slash", *char_keys("sales plan"))
        await settle(pilot)
        assert isinstance(app.screen, JournalListScreen)
        assert app.screen.query_one("#journal-search", Input).value == "sales plan"
    [entry] = saved_entries(data_dir)
    assert entry["starred"] is False
    assert entry["private"] is False


async def test_a_dialogs_title_typed_with_the_key_that_opens_it(workspace: Workspace,
                                                                data_dir: Path) -> None:
    """`n` on the goals screen and the title right after it: the title is in the dialog."""
    app = KohtaaApp(workspace, start=lambda ws: GoalsScreen(ws))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        send(app, "n", *char_keys("Ask first"))
        await settle(pilot)
        assert isinstance(app.screen, NewGoalModal)
        assert isinstance(app.focused, Input)
        assert app.focused.value == "Ask first"


async def test_two_saves_in_one_burst_write_one_entry(workspace: Workspace,
                                                      data_dir: Path) -> None:
    """Ctrl+S twice at once: one entry."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Call", "tab", "tab", *"Short", *["tab"] * 7)
        send(app, *char_keys("Now"), "ctrl+s", "ctrl+s")
        await settle(pilot)
    assert len(saved_entries(data_dir)) == 1


async def test_quit_right_after_typing_keeps_every_letter_in_the_draft(
        workspace: Workspace, data_dir: Path) -> None:
    """Ctrl+Q in the same burst as the typing: the draft holds all of it."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        send(app, *char_keys(TEXT), "ctrl+q")
        await settle(pilot)
    [draft] = drafts(data_dir)
    assert draft["answers"]["title"] == TEXT


async def test_new_goal_title_typed_and_saved_in_one_burst(workspace: Workspace,
                                                           data_dir: Path) -> None:
    """The goal's title, then Ctrl+S at once: the whole title is in the goal file."""
    app = KohtaaApp(workspace, start=lambda ws: NewGoalModal(ws))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "goal-title"
        send(app, *char_keys("Ask three customers for feedback"), "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NewGoalModal)
    [saved] = goal_files(data_dir)
    assert saved["title"] == "Ask three customers for feedback"


async def test_check_in_note_and_goal_edit_typed_and_saved_in_one_burst(
        workspace: Workspace, data_dir: Path) -> None:
    """A check-in's note and an edited title, each sent with its Ctrl+S in one burst."""
    workspace.store.save_goal(goal(Target(kind="manual"), title="Plain offers"), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CheckInModal)
        await pilot.press("4", "0", "tab")
        send(app, *char_keys("two offers sent"), "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalScreen)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, GoalEditModal)
        await pilot.press("end")  # the title is selected on focus
        send(app, *char_keys(" and short"), "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalScreen)
    [saved] = goal_files(data_dir)
    assert [(c["progress"], c["note"]) for c in saved["check_ins"]] == [(40, "two offers sent")]
    assert saved["title"] == "Plain offers and short"
