"""The first screen: the five skill steps of a good encounter."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from kohtaa_tui.domain.steps import STEPS
from kohtaa_tui.i18n import _
from kohtaa_tui.ui.text import literal, template
from kohtaa_tui.workspace import Workspace


class HomeScreen(Screen[None]):
    """Lists the five steps with their typical mistake and what is gained."""

    CSS_PATH = Path(__file__).with_name("home.tcss")
    BINDINGS: ClassVar[list[BindingType]] = []

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        """One block per step."""
        lang = self.workspace.lang
        yield Header()
        with VerticalScroll(id="steps"):
            yield Static(literal(_("The five steps of a good encounter")), classes="title")
            for step in STEPS:
                yield Static(
                    template("[b]$number. $name[/b]\n$mistake_label $mistake\n$gain_label $gain",
                             number=str(step.number), name=step.name.get(lang),
                             mistake_label=_("Typical mistake:"), mistake=step.mistake.get(lang),
                             gain_label=_("Gained:"), gain=step.gain.get(lang)),
                    classes="step",
                )
        yield Footer()
