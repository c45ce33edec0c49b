"""Answering someone's request for feedback (`kohtaa feedback answer FILE`): the items the
request asks, in observer wording, one at a time on the bank's scale (the keys of the
assessment screen), then an optional comment and name and where to save the response file
to hand back. Nothing is kept among the answerer's own data."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from kohtaa_tui.domain.assessment import clean_typed_text
from kohtaa_tui.domain.banks import BankItem, QuestionBank
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.feedback import NAMED_ROLES, FeedbackRequest
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.i18n import N_, _, day
from kohtaa_tui.services.feedback import (
    FeedbackError,
    new_response,
    response_file_name,
    write_response,
)
from kohtaa_tui.services.feedback_words import role_label
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.input_order import after_earlier_input
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.screens.item_keys import item_keys
from kohtaa_tui.ui.text import clean_text_area, literal, rich_literal, template
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar

FIELDS = (TextArea, Input)
"""Widgets that take the arrow keys and digits while they have the focus."""


class FeedbackAnswerScreen(Relabels, Screen[None]):
    """One item at a time, then the comment, the name and the file; Ctrl+S saves there."""

    CSS_PATH = Path(__file__).with_name("feedback_answer.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        *item_keys("answer"),
        Binding("end", "to_end", N_("To the comment"), id="answer-to-end", priority=True),
        Binding("ctrl+s", "save", N_("Save"), id="answer-save", priority=True),
        Binding("escape", "leave", N_("Leave"), id="answer-leave"),
    ]

    def __init__(self, workspace: Workspace, request: FeedbackRequest, bank: QuestionBank,
                 target: Path | None = None, name: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.request = request
        self.bank = bank
        self.items: tuple[BankItem, ...] = bank.observer_items(request.role)
        self.response_id = new_id(workspace.clock.now())
        self.target = target or Path(response_file_name(self.response_id))
        self.given_name = name or ""
        self.answers: dict[str, int] = {}
        self.position = 0
        self.saved: Path | None = None
        """The response file once written."""

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Who asks, the item and its scale; on the last page the comment, name and file."""
        yield TitleBar()
        with VerticalScroll(id="answer-body"):
            yield Static(id="answer-intro")
            yield Static(id="answer-progress")
            yield Static(id="answer-item")
            yield OptionList(id="answer-scale")
            yield Static(id="answer-summary")
            yield Label(_("A comment (optional)"), id="answer-comment-label")
            yield TextArea(id="answer-comment", soft_wrap=True)
            with Grid(id="answer-fields"):
                yield Label(_("Your name"))
                yield Input(self.given_name, id="answer-name", max_length=100, compact=True,
                            placeholder=self._name_placeholder())
                yield Label(_("Save to"))
                yield Input(str(self.target), id="answer-file", compact=True)
            yield Static(id="answer-error")
            yield Static(id="answer-hint")
        yield KeyBar()

    def _name_placeholder(self) -> str:
        if self.request.role in NAMED_ROLES:
            return _("optional")
        return _("optional: left empty, your answer is anonymous")

    def on_mount(self) -> None:
        """The title and the first item."""
        self._titles()
        self.show_page(write=False)

    def redraw(self, kept: Kept) -> None:
        """In the new language: the same page, what was typed kept."""
        self._titles()
        self.show_page(write=isinstance(self.focused, FIELDS))

    def _titles(self) -> None:
        lang = self.workspace.lang
        self.title = _("Feedback for {name}").format(name=one_line(self.request.asker, 60))
        self.sub_title = one_line(self.bank.title.get(lang), 60)
        asks = _("{name} asks for your view of how they work. You answer as: {role}.").format(
            name=one_line(self.request.asker, 60), role=role_label(self.request.role))
        if self.request.due is not None:
            asks += " " + _("Please answer by {date}.").format(
                date=day(self.request.due, lang))
        self.query_one("#answer-intro", Static).update(literal(asks))

    @property
    def on_last_page(self) -> bool:
        """True after the last item: the comment, the name and the file."""
        return self.position >= len(self.items)

    @property
    def current(self) -> BankItem | None:
        """The item on screen (None on the last page)."""
        return None if self.on_last_page else self.items[self.position]

    def show_page(self, write: bool = True) -> None:
        """Draw the current item or the last page. The last page reached by answering
        (`write` False) waits for Enter, Tab or a letter before its comment box takes keys,
        so that a digit typed once too often never lands in the comment."""
        item = self.current
        last = item is None
        for selector in ("#answer-summary", "#answer-comment-label", "#answer-comment",
                         "#answer-fields", "#answer-error"):
            self.query_one(selector).display = last
        for selector in ("#answer-progress", "#answer-item", "#answer-scale"):
            self.query_one(selector).display = not last
        if item is None:
            self._show_last_page(write)
        else:
            self._show_item(item)
        self.refresh_bindings()

    def _show_item(self, item: BankItem) -> None:
        lang = self.workspace.lang
        scale = self.bank.scale
        assert item.observer is not None and item.step is not None
        step = get_step(item.step)
        self.query_one("#answer-progress", Static).update(template(
            "$position · [b]$step[/b]",
            position=_("Question {n} of {total}").format(n=self.position + 1,
                                                         total=len(self.items)),
            step=_("Step {number}: {name}").format(number=step.number,
                                                   name=step.name.get(lang))))
        self.query_one("#answer-item", Static).update(
            template("[b]$text[/b]", text=item.observer.get(lang)))
        options = self.query_one("#answer-scale", OptionList)
        options.clear_options()
        options.add_options([self._option(item, value) for value in scale.points])
        answer = self.answers.get(item.id)
        options.highlighted = (answer - scale.min) if answer is not None else None
        options.focus()
        digits = [v for v in scale.points if 0 <= v <= 9]
        keys = f"{digits[0]}–{digits[-1]}" if len(digits) > 1 else ""
        hint = (_("Answer with keys {keys}, or ↑↓ and Enter.").format(keys=keys) if keys
                else _("Answer with ↑↓ and Enter."))
        self._hint(hint + " " + _("→ skips a question you cannot judge; ← goes back."))

    def _option(self, item: BankItem, value: int) -> Option:
        """One point of the scale: its number and label, the answer given marked in words."""
        lang = self.workspace.lang
        chosen = self.answers.get(item.id) == value
        text = Text.assemble(rich_literal(self.bank.scale.label(value, lang)))
        if chosen:
            text.append("  (" + _("your answer") + ")", style="italic")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text.assemble("● " if chosen else "  ", (str(value), "bold")), text)
        return Option(grid, id=f"answer-point-{value - self.bank.scale.min}")

    def _show_last_page(self, write: bool) -> None:
        answered = sum(1 for item in self.items if item.id in self.answers)
        self.query_one("#answer-summary", Static).update(literal(
            _("You answered {answered} of {total} questions.").format(
                answered=answered, total=len(self.items))))
        if write:
            if not isinstance(self.focused, FIELDS):
                self.query_one("#answer-comment", TextArea).focus()
        else:
            self.set_focus(None)
        self._last_page_hint()

    def _last_page_hint(self) -> None:
        asker = one_line(self.request.asker, 60)
        if isinstance(self.focused, FIELDS):
            self._hint(_("Ctrl+S saves the response file to send to {name}; Tab goes to "
                         "the next field, Esc leaves the field.").format(name=asker))
        else:
            self._hint(_("Press Enter or start typing to write a comment, Ctrl+S to save "
                         "the response file to send to {name}; ← back to the questions.")
                       .format(name=asker))

    def _hint(self, text: str) -> None:
        self.query_one("#answer-hint", Static).update(literal(text))

    def _error(self, text: str) -> None:
        self.query_one("#answer-error", Static).update(literal(one_line(text, 300)))

    # -- keys -----------------------------------------------------------------------------------
    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        """The keys and the hint follow the focus on the last page."""
        if self.on_last_page:
            self._last_page_hint()
        self.refresh_bindings()

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """As above, when a field loses the focus."""
        self.call_after_refresh(self._after_blur)

    def _after_blur(self) -> None:
        if self.on_last_page:
            self._last_page_hint()
        self.refresh_bindings()

    def on_key(self, event: events.Key) -> None:
        """On the last page with no field in use, Enter or a letter starts the comment (the
        letter is its first); a digit does nothing."""
        if not self.on_last_page or isinstance(self.focused, FIELDS):
            return
        character = event.character if event.is_printable else None
        if event.key != "enter" and (not character or character.isdigit()):
            return
        event.stop()
        event.prevent_default()
        comment = self.query_one("#answer-comment", TextArea)
        comment.move_cursor(comment.document.end)
        if character:
            comment.insert(character)
        comment.focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Drop terminal control characters as soon as they arrive (a paste, say)."""
        clean_text_area(event.text_area)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that do something on this page."""
        in_field = isinstance(self.focused, FIELDS)
        if action == "answer":
            return not self.on_last_page
        if action in ("previous", "next") and in_field:
            return False  # the arrows and backspace belong to the field
        if action == "previous":
            return True if self.position > 0 else None
        if action in ("next", "to_end"):
            return not self.on_last_page
        if action == "save":
            return self.on_last_page
        return True

    # -- actions -------------------------------------------------------------------------------
    def action_answer(self, value: int) -> None:
        """A digit key answers with that value, if it is on the scale."""
        item = self.current
        if item is None or not self.bank.scale.contains(value):
            return
        self.record(item, value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a point of the scale answers with it."""
        event.stop()
        item = self.current
        if item is not None:
            self.record(item, self.bank.scale.min + event.option_index)

    def record(self, item: BankItem, value: int) -> None:
        """Keep the answer and go to the next item."""
        self.answers[item.id] = value
        self.position += 1
        self.show_page(write=False)

    def action_previous(self) -> None:
        """Back to the previous item (its answer can be changed)."""
        if self.position > 0:
            self.position -= 1
            self.show_page()

    def action_next(self) -> None:
        """On to the next item, leaving this one unanswered if it was."""
        if not self.on_last_page:
            self.position += 1
            self.show_page()

    def action_to_end(self) -> None:
        """Straight to the comment, the name and the file."""
        self.position = len(self.items)
        self.show_page()

    @after_earlier_input
    def action_save(self) -> None:
        """Write the response file (never over a file); the app closes with it written."""
        if not self.on_last_page:
            return
        ws = self.workspace
        comment = clean_typed_text(self.query_one("#answer-comment", TextArea).text)
        name = self.query_one("#answer-name", Input).value
        file_text = self.query_one("#answer-file", Input).value.strip()
        if not self.answers and not comment.strip():
            self._error(_("Answer at least one question or write a comment first."))
            return
        if not file_text:
            self._error(_("Give the file to save the answer in."))
            self.query_one("#answer-file", Input).focus()
            return
        response = new_response(ws, self.request, self.answers, comment, name, ws.lang,
                                response_id=self.response_id)
        try:
            self.saved = write_response(ws, response, Path(file_text).expanduser())
        except FeedbackError as error:
            self._error(str(error))
            return
        self.app.exit(0)

    def action_leave(self) -> None:
        """Esc: out of a field first; otherwise leave, asking first when something was
        answered or written (nothing is kept)."""
        if isinstance(self.focused, FIELDS):
            self.set_focus(None)
            return
        comment = self.query_one("#answer-comment", TextArea).text
        if not self.answers and not comment.strip():
            self.app.exit(1)
            return
        from kohtaa_tui.ui.modals.confirm import ConfirmModal

        def leave(yes: bool | None) -> None:
            if yes:
                self.app.exit(1)

        self.app.push_screen(ConfirmModal(
            _("Leave without saving? Your answers are not kept anywhere."),
            _("Leave"), _("Keep answering")), leave)
