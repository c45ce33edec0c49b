"""Goals in the app: from an assessment result to a goal, check-ins, the chart, status, edits."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.content import Content
from textual.widgets import DataTable, Input, OptionList, Select, Static

from kohtaa_tui.domain.display import display_safe
from kohtaa_tui.domain.goals import Target
from kohtaa_tui.services.goal_actions import add_check_in, new_check_in
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.check_in import CheckInModal
from kohtaa_tui.ui.modals.confirm import ConfirmModal
from kohtaa_tui.ui.modals.goal_edit import GoalEditModal, StatusModal
from kohtaa_tui.ui.modals.new_goal import NewGoalModal
from kohtaa_tui.ui.screens.assessment_result import AssessmentResultScreen
from kohtaa_tui.ui.screens.goal import GoalScreen
from kohtaa_tui.ui.screens.goals import GoalsScreen
from tests import hostile
from tests.goal_fixtures import check_in, entry, goal, result


def shown(app: KohtaaApp, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    return str(app.screen.query_one(selector, Static).content)


def table_text(app: KohtaaApp) -> str:
    """Every cell of the goals table, row by row."""
    table: DataTable[Any] = app.screen.query_one(DataTable)
    return "\n".join(" | ".join(str(cell) for cell in table.get_row_at(row))
                     for row in range(table.row_count))


async def settle(app: KohtaaApp, pilot: Any) -> None:
    """Wait for background reads and a redraw."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def goal_files(data_dir: Path) -> list[dict[str, Any]]:
    """Every goal file, parsed."""
    return [tomllib.loads(p.read_text(encoding="utf-8"))
            for p in sorted((data_dir / "goals").glob("*.toml"))]


async def test_goal_from_result_check_in_and_chart(workspace: Workspace,
                                                   data_dir: Path) -> None:
    """g on a result opens the dialog prefilled for the weakest step; saved, it is listed,
    opens with the score chart, and a check-in lands in the file."""
    workspace.store.save_result(result(15, {"listening": 3.0, "feedback": 2.4}))
    latest = result(20, {"listening": 3.5, "feedback": 2.0, "positivity": 4.0})
    workspace.store.save_result(latest)
    app = KohtaaApp(workspace, start=lambda ws: AssessmentResultScreen(ws, latest, None))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")  # a goal for the weakest step
        await settle(app, pilot)
        assert isinstance(app.screen, NewGoalModal)
        modal = app.screen
        assert modal.query_one("#goal-title", Input).value == (
            # The screen was given no bank entry, so the bank is named by its id.
            "I raise my score for using feedback in “core” from 2.0 to 2.5.")
        assert modal.query_one("#goal-step", Select).value == "feedback"
        assert modal.query_one("#goal-kind", Select).value == "score"
        assert modal.query_one("#goal-bank", Select).value == "core"
        assert modal.query_one("#goal-value", Input).value == "2.5"
        assert modal.query_one("#goal-due", Input).value == "2027-01-17"
        assert "Typical mistake:" in shown(app, "#suggest-head")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, AssessmentResultScreen)
        [saved] = goal_files(data_dir)
        assert saved["target"] == {"kind": "score", "value": 2.5, "bank": "core",
                                   "step": "feedback", "baseline": 2.0}
        assert saved["step"] == "feedback" and str(saved["start"]) == "2026-11-22"
        await pilot.press("escape", "g")  # back to the dashboard, then its goals key
        await settle(app, pilot)
        assert isinstance(app.screen, GoalsScreen)
        assert "2.0 / 2.5" in table_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalScreen)
        chart = shown(app, "#goal-chart")
        assert "Score at each assessment" in chart and "target" in chart
        assert "2026-11-15" in chart and "2026-11-20" in chart
        assert "█" in chart or "▁" in chart
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInModal)
        assert not app.screen.query("#check-in-progress")  # score goals move by results
        await pilot.press(*"asked twice", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalScreen)
        assert "Check-ins (1)" in shown(app, "#check-ins-title")
    [saved] = goal_files(data_dir)
    assert [c["note"] for c in saved["check_ins"]] == ["asked twice"]


