"""The report screen: opened from the dashboard, previews demo data, privacy, saving."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select, Static

from kohtaa_tui import i18n
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.domain.report import preset_period
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.report import gather_report, render_text
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.confirm import ConfirmModal
from kohtaa_tui.ui.screens.dashboard import DashboardScreen
from kohtaa_tui.ui.screens.report import ReportScreen

SECRET = "Quetzalcoatl-7731"
TODAY = date(2026, 11, 22)


def private_entry() -> JournalEntry:
    """A starred private reflection whose texts carry a word found nowhere else."""
    when = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    return JournalEntry(id="private-one", schema_id="sales-meeting", schema_version=1, created=when,
                        updated=when, answers={
        "title": f"Meeting {SECRET}", "what_happened": "Talked.",
        "went_well": f"Kept calm {SECRET}", "take_forward": "Ask first.",
    }, starred=True, private=True)


async def open_report(app: KohtaaApp, pilot: object) -> ReportScreen:
    """Press p on the dashboard and wait for the preview."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, DashboardScreen)
    await pilot.press("p")  # type: ignore[attr-defined]
    await settle(app, pilot)
    assert isinstance(app.screen, ReportScreen)
    return app.screen


async def settle(app: KohtaaApp, pilot: object) -> None:
    """Let the screen's worker finish and the result be drawn."""
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def preview(screen: ReportScreen) -> str:
    """The text of the preview as drawn."""
    return str(screen.query_one("#report-preview", Static).content)


def status(screen: ReportScreen) -> str:
    """The privacy line above the preview."""
    return str(screen.query_one("#report-status", Static).content)


async def test_p_opens_the_report_with_demo_numbers(workspace: Workspace,
                                                   clock: FixedClock) -> None:
    """The preview shows the last three months' step scores, goals and questions."""
    populate(workspace.store, clock, "en")
    since, until = preset_period("3m", TODAY)
    expected = gather_report(workspace, since, until)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        text = preview(screen)
        assert text == render_text(expected, "en")
        assert "Period: 2026-08-23 – 2026-11-22" in text
        assert expected.assessments >= 2
        for step in expected.steps:
            assert step.start is not None and step.end is not None and step.change is not None
            row = next(line for line in text.splitlines()
                       if line.startswith(get_step(step.step).name.get("en")))
            assert row.split()[-3:] == [i18n.number(step.start), i18n.number(step.end),
                                        i18n.signed(step.change)]
        assert "Questions to bring" in text and "How can you support my goal" in text
        assert "Private reflections are left out" in status(screen)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_report_is_in_the_command_palette(workspace: Workspace) -> None:
    """The report is one of the places the palette offers."""
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [title for title, _help, _action in app.navigation()]
        assert "Development discussion report" in titles
        action = next(a for t, _h, a in app.navigation() if t == "Development discussion report")
        action()
        await settle(app, pilot)
        assert isinstance(app.screen, ReportScreen)


async def test_private_reflection_toggles_in_and_out(workspace: Workspace,
                                                     clock: FixedClock) -> None:
    """Off by default (and the screen says so); ticking the box brings the text in."""
    populate(workspace.store, clock, "en")
    workspace.store.save_entry(private_entry(), None)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        assert SECRET not in preview(screen)
        assert "Private reflections are left out" in status(screen)
        assert screen.query_one("#private", Checkbox).value is False
        await pilot.click("#private")
        await settle(app, pilot)
        assert screen.include_private()
        assert f"Meeting {SECRET}" in preview(screen)
        assert f"Kept calm {SECRET}" in preview(screen)
        assert "Private reflections are included" in status(screen)
        await pilot.click("#private")
        await settle(app, pilot)
        assert SECRET not in preview(screen)


async def test_custom_dates(workspace: Workspace, clock: FixedClock) -> None:
    """Custom dates are typed in; a wrong date says how to write one and keeps the preview."""
    populate(workspace.store, clock, "en")
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        since_input = screen.query_one("#since", Input)
        assert since_input.disabled
        screen.query_one("#period", Select).value = "custom"
        await settle(app, pilot)
        assert not since_input.disabled
        since_input.value = "1.10.2026"
        screen.query_one("#until", Input).value = "2026-10-31"
        await settle(app, pilot)
        assert "Period: 2026-10-01 – 2026-10-31" in preview(screen)
        assert screen.report is not None and screen.report.until == date(2026, 10, 31)
        since_input.value = "yesterday"
        await settle(app, pilot)
        assert "Type the dates as" in status(screen)
        assert "Period: 2026-10-01 – 2026-10-31" in preview(screen)
        since_input.value = "2026-11-15"
        await settle(app, pilot)
        assert "The first day is after the last day" in status(screen)
        screen.query_one("#period", Select).value = "year"
        await settle(app, pilot)
        assert since_input.disabled and since_input.value == "2026-01-01"
        assert "Period: 2026-01-01 – 2026-11-22" in preview(screen)


