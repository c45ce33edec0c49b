"""Choose the active goal that a reflection's next-encounter answer is added to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.goals import Goal
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.text import literal, literal_line
from kohtaa_tui.ui.widgets.bars import KeyBar


class GoalPickModal(Relabels, ModalScreen[str | None]):
    """A list of active goals; Enter adds the note to the highlighted one, Escape cancels."""

    DEFAULT_CSS = """
    GoalPickModal { align: center middle; }
    GoalPickModal #goal-box {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: thick $accent;
        background: $surface;
    }
    GoalPickModal #goal-list { height: auto; max-height: 10; margin-top: 1; }
    GoalPickModal .title { text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="journal-goal-pick-cancel"),
    ]

    def __init__(self, goals: Sequence[Goal], note: str) -> None:
        super().__init__()
        self.goals = list(goals)
        self.note = note

    def compose(self) -> ComposeResult:
        """The note and the goals."""
        with Vertical(id="goal-box"):
            yield Static(literal(_("Add as a check-in to which goal?")), classes="title")
            yield Static(literal(f"“{one_line(self.note, 120)}”"))
            yield OptionList(*(Option(literal_line(goal.title, 64), id=goal.id)
                               for goal in self.goals), id="goal-list")
        yield KeyBar()

    def on_mount(self) -> None:
        """The list takes the keys."""
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter chooses the goal."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without adding anything."""
        self.dismiss(None)
