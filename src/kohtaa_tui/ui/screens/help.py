"""Help: the keys of the screen underneath, the five steps, and the improvement loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kohtaa_tui.domain.steps import STEPS
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.ui.language import Relabels
from kohtaa_tui.ui.text import literal, template
from kohtaa_tui.ui.widgets.bars import PALETTE_ACTIONS, palette_binding


def palette_key(screen: Screen[Any]) -> str:
    """How the command palette's key is shown (remappable like every key)."""
    palette = palette_binding(screen.active_bindings)
    return screen.app.get_key_display(palette.binding) if palette is not None else "^p"


def key_lines(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(key, description) for every described binding of `screen`, app ones included."""
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        # Ours all carry an id (shown or not); Textual's own scrolling keys are left out.
        if not binding.description or binding.description in seen:
            continue
        if not (binding.show or binding.id):
            continue
        if binding.action in PALETTE_ACTIONS:  # its own line, with a longer explanation
            continue
        seen.add(binding.description)
        rows.append((screen.app.get_key_display(binding), binding.description))
    return rows


class HelpScreen(Relabels, ModalScreen[None]):
    """Shown with F1 or ?; Escape, F1 or ? closes it."""

    CSS_PATH = Path(__file__).with_name("help.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss_help", N_("Close"), id="help-close"),
    ]

    def __init__(self, under: Screen[Any], lang: str) -> None:
        super().__init__()
        self.under = under
        self.lang = lang

    def compose(self) -> ComposeResult:
        """Keys first, then the steps and the loop."""
        with VerticalScroll(id="help-body"):
            yield Static(literal(_("Keys on this screen")), classes="heading")
            rows = [*key_lines(self.under),
                    (palette_key(self.under), _("every command, searchable"))]
            width = max(len(key) for key, _d in rows)
            yield Static(literal("\n".join(f"{key.ljust(width)}  {text}" for key, text in rows)),
                         id="help-keys")
            yield Static(literal(_("The five skill steps")), classes="heading")
            for step in STEPS:
                yield Static(template("[b]$n. $name[/b]  $gain", n=str(step.number),
                                      name=step.name.get(self.lang),
                                      gain=step.gain.get(self.lang)), classes="help-step")
            yield Static(literal(_("The improvement loop")), classes="heading")
            yield Static(literal("\n".join([
                _("1. Map where you stand: a self-assessment across the five steps."),
                _("2. Ask for feedback from customers, colleagues and your manager."),
                _("3. Set a clear goal for one step, with a target and a date."),
                _("4. Practise the difficult situations before they happen."),
                _("5. Reflect after your encounters: two to five minutes each."),
                _("6. Assess again and see what changed."),
            ])))
            yield Static(literal(_("Escape closes this help.")), classes="hint")

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)