async def test_manual_goal_reaching_100_is_achieved(workspace: Workspace,
                                                    data_dir: Path) -> None:
    """A check-in at 100 % marks the goal achieved with today's date and says so."""
    workspace.store.save_goal(goal(Target(kind="manual"), title="Plain offers",
                                   check_ins=(check_in(5, "c1", 40),)), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "Progress at each check-in" in shown(app, "#goal-chart")
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press(*"100", "tab", *"done", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalScreen)
        messages = [str(n.message) for n in app._notifications]
        assert any("Target reached: Plain offers" in m for m in messages)
        assert "achieved 2026-11-22" in shown(app, "#goal-about")
    [saved] = goal_files(data_dir)
    assert saved["status"] == "achieved" and str(saved["achieved_on"]) == "2026-11-22"
    assert [c["progress"] for c in saved["check_ins"]] == [40, 100]


async def test_correcting_a_check_in_keeps_the_old_one(workspace: Workspace,
                                                       data_dir: Path) -> None:
    """Enter on a check-in opens it prefilled; saving appends a correction that replaces it."""
    workspace.store.save_goal(goal(Target(kind="manual"), check_ins=(
        check_in(5, "c1", 40, note="first try"),)), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInModal)
        assert app.screen.query_one("#check-in-progress", Input).value == "40"
        assert app.screen.query_one("#check-in-date", Input).value == "2026-11-05"
        await pilot.press("backspace", "backspace", *"35", "ctrl+s")
        await settle(app, pilot)
        options = app.screen.query_one("#check-ins", OptionList)
        assert options.option_count == 1
        prompt = str(options.get_option_at_index(0).prompt)
        assert "35 %" in prompt and "was: 40 % first try" in prompt
    [saved] = goal_files(data_dir)
    assert [c["progress"] for c in saved["check_ins"]] == [40, 35]
    assert saved["check_ins"][1]["replaces"] == "c1"
    assert str(saved["check_ins"][1]["at"]).startswith("2026-11-05")


async def test_status_and_edit_keep_other_writers_check_ins(workspace: Workspace,
                                                            data_dir: Path) -> None:
    """s pauses the goal, e renames it; a check-in written meanwhile by another program stays."""
    workspace.store.save_goal(goal(Target(kind="manual"), due=date(2026, 11, 20)), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "overdue 2026-11-20" in shown(app, "#goal-about")
        add_check_in(workspace, "g1", new_check_in(workspace, note="from the CLI"))
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, StatusModal)
        await pilot.press("down", "down", "enter")  # active -> achieved -> paused
        await settle(app, pilot)
        assert "paused" in shown(app, "#goal-about")
        assert "overdue" not in shown(app, "#goal-about")
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalEditModal)
        title = app.screen.query_one("#edit-title", Input)
        title.value = "Listen to the very end"
        app.screen.query_one("#edit-due", Input).value = "31.12.2026"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Listen to the very end" in shown(app, "#goal-about")
    [saved] = goal_files(data_dir)
    assert saved["status"] == "paused" and saved["title"] == "Listen to the very end"
    assert str(saved["due"]) == "2026-12-31"
    assert [c["note"] for c in saved["check_ins"]] == ["from the CLI"]


async def test_goals_list_toggle_and_reached_targets(workspace: Workspace,
                                                     data_dir: Path) -> None:
    """Active goals first; a reached count target is marked achieved on sight; a shows all."""
    for day, ident in ((3, "e1"), (4, "e2")):
        workspace.store.save_entry(entry(day, ident), None)
    workspace.store.save_goal(goal(Target(kind="count", count=2), ident="count",
                                   title="Two reflections"), None)
    workspace.store.save_goal(goal(Target(kind="manual"), ident="paused", title="Paused one",
                                   status="paused"), None)
    workspace.store.save_goal(goal(Target(kind="manual"), ident="open", title="Open one",
                                   due=date(2026, 11, 1),
                                   check_ins=(check_in(2, "c1", 25),)), None)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalsScreen)
        text = table_text(app)
        assert "Open one" in text and "25 %" in text and "overdue 2026-11-01" in text
        assert "Two reflections" not in text and "Paused one" not in text
        messages = [str(n.message) for n in app._notifications]
        assert any("Target reached: Two reflections" in m for m in messages)
        await pilot.press("a")
        text = table_text(app)
        assert "[paused] Paused one" in text
        assert "[achieved] Two reflections" in text and "achieved 2026-11-04" in text
    saved = {g["id"]: g for g in goal_files(data_dir)}
    assert saved["count"]["status"] == "achieved"
    assert saved["count"]["achieved_on"] == date(2026, 11, 4)


