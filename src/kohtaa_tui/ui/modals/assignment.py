"""An assignment from the dashboard, in full: the bank, who assigned it, when it is due, the
coach's whole note; Enter starts the assessment, Escape closes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kohtaa_tui import i18n
from kohtaa_tui.domain.assignments import AssignmentStatus
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.overview import AssignmentLine
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.text import literal
from kohtaa_tui.ui.widgets.bars import KeyBar


def when_text(status: AssignmentStatus) -> str:
    """Where the assignment stands, in one sentence."""
    due = i18n.day(status.due)
    if status.state == "overdue":
        return _("Overdue: it was due {date}.").format(date=due)
    if status.state == "done" and status.done_on is not None:
        return _("Done {date} (due {due}).").format(date=i18n.day(status.done_on), due=due)
    return _("Due {date}.").format(date=due)


class AssignmentModal(Relabels, ModalScreen[bool]):
    """The assignment and its note; True: start the assessment."""

    DEFAULT_CSS = """
    AssignmentModal { align: center middle; }
    AssignmentModal #assignment-box {
        width: 64; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: round $primary; background: $surface;
    }
    AssignmentModal #assignment-title { text-style: bold; }
    AssignmentModal #assignment-note { height: auto; max-height: 12; margin-top: 1; }
    AssignmentModal #assignment-buttons { height: auto; margin-top: 1; }
    AssignmentModal Button { margin-right: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="assignment-close"),
    ]

    def __init__(self, line: AssignmentLine) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        """Title, who and when, the note, two buttons."""
        line = self.line
        with Vertical(id="assignment-box"):
            yield Static(literal(line.title), id="assignment-title")
            yield Static(literal(_("Assigned by {name}").format(name=line.assigned_by)))
            yield Static(literal(when_text(line.status)), id="assignment-when")
            with VerticalScroll(id="assignment-note"):
                yield Static(literal(line.note.strip() or _("No note.")), id="assignment-text")
            with Horizontal(id="assignment-buttons"):
                yield Button(literal(_("Start the assessment")), id="start", variant="primary")
                yield Button(literal(_("Close")), id="close")
        yield KeyBar()

    def on_mount(self) -> None:
        """Enter starts."""
        self.query_one("#start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button answers."""
        event.stop()
        self.dismiss(event.button.id == "start")

    def action_close(self) -> None:
        """Back to the dashboard."""
        self.dismiss(False)
