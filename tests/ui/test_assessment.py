"""Taking an assessment with the keyboard: what is saved on disk, drafts, resume, goal."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, OptionList, Static, TextArea

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult, score_answers
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.repository import fingerprint
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.new_goal import NewGoalModal
from kohtaa_tui.ui.modals.resume import ResumeModal
from kohtaa_tui.ui.screens.assessment import AssessmentScreen
from kohtaa_tui.ui.screens.assessment_result import AssessmentResultScreen
from kohtaa_tui.ui.screens.bank_picker import BankPickerScreen, start_assessment
from kohtaa_tui.ui.screens.history import HistoryScreen
from tests.unit.test_bank_validate import HEADER, item

# Keys for the fifteen rated items of after-meeting, in order.
KEYS = ["4", "2", "5", "1", "4", "3", "3", "5", "4", "5", "3", "3", "3", "1", "5"]
IDS = ["listening-let-finish", "listening-mind-wandered", "communication-next-steps",
       "communication-unexplained-terms", "negotiation-needs-first", "negotiation-hurried",
       "positivity-possibilities", "feedback-asked-customer", "listening-said-back",
       "communication-example", "negotiation-limits-said", "positivity-offered-instead",
       "positivity-unfortunately", "feedback-explained-away", "feedback-need-met"]


def saved_results(data_dir: Path, bank: str = "after-meeting") -> list[dict[str, object]]:
    """Every result file of a bank, parsed."""
    folder = data_dir / "results" / bank
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.toml"))]


def shown(app: KohtaaApp, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    return str(app.screen.query_one(selector, Static).content)


async def test_answer_a_whole_bank_with_the_keyboard(workspace: Workspace,
                                                     data_dir: Path) -> None:
    """Digits answer, Ctrl+S leaves the open item, Enter saves the result file."""
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
        assert "Question 1 of 16" in shown(app, "#progress")
        assert "Step 1: Active listening" in shown(app, "#progress")
        for key in KEYS:
            await pilot.press(key)
        assert "Question 16 of 16" in shown(app, "#progress")
        assert app.focused is None  # a digit too many would not land in the answer
        await pilot.press("5", "3")
        assert app.screen.query_one(TextArea).text == ""
        await pilot.press(*"Ask 2 [b]first[/]")  # a letter starts; digits are text then
        assert isinstance(app.focused, TextArea)
        await pilot.press("ctrl+s")
        assert "You answered 15 of 15" in shown(app, "#done")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentResultScreen)
        notes = shown(app, "#open-answers")  # the open answer is shown, literally
        assert "Your notes:" in notes and "Ask 2 [b]first[/]" in notes
    [result] = saved_results(data_dir)
    assert result["answers"] == {i: int(k) for i, k in zip(IDS, KEYS, strict=True)}
    assert result["open_answers"] == {"next-time": "Ask 2 [b]first[/]"}
    source = shipped_dir("question_banks") / "after-meeting.toml"
    assert result["bank_hash"] == fingerprint(source.read_bytes())
    shipped_version = tomllib.loads(source.read_text(encoding="utf-8"))["version"]
    assert (result["bank_id"], result["bank_version"], result["lang"]) == (
        "after-meeting", shipped_version, "en")
    assert (result["scale_min"], result["scale_max"]) == (1, 5)
    entry = load_banks(workspace.store).latest("after-meeting")
    assert entry is not None
    expected = score_answers(entry.doc, result["answers"])  # type: ignore[arg-type]
    assert result["scores"] == expected
    # reverse keying: listening = (4 + (6 - 2) + 4) / 3, communication = (5 + (6 - 1) + 5) / 3,
    # negotiation = (4 + (6 - 3) + 3) / 3
    assert result["scores"] == {"listening": 4.0, "communication": 5.0,
                                "negotiation": pytest.approx(10 / 3), "positivity": 3.0,
                                "feedback": 5.0}
    assert not workspace.store.assessment_draft_path("after-meeting").exists()


async def test_go_back_and_change_an_answer(workspace: Workspace, data_dir: Path) -> None:
    """Left goes back, the old answer is marked, a new key replaces it; right skips."""
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3")
        await pilot.press("left", "backspace")
        assert "Question 1 of 16" in shown(app, "#progress")
        options = app.screen.query_one("#scale", OptionList)
        assert options.highlighted == 1  # the answer 2 is highlighted
        await pilot.press("5")
        await pilot.press(*["right"] * 14)
        await pilot.press("ctrl+s", "enter")  # the open item's text box keeps the arrows
        await pilot.pause()
    [result] = saved_results(data_dir)
    assert result["answers"] == {"listening-let-finish": 5, "listening-mind-wandered": 3}
    assert result["scores"] == {"listening": 4.0}


async def test_quit_halfway_and_resume(workspace: Workspace, data_dir: Path) -> None:
    """Answers are in the draft after each key; the next start offers to continue."""
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "2", "5")
        draft = tomllib.loads(workspace.store.assessment_draft_path("after-meeting")
                              .read_text(encoding="utf-8"))
        assert draft["answers"] == {IDS[0]: 4, IDS[1]: 2, IDS[2]: 5}
        await pilot.press("ctrl+q")
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeModal)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
        assert "Question 4 of 16" in shown(app, "#progress")
        for key in KEYS[3:]:
            await pilot.press(key)
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
    [result] = saved_results(data_dir)
    assert result["answers"] == {i: int(k) for i, k in zip(IDS, KEYS, strict=True)}
    assert not workspace.store.assessment_draft_path("after-meeting").exists()


async def test_start_over_discards_the_draft(workspace: Workspace, data_dir: Path) -> None:
    """Start over begins at question 1 with nothing answered."""
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "2", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BankPickerScreen)
        options = app.screen.query_one(OptionList)
        # The core bank comes first; after-meeting second.
        assert "unfinished" not in str(options.get_option_at_index(0).prompt)
        assert "unfinished answers saved" in str(options.get_option_at_index(1).prompt)
        options.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeModal)
        await pilot.press("s")
        await pilot.pause()
        assert "Question 1 of 16" in shown(app, "#progress")
        assert not workspace.store.assessment_draft_path("after-meeting").exists()
        await pilot.press("1")
    draft = tomllib.loads(workspace.store.assessment_draft_path("after-meeting")
                          .read_text(encoding="utf-8"))
    assert draft["answers"] == {IDS[0]: 1}


async def test_no_rated_answer_no_result(workspace: Workspace, data_dir: Path) -> None:
    """Skipping everything saves nothing and says why."""
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(8):
            await pilot.press("right")
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
    assert not (data_dir / "results").exists()


async def test_result_shows_change_and_g_saves_a_goal(workspace: Workspace,
                                                      data_dir: Path) -> None:
    """The second result shows the change per step; g opens the new-goal dialog prefilled
    with a score goal for the weakest step, and Ctrl+S saves it."""
    for keys in (["3"] * 15, KEYS):
        workspace.clock.advance(timedelta(days=7))  # type: ignore[attr-defined]
        app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*keys, "ctrl+s", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            bars = shown(app, "#bars")
            if keys == KEYS:
                assert "1 Listening" in bars and "4.0" in bars and "+1.0" in bars
                summary = shown(app, "#summary")
                assert "Most room to grow: Positive language and attitude (3.0)" in summary
                await pilot.press("g")
                await pilot.pause()
                assert isinstance(app.screen, NewGoalModal)
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert isinstance(app.screen, AssessmentResultScreen)
    [goal_file] = list((data_dir / "goals").glob("*.toml"))
    goal = tomllib.loads(goal_file.read_text(encoding="utf-8"))
    assert goal["step"] == "positivity"
    assert goal["target"] == {"kind": "score", "value": 3.5, "bank": "after-meeting",
                              "step": "positivity", "baseline": 3.0}
    assert str(goal["start"]) == "2026-12-06" and str(goal["due"]) == "2027-01-31"
    # A score goal is named as one, with where the score starts from; not a behaviour that
    # a score could not show.
    assert goal["title"] == ("I raise my positivity score in “Quick check after a meeting” "
                             "from 3.0 to 3.5.")


async def test_a_scale_of_eleven_points_with_arrows(workspace: Workspace, data_dir: Path,
                                                    tmp_path: Path) -> None:
    """0..10: digits answer 0..9, arrows and Enter reach 10."""
    labels = ", ".join(f'{{ fi = "{n}", en = "{n}" }}' for n in range(11))
    text = (HEADER + f"\n[scale]\nmin = 0\nmax = 10\nlabels = [{labels}]\n"
            + item("a") + item("b"))
    source = tmp_path / "tiny.toml"
    source.write_text(text, encoding="utf-8")
    assert main(["bank", "add", str(source)]) == 0
    app = KohtaaApp(workspace, start=start_assessment("tiny"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0")
        await pilot.press("end", "enter")
        await pilot.press("enter")
        await pilot.pause()
    [result] = saved_results(data_dir, "tiny")
    assert result["answers"] == {"a": 0, "b": 10}
    assert result["scores"] == {"listening": 5.0}


async def test_history_lists_results_and_opens_one(workspace: Workspace) -> None:
    """The history screen charts each step and Enter opens a past result."""
    for keys in (["3"] * 15, KEYS):
        workspace.clock.advance(timedelta(days=7))  # type: ignore[attr-defined]
        app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*keys, "ctrl+s", "enter")
            await pilot.pause()
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2 results" in shown(app, "#history-bank")
        chart = shown(app, "#chart")
        assert "1 Listening" in chart and "▅█" in chart  # 3.0 then 4.0... on 1..5
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentResultScreen)
        depth = len(app.screen_stack)
        # h on a result opened from the history goes back to that history, not a new one.
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is screen and len(app.screen_stack) == depth - 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentResultScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_app_keys_open_the_picker_and_only_on_home(workspace: Workspace) -> None:
    """`a` on the first screen opens the picker; on other screens it does nothing."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, BankPickerScreen)
        await pilot.press("a")
        await pilot.pause()
        assert len([s for s in app.screen_stack if isinstance(s, BankPickerScreen)]) == 1


