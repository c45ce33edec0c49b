"""`kohtaa feedback answer FILE` in the app: the observer wording on the bank's scale, digits
and arrows, the comment, an optional name, the response file written only where asked."""

from __future__ import annotations

import io
import sys
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from kohtaa_tui.cli import main
from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.feedback import FeedbackRequest
from kohtaa_tui.services.feedback import hand_out, make_request
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui import answer_app
from kohtaa_tui.ui.answer_app import AnswerApp
from kohtaa_tui.ui.modals.confirm import ConfirmModal
from kohtaa_tui.ui.screens.feedback_answer import FeedbackAnswerScreen
from tests.hostile import ACTION, BIDI, CSI_CLEAR, NUL_DEL, OSC_TITLE, RAW_ESCAPES


def asked(ws: Workspace, role: str = "colleague", bank_id: str = "after-meeting",
          ) -> tuple[FeedbackRequest, QuestionBank]:
    return make_request(ws, bank_id, role, "Kettu [b]x[/b]", date(2026, 12, 20), "en")


def text_of(app: AnswerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def screen_of(app: AnswerApp) -> FeedbackAnswerScreen:
    return app.answer_screen


def plain(renderable: Any) -> str:
    console = Console(width=60, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def files_in(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def keys_shown(app: AnswerApp) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values()
            if b.enabled and b.binding.show}


async def test_answer_skip_go_back_comment_name_and_save(workspace: Workspace,
                                                         tmp_path: Path) -> None:
    request, bank = asked(workspace)
    items = bank.observer_items("colleague")
    target = tmp_path / "answer.toml"
    before = files_in(workspace.data_dir)
    app = AnswerApp(workspace, request, bank, target)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        # The item in observer wording, never the self wording; the asker's name as text.
        assert text_of(app, "#answer-item") == items[0].observer.get("en")  # type: ignore[union-attr]
        assert "Kettu [b]x[/b] asks for your view" in text_of(app, "#answer-intro")
        assert "Question 1 of" in text_of(app, "#answer-progress")
        assert "Save" not in keys_shown(app) and "Answer" in keys_shown(app)
        await pilot.press("4")       # answers the first, goes on
        await pilot.press("right")   # leaves the second unanswered
        await pilot.press("3")       # the third
        await pilot.press("left", "left")
        await pilot.pause()
        assert screen.position == 1
        await pilot.press("down", "down", "enter")  # the option list answers too: 2
        await pilot.press("end")
        await pilot.pause()
        assert screen.on_last_page and isinstance(app.focused, TextArea)
        assert "You answered 3 of" in text_of(app, "#answer-summary")
        assert "Save" in keys_shown(app) and "Answer" not in keys_shown(app)
        await pilot.press(*"Listens well", "tab", *"Maija")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.saved == target
    doc = tomllib.loads(target.read_text(encoding="utf-8"))
    assert doc["kind"] == "feedback_response" and doc["request_id"] == request.id
    assert doc["answers"] == {items[0].id: 4, items[1].id: 2, items[2].id: 3}
    assert doc["comment"] == "Listens well" and doc["name"] == "Maija"
    assert doc["role"] == "colleague" and doc["lang"] == "en"
    # Nothing among the answerer's own data: no result, no draft, no response kept.
    assert files_in(workspace.data_dir) == before


async def test_anonymous_by_default_and_typed_ahead_digits_stay_out(
        workspace: Workspace, tmp_path: Path) -> None:
    request, bank = asked(workspace, "customer")
    count = len(bank.observer_items("customer"))
    target = tmp_path / "a.toml"
    app = AnswerApp(workspace, request, bank, target)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        name = app.screen.query_one("#answer-name", Input)
        assert name.value == "" and "anonymous" in name.placeholder
        await pilot.press(*("5" * (count + 2)))  # two digits too many
        await pilot.pause()
        assert screen_of(app).on_last_page and app.focused is None
        assert app.screen.query_one("#answer-comment", TextArea).text == ""
        await pilot.press("O", "k")  # a letter starts the comment
        await pilot.press("ctrl+s")
        await pilot.pause()
    doc = tomllib.loads(target.read_text(encoding="utf-8"))
    assert "name" not in doc and doc["comment"] == "Ok"
    assert len(doc["answers"]) == count and set(doc["answers"].values()) == {5}


async def test_save_refuses_a_file_there_and_the_own_data(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    request, bank = asked(workspace)
    there = tmp_path / "there.toml"
    there.write_text("keep me", encoding="utf-8")
    app = AnswerApp(workspace, request, bank, there)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", "end", "ctrl+s")
        await pilot.pause()
        assert "already exists" in text_of(app, "#answer-error")
        assert app.is_running and app.saved is None
        field = app.screen.query_one("#answer-file", Input)
        field.value = str(workspace.data_dir / "mine.toml")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "inside your own kohtaa data" in text_of(app, "#answer-error")
        field.value = str(tmp_path / "no-such-folder" / "x.toml")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "does not exist" in text_of(app, "#answer-error")
        field.value = str(tmp_path / "fine.toml")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert there.read_text(encoding="utf-8") == "keep me"
    assert app.saved == tmp_path / "fine.toml" and app.saved.is_file()
    assert not (workspace.data_dir / "mine.toml").exists()


async def test_f2_switches_the_language_in_place(workspace: Workspace, tmp_path: Path) -> None:
    request, bank = asked(workspace, "manager", "core")
    items = bank.observer_items("manager")
    app = AnswerApp(workspace, request, bank, tmp_path / "a.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", "f2")
        await pilot.pause()
        assert text_of(app, "#answer-item") == items[1].observer.get("fi")  # type: ignore[union-attr]
        assert "Kysymys 2" in text_of(app, "#answer-progress")
        assert "Vastaa" in keys_shown(app)
        await pilot.press("left")
        await pilot.pause()
        # The earlier answer is kept and marked, in Finnish.
        scale = app.screen.query_one("#answer-scale", OptionList)
        assert scale.highlighted == 3
        assert "● 4  usein  (vastauksesi)" in plain(scale.get_option_at_index(3).prompt)
        await pilot.press("end", *"Hyvä", "ctrl+s")
        await pilot.pause()
    doc = tomllib.loads((tmp_path / "a.toml").read_text(encoding="utf-8"))
    assert doc["answers"] == {items[0].id: 4} and doc["lang"] == "fi"


async def test_leaving_asks_first_and_saves_nothing(workspace: Workspace,
                                                    tmp_path: Path) -> None:
    request, bank = asked(workspace)
    app = AnswerApp(workspace, request, bank, tmp_path / "a.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackAnswerScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.saved is None and not (tmp_path / "a.toml").exists()


async def test_the_palette_offers_what_the_page_can_do(workspace: Workspace,
                                                       tmp_path: Path) -> None:
    request, bank = asked(workspace)
    app = AnswerApp(workspace, request, bank, tmp_path / "a.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {title for title, _h, _c in app.navigation()}
        assert {"Next question", "To the comment", "Leave", "Help"} <= titles
        assert "Save the answer" not in titles and "Previous question" not in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"To the comment")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert screen_of(app).on_last_page
        titles = {title for title, _h, _c in app.navigation()}
        assert "Save the answer" in titles and "Next question" not in titles


def test_the_cli_opens_the_app_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str],
                                             workspace: Workspace) -> None:
    """With a terminal on stdin and stdout, `feedback answer` runs the app (here headless,
    driven by a pilot); the line printed names the file written."""
    request, bank = asked(workspace)
    req_file, _form = hand_out(request, bank, tmp_path / "req.toml", "en")
    out = tmp_path / "out.toml"
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    run = AnswerApp.run

    async def answer(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("1", "2", "end", *"cli", "ctrl+s")

    def headless(self: AnswerApp, *args: Any, **kwargs: Any) -> Any:
        return run(self, headless=True, size=(80, 24), auto_pilot=answer)

    monkeypatch.setattr(answer_app.AnswerApp, "run", headless)
    assert main(["--lang", "en", "feedback", "answer", str(req_file), "-o", str(out)]) == 0
    assert f"wrote {out}: send it to Kettu" in capsys.readouterr().out
    doc = tomllib.loads(out.read_text(encoding="utf-8"))
    assert len(doc["answers"]) == 2 and doc["comment"] == "cli"
    # --plain keeps the line-by-line prompts even in a terminal (and -o is never overwritten).
    assert main(["feedback", "answer", "--plain", str(req_file), "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err


async def test_a_hostile_name_in_the_request_is_only_text(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    """The asker's name comes from a file someone handed over: shown literally, never as
    markup, an action or a terminal escape, and the saved answer is unaffected."""
    request, bank = asked(workspace)
    # The escapes first: the name is shortened to one line of 60 characters where shown.
    request = replace(request, asker=" ".join([OSC_TITLE, CSI_CLEAR, BIDI, NUL_DEL, ACTION]))
    app = AnswerApp(workspace, request, bank, tmp_path / "a.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [text_of(app, "#answer-intro"), str(app.screen.title)]
        await pilot.press("3", "end")
        await pilot.pause()
        shown.append(text_of(app, "#answer-hint"))
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert all("PWNED-TITLE" in text and "[@click" in text for text in shown), shown
    assert not any(raw in text for raw in RAW_ESCAPES for text in shown)
    doc = tomllib.loads((tmp_path / "a.toml").read_text(encoding="utf-8"))
    assert len(doc["answers"]) == 1