async def test_several_reached_goals_give_one_notice_dated_when_reached(
        workspace: Workspace, data_dir: Path) -> None:
    """Three goals reached at once: one notice naming them all; each dated by its own data."""
    workspace.store.save_result(result(5, {"listening": 4.5}))
    for day, ident in ((3, "e1"), (7, "e2")):
        workspace.store.save_entry(entry(day, ident), None)
    workspace.store.save_goal(goal(Target(kind="count", count=2), ident="count",
                                   title="[b]Two[/b] reflections"), None)
    workspace.store.save_goal(goal(Target(kind="score", value=4.0, bank_id="core",
                                          step="listening"), ident="score",
                                   title="Listen well"), None)
    workspace.store.save_goal(goal(Target(kind="manual"), ident="manual", title="Done by hand",
                                   check_ins=(check_in(2, "c1", 40), check_in(9, "c2", 100))),
                              None)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        messages = [str(n.message) for n in app._notifications]
        reached = [m for m in messages if "reached" in m]
        assert len(reached) == 1
        assert reached[0].startswith("3 goals reached their target:")
        assert "[b]Two[/b] reflections" in reached[0] and "Listen well" in reached[0]
        assert "Done by hand" in reached[0]
    saved = {g["id"]: g for g in goal_files(data_dir)}
    assert saved["count"]["achieved_on"] == date(2026, 11, 7)
    assert saved["score"]["achieved_on"] == date(2026, 11, 5)
    assert saved["manual"]["achieved_on"] == date(2026, 11, 9)


async def test_new_goal_from_the_palette_with_a_suggestion(workspace: Workspace,
                                                           data_dir: Path) -> None:
    """The palette's New goal opens the dialog; a step brings suggestions; Ctrl+T fills the
    title and target; a count target is saved."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert any(title == "New goal" for title, _help, _cb in app.navigation())
        app.action_new_goal()
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, NewGoalModal)
        modal.query_one("#goal-step", Select).value = "listening"
        await settle(app, pilot)
        options = modal.query_one("#suggestions", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)]
        assert prompts[0] == ("In every meeting I sum up the customer's need out loud "
                              "before my first suggestion.")
        assert "I write five reflections in which I rate listening 4 or more." in prompts
        await pilot.press("ctrl+t")
        assert modal.query_one("#goal-title", Input).value == prompts[0]
        # A behaviour comes with a target it can be measured by: by hand, or counted in
        # reflections; never a score.
        assert modal.query_one("#goal-kind", Select).value == "manual"
        await pilot.press("ctrl+t")
        assert modal.query_one("#goal-title", Input).value == prompts[1]
        assert modal.query_one("#goal-kind", Select).value == "count"
        assert modal.query_one("#goal-count", Input).value == "5"
        await pilot.press("ctrl+t")
        assert modal.query_one("#goal-title", Input).value == prompts[2]
        assert modal.query_one("#goal-kind", Select).value == "count"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalScreen)  # the new goal opens
        assert "0 / 5" in shown(app, "#goal-about")
        assert "No reflections counted yet." in shown(app, "#goal-chart")
    [saved] = goal_files(data_dir)
    assert saved["target"] == {"kind": "count", "count": 5, "step": "listening",
                               "min_rating": 4}
    assert saved["title"] == "I write five reflections in which I rate listening 4 or more."


async def test_new_score_goal_starts_at_zero_percent(workspace: Workspace,
                                                     data_dir: Path) -> None:
    """A score goal keeps the step's score at the start as baseline and shows 0 %."""
    workspace.store.save_result(result(20, {"listening": 3.0}))
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_new_goal()
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, NewGoalModal)
        modal.query_one("#goal-title", Input).value = "Listen better"
        modal.query_one("#goal-step", Select).value = "listening"
        modal.query_one("#goal-kind", Select).value = "score"
        modal.query_one("#goal-bank", Select).value = "core"
        modal.query_one("#goal-value", Input).value = "4"
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalScreen)
        assert "░" * 20 + " 3.0 / 4.0" in shown(app, "#goal-about")  # an empty bar: 0 %
        assert ("Target: Listening score in bank The five steps of a customer encounter "
                "reaches 4.0") in shown(app, "#goal-about")
    [saved] = goal_files(data_dir)
    assert saved["target"]["baseline"] == 3.0 and saved["target"]["value"] == 4.0