async def test_hostile_bank_text_is_shown_literally(workspace: Workspace, data_dir: Path,
                                                    tmp_path: Path) -> None:
    """Markup and control characters in a bank are shown as text, never run or parsed."""
    evil = '"[@click=app.quit]x [/] y \\u001b]2;PWNED\\u0007"'
    text = (HEADER.replace('en = "Tiny"', f"en = {evil}")
            + "\n[scale]\nmin = 1\nmax = 2\nlabels = ['[b]no', '[/]yes']\n"
            + item("a", extra=f"low = {evil}\nhigh = {evil}\n",
                   text=f'{{ fi = "x", en = {evil} }}'))
    source = tmp_path / "evil.toml"
    source.write_text(text, encoding="utf-8")
    assert main(["bank", "add", str(source)]) == 0
    app = KohtaaApp(workspace, start=start_assessment("tiny"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "[@click=app.quit]x [/] y" in shown(app, "#item-text")
        assert "\x1b" not in shown(app, "#item-text")
        assert "\x1b" not in app.screen.sub_title
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentResultScreen)
    [result] = saved_results(data_dir, "tiny")
    assert result["answers"] == {"a": 2}


async def test_pasted_controls_are_dropped(workspace: Workspace, data_dir: Path) -> None:
    """A paste with an escape sequence into an open answer keeps only the text."""
    app = KohtaaApp(workspace, start=start_assessment("after-meeting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*KEYS)
        text_area = app.screen.query_one(TextArea)
        app.post_message(events.Paste("call\x1b]2;PWNED\x07 back\r\nsoon"))
        await pilot.pause()
        assert "\x1b" not in text_area.text
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
    [result] = saved_results(data_dir)
    assert result["open_answers"] == {"next-time": "call]2;PWNED back\nsoon"}


def advice_text(screen: AssessmentResultScreen) -> str:
    """The advice block as it reads, rendered without colour."""
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(screen._advice())
    return console.export_text()


async def test_the_tips_follow_the_lowest_answers(workspace: Workspace) -> None:
    """Two core results, listening the weakest step, each lowest on another of its items:
    the first tip on the screen is the one the lowest item names."""
    entry = load_banks(workspace.store).latest("core")
    assert entry is not None
    bank = entry.doc
    top = {i.id: (1 if i.reverse else 5) for i in bank.scored_items}
    base = {**top, **{i.id: (2 if i.reverse else 4) for i in bank.scored_items
                      if i.step == "listening"}}
    texts = []
    for low in ("listening-glance-screen", "listening-clarifying-question"):
        answers = {**base, low: 5 if bank.item(low).reverse else 1}  # type: ignore[union-attr]
        result = AssessmentResult(id="20261201-120000-000000", bank_id="core", bank_version=1,
                                  bank_hash=entry.fingerprint,
                                  completed=workspace.clock.now(), scale_min=1, scale_max=5,
                                  answers=answers,
                                  scores=score_answers(bank, answers))
        app = KohtaaApp(workspace, start=lambda ws, r=result: AssessmentResultScreen(
            ws, r, entry, find_previous=False))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, AssessmentResultScreen)
            texts.append(advice_text(app.screen))
    first = [line.strip() for text in texts for line in text.splitlines()
             if line.startswith("•")][::3]
    assert first[0].startswith("• Put your phone and papers out of reach")
    assert first[1].startswith("• Before you answer, ask one clarifying question")


async def test_the_result_links_a_low_mistake_item_to_the_journal(workspace: Workspace) -> None:
    """Listening is weakest and its lowest item is tagged mistake-interrupting: the result
    says how many reflections of this month were tagged with it (not last month's)."""
    from datetime import UTC, datetime

    from kohtaa_tui.domain.journal import JournalEntry

    for n, day in enumerate((30, 20, 21)):  # the first in October, the others this month
        when = datetime(2026, 10 if n == 0 else 11, day, 9, tzinfo=UTC)
        workspace.store.save_entry(JournalEntry(
            id=f"e-{n}", schema_id="quick", schema_version=1, created=when, updated=when,
            answers={"title": "T", "what": "x", "now_what": "y", "mistakes": ("interrupting",)}),
                                   None)
    entry = load_banks(workspace.store).latest("core")
    assert entry is not None
    bank = entry.doc
    answers = {i.id: (1 if i.reverse else 5) for i in bank.scored_items}
    answers |= {i.id: (2 if i.reverse else 4) for i in bank.scored_items
                if i.step == "listening"}
    answers["listening-interrupt-known"] = 5  # reverse: the lowest
    result = AssessmentResult(id="20261122-120000-000000", bank_id="core", bank_version=1,
                              bank_hash=entry.fingerprint,
                              completed=workspace.clock.now(), scale_min=1, scale_max=5,
                              answers=answers,
                              scores=score_answers(bank, answers))
    app = KohtaaApp(workspace, start=lambda ws: AssessmentResultScreen(ws, result, entry))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown(app, "#mistakes") == (
            "You tagged “interrupting” in 2 reflections this month.")


async def test_a_dialogic_result_is_read_per_relationship_phase(workspace: Workspace) -> None:
    """Low answers in the challenges phase only: the result lists each phase and names the
    challenges phase with the style that suits it; a bank without phases shows none."""
    catalogue = load_banks(workspace.store)
    entry = catalogue.latest("dialogic")
    assert entry is not None
    bank = entry.doc
    answers = {i.id: (1 if i.reverse else 5) for i in bank.scored_items}
    answers |= {i.id: (4 if i.reverse else 2) for i in bank.scored_items
                if "phase-challenges" in i.tags}
    result = AssessmentResult(id="20261122-120000-000000", bank_id="dialogic", bank_version=1,
                              bank_hash=entry.fingerprint,
                              completed=workspace.clock.now(), scale_min=1, scale_max=5,
                              answers=answers,
                              scores=score_answers(bank, answers))
    app = KohtaaApp(workspace, start=lambda ws: AssessmentResultScreen(ws, result, entry))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = shown(app, "#phases")
    assert text.splitlines()[:4] == ["By phase of the customer relationship:",
                                     "  Beginning           5.0",
                                     "  Development         5.0",
                                     "  Facing challenges   2.0"]
    assert "Most room to grow: Facing challenges. When the work hits trouble" in text


async def _core_result_read(workspace: Workspace, by_step: dict[str, int]) -> tuple[str, str]:
    """The summary and the advice of a core result whose every item of a step is answered
    to give that step's score, as the result screen shows them."""
    entry = load_banks(workspace.store).latest("core")
    assert entry is not None
    bank = entry.doc
    answers = {i.id: (6 - by_step[i.step] if i.reverse else by_step[i.step])
               for i in bank.scored_items}
    result = AssessmentResult(id="20261201-120000-000000", bank_id="core",
                              bank_version=entry.doc.version, bank_hash=entry.fingerprint,
                              completed=workspace.clock.now(), scale_min=1, scale_max=5,
                              answers=answers, scores=score_answers(bank, answers))
    app = KohtaaApp(workspace, start=lambda ws: AssessmentResultScreen(
        ws, result, entry, find_previous=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssessmentResultScreen)
        return shown(app, "#summary"), advice_text(app.screen)


TIED = {"listening": 2, "communication": 3, "negotiation": 5, "positivity": 5, "feedback": 2}


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["Negotiation and positivity are equally strong (5.0).",
            "Listening and feedback are equally low (2.0). Choose which one to work on first.",
            "Listening — what it costs:", "Feedback — what it costs:"]),
    ("fi", ["Neuvottelu ja myönteisyys ovat yhtä vahvoja (5,0).",
            "Kuuntelu ja palaute ovat yhtä matalalla (2,0). Valitse, mistä aloitat.",
            "Kuuntelu – miksi sillä on väliä:", "Palaute – miksi sillä on väliä:"]),
])
async def test_ties_are_said_as_ties_in_one_sentence(workspace: Workspace, lang: str,
                                                     expected: list[str]) -> None:
    """Two steps tied at the top and two at the bottom: each pair is one subject in a
    sentence a coach would say (short names, one "and"), the choice is offered, each low
    step says what it costs, and no step is both strongest and weakest."""
    from kohtaa_tui import i18n

    i18n.set_language(lang)
    try:
        summary, advice = await _core_result_read(workspace.with_lang(lang), TIED)
    finally:
        i18n.set_language("en")
    assert summary.splitlines() == expected[:2]
    assert expected[2] in advice and expected[3] in advice


async def test_all_high_names_no_weakest_on_the_screen(workspace: Workspace) -> None:
    """Every step high: the screen says so and shows no cost line and no weakest step."""
    summary, advice = await _core_result_read(workspace, dict.fromkeys(TIED, 5))
    assert summary.startswith("Every step is high this time.")
    assert "what it costs" not in advice and "Most room" not in summary