async def test_save_writes_and_never_overwrites_silently(workspace: Workspace,
                                                         clock: FixedClock,
                                                         tmp_path: Path) -> None:
    """Ctrl+S saves; an existing file is replaced only after a yes."""
    populate(workspace.store, clock, "en")
    workspace.store.save_entry(private_entry(), None)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        path_input = screen.query_one("#path", Input)
        default = Path.home() / "kohtaa-report-2026-11-22.md"
        assert path_input.value == "~/kohtaa-report-2026-11-22.md"  # the file name fits
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = default.read_text(encoding="utf-8")
        assert saved.startswith("# Development discussion summary")
        assert SECRET not in saved and "private reflections are not included" in saved
        target = tmp_path / "out" / "report.md"
        target.parent.mkdir()
        target.write_text("old notes", encoding="utf-8")
        screen.query_one("#format", Select).value = "json"
        await pilot.pause()
        assert path_input.value == "~/kohtaa-report-2026-11-22.json"
        path_input.value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "already exists" in str(app.screen.query_one("#confirm-question",
                                                            Static).content)
        await pilot.press("enter")  # No is the default
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert target.read_text(encoding="utf-8") == "old notes"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["until"] == "2026-11-22" and data["include_private"] is False
        assert not list(target.parent.glob(".*"))  # no temp file left behind
        assert screen.saved_to == target


async def test_save_html_with_private_into_a_directory(workspace: Workspace,
                                                       clock: FixedClock,
                                                       tmp_path: Path) -> None:
    """A directory as the path saves the default file name in it; private text if asked."""
    populate(workspace.store, clock, "en")
    workspace.store.save_entry(private_entry(), None)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        await pilot.click("#private")
        await settle(app, pilot)
        screen.query_one("#format", Select).value = "html"
        screen.query_one("#path", Input).value = str(tmp_path)
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
    html = (tmp_path / "kohtaa-report-2026-11-22.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and SECRET in html


async def test_hostile_text_in_the_preview_is_literal(workspace: Workspace) -> None:
    """Markup, action links and escapes in titles, answers, goals and notes are shown as
    typed: nothing styled, nothing clickable, no raw control character."""
    from kohtaa_tui.domain.goals import CheckIn, Goal, Target
    from tests.hostile import ALL_IN_ONE, PAYLOADS, RAW_ESCAPES, VISIBLE_MARKERS

    when = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    for number, payload in enumerate(PAYLOADS):
        workspace.store.save_entry(JournalEntry(
            id=f"hostile-{number}", schema_id="sales-meeting", schema_version=1, created=when,
            updated=when,
            answers={"title": payload, "what_happened": "x", "went_well": ALL_IN_ONE,
             "take_forward": payload}, starred=True), None)
    workspace.store.save_goal(Goal(id="g-hostile", title=ALL_IN_ONE, created=when,
                                   start=date(2026, 11, 1),
                                   target=Target(kind="manual"),
                                   check_ins=(CheckIn(id="c1", at=when, note=ALL_IN_ONE,
                                                      progress=10),)), None)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        content = screen.query_one("#report-preview", Static).content
        text = str(content)
        for marker in VISIBLE_MARKERS:
            assert marker in text
        for raw in RAW_ESCAPES:
            assert raw not in text
        assert not getattr(content, "spans", ())
        assert app.is_running


async def test_empty_data_and_a_read_failure(workspace: Workspace,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """No data: the preview says what is missing and saving still works. Data that cannot
    be read: one line on the screen, the app keeps running."""
    from kohtaa_tui.storage.errors import StorageError
    from kohtaa_tui.ui.screens import report as report_screen

    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        text = preview(screen)
        assert "No assessments in this period." in text
        assert "No goals in this period." in text and "0 reflections in the period." in text
        assert "none in this period" in status(screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.saved_to is not None and screen.saved_to.exists()

        def broken(*_args: object, **_kwargs: object) -> None:
            raise StorageError("data/results: permission denied")

        monkeypatch.setattr(report_screen, "gather_report", broken)
        await pilot.click("#private")
        await settle(app, pilot)
        assert "could not be made: data/results: permission denied" in status(screen)
        assert "No assessments in this period." in preview(screen)
        assert app.is_running


async def test_choose_the_bank_whose_scores_are_compared(workspace: Workspace,
                                                         clock: FixedClock) -> None:
    """Core by default; another bank with results can be chosen, and the preview follows."""
    populate(workspace.store, clock, "en")
    since, until = preset_period("3m", TODAY)
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_report(app, pilot)
        await settle(app, pilot)
        bank = screen.query_one("#bank", Select)
        assert bank.value == "core"
        assert "with the bank “The five steps of a customer encounter”" in preview(screen)
        bank.value = "after-meeting"
        await settle(app, pilot)
        expected = gather_report(workspace, since, until, "after-meeting")
        assert expected.assessments >= 1
        assert preview(screen) == render_text(expected, "en")
        assert screen.report is not None and screen.report.bank_id == "after-meeting"


async def test_leaving_at_once_is_safe(workspace: Workspace, clock: FixedClock) -> None:
    """Escape right after p, before anything is loaded: back on the dashboard, no error."""
    populate(workspace.store, clock, "en")
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("p", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportScreen) and app.screen.report is not None
    assert app.return_code in (None, 0)