async def test_new_goal_refuses_bad_fields(workspace: Workspace, data_dir: Path) -> None:
    """Missing title, bad dates and a score without a step are refused on one line."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_new_goal()
        await settle(app, pilot)
        modal = app.screen
        await pilot.press("ctrl+s")
        assert "needs a title" in shown(app, "#goal-error")
        modal.query_one("#goal-title", Input).value = "Something"
        modal.query_one("#goal-due", Input).value = "soon"
        await pilot.press("ctrl+s")
        assert "2026-11-22 or 22.11.2026" in shown(app, "#goal-error")
        modal.query_one("#goal-due", Input).value = "1.1.2026"
        await pilot.press("ctrl+s")
        assert "before the start" in shown(app, "#goal-error")
        modal.query_one("#goal-due", Input).value = ""
        modal.query_one("#goal-kind", Select).value = "score"
        await pilot.press("ctrl+s")
        assert "needs a step" in shown(app, "#goal-error")
        assert isinstance(app.screen, NewGoalModal)
    assert not (data_dir / "goals").exists()


async def test_linked_reflection_is_listed(workspace: Workspace) -> None:
    """A check-in can link a recent reflection; the goal then lists its date and title."""
    workspace.store.save_entry(entry(20, "e-one", title="Call with [b]Matti[/b]"), None)
    workspace.store.save_goal(goal(Target(kind="manual")), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        app.screen.query_one("#check-in-entry", Select).value = "e-one"
        await pilot.press(*"50", "ctrl+s")
        await settle(app, pilot)
        assert "2026-11-20  Call with [b]Matti[/b]" in shown(app, "#reflections")
    saved = workspace.store.goal("g1").value
    assert saved.check_ins[0].entry_id == "e-one"


async def test_linked_private_reflection_keeps_its_title(workspace: Workspace) -> None:
    """A linked private reflection is listed without its title."""
    from dataclasses import replace

    workspace.store.save_entry(replace(entry(20, "e-secret", title="Secret Zanzibar call"),
                                       private=True), None)
    workspace.store.save_goal(goal(Target(kind="manual"), check_ins=(
        check_in(21, "c1", 10, entry_id="e-secret"),)), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = shown(app, "#reflections")
        assert "2026-11-20  (private reflection)" in text
        assert "Zanzibar" not in text


class SentinelApp(KohtaaApp):
    """Records whether any injected action ran."""

    pwned: ClassVar[list[str]] = []

    def action_pwned(self, arg: str = "") -> None:
        self.pwned.append(arg)


@pytest.mark.parametrize("payload", hostile.PAYLOADS)
async def test_hostile_title_and_note_are_literal(workspace: Workspace, tmp_path: Path,
                                                  payload: str) -> None:
    """A goal titled and checked in with hostile text: shown as typed, nothing runs."""
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    workspace.store.save_goal(goal(Target(kind="manual"), title=payload, why=payload,
                                   check_ins=(check_in(20, "c1", 10, note=payload),)), None)
    del now
    app = SentinelApp(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        assert display_safe(payload)[:10] in table_text(app).replace("…", "")
        region = app.screen.query_one(DataTable).region
        for x in range(region.x + 2, region.x + 36, 4):
            await pilot.click(offset=(x, region.y + 1))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalScreen)
        about = shown(app, "#goal-about")
        assert display_safe(payload)[:20] in about
        options = app.screen.query_one("#check-ins", OptionList)
        note_text = str(options.get_option_at_index(0).prompt)
        assert display_safe(payload).replace("\n", " ")[:20] in note_text
        for widget in app.screen.query(Static):
            content = widget.content
            assert not any(raw in str(content) for raw in hostile.RAW_ESCAPES)
            if isinstance(content, Content):
                assert not any("@click" in str(span.style) for span in content.spans)
        region = app.screen.query_one("#goal-about").region
        for x in range(region.x + 1, region.x + 40, 4):
            await pilot.click(offset=(x, region.y))
        await pilot.pause()
    assert SentinelApp.pwned == []
    assert not list(tmp_path.rglob("leak.svg")) and not Path("/tmp/leak.svg").exists()


async def test_unsaved_goal_is_kept_on_quit(workspace: Workspace, data_dir: Path) -> None:
    """Quitting with the dialog open keeps what was typed; it comes back next time, and
    cancelling throws it away."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_new_goal()
        await settle(app, pilot)
        await pilot.press(*"Ask [b]first[/b]")
        app.screen.query_one("#goal-step", Select).value = "negotiation"
        await pilot.press("ctrl+q")
    draft = tomllib.loads(workspace.store.goal_draft_path.read_text(encoding="utf-8"))
    assert draft["kind"] == "goal_draft"
    assert draft["fields"]["title"] == "Ask [b]first[/b]"
    assert draft["fields"]["step"] == "negotiation"
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_new_goal()
        await settle(app, pilot)
        modal = app.screen
        assert modal.query_one("#goal-title", Input).value == "Ask [b]first[/b]"
        assert modal.query_one("#goal-step", Select).value == "negotiation"
        await pilot.press("escape")  # a kept draft counts as typed: Escape asks
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(app, pilot)
    assert not workspace.store.goal_draft_path.exists()
    assert not (data_dir / "goals").exists()


