"""Writing, reading and finding reflections with the keyboard: what is saved on disk."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Input, OptionList, TextArea

from kohtaa_tui.domain.goals import Goal, Target
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services import journal_data
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.journal_draft import JournalDraftModal
from kohtaa_tui.ui.screens import journal_form
from kohtaa_tui.ui.screens.journal_entry import EntryViewScreen
from kohtaa_tui.ui.screens.journal_form import JournalFormScreen
from kohtaa_tui.ui.screens.journal_list import JournalListScreen
from kohtaa_tui.ui.screens.journal_picker import SchemaPickerScreen, start_journal_entry
from kohtaa_tui.ui.widgets.bars import KeyBar

MOMENT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def saved_entries(data_dir: Path) -> list[dict[str, Any]]:
    """Every entry file, parsed."""
    return [tomllib.loads(p.read_text(encoding="utf-8"))
            for p in sorted((data_dir / "journal").glob("*/*/*.toml"))]


def drafts(data_dir: Path) -> list[dict[str, Any]]:
    """Every journal draft file, parsed."""
    return [tomllib.loads(p.read_text(encoding="utf-8"))
            for p in sorted((data_dir / "drafts").glob("journal-*.toml"))]


def notices(app: KohtaaApp) -> list[str]:
    """The messages notified so far."""
    return [n.message for n in app._notifications]


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for workers and redraws."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def plant(ws: Workspace, entry_id: str, title: str, *, days: int = 0, schema: str = "quick",
          version: int = 1, starred: bool = False, **answers: Any) -> None:
    """Save an entry written `days` before MOMENT."""
    moment = MOMENT - timedelta(days=days)
    ws.store.save_entry(JournalEntry(id=entry_id, schema_id=schema, schema_version=version,
                                     created=moment, updated=moment,
                                     answers={"title": title, **answers}, starred=starred), None)


def view_of(entry_id: str) -> Callable[[Workspace], Screen[Any]]:
    """A start screen showing one entry."""
    def make(ws: Workspace) -> Screen[Any]:
        loaded = journal_data.find_entry(ws, entry_id)
        assert loaded is not None
        return EntryViewScreen(ws, loaded)
    return make


def list_start(ws: Workspace) -> Screen[Any]:
    """The journal list as the start screen."""
    return JournalListScreen(ws)


# -- writing -------------------------------------------------------------------------------------

async def test_write_a_quick_reflection_with_the_keyboard(workspace: Workspace,
                                                          data_dir: Path) -> None:
    """Every kind of field of the quick schema answered with keys; Ctrl+S writes the file."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JournalFormScreen)
        await pilot.press(*"Call with [b]Matti[/b]", "tab")   # title
        await pilot.press("2", "tab")                           # channel: phone
        await pilot.press(*"They asked twice", "tab")           # what happened
        await pilot.press("tab", "tab", "tab")                  # so what, worked, change
        await pilot.press("1", "tab")                           # responsibility: yes
        await pilot.press("2", "5", "tab")                      # mistakes
        await pilot.press("4", "3", "5", "tab")                 # three step ratings
        await pilot.press(*"Ask first", "ctrl+s")               # now what
        await pilot.pause()
        assert isinstance(app.screen, EntryViewScreen)
    [entry] = saved_entries(data_dir)
    assert entry["journal_schema"] == "quick"
    assert entry["journal_schema_version"] == 1
    assert entry["lang"] == "en"
    assert entry["answers"] == {
        "title": "Call with [b]Matti[/b]",
        "channel": "phone",
        "what": "They asked twice",
        "responsibility": True,
        "mistakes": ["interrupting", "jargon"],
        "step_ratings": {"listening": 4, "communication": 3, "negotiation": 5},
        "now_what": "Ask first",
    }
    assert drafts(data_dir) == []


