"""The result of an assessment: a bar and a number per step, the change since last time,
the weakest step's typical mistake and things to try, and a goal in one key."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from kohtaa_tui import i18n
from kohtaa_tui.domain.assessment import (
    AssessmentResult,
    goal_target_value,
    previous_result,
    score_changes,
)
from kohtaa_tui.domain.catalogues import MISTAKES
from kohtaa_tui.domain.charts import bar
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.phases import get_phase, phase_scores
from kohtaa_tui.domain.reading import Reading, margin, read_scores
from kohtaa_tui.domain.steps import STEPS, get_step
from kohtaa_tui.domain.tips import lowest_items, tips_for
from kohtaa_tui.i18n import N_, _, ngettext
from kohtaa_tui.services.mistakes import mistake_ids, tagged_this_month
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import BankEntry
from kohtaa_tui.storage.results import bank_results
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.routes import ShowHistory
from kohtaa_tui.ui.text import literal, rich_literal, template
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar

BAR_WIDTH = 20
GOAL_WEEKS = 8


class AssessmentResultScreen(Relabels, Screen[None]):
    """Scores per step as text bars with numbers; works without colour."""

    CSS_PATH = Path(__file__).with_name("assessment_result.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "goal", N_("Goal for weakest"), id="result-goal"),
        Binding("h", "history", N_("History"), id="result-history"),
        Binding("escape", "back", N_("Back"), id="result-back"),
    ]

    def __init__(self, workspace: Workspace, result: AssessmentResult,
                 entry: BankEntry | None, previous: AssessmentResult | None = None,
                 find_previous: bool = False, history_below: bool = False) -> None:
        """`find_previous`: look up the previous result of the bank in the background;
        `history_below`: opened from this bank's history, which `h` goes back to."""
        super().__init__()
        self.history_below = history_below
        self.workspace = workspace
        self.result = result
        self.entry = entry
        self.previous = previous
        self.find_previous = find_previous
        self.mistake_counts: dict[str, int] | None = None
        """How often each mistake the weakest step's low items name was tagged this month."""

    def compose(self) -> ComposeResult:
        """Title, bars, strongest and weakest, and what to try."""
        yield TitleBar()
        with VerticalScroll(id="result"):
            yield Static(self._title(), id="result-title")
            yield Static(self._bars(), id="bars")
            yield Static(self._summary(), id="summary")
            phases = self._phases()
            yield Static(phases, id="phases").set_styles(
                "" if phases.plain else "display: none;")
            yield Static(self._advice(), id="advice")
            mistakes = self._mistakes()
            yield Static(mistakes, id="mistakes").set_styles(
                "" if mistakes.plain else "display: none;")
            yield Static(self._open_answers(), id="open-answers")
        yield KeyBar()

    def on_mount(self) -> None:
        """Name the bank in the header; find the result to compare with."""
        self.sub_title = one_line(self._bank_title(), 80)
        if self.find_previous:
            self.look_up_previous()
        if self._linked_mistakes() and self.mistake_counts is None:
            self.count_mistakes()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the bank's title (the rest was composed again)."""
        self.sub_title = one_line(self._bank_title(), 80)

    @work(thread=True, exclusive=True)
    def look_up_previous(self) -> None:
        """Read the bank's earlier results off the UI thread (there may be thousands)."""
        earlier, _problems = bank_results(self.workspace.store, self.result.bank_id)
        found = previous_result(earlier, self.result)
        if found is not None:
            self.app.call_from_thread(self.show_previous, found)

    def show_previous(self, previous: AssessmentResult) -> None:
        """Redraw the title and the bars with the change since `previous`."""
        self.previous = previous
        self.query_one("#result-title", Static).update(self._title())
        self.query_one("#bars", Static).update(self._bars())

    def _bank_title(self) -> str:
        if self.entry is None:
            return self.result.bank_id
        return self.entry.doc.title.get(self.workspace.lang)

    def _title(self) -> Content:
        ws = self.workspace
        when = i18n.moment(self.result.completed, ws.clock.local_tz(), ws.lang)
        line = _("Your result, {when}").format(when=when)
        if self.previous is not None:
            line += " · " + _("change since {when}").format(when=i18n.moment(
                self.previous.completed, ws.clock.local_tz(), ws.lang))
        return template("[b]$title[/b]\n$line", title=self._bank_title(), line=line)

    def _bars(self) -> Content:
        """One line per scored step: name, bar, number, change."""
        result = self.result
        lang = self.workspace.lang
        changes = score_changes(result.scores, self.previous.scores) if self.previous else {}
        lines: list[str] = []
        for step in STEPS:
            score = result.scores.get(step.id)
            if score is None:
                continue
            name = f"{step.number} {step.short.get(lang)}"
            line = (f"{name:<16} {bar(score, result.scale_min, result.scale_max, BAR_WIDTH)} "
                    f"{i18n.number(score, 1, lang):>4}")
            if step.id in changes:
                line += f"  {i18n.signed(changes[step.id], 1, lang):>5}"
            elif self.previous is not None:
                line += "  " + _("new")
            lines.append(line)
        scale = _("scale {low}–{high}").format(low=result.scale_min, high=result.scale_max)
        return literal("\n".join(lines) + f"\n{'':<16} {scale}")

    def _reading(self) -> Reading:
        result = self.result
        return read_scores(result.scores, result.scale_min, result.scale_max)

    def _names(self, step_ids: tuple[str, ...]) -> str:
        """One step by its full name; several by their short names, joined as the start of a
        sentence ("Listening and feedback", "Kuuntelu ja palaute"): the full names, each
        with its capital and its own "and", would not read as one subject."""
        if len(step_ids) == 1:
            return get_step(step_ids[0]).name.get(self.workspace.lang)
        names = [get_step(step_id).short.get(self.workspace.lang) for step_id in step_ids]
        names = [names[0]] + [name[:1].lower() + name[1:] for name in names[1:]]
        return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])

    def _scored(self, step_ids: tuple[str, ...]) -> str:
        """The steps' score, or the range of their scores ("2.0–2.2") when they differ."""
        lang = self.workspace.lang
        shown = sorted({i18n.number(self.result.scores[s], 1, lang): self.result.scores[s]
                        for s in step_ids}.items(), key=lambda pair: pair[1])
        if len(shown) == 1:
            return shown[0][0]
        return f"{shown[0][0]}–{shown[-1][0]}"

    def _summary(self) -> Content:
        """What stands out, said as a coach would: ties as ties, all-high as all-high."""
        reading = self._reading()
        if reading.kind == "none":
            return literal(_("No rated answers, so no scores."))
        if reading.kind == "single":
            only = reading.top or reading.low
            return template("$line", line=_(
                "Only one step was rated here: {step} ({score}).").format(
                    step=self._names(only), score=self._scored(only)))
        if reading.kind == "all_high":
            return literal(_(
                "Every step is high this time. Keep doing what works; if you want something "
                "to polish, pick the step that matters most in your encounters next week."))
        if reading.kind == "level":
            return literal(_(
                "All the steps are at about the same level ({scores}). There is no clear "
                "weakest step: choose the one you want to work on first.").format(
                    scores=self._scored(reading.low)))
        lines = []
        if len(reading.top) == 1:
            lines.append(_("Strongest: {step} ({score})").format(
                step=self._names(reading.top), score=self._scored(reading.top)))
        else:
            lines.append(_("{steps} are equally strong ({scores}).").format(
                steps=self._names(reading.top), scores=self._scored(reading.top)))
        if len(reading.low) == 1:
            lines.append(_("Most room to grow: {step} ({score})").format(
                step=self._names(reading.low), score=self._scored(reading.low)))
        else:
            lines.append(_(
                "{steps} are equally low ({scores}). Choose which one to work on first."
            ).format(steps=self._names(reading.low), scores=self._scored(reading.low)))
        return literal("\n".join(lines))

    def _phases(self) -> Content:
        """The result per relationship phase, when the bank tags its items with phases; the
        lowest phase (when it stands out) with the style that suits it."""
        if self.entry is None:
            return literal("")
        scores = phase_scores(self.entry.doc, self.result.answers)
        if len(scores) < 2:
            return literal("")
        lang = self.workspace.lang
        lines = [_("By phase of the customer relationship:")]
        for phase_id, score in scores.items():
            lines.append(f"  {get_phase(phase_id).name.get(lang):<18} "
                         f"{i18n.number(score, 1, lang):>4}")
        lowest = min(scores, key=lambda p: scores[p])
        others = [v for p, v in scores.items() if p != lowest]
        near = margin(self.result.scale_min, self.result.scale_max)
        if min(others) - scores[lowest] > near:
            phase = get_phase(lowest)
            lines.append(_("Most room to grow: {phase}. {style}").format(
                phase=phase.name.get(lang), style=phase.style.get(lang)))
        return literal("\n".join(lines))

    def _advice(self) -> Group | Content:
        """What the lowest step costs in an encounter, and things to try (hanging indents)."""
        reading = self._reading()
        if reading.focus is None:
            return literal("")
        lang = self.workspace.lang
        parts: list[Text | Table] = []
        for step_id in reading.low[:3] if reading.kind != "level" else reading.low[:1]:
            step = get_step(step_id)
            label = (_("What it costs:") if len(reading.low) == 1 or reading.kind == "level"
                     else _("{step} — what it costs:").format(step=step.short.get(lang)))
            parts.append(Text.assemble((label, "bold"), " ", rich_literal(step.cost.get(lang))))
        focus = get_step(reading.focus)
        tips = Table.grid(padding=(0, 1))
        tips.add_column(no_wrap=True)
        tips.add_column(ratio=1)
        # The tips follow the focus step's lowest answers (their tags name them).
        bank = self.entry.doc if self.entry is not None else None
        for tip in tips_for(bank, self.result.answers, focus.id):
            tips.add_row("•", rich_literal(tip.text.get(lang)))
        heading = (_("Things to try next week:") if len(reading.low) == 1 else
                   _("Things to try next week ({step}):").format(step=focus.short.get(lang)))
        return Group(*parts, Text(heading, style="bold"), tips)

    def _linked_mistakes(self) -> list[str]:
        """The catalogue mistakes that the focus step's low items are tagged with."""
        focus = self._reading().focus
        if focus is None or self.entry is None:
            return []
        low = lowest_items(self.entry.doc, self.result.answers, focus)
        return mistake_ids(tag for item in low for tag in item.tags)

    @work(thread=True, exclusive=True, group="mistakes")
    def count_mistakes(self) -> None:
        """Count this month's reflections tagged with the linked mistakes, off the UI thread."""
        counts = tagged_this_month(self.workspace, self._linked_mistakes())
        self.app.call_from_thread(self.show_mistakes, counts)

    def show_mistakes(self, counts: dict[str, int]) -> None:
        """Show how often the linked mistakes were tagged this month."""
        self.mistake_counts = counts
        shown = self._mistakes()
        static = self.query_one("#mistakes", Static)
        static.update(shown)
        static.display = bool(shown.plain)

    def _mistakes(self) -> Content:
        """One line per linked mistake the person tagged in a reflection this month."""
        lang = self.workspace.lang
        labels = {m.id: m.label.get(lang) for m in MISTAKES}
        lines = [ngettext("You tagged “{mistake}” in {n} reflection this month.",
                          "You tagged “{mistake}” in {n} reflections this month.", n).format(
                              mistake=labels[mistake_id], n=n)
                 for mistake_id, n in (self.mistake_counts or {}).items()
                 if n > 0 and mistake_id in labels]
        return literal("\n".join(lines))

    def _open_answers(self) -> Text:
        """What the person wrote to the open questions, each under its question."""
        answers = self.result.open_answers
        if not answers:
            return Text("")
        lang = self.workspace.lang
        questions = {item.id: item.text.get(lang)
                     for item in (self.entry.doc.items if self.entry else ())}
        out = Text(_("Your notes:"), style="bold")
        for item_id, answer in answers.items():
            out.append("\n")
            out.append_text(rich_literal(questions.get(item_id, item_id)))
            out.append("\n  ")
            out.append_text(rich_literal(answer))
        return out

    # -- actions -------------------------------------------------------------------------------
    def action_goal(self) -> None:
        """Open the new-goal dialog for the weakest step: a score target half a point up."""
        from kohtaa_tui.ui.modals.new_goal import GoalPrefill, NewGoalModal

        scores = self.result.scores
        reading = self._reading()
        step_id = reading.focus or min(scores, key=lambda s: scores[s], default=None)
        if step_id is None:
            return
        ws = self.workspace
        step = get_step(step_id)
        today = local_date(ws.clock.now(), ws.clock.local_tz())
        baseline = self.result.scores[step.id]
        value = goal_target_value(baseline, self.result.scale_max)
        # A score goal, named as one: the step's score in this bank, from where it is now.
        title = step.score_goal_title(ws.lang, one_line(self._bank_title(), 80),
                                      i18n.number(baseline, 1, ws.lang),
                                      i18n.number(value, 1, ws.lang))
        self.app.push_screen(NewGoalModal(ws, GoalPrefill(
            title=title, step=step.id,
            due=today + timedelta(weeks=GOAL_WEEKS), kind="score",
            bank_id=self.result.bank_id, value=value)))

    def action_history(self) -> None:
        """This bank's results over time: back to the history this result was opened from
        (so that result, history, result … never stack up), else a new one."""
        if self.history_below:
            self.app.pop_screen()
            return
        self.post_message(ShowHistory(self.result.bank_id))

    def action_back(self) -> None:
        """Back to where we came from."""
        self.app.pop_screen()