@pytest.mark.parametrize("payload", hostile.PAYLOADS)
async def test_hostile_text_in_the_check_in_dialog(workspace: Workspace, payload: str) -> None:
    """Correcting a hostile check-in and picking among hostile reflection titles runs nothing;
    the note comes back exactly as stored."""
    workspace.store.save_entry(entry(20, "e-hostile", title=payload.replace("\n", " ")), None)
    workspace.store.save_goal(goal(Target(kind="manual"), title=payload,
                                   check_ins=(check_in(20, "c1", 10, note=payload),)), None)
    app = SentinelApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # correct the check-in
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInModal)
        assert app.screen.query_one("#check-in-note", Input).value == payload
        title = str(app.screen.query_one(".title", Static).content)
        assert not any(raw in title for raw in hostile.RAW_ESCAPES)
        app.screen.query_one("#check-in-entry", Select).focus()
        await pilot.press("enter")  # open the reflection list
        await pilot.pause()
        for y in range(6, 18, 2):
            await pilot.click(offset=(20, y))
        await pilot.pause()
    assert SentinelApp.pwned == []


def label_texts(app: KohtaaApp) -> list[str]:
    """The form labels on the current screen, as shown."""
    from textual.widgets import Label
    return [str(label.content) for label in app.screen.query(Label)]


async def test_focused_field_is_marked_and_progress_must_be_a_number(
        workspace: Workspace) -> None:
    """The focused field's label reads ▶ and bold; Tab follows the screen order; a word in
    Progress is refused with a message naming it."""
    workspace.store.save_goal(goal(Target(kind="manual"), title="Plain offers"), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckInModal)
        assert app.focused is not None and app.focused.id == "check-in-progress"
        marked = [t for t in label_texts(app) if t.startswith("▶ ")]
        assert marked == ["▶ Progress %"]
        await pilot.press("shift+tab")
        assert app.focused is not None and app.focused.id == "check-in-date"
        await pilot.press("tab", "tab")
        assert app.focused is not None and app.focused.id == "check-in-note"
        assert [t for t in label_texts(app) if t.startswith("▶ ")] == ["▶ Note"]
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "check-in-entry"
        assert [t for t in label_texts(app) if t.startswith("▶ ")] == ["▶ Reflection"]
        app.screen.query_one("#check-in-progress", Input).value = "half"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInModal)
        assert "“half” is not a number" in shown(app, "#check-in-error")
        assert app.focused is not None and app.focused.id == "check-in-progress"
        await pilot.press("escape", "y")  # the typed progress is thrown away on y
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalEditModal)
        assert [t for t in label_texts(app) if t.startswith("▶ ")] == ["▶ Title"]
    assert workspace.store.goal("g1").value.check_ins == ()


async def test_latest_check_in_shows_at_80x24_without_scrolling(workspace: Workspace) -> None:
    """At 24 rows the chart is short, so the newest check-in is on screen at the top."""
    workspace.store.save_goal(goal(Target(kind="manual"), title="Plain offers",
                                   check_ins=(check_in(2, "c1", 30, note="first"),
                                              check_in(9, "c2", 55, note="second"))), None)
    app = KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        chart = shown(app, "#goal-chart").splitlines()
        assert len(chart) == 1 + 3 + 2  # title, three rows, axis, dates with the target
        assert "target 100" in chart[-1]
        page = app.screen.query_one("#goal-page")
        assert page.scroll_y == 0
        options = app.screen.query_one("#check-ins", OptionList)
        assert "55 %" in str(options.get_option_at_index(0).prompt)
        assert options.region.y + 3 <= 23  # border, the newest check-in's two lines
    async with KohtaaApp(workspace, start=lambda ws: GoalScreen(ws, "g1")).run_test(
            size=(100, 40)) as pilot:
        await settle(pilot.app, pilot)  # type: ignore[arg-type]
        assert len(str(pilot.app.screen.query_one("#goal-chart", Static).content)
                   .splitlines()) == 1 + 6 + 2