async def test_the_question_being_answered_is_marked_not_by_colour_alone(
        workspace: Workspace) -> None:
    """The prompt of the field with focus reads "▶ …"; Tab moves the mark with the focus,
    into a choice list too, and only one question has it at a time."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))

    def marked() -> list[str]:
        prompts = [str(prompt.render()) for prompt in app.screen.query(".prompt")]
        return [text.split(" (")[0].strip() for text in prompts if text.startswith("▶ ")]

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert marked() == ["▶ Title"]
        await pilot.press("tab")
        assert marked() == ["▶ Which channel was the encounter in?"]
        await pilot.press("tab")
        assert marked() == ["▶ What? What happened?"]
        await pilot.press("shift+tab", "shift+tab")
        assert marked() == ["▶ Title"]


KEYS_BY_TYPE: dict[str, list[str]] = {
    "short_text": list("Short one"),
    "long_text": [*"Line one", "enter", *"line two"],
    "choice": ["1"],
    "multi_choice": ["1", "3"],
    "step_ratings": ["5", "4", "3", "2", "1"],
    "yes_no": ["2"],
    "tags": list("billing, #Returns"),
    "datetime": [],  # already filled in with the current time
}


@pytest.mark.parametrize("schema_id", ["customer-service", "development-discussion",
                                       "difficult-situation", "quick", "sales-meeting"])
async def test_every_shipped_schema_through_the_form(workspace: Workspace, data_dir: Path,
                                                     schema_id: str) -> None:
    """Each field of each shipped schema gets an answer from the keyboard; all are saved."""
    app = KohtaaApp(workspace, start=start_journal_entry(schema_id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalFormScreen)
        expected: dict[str, Any] = {}
        for spec in screen.schema.fields:
            if spec.type == "rating":
                assert spec.min is not None
                await pilot.press(str(spec.max))
                expected[spec.id] = spec.max
            else:
                await pilot.press(*KEYS_BY_TYPE[spec.type])
            await pilot.press("tab")
            if spec.type in ("short_text",):
                expected[spec.id] = "Short one"
            elif spec.type == "long_text":
                expected[spec.id] = "Line one\nline two"
            elif spec.type == "choice":
                expected[spec.id] = spec.options[0].id
            elif spec.type == "multi_choice":
                expected[spec.id] = [spec.options[0].id, spec.options[2].id]
            elif spec.type == "step_ratings":
                expected[spec.id] = {"listening": 5, "communication": 4, "negotiation": 3,
                                     "positivity": 2, "feedback": 1}
            elif spec.type == "yes_no":
                expected[spec.id] = False
            elif spec.type == "tags":
                expected[spec.id] = ["billing", "returns"]
            elif spec.type == "datetime":
                expected[spec.id] = workspace.clock.now()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryViewScreen), notices(app)
    [entry] = saved_entries(data_dir)
    assert entry["journal_schema"] == schema_id
    assert entry["answers"] == expected


async def test_required_fields_are_named_in_one_message(workspace: Workspace,
                                                        data_dir: Path) -> None:
    """Saving an empty form names every required field at once and focuses the first."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", *"Something happened")  # only "what" is answered
        await pilot.press("ctrl+s")
        await pilot.pause()
        [message] = notices(app)
        assert "Title" in message and "Now what?" in message
        assert "What? What happened?" not in message
        assert isinstance(app.focused, Input) and app.focused.id == "field-title"
        assert isinstance(app.screen, JournalFormScreen)
    assert saved_entries(data_dir) == []


