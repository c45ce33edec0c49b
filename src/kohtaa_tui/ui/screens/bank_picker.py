"""Choose a question bank to answer: the latest version of each, with its size and time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kohtaa_tui import i18n
from kohtaa_tui.i18n import N_, _, ngettext
from kohtaa_tui.services.overview import AssignmentLine, bank_assignments
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import BankEntry, load_banks
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.modals.resume import ResumeChoice, ResumeModal
from kohtaa_tui.ui.text import literal, safe_notice, template
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar


def assigned_text(line: AssignmentLine) -> str:
    """Who assigned a bank and when it is due (or that this period's is done)."""
    status = line.status
    name = line.assigned_by
    if status.state == "overdue":
        return _("Assigned by {name}: overdue, it was due {date}").format(
            name=name, date=i18n.day(status.due))
    if status.state == "done" and status.done_on is not None:
        return _("Assigned by {name}: done {date}").format(
            name=name, date=i18n.day(status.done_on))
    return _("Assigned by {name}: due {date}").format(name=name, date=i18n.day(status.due))


class BankPickerScreen(Relabels, Screen[None]):
    """Lists the banks; Enter starts (or continues) one."""

    CSS_PATH = Path(__file__).with_name("bank_picker.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", N_("Begin"), id="picker-start", priority=True),
        Binding("escape", "back", N_("Back"), id="picker-back"),
    ]

    def __init__(self, workspace: Workspace, open_bank: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.open_bank = open_bank
        self.catalogue = load_banks(workspace.store)
        # The core bank first: its scores are the ones the dashboard follows.
        self.banks: list[BankEntry] = sorted(self.catalogue.latest_all(),
                                             key=lambda e: (e.doc.id != "core", e.doc.id))
        self.assigned: dict[str, AssignmentLine] = {}
        """Each assigned bank's assignment, marked in the list with when it is due."""
        self._read_assignments()

    def _read_assignments(self) -> None:
        try:
            self.assigned = bank_assignments(self.workspace,
                                             [entry.doc for entry in self.banks])
        except (StorageError, OSError):  # the marks are a help; the list works without
            self.assigned = {}

    def compose(self) -> ComposeResult:
        """A title and the list."""
        yield TitleBar()
        yield Static(literal(_("Choose a question bank")), classes="title")
        options = OptionList(*(Option(self._prompt(entry), id=entry.doc.id)
                               for entry in self.banks), id="banks")
        yield options
        yield KeyBar()

    def _prompt(self, entry: BankEntry) -> Any:
        bank = entry.doc
        lang = self.workspace.lang
        count = len(bank.items)
        size = ngettext("{n} question", "{n} questions", count).format(n=count)
        if bank.estimated_minutes:
            size += " · " + _("about {n} min").format(n=bank.estimated_minutes)
        if self.workspace.store.assessment_draft_path(bank.id).exists():
            size += " · " + _("unfinished answers saved")
        line = self.assigned.get(bank.id)
        if line is None:
            return template("[b]$title[/b]\n  $size", title=bank.title.get(lang), size=size)
        return template("[b]$title[/b]\n  $size\n  [b]$assigned[/b]", title=bank.title.get(lang),
                        size=size, assigned=assigned_text(line))

    def on_mount(self) -> None:
        """Report unreadable banks; open the bank asked for on the command line."""
        for problem in self.catalogue.problems[:3]:
            self.notify(safe_notice(str(problem)), severity="warning", markup=False)
        self.query_one(OptionList).focus()
        if self.open_bank is not None:
            bank_id, self.open_bank = self.open_bank, None
            self.open(bank_id)

    def on_screen_resume(self) -> None:
        """Back from a bank: redraw the list (a draft may have been kept or finished)."""
        self._read_assignments()  # an assessment just done marks its period done
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(self._prompt(entry), id=entry.doc.id)
                             for entry in self.banks])
        options.highlighted = highlighted

    def action_start(self) -> None:
        """Start the highlighted bank."""
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.open(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a bank starts it."""
        event.stop()
        if event.option.id is not None:
            self.open(event.option.id)

    def open(self, bank_id: str) -> None:
        """Start `bank_id`, first asking about an unfinished answer set of it."""
        from kohtaa_tui.ui.screens.assessment import AssessmentScreen

        entry = self.catalogue.latest(bank_id)
        if entry is None:
            self.notify(safe_notice(_("No question bank has the id {id}.").format(id=bank_id)),
                        severity="error", markup=False)
            return
        store = self.workspace.store
        loaded = store.assessment_draft(bank_id)
        draft = loaded.value if loaded is not None else None
        draft_entry = None
        if draft is not None:
            draft_entry = self.catalogue.get(draft.bank_id, draft.bank_version)
        if draft is None or draft_entry is None or not (draft.answers or draft.open_answers):
            self.app.push_screen(AssessmentScreen(self.workspace, entry))
            return
        total = len(draft_entry.doc.items)
        answered = len(draft.answers) + len(draft.open_answers)

        def chosen(choice: ResumeChoice | None) -> None:
            if choice is ResumeChoice.CONTINUE:
                assert draft is not None and draft_entry is not None
                self.app.push_screen(AssessmentScreen(self.workspace, draft_entry, draft))
            elif choice is ResumeChoice.START_OVER:
                store.discard_draft(store.assessment_draft_path(bank_id))
                self.app.push_screen(AssessmentScreen(self.workspace, entry))

        self.app.push_screen(ResumeModal(draft_entry.doc.title.get(self.workspace.lang),
                                         answered, total), chosen)

    def action_back(self) -> None:
        """Back to where we came from."""
        self.app.pop_screen()


def start_assessment(bank_id: str | None) -> Callable[[Workspace], Screen[Any]]:
    """The start screen for `kohtaa assess [BANK]`."""
    def make(workspace: Workspace) -> Screen[Any]:
        return BankPickerScreen(workspace, bank_id)
    return make

