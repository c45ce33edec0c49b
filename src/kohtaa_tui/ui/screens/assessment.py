"""Answering a question bank one item at a time; every answer is kept in a draft at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from kohtaa_tui.domain.assessment import AssessmentDraft, clean_typed_text, finish
from kohtaa_tui.domain.banks import BankItem
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import BankEntry
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.input_order import after_earlier_input
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.screens.item_keys import item_keys
from kohtaa_tui.ui.text import clean_text_area, literal, rich_literal, safe_notice, template
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar


class AssessmentScreen(Relabels, Screen[None]):
    """One item at a time: the step, the item, the labelled scale (or a text box)."""

    CSS_PATH = Path(__file__).with_name("assessment.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        *item_keys("assess"),
        Binding("ctrl+s", "save_next", N_("Save, go on"), id="assess-save-next", priority=True),
        Binding("enter", "finish", N_("See result"), id="assess-finish"),
        Binding("escape", "leave", N_("Leave"), id="assess-leave"),
    ]

    def __init__(self, workspace: Workspace, entry: BankEntry,
                 draft: AssessmentDraft | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.entry = entry
        self.bank = entry.doc
        self.items: tuple[BankItem, ...] = self.bank.items
        now = workspace.clock.now()
        self.started: datetime = draft.started if draft else now
        self.answers: dict[str, int] = {}
        self.open_answers: dict[str, str] = {}
        self.position = 0
        if draft is not None:
            known = {item.id: item for item in self.items}
            self.answers = {k: v for k, v in draft.answers.items()
                            if k in known and known[k].type == "scale"
                            and self.bank.scale.contains(v)}
            self.open_answers = {k: v for k, v in draft.open_answers.items()
                                 if k in known and known[k].type == "open"}
            self.position = min(draft.position, len(self.items))
        self._dirty = False
        self._finished = False
        self._writing = False
        """True while the open question's text box takes the keys (or is about to)."""

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """The progress line, the item, the scale or text box, and a hint."""
        yield TitleBar()
        with VerticalScroll(id="question"):
            yield Static(id="progress")
            yield Static(id="item-text")
            yield OptionList(id="scale")
            yield TextArea(id="open-answer", soft_wrap=True)
            yield Static(id="done")
            yield Static(id="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        """Show the bank's title and the current item."""
        self.sub_title = one_line(self.bank.title.get(self.workspace.lang), 80)
        self.show_item()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the same item, its answer as typed so far."""
        self._keep_open_text()
        self.sub_title = one_line(self.bank.title.get(self.workspace.lang), 80)
        self.show_item(write=self._writing)

    @property
    def on_done_page(self) -> bool:
        """True after the last item: the page that leads to the result."""
        return self.position >= len(self.items)

    @property
    def current(self) -> BankItem | None:
        """The item on screen (None on the done page)."""
        return None if self.on_done_page else self.items[self.position]

    def show_item(self, write: bool = True) -> None:
        """Draw the current item (or the done page) and focus what takes the answer.

        An open question reached by answering a rated one (`write` False) waits for Enter
        or a letter before its text box takes keys: a digit pressed once too often, or
        typed ahead in the same burst, never lands in the answer."""
        lang = self.workspace.lang
        scale = self.bank.scale
        options = self.query_one("#scale", OptionList)
        text_area = self.query_one("#open-answer", TextArea)
        done = self.query_one("#done", Static)
        item = self.current
        total = len(self.items)
        self._writing = False
        if item is None:
            self.query_one("#progress", Static).update(literal(_("All questions seen")))
            self.query_one("#item-text", Static).display = False
            scored = [i for i in self.items if i.type == "scale"]
            answered = sum(1 for i in scored if i.id in self.answers)
            done.update(literal(
                _("You answered {answered} of {total} rated questions.").format(
                    answered=answered, total=len(scored)) + "\n\n"
                + _("Press Enter to see your result, or ← to go back and change an answer.")))
            options.display = False
            text_area.display = False
            done.display = True
            self.query_one("#hint", Static).update("")
            self.set_focus(None)
            self.refresh_bindings()
            return
        done.display = False
        self.query_one("#item-text", Static).display = True
        step_text = (_("Step {number}: {name}").format(
            number=get_step(item.step).number, name=get_step(item.step).name.get(lang))
            if item.step else _("Open question"))
        self.query_one("#progress", Static).update(template(
            "$position · [b]$step[/b]",
            position=_("Question {n} of {total}").format(n=self.position + 1, total=total),
            step=step_text))
        self.query_one("#item-text", Static).update(
            template("[b]$text[/b]", text=item.text.get(lang)))
        if item.type == "open":
            options.display = False
            text_area.display = True
            text_area.load_text(clean_typed_text(self.open_answers.get(item.id, "")))
            self._writing = write
            if write:
                text_area.focus()
            else:  # after the focus calls still queued (focus() is deferred too)
                self.app.call_later(self._unless_writing_unfocus)
            self._open_hint(write)
        else:
            text_area.display = False
            options.display = True
            options.clear_options()
            options.add_options([self._option(item, value) for value in scale.points])
            answer = self.answers.get(item.id)
            options.highlighted = (answer - scale.min) if answer is not None else None
            options.focus()
            digits = [v for v in scale.points if 0 <= v <= 9]
            keys = (f"{digits[0]}–{digits[-1]}" if len(digits) > 1 else "")
            hint = (_("Answer with keys {keys}, or ↑↓ and Enter.").format(keys=keys) if keys
                    else _("Answer with ↑↓ and Enter."))
            self.query_one("#hint", Static).update(
                literal(hint + " " + _("← previous, → next.")))
        self.refresh_bindings()

    def _open_hint(self, writing: bool) -> None:
        """What the keys do on an open question, while its text box is in use or not."""
        self.query_one("#hint", Static).update(literal(
            _("Write as much or as little as you like. Ctrl+S saves and goes on; "
              "Esc leaves the text box.") if writing else
            _("Press Enter or start typing to write your answer; → goes on without one.")))

    def _unless_writing_unfocus(self) -> None:
        if not self._writing:
            self.set_focus(None)

    def on_key(self, event: events.Key) -> None:
        """On an open question whose text box is not in use, Enter or a letter starts
        writing (the letter is the first one written); a digit does nothing. Once writing
        has started, keys that arrive before the text box has focus are written too."""
        item = self.current
        if item is None or item.type != "open" or isinstance(self.focused, TextArea):
            return
        character = event.character if event.is_printable else None
        if self._writing:
            if event.key == "enter":
                character = "\n"
            elif not character:
                return
        elif event.key != "enter" and (not character or character.isdigit()):
            return
        event.stop()
        event.prevent_default()
        self._start_writing(character or "")

    def on_paste(self, event: events.Paste) -> None:
        """A paste on an open question goes into its answer, the text box in use or not."""
        item = self.current
        if item is None or item.type != "open" or isinstance(self.focused, TextArea):
            return
        event.stop()
        event.prevent_default()
        self._start_writing(event.text)

    def _start_writing(self, text: str) -> None:
        self._writing = True
        text_area = self.query_one("#open-answer", TextArea)
        text_area.move_cursor(text_area.document.end)
        if text:
            text_area.insert(text)
        text_area.focus()
        self._open_hint(True)

    def _option(self, item: BankItem, value: int) -> Option:
        """One point of the scale: its number, its label, and the anchor at either end."""
        lang = self.workspace.lang
        scale = self.bank.scale
        chosen = self.answers.get(item.id) == value
        mark = "●" if chosen else " "
        anchor = None
        if value == scale.min and item.low is not None:
            anchor = item.low.get(lang)
        elif value == scale.max and item.high is not None:
            anchor = item.high.get(lang)
        text = Text.assemble(rich_literal(scale.label(value, lang)))
        if chosen:
            text.append("  (" + _("your answer") + ")", style="italic")
        if anchor:
            text.append("\n")
            text.append_text(rich_literal(anchor, style="italic"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text.assemble(f"{mark} ", (str(value), "bold")), text)
        return Option(grid, id=f"point-{value - scale.min}")

    # -- which keys apply ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that do something on this page."""
        item = self.current
        if action in ("previous", "next") and (isinstance(self.focused, TextArea)
                                               or self._writing):
            return False  # the arrows and backspace belong to the text box
        if action == "answer":
            return item is not None and item.type == "scale"
        if action == "finish":
            return self.on_done_page
        if action == "previous":
            return True if self.position > 0 else None
        if action == "next":
            return True if not self.on_done_page else None
        if action == "save_next":
            return item is not None and item.type == "open"
        return True

    # -- actions -------------------------------------------------------------------------------
    def action_answer(self, value: int) -> None:
        """A digit key answers with that value, if it is on the scale."""
        item = self.current
        if item is None or item.type != "scale" or not self.bank.scale.contains(value):
            return
        self.record(item, value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a point of the scale answers with it."""
        event.stop()
        item = self.current
        if item is None or item.type != "scale":
            return
        self.record(item, self.bank.scale.min + event.option_index)

    def record(self, item: BankItem, value: int) -> None:
        """Keep the answer, save the draft, and go to the next item."""
        self.answers[item.id] = value
        self._dirty = True
        self.position += 1
        self.save_draft()
        self.show_item(write=False)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Drop terminal control characters as soon as they arrive (a paste, say)."""
        clean_text_area(event.text_area)

    def _keep_open_text(self) -> None:
        item = self.current
        if item is None or item.type != "open":
            return
        text = clean_typed_text(self.query_one("#open-answer", TextArea).text)
        before = self.open_answers.get(item.id, "")
        if text.strip():
            self.open_answers[item.id] = text
        else:
            self.open_answers.pop(item.id, None)
        if self.open_answers.get(item.id, "") != before:
            self._dirty = True

    def action_previous(self) -> None:
        """Back to the previous item (its answer can be changed)."""
        if self.position == 0:
            return
        self._keep_open_text()
        self.position -= 1
        self.save_draft()
        self.show_item()

    def action_next(self) -> None:
        """On to the next item (an item may be left unanswered)."""
        if self.on_done_page:
            return
        self._keep_open_text()
        self.position += 1
        self.save_draft()
        self.show_item()

    @after_earlier_input
    def action_save_next(self) -> None:
        """Ctrl+S: keep what is written and go on (the way out of a text box)."""
        self.action_next()

    def action_leave(self) -> None:
        """Esc: out of the text box first; otherwise leave, keeping the answers."""
        if isinstance(self.focused, TextArea):
            self._keep_open_text()
            self._writing = False
            self.set_focus(None)
            self._open_hint(False)
            return
        self.flush_draft()
        if self.answers or self.open_answers:
            self.notify(_("Your answers are kept; continue them next time."), markup=False)
        self.app.pop_screen()

    def flush_draft(self) -> None:
        """Save what has been answered (called on leave, quit, SIGTERM and SIGHUP)."""
        if self._finished:
            return
        self._keep_open_text()
        self.save_draft()

    def save_draft(self) -> None:
        """Write the draft when something was answered since the last write."""
        if self._finished or (not self._dirty and not (self.answers or self.open_answers)):
            return
        draft = AssessmentDraft(bank_id=self.bank.id, bank_version=self.bank.version,
                                started=self.started,
                                updated=self.workspace.clock.now(), answers=dict(self.answers),
                                open_answers=dict(self.open_answers), position=self.position)
        try:
            self.workspace.store.save_assessment_draft(draft)
        except StorageError as error:
            self.notify(safe_notice(str(error)), severity="error", markup=False)
            return
        self._dirty = False

    def action_finish(self) -> None:
        """Score the answers, save the result, and show it."""
        from kohtaa_tui.ui.screens.assessment_result import AssessmentResultScreen

        if not self.on_done_page:
            return
        if not any(item.scored and item.id in self.answers for item in self.items):
            self.notify(_("Answer at least one rated question to get a result."),
                        severity="warning", markup=False)
            return
        ws = self.workspace
        store = ws.store
        now = ws.clock.now()
        result = finish(self.bank, self.entry.fingerprint, new_id(now), self.answers,
                        self.open_answers, self.started, now, ws.lang)
        try:
            store.save_result(result)
        except StorageError as error:
            self.notify(safe_notice(str(error)), severity="error", markup=False)
            return
        self._finished = True
        store.discard_draft(store.assessment_draft_path(self.bank.id))
        self.app.switch_screen(AssessmentResultScreen(ws, result, self.entry,
                                                      find_previous=True))
