"""Others' view: per step, the person's own score beside each voice's, as labelled bars that
read without colour, the gap in words, and the questions with the largest gaps."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kohtaa_tui import i18n
from kohtaa_tui.domain.charts import fraction
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.feedback import OthersView
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.feedback import (
    BankOthers,
    answers_line,
    blind_spot_goal,
    gap_text,
    item_gap_lines,
    others_views,
    reading_lines,
    shown_voices,
    voice_cell,
)
from kohtaa_tui.services.feedback_words import role_label
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.text import literal, safe_notice
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar

BAR_WIDTH = 20
GLYPHS = {"self": "█", "manager": "▓", "coach": "▒", "others": "▞"}
"""Each voice fills its bar with its own glyph (and every row is named in words)."""
TRACK = "·"


def voice_bar(value: float, low: float, high: float, glyph: str,
              width: int = BAR_WIDTH) -> str:
    """A bar on the whole scale: `glyph` for the share reached, a dotted track for the rest."""
    filled = round(fraction(value, low, high) * width)
    return glyph * filled + TRACK * (width - filled)


def chart_lines(found: BankOthers, lang: str) -> list[str]:
    """Per step: its name and the gap in words, then a named bar per voice, yours first."""
    view: OthersView = found.view
    low, high = found.bank.scale.min, found.bank.scale.max
    voices = shown_voices(view)
    names = {"self": _("you"), **{v: role_label(v) for v in voices}}
    width = max(len(n) for n in names.values())
    lines: list[str] = []
    for step_view in view.steps:
        step = get_step(step_view.step)
        gap = gap_text(step_view)
        lines.append(f"{step.number} {step.short.get(lang)}" + (f"  {gap}" if gap else ""))
        rows: list[tuple[str, float | None, str]] = [
            ("self", step_view.self_score,
             i18n.number(step_view.self_score) if step_view.self_score is not None else "–")]
        for voice in voices:
            found_value = step_view.voice(voice)
            rows.append((voice, found_value.value if found_value is not None else None,
                         voice_cell(view, step_view, voice)))
        for voice, value, text in rows:
            drawn = (f"{voice_bar(value, low, high, GLYPHS.get(voice, '█'))} {text}"
                     if value is not None else text)
            lines.append(f"  {names[voice]:<{width}}  {drawn}")
        lines.append("")
    return lines


class FeedbackScreen(Relabels, Screen[None]):
    """Others' view of one bank at a time; `b` moves to the next bank with answers."""

    CSS_PATH = Path(__file__).with_name("feedback.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "request", N_("Ask for feedback"), id="feedback-request"),
        Binding("g", "goal", N_("Goal for blind spot"), id="feedback-goal"),
        Binding("b", "next_bank", N_("Next bank"), id="feedback-next-bank"),
        Binding("escape", "back", N_("Back"), id="feedback-back"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.found: list[BankOthers] = []
        self.index = 0
        self.loaded = False

    def compose(self) -> ComposeResult:
        """The bank line, then the chart and the words in one scrolling view."""
        yield TitleBar()
        yield Static(literal(_("Loading answers…")), id="feedback-bank")
        with VerticalScroll(id="feedback-scroll"):
            yield Static(id="feedback-chart")
        yield KeyBar()

    def on_mount(self) -> None:
        """Load the answers in the background."""
        self.load()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the same bank."""
        if self.loaded:
            self.show_bank()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read the responses, requests, results and banks, off the UI thread."""
        found, problems = others_views(self.workspace)
        self.app.call_from_thread(self.loaded_views, found, problems)

    def loaded_views(self, found: list[BankOthers], problems: list[Problem]) -> None:
        """Show what was loaded."""
        self.found = found
        self.loaded = True
        for problem in problems[:3]:
            self.notify(safe_notice(str(problem)), severity="warning", markup=False)
        self.show_bank()
        self.refresh_bindings()

    def show_bank(self) -> None:
        """Draw the current bank."""
        lang = self.workspace.lang
        header = self.query_one("#feedback-bank", Static)
        chart = self.query_one("#feedback-chart", Static)
        if not self.found:
            header.update(literal(_("No feedback imported yet.")))
            chart.update(literal("\n".join([
                _("Ask a manager, a coach, colleagues or customers for their view: press r, "
                  "or"),
                "  kohtaa feedback request --bank after-meeting --role colleague --from NAME",
                _("Then import the answers they send back:"),
                "  kohtaa feedback import FILE…"])))
            return
        found = self.found[self.index % len(self.found)]
        title = found.bank.title.get(lang)
        more = (" · " + _("bank {n} of {total}").format(n=self.index + 1, total=len(self.found))
                if len(self.found) > 1 else "")
        header.update(literal(f"{title}{more}\n{answers_line(found.view)}"))
        lines = []
        if found.own is None:
            lines += [_("You have not answered this bank yourself yet: answer it to compare."),
                      ""]
        lines += chart_lines(found, lang)
        lines += reading_lines(found.view, lang)
        gaps = item_gap_lines(found.bank, found.view, lang)
        if gaps:
            lines += ["", _("The questions with the largest gaps:"), *(f"  {g}" for g in gaps)]
        if found.comments:
            lines += ["", _("Comments:")]
            for comment in found.comments:
                who = role_label(comment.voice) + (f" ({comment.name})" if comment.name else "")
                lines.append(f"  {who}: {' '.join(comment.text.split())}")
        chart.update(literal("\n".join(lines)))
        self.query_one("#feedback-scroll").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`b` only when there is another bank."""
        if action == "next_bank":
            return len(self.found) > 1
        if action == "goal":
            current = self._current()
            has_spot = current is not None and current.view.largest_blind_spot() is not None
            return True if has_spot else None
        return True

    def _current(self) -> BankOthers | None:
        return self.found[self.index % len(self.found)] if self.found else None

    def action_goal(self) -> None:
        """Open the new-goal dialog for the largest blind spot, filled in as the goal for
        the weakest step is: its step, a title with both numbers, why, and a due date."""
        from kohtaa_tui.ui.modals.new_goal import GoalPrefill, NewGoalModal
        from kohtaa_tui.ui.screens.assessment_result import GOAL_WEEKS

        found = self._current()
        if found is None:
            return
        ws = self.workspace
        due = local_date(ws.clock.now(), ws.clock.local_tz()) + timedelta(weeks=GOAL_WEEKS)
        goal = blind_spot_goal(found, ws.lang, due)
        if goal is None:
            return
        self.app.push_screen(NewGoalModal(ws, GoalPrefill(
            title=goal.title, why=goal.why, step=goal.step, due=due, kind="manual")))

    def action_next_bank(self) -> None:
        """Show the next bank that has answers."""
        if len(self.found) > 1:
            self.index = (self.index + 1) % len(self.found)
            self.show_bank()
            self.refresh_bindings()
            self.query_one("#feedback-scroll", VerticalScroll).scroll_home(animate=False)

    def action_request(self) -> None:
        """Ask for feedback: the request dialog; say where its two files went."""
        from kohtaa_tui.ui.modals.feedback_request import FeedbackRequestModal, Written

        def written(files: Written | None) -> None:
            if files is not None:
                self.notify(safe_notice(_("Wrote {form} (for someone without kohtaa) and "
                                          "{file}.").format(form=files[1], file=files[0])),
                            markup=False, timeout=10)

        self.app.push_screen(FeedbackRequestModal(self.workspace), written)

    def action_back(self) -> None:
        """Back to where we came from."""
        self.app.pop_screen()