async def test_a_bad_date_is_named(workspace: Workspace, data_dir: Path) -> None:
    """A date that cannot be read stops the save and says which field."""
    app = KohtaaApp(workspace, start=start_journal_entry("customer-service"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalFormScreen)
        screen.query_one("#field-title", Input).value = "T"
        screen.query_one("#field-what_happened", TextArea).load_text("W")
        screen.query_one("#field-take_forward", Input).value = "F"
        screen.query_one("#field-occurred_at", Input).value = "yesterday-ish"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("When did this happen?" in m for m in notices(app))
        assert app.focused is not None and app.focused.id == "field-occurred_at"
    assert saved_entries(data_dir) == []


async def test_picker_opens_with_a_number_key(workspace: Workspace) -> None:
    """n on the dashboard opens the picker; a number key opens that schema's form."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SchemaPickerScreen)
        second = sorted(s.id for s in app.screen.schemas)[1]  # numbered by id
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, JournalFormScreen)
        assert app.screen.schema.id == second


async def test_picker_puts_the_most_used_first(workspace: Workspace) -> None:
    """The schema with the most entries comes first."""
    for n in range(3):
        plant(workspace, f"e{n}", "Visit", days=n, schema="sales-meeting")
    plant(workspace, "e9", "Quick one", days=1)
    app = KohtaaApp(workspace, start=start_journal_entry(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SchemaPickerScreen)
        screen = app.screen
        assert [s.id for s in screen.schemas[:2]] == ["sales-meeting", "quick"]
        # Listed first, yet numbered as before: the keys stay where the hand knows them.
        by_id = sorted(s.id for s in screen.schemas)
        assert screen.numbers == {ident: n for n, ident in enumerate(by_id, start=1)}
        first_line = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert first_line.startswith(f"{screen.numbers['sales-meeting']} ")
        await pilot.press(str(screen.numbers["quick"]))
        await pilot.pause()
        assert isinstance(app.screen, JournalFormScreen)
        assert app.screen.schema.id == "quick"


# -- drafts --------------------------------------------------------------------------------------

async def test_draft_is_written_after_a_change_and_restored_after_a_restart(
        workspace: Workspace, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pause after typing writes the draft; the next start offers it; c continues it."""
    monkeypatch.setattr(journal_form, "DRAFT_DELAY", 0.05)
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Half a thought", "tab", "3")
        await pilot.pause(0.3)
        [draft] = drafts(data_dir)
        assert draft["journal_schema"] == "quick"
        assert draft["answers"]["title"] == "Half a thought"
        assert draft["answers"]["channel"] == "video"
    # The app was stopped without leaving the form: a crash, as far as the form knows.
    again = KohtaaApp(workspace)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, JournalDraftModal)
        await pilot.press("c")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, JournalFormScreen)
        assert screen.query_one("#field-title", Input).value == "Half a thought"
        await pilot.press("ctrl+s")  # "now what" is still missing
        await pilot.pause()
        assert isinstance(again.screen, JournalFormScreen)
        screen.query_one("#field-now_what", Input).value = "Listen"
        screen.query_one("#field-what", TextArea).load_text("A talk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(again.screen, EntryViewScreen), notices(again)
    [entry] = saved_entries(data_dir)
    assert entry["answers"]["title"] == "Half a thought"
    assert entry["answers"]["channel"] == "video"
    assert drafts(data_dir) == []


async def test_flush_drafts_writes_at_once(workspace: Workspace, data_dir: Path) -> None:
    """SIGTERM, SIGHUP and quit call flush_drafts: the text is kept before the timer fires."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Typed just now")
        await pilot.pause()
        assert drafts(data_dir) == []
        app.flush_drafts()
        [draft] = drafts(data_dir)
        assert draft["answers"]["title"] == "Typed just now"


async def test_escape_keeps_the_draft_and_says_so(workspace: Workspace,
                                                  data_dir: Path) -> None:
    """Esc with unsaved text leaves the form, keeps the draft and tells the person."""
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Keep me", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, JournalFormScreen)
        assert any("draft" in m for m in notices(app))
        [draft] = drafts(data_dir)
        assert draft["answers"]["title"] == "Keep me"
        # Opening the same kind again offers the draft; d discards it and starts afresh.
        await pilot.press("n")
        await settle(pilot)
        schemas = app.screen.schemas  # type: ignore[attr-defined]
        # The picker says which kind has a draft waiting.
        options = app.screen.query_one(OptionList)
        waiting = [s.id for s in schemas
                   if "unfinished draft" in str(options.get_option(s.id).prompt)]
        assert waiting == ["quick"]
        await pilot.press(str([s.id for s in schemas].index("quick") + 1))
        await pilot.pause()
        assert isinstance(app.screen, JournalDraftModal)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, JournalFormScreen)
        assert app.screen.query_one("#field-title", Input).value == ""
    assert drafts(data_dir) == []


async def test_escape_from_an_untouched_form_leaves_no_draft(workspace: Workspace,
                                                             data_dir: Path) -> None:
    """Nothing typed, nothing kept."""
    app = KohtaaApp(workspace, start=start_journal_entry("customer-service"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not any("draft" in m for m in notices(app))
    assert drafts(data_dir) == []


# -- the entry -----------------------------------------------------------------------------------

async def test_edit_keeps_unknown_fields_and_the_schema_version(workspace: Workspace,
                                                                data_dir: Path) -> None:
    """A field the schema no longer has is shown under Other fields and kept on save."""
    plant(workspace, "e-old", "Old title", version=7, what="It went fine",
          retired_question="An answer from an older form")
    app = KohtaaApp(workspace, start=view_of("e-old"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#entry-answers").render())
        assert "Other fields" in shown and "An answer from an older form" in shown
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, JournalFormScreen)
        title = app.screen.query_one("#field-title", Input)
        assert title.value == "Old title"
        await pilot.press("end", *" (edited)")
        app.screen.query_one("#field-now_what", Input).value = "Next"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryViewScreen)
        assert "Old title (edited)" in str(app.screen.query_one("#entry-heading").render())
    [entry] = saved_entries(data_dir)
    assert entry["journal_schema_version"] == 7
    assert entry["answers"]["retired_question"] == "An answer from an older form"
    assert entry["answers"]["title"] == "Old title (edited)"
    assert entry["answers"]["what"] == "It went fine"
    assert entry["updated"] > entry["created"]


async def test_star_private_and_delete(workspace: Workspace, data_dir: Path) -> None:
    """s and p toggle on disk; d asks, Escape keeps, y moves the file to the trash."""
    plant(workspace, "e-one", "Visit")
    app = KohtaaApp(workspace, start=view_of("e-one"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s", "p")
        await pilot.pause()
        [entry] = saved_entries(data_dir)
        assert entry["starred"] is True and entry["private"] is True
        assert "starred" in str(app.screen.query_one("#entry-heading").render())
        await pilot.press("s")
        await pilot.pause()
        assert saved_entries(data_dir)[0]["starred"] is False
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(saved_entries(data_dir)) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, EntryViewScreen)
    assert saved_entries(data_dir) == []
    assert [p.name for p in (data_dir / "trash").iterdir()] == ["e-one.toml"]


async def test_reload_after_another_window_changed_the_entry(workspace: Workspace,
                                                            data_dir: Path) -> None:
    """A save over a file changed elsewhere is refused and says to reload; r reads the
    file again, and the next save goes through without losing the other change."""
    plant(workspace, "e-one", "Visit")
    app = KohtaaApp(workspace, start=view_of("e-one"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [path] = sorted((data_dir / "journal").glob("*/*/*.toml"))
        text = path.read_text(encoding="utf-8").replace('"Visit"', '"Visit, renamed"')
        temp = path.with_name(".other-window.tmp")
        temp.write_text(text, encoding="utf-8")
        temp.replace(path)  # another kohtaa window saved meanwhile
        await pilot.press("s")
        await pilot.pause()
        assert any("Press r to reload it." in n for n in notices(app)), notices(app)
        assert saved_entries(data_dir)[0]["starred"] is False
        await pilot.press("r")
        await pilot.pause()
        assert "Visit, renamed" in str(app.screen.query_one("#entry-heading").render())
        await pilot.press("s")
        await pilot.pause()
    [entry] = saved_entries(data_dir)
    assert entry["starred"] is True and entry["answers"]["title"] == "Visit, renamed"


async def test_next_encounter_answer_goes_to_a_goal(workspace: Workspace,
                                                    data_dir: Path) -> None:
    """g lists the active goals; Enter adds the answer as a check-in linked to the entry."""
    workspace.store.save_goal(Goal(id="g-listen", title="Listen better", created=MOMENT,
                                   start=date(2026, 11, 1),
                                   target=Target(kind="manual")), None)
    workspace.store.save_goal(Goal(id="g-old", title="Done already", created=MOMENT,
                                   start=date(2026, 11, 1),
                                   target=Target(kind="manual"), status="achieved"), None)
    plant(workspace, "e-one", "Visit", now_what="Let them finish")
    app = KohtaaApp(workspace, start=view_of("e-one"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Linked goals: Listen better" in str(
            app.screen.query_one("#entry-answers").render())
    goal = tomllib.loads((data_dir / "goals" / "g-listen.toml").read_text("utf-8"))
    [check_in] = goal["check_ins"]
    assert check_in["note"] == "Let them finish"
    assert check_in["entry"] == "e-one"
    assert saved_entries(data_dir)[0]["goals"] == ["g-listen"]


# -- the list ------------------------------------------------------------------------------------

async def test_search_narrows_the_list(workspace: Workspace) -> None:
    """Newest first; typing filters across all text, Finnish letters and case alike."""
    plant(workspace, "e-a", "Asiakas Äänekoskelta", days=3, what="Hinta puhutti")
    plant(workspace, "e-b", "Phone call", days=1, what="They wanted a refund")
    plant(workspace, "e-c", "Meeting", days=2, what="ÄÄNI kuului huonosti", starred=True)
    app = KohtaaApp(workspace, start=list_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert [k.value for k in table.rows] == ["e-b", "e-c", "e-a"]
        await pilot.press("slash", *"ään")
        await pilot.pause(0.4)
        await settle(pilot)
        assert [k.value for k in table.rows] == ["e-c", "e-a"]
        await pilot.press(*" refund")
        await pilot.pause(0.4)
        await settle(pilot)
        assert list(table.rows) == []
        for _ in " refund":
            await pilot.press("backspace")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#filter-starred").toggle()  # type: ignore[attr-defined]
        await settle(pilot)
        assert [k.value for k in table.rows] == ["e-c"]
        assert isinstance(app.focused, DataTable)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryViewScreen)
        assert app.screen.entry.id == "e-c"


async def test_list_loads_rows_a_page_at_a_time(workspace: Workspace) -> None:
    """With more entries than a page, only a page of rows exists until the cursor nears it."""
    for n in range(journal_data.PAGE_SIZE + 30):
        moment = MOMENT - timedelta(minutes=n)
        workspace.store.save_entry(JournalEntry(id=f"e{n:04d}", schema_id="quick", schema_version=1,
                                                created=moment, updated=moment,
                                                answers={"title": f"Entry {n}"}), None)
    app = KohtaaApp(workspace, start=list_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == journal_data.PAGE_SIZE
        table.move_cursor(row=journal_data.PAGE_SIZE - 1)
        await settle(pilot)
        assert table.row_count == journal_data.PAGE_SIZE + 30


@pytest.mark.parametrize(("lang", "counts"), [
    ("en", ["4 of more than 5 reflections shown; more load as you scroll.",
            "8 of more than 10 reflections shown; more load as you scroll.",
            "12 reflections"]),
    ("fi", ["Näytetään 4/yli 5 pohdintaa; lisää latautuu, kun selaat alaspäin.",
            "Näytetään 8/yli 10 pohdintaa; lisää latautuu, kun selaat alaspäin.",
            "12 pohdintaa"]),
])
async def test_list_counts_no_further_than_a_cap(workspace: Workspace,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 request: pytest.FixtureRequest, lang: str,
                                                 counts: list[str]) -> None:
    """Past the count's cap the list says "more than" and keeps loading as the cursor goes
    down; the last page makes the count exact."""
    from kohtaa_tui.storage import index_base
    from kohtaa_tui.ui.launch import fresh_ui
    from kohtaa_tui.ui.screens import journal_list

    monkeypatch.setattr(index_base, "COUNT_CAP", 5)
    monkeypatch.setattr(journal_data, "PAGE_SIZE", 4)
    monkeypatch.setattr(journal_list, "MORE_AT", 1)
    for n in range(12):
        moment = MOMENT - timedelta(minutes=n)
        workspace.store.save_entry(JournalEntry(
            id=f"e{n:04d}", schema_id="quick", schema_version=1, created=moment,
            updated=moment, answers={"title": f"Entry {n}"}), None)
    ui = fresh_ui(lang)
    request.addfinalizer(lambda: fresh_ui("en"))
    app = ui.KohtaaApp(workspace.with_lang(lang), start=list_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        count = app.screen.query_one("#journal-count")
        seen = [str(count.render())]
        for _page in range(2):
            table.move_cursor(row=table.row_count - 1)
            await settle(pilot)
            seen.append(str(count.render()))
        assert seen == counts
        assert table.row_count == 12


async def test_journal_from_the_dashboard(workspace: Workspace) -> None:
    """j opens the journal."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JournalListScreen)
        titles = [title for title, _help, _action in app.navigation()]
        assert "Journal" in titles and "Write a reflection" in titles


class SentinelApp(KohtaaApp):
    """Records whether any injected action ran."""

    pwned: ClassVar[list[str]] = []

    def action_pwned(self, arg: str = "") -> None:
        self.pwned.append(arg)


# -- hostile text --------------------------------------------------------------------------------

def hostile_schema(ws: Workspace, payload: str) -> None:
    """A schema of the person's own whose every text is `payload`."""
    from kohtaa_tui.storage.atomic import write_atomic
    from kohtaa_tui.storage.repository import dump_for_test

    document = {
        "schema_version": 1, "kind": "journal_schema", "id": "hostile", "version": 1,
        "title": payload, "description": payload, "languages": ["en"],
        "fields": [
            {"id": "title", "type": "short_text", "prompt": payload, "help": payload,
             "role": "title"},
            {"id": "pick", "type": "multi_choice", "prompt": payload,
             "options": [{"id": "a", "label": payload}, {"id": "b", "label": "plain"}]},
            {"id": "rate", "type": "rating", "prompt": payload, "min": 1, "max": 3,
             "labels": [payload, payload, payload]},
            {"id": "note", "type": "long_text", "prompt": payload},
        ],
    }
    write_atomic(ws.store.schemas_dir / "hostile" / "1.toml", dump_for_test(document))


def screen_text(screen: Screen[Any]) -> str:
    """Everything the screen's widgets render, as plain text."""
    from textual.content import Content
    from textual.widgets import Static

    from kohtaa_tui.ui.widgets.journal_fields import PickField

    parts: list[str] = []
    for widget in screen.query(Static):
        content = widget.content
        if isinstance(content, Content):
            assert not any("@click" in str(span.style) for span in content.spans)
        parts.append(str(content))
    for pick in screen.query(PickField):
        rendered = pick.render()
        assert not any("@click" in str(span.style) for span in rendered.spans)
        parts.append(rendered.plain)
    for table in screen.query(DataTable):
        for row in range(table.row_count):
            parts.extend(str(cell) for cell in table.get_row_at(row))
    return "\n".join(parts)


def assert_literal(text: str, payload: str) -> None:
    """The payload is visible as typed, with its controls made visible."""
    from kohtaa_tui.domain.display import display_safe

    assert display_safe(payload, keep_newlines=False)[:12] in text
    for raw in ("\x1b", "\x00", "\u202e"):
        assert raw not in text


@pytest.mark.parametrize("payload", __import__("tests.hostile", fromlist=["PAYLOADS"]).PAYLOADS)
async def test_hostile_text_is_shown_literally_and_runs_nothing(
        workspace: Workspace, tmp_path: Path, payload: str) -> None:
    """Schema texts and answers with markup, actions and escapes: picker, form, view, list."""
    hostile_schema(workspace, payload)
    line = payload.replace("\n", " ")
    workspace.store.save_entry(JournalEntry(
        id="e-hostile", schema_id="hostile", schema_version=1, created=MOMENT, updated=MOMENT,
        answers={"title": line, "pick": ("a",), "rate": 2, "note": payload, "gone": payload}), None)
    SentinelApp.pwned.clear()
    app = SentinelApp(workspace, start=list_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert_literal(screen_text(app.screen), payload)
        await pilot.press("enter")                      # the entry
        await pilot.pause()
        assert isinstance(app.screen, EntryViewScreen)
        assert_literal(screen_text(app.screen), payload)
        for y in range(2, 20):
            await pilot.click(offset=(6, y))
        await pilot.press("e")                          # the form, filled in
        await pilot.pause()
        assert isinstance(app.screen, JournalFormScreen)
        text = screen_text(app.screen)
        assert_literal(text, payload)
        assert app.screen.query_one("#field-pick").value == ("a",)  # type: ignore[attr-defined]
        assert app.screen.query_one("#field-rate").value == 2  # type: ignore[attr-defined]
        await pilot.press("escape", "escape")
        await pilot.press("n")                          # the picker lists the schema
        await settle(pilot)
        assert isinstance(app.screen, SchemaPickerScreen)
        options = app.screen.query_one("#schemas")
        rendered = "\n".join(str(options.get_option_at_index(i).prompt)  # type: ignore[attr-defined]
                             for i in range(options.option_count))  # type: ignore[attr-defined]
        assert_literal(rendered, payload)
    assert SentinelApp.pwned == []
    assert not list(tmp_path.rglob("leak.svg")) and not Path("/tmp/leak.svg").exists()
    assert app.return_code in (None, 0)


async def test_an_untouched_field_keeps_its_stored_value(workspace: Workspace,
                                                         data_dir: Path) -> None:
    """Editing one answer leaves the others byte for byte: seconds of a time, odd text."""
    moment = datetime(2026, 11, 19, 8, 15, 42, tzinfo=UTC)
    workspace.store.save_entry(JournalEntry(
        id="e-keep", schema_id="customer-service", schema_version=1, created=MOMENT, updated=MOMENT,
        answers={"title": "Title", "occurred_at": moment, "what_happened": "Bell\x07 and\ttab",
         "take_forward": "Ask", "tags": ("Billing",)}), None)
    app = KohtaaApp(workspace, start=view_of("e-keep"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-take_forward", Input).value = "Ask first"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryViewScreen)
    [entry] = saved_entries(data_dir)
    assert entry["answers"]["occurred_at"] == moment
    assert entry["answers"]["what_happened"] == "Bell\x07 and\ttab"
    assert entry["answers"]["tags"] == ["Billing"]
    assert entry["answers"]["take_forward"] == "Ask first"


async def test_the_form_shows_stored_controls_with_the_visible_marker(
        workspace: Workspace, data_dir: Path) -> None:
    """A control character in a stored answer is shown in the form as in every other view
    (never dropped unseen); left alone it is kept, and an edited field saves what it showed."""
    workspace.store.save_entry(JournalEntry(
        id="e-ctl", schema_id="customer-service", schema_version=1, created=MOMENT, updated=MOMENT,
        answers={"title": "Bell\x07 title", "occurred_at": MOMENT,
                 "what_happened": "Bell\x07 and\ttab", "take_forward": "Ask"}), None)
    app = KohtaaApp(workspace, start=view_of("e-ctl"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-what_happened", TextArea).text == "Bell\u2407 and\ttab"
        assert app.screen.query_one("#field-title", Input).value == "Bell\u2407 title"
        app.screen.query_one("#field-title", Input).value = "Bell\u2407 title, edited"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryViewScreen)
    [entry] = saved_entries(data_dir)
    assert entry["answers"]["what_happened"] == "Bell\x07 and\ttab"
    assert entry["answers"]["title"] == "Bell\u2407 title, edited"


async def test_an_unsaved_edit_is_restored_after_a_restart(workspace: Workspace,
                                                           data_dir: Path) -> None:
    """Changes to a saved entry are kept in their own draft and continue that entry."""
    plant(workspace, "e-one", "Visit", what="Went fine", now_what="Ask")
    app = KohtaaApp(workspace, start=view_of("e-one"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" again")
        app.flush_drafts()  # as on SIGHUP: the terminal closed
    [draft] = drafts(data_dir)
    assert draft["entry"] == "e-one" and draft["answers"]["title"] == "Visit again"
    again = KohtaaApp(workspace)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(again.screen, JournalFormScreen)
        assert again.screen.entry is not None and again.screen.entry.id == "e-one"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [entry] = saved_entries(data_dir)
    assert entry["id"] == "e-one"
    assert entry["answers"]["title"] == "Visit again"
    assert entry["answers"]["what"] == "Went fine"
    assert drafts(data_dir) == []


# -- kohtaa journal new --------------------------------------------------------------------------

def test_journal_new_opens_the_form_of_a_schema(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """`kohtaa journal new --type quick` starts the app at the picker set to open quick;
    an unknown schema is one line on stderr and exit code 2, and no app starts."""
    from kohtaa_tui import cli
    from kohtaa_tui.ui import launch as launch_module

    started: list[Any] = []

    def fake_launch(ws: Workspace, start: Callable[[Workspace], Screen[Any]]) -> int:
        started.append(start(ws))
        return 0

    monkeypatch.setattr(launch_module, "launch", fake_launch)
    assert cli.main(["journal", "new", "--type", "quick"]) == 0
    [screen] = started
    assert isinstance(screen, SchemaPickerScreen) and screen.open_schema == "quick"
    assert cli.main(["journal", "new", "--type", "no-such-kind"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-such-kind" in err
    assert len(started) == 1
    assert cli.main(["journal", "new"]) == 0
    assert started[-1].open_schema is None


async def test_prompts_in_the_active_language_with_fallback(
        workspace: Workspace, request: pytest.FixtureRequest) -> None:
    """In Finnish the form shows the Finnish prompts; a schema written only in English
    shows its English prompt instead of nothing."""
    from kohtaa_tui.storage.atomic import write_atomic
    from kohtaa_tui.storage.repository import dump_for_test
    from kohtaa_tui.ui.launch import fresh_ui

    write_atomic(workspace.store.schemas_dir / "english-only" / "1.toml", dump_for_test({
        "schema_version": 1, "kind": "journal_schema", "id": "english-only", "version": 1,
        "title": {"en": "Team huddle"}, "description": {"en": "After the morning huddle."},
        "languages": ["en"],
        "fields": [{"id": "note", "type": "short_text", "prompt": {"en": "What stuck?"},
                    "help": {"en": "One line."}}],
    }))
    ui = fresh_ui("fi")
    request.addfinalizer(lambda: fresh_ui("en"))
    picker = __import__("kohtaa_tui.ui.screens.journal_picker", fromlist=["x"])
    fi = workspace.with_lang("fi")
    for schema_id, expected in (("quick", ["Otsikko", "Mitä tapahtui?"]),
                                ("english-only", ["What stuck?", "One line."])):
        app = ui.KohtaaApp(fi, start=picker.start_journal_entry(schema_id))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = "\n".join(str(w.render()) for w in app.screen.query(".prompt, .help"))
            for prompt in expected:
                assert prompt in text


async def test_period_filter_keeps_recent_entries(workspace: Workspace) -> None:
    """"Last 7 days" leaves out what was written earlier; "Any time" brings it back."""
    from textual.widgets import Select

    plant(workspace, "e-new", "Recent call", days=2, what="fresh")
    plant(workspace, "e-old", "Old call", days=40, what="stale")
    app = KohtaaApp(workspace, start=list_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert [k.value for k in table.rows] == ["e-new", "e-old"]
        period: Select[str] = app.screen.query_one("#filter-period", Select)
        period.value = "7"
        await pilot.pause()
        await settle(pilot)
        assert [k.value for k in table.rows] == ["e-new"]
        period.clear()
        await pilot.pause()
        await settle(pilot)
        assert [k.value for k in table.rows] == ["e-new", "e-old"]


async def test_star_and_private_from_the_list(workspace: Workspace, data_dir: Path) -> None:
    """s and p on a highlighted row toggle that entry in its file; the marks column shows
    ★ and P; the row stays selected; with the Starred filter on, unstarring drops it."""
    plant(workspace, "e-new", "Recent call", days=1)
    plant(workspace, "e-old", "Old call", days=3)
    app = KohtaaApp(workspace, start=list_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert "Star" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("down")  # the older entry
        await pilot.press("s", "p")
        await settle(pilot)
        files = {e["id"]: e for e in saved_entries(data_dir)}
        assert files["e-old"]["starred"] is True and files["e-old"]["private"] is True
        assert files["e-new"]["starred"] is False and files["e-new"]["private"] is False
        assert table.cursor_row == 1
        assert str(table.get_cell("e-old", "marks")) == "★ P"
        await pilot.press("p")
        await settle(pilot)
        assert str(table.get_cell("e-old", "marks")).strip() == "★"
        app.screen.query_one("#filter-starred", Checkbox).value = True
        await settle(pilot)
        assert [k.value for k in table.rows] == ["e-old"]
        await pilot.press("s")
        await settle(pilot)
        assert table.row_count == 0
        assert {e["id"]: e["starred"] for e in saved_entries(data_dir)} == {
            "e-new": False, "e-old": False}
