"""Keyboard widgets for the journal form: a labelled scale, choices, step ratings, yes/no.

Each is one focusable widget (Tab moves past it as a whole); inside it the arrows move, the
space bar or Enter chooses, and number keys choose directly. Every label is shown literally,
and the chosen point is marked with a symbol and in words, not by colour alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from kohtaa_tui.domain.clock import to_utc
from kohtaa_tui.domain.display import display_safe
from kohtaa_tui.domain.steps import STEPS
from kohtaa_tui.i18n import N_, _


class FieldChanged(Message):
    """A pick field's value changed (the form saves a draft soon after)."""

    def __init__(self, field: Widget) -> None:
        super().__init__()
        self.field = field


@dataclass(frozen=True)
class Choice:
    """One point of a pick list: the stored value, the key that picks it, its label."""

    value: str | int | bool
    key: str | None
    label: str


class PickField(Widget, can_focus=True):
    """A vertical list of choices; one (or, for `multiple`, several) may be chosen."""

    DEFAULT_CSS = """
    PickField { height: auto; padding: 0 1; }
    PickField:focus { background: $boost; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", N_("Up"), show=False, id="journal-pick-up"),
        Binding("down", "move(1)", N_("Down"), show=False, id="journal-pick-down"),
        Binding("space,enter", "pick_current", N_("Choose"), id="journal-pick-choose"),
        Binding("backspace,delete", "clear", N_("Clear"), id="journal-pick-clear"),
    ]

    def __init__(self, choices: Sequence[Choice], multiple: bool = False,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices = list(choices)
        self.multiple = multiple
        self.chosen: list[str | int | bool] = []
        self.cursor = 0

    # -- value --------------------------------------------------------------------------------
    @property
    def value(self) -> str | int | bool | tuple[str, ...] | None:
        """The chosen value (a tuple of values for a multiple choice; None when empty)."""
        if self.multiple:
            order = [c.value for c in self.choices if c.value in self.chosen]
            return tuple(str(v) for v in order)
        return self.chosen[0] if self.chosen else None

    def set_value(self, value: object) -> None:
        """Show `value` as chosen (values not in the list are ignored)."""
        known = [c.value for c in self.choices]
        if self.multiple and isinstance(value, tuple | list):
            self.chosen = [v for v in known if v in value]
        elif not self.multiple and value in known and value is not None:
            self.chosen = [value]
        else:
            self.chosen = []
        if self.chosen:
            self.cursor = known.index(self.chosen[0])
        self.refresh(layout=True)

    # -- keys ---------------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        """Move the cursor."""
        self.cursor = max(0, min(len(self.choices) - 1, self.cursor + delta))
        self.refresh()

    def action_pick_current(self) -> None:
        """Choose (or, in a multiple choice, unchoose) the point under the cursor."""
        if self.choices:
            self.pick(self.cursor)

    def action_clear(self) -> None:
        """Choose nothing."""
        if self.chosen:
            self.chosen = []
            self._changed()

    def on_key(self, event: events.Key) -> None:
        """A choice's own key chooses it."""
        for index, choice in enumerate(self.choices):
            if choice.key is not None and event.key == choice.key:
                event.stop()
                event.prevent_default()
                self.cursor = index
                self.pick(index)
                return

    def pick(self, index: int) -> None:
        """Toggle the choice at `index`."""
        value = self.choices[index].value
        if self.multiple:
            if value in self.chosen:
                self.chosen.remove(value)
            else:
                self.chosen.append(value)
        else:
            self.chosen = [] if self.chosen == [value] else [value]
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.post_message(FieldChanged(self))

    # -- drawing ------------------------------------------------------------------------------
    def marker(self, chosen: bool) -> str:
        """How a point shows that it is chosen."""
        if self.multiple:
            return "[x]" if chosen else "[ ]"
        return "(•)" if chosen else "( )"

    def render(self) -> Content:
        """One line per choice: cursor, key, marker, label."""
        lines: list[Content] = []
        focused = self.has_focus
        for index, choice in enumerate(self.choices):
            here = ">" if focused and index == self.cursor else " "
            key = f"{choice.key:>2}" if choice.key else "  "
            chosen = choice.value in self.chosen
            line = Content.assemble(
                f"{here}{key} {self.marker(chosen)} ",
                Content(display_safe(choice.label, keep_newlines=False)),
                (("  " + _("(chosen)")) if chosen and not self.multiple else ""),
            )
            if chosen:
                line = line.stylize("bold")
            lines.append(line)
        if not lines:
            return Content("")
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        """Redraw with the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Redraw without the cursor."""
        self.refresh()


def digit_key(position: int) -> str | None:
    """The number key of the nth choice (1..9), or None past nine."""
    return str(position + 1) if position < 9 else None


def scale_choices(low: int, high: int, labels: Sequence[str]) -> list[Choice]:
    """The points of a rating scale; a point's own number is its key when it is 0..9."""
    out: list[Choice] = []
    for offset, value in enumerate(range(low, high + 1)):
        label = labels[offset] if offset < len(labels) else ""
        key = str(value) if 0 <= value <= 9 else None
        out.append(Choice(value, key, f"{value}  {label}".rstrip()))
    return out


def yes_no_choices() -> list[Choice]:
    """Yes and no, with 1/2 as keys."""
    return [Choice(True, "1", _("Yes")), Choice(False, "2", _("No"))]


class StepRatingsField(Widget, can_focus=True):
    """A 1-5 rating of each of the five steps: ↑↓ choose the step, 1-5 rate it."""

    DEFAULT_CSS = """
    StepRatingsField { height: auto; padding: 0 1; }
    StepRatingsField:focus { background: $boost; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", N_("Up"), show=False, id="journal-steps-up"),
        Binding("down", "move(1)", N_("Down"), show=False, id="journal-steps-down"),
        Binding("left", "adjust(-1)", N_("Lower"), show=False, id="journal-steps-lower"),
        Binding("right", "adjust(1)", N_("Higher"), show=False, id="journal-steps-higher"),
        Binding("1", "rate(1)", N_("Rate 1-5"), key_display="1…5", id="journal-steps-rate"),
        *(Binding(str(n), f"rate({n})", show=False, id=f"journal-steps-rate-{n}")
          for n in (2, 3, 4, 5)),
        Binding("0,backspace,delete", "rate(0)", N_("Clear"), id="journal-steps-clear"),
    ]

    def __init__(self, lang: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.ratings: dict[str, int] = {}
        self.cursor = 0

    @property
    def value(self) -> dict[str, int]:
        """The ratings given, in step order."""
        return {step.id: self.ratings[step.id] for step in STEPS if step.id in self.ratings}

    def set_value(self, value: object) -> None:
        """Show these ratings (unknown steps and values outside 1-5 are ignored)."""
        self.ratings = {}
        if isinstance(value, dict):
            for step in STEPS:
                rating = value.get(step.id)
                if isinstance(rating, int) and not isinstance(rating, bool) and 1 <= rating <= 5:
                    self.ratings[step.id] = rating
        self.refresh(layout=True)

    def action_move(self, delta: int) -> None:
        """Move to another step."""
        self.cursor = max(0, min(len(STEPS) - 1, self.cursor + delta))
        self.refresh()

    def action_rate(self, value: int) -> None:
        """Rate the step under the cursor (0 clears) and go to the next step."""
        step = STEPS[self.cursor].id
        if value == 0:
            self.ratings.pop(step, None)
        else:
            self.ratings[step] = value
            self.cursor = min(len(STEPS) - 1, self.cursor + 1)
        self._changed()

    def action_adjust(self, delta: int) -> None:
        """Lower or raise the rating of the step under the cursor."""
        step = STEPS[self.cursor].id
        current = self.ratings.get(step, 3 if delta > 0 else 4)
        self.ratings[step] = max(1, min(5, current + delta))
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.post_message(FieldChanged(self))

    def render(self) -> Content:
        """One line per step: its number and name, the points, the rating in words."""
        lines: list[Content] = []
        for index, step in enumerate(STEPS):
            here = ">" if self.has_focus and index == self.cursor else " "
            name = display_safe(step.short.get(self.lang))[:16].ljust(16)
            rating = self.ratings.get(step.id)
            points = " ".join(f"[{n}]" if rating == n else f" {n} " for n in range(1, 6))
            words = f"{rating}/5" if rating else _("not rated")
            lines.append(Content.assemble(f"{here} {step.number}. ", Content(name), " ",
                                          Content(points), "  ", (words, "bold" if rating
                                                                  else "italic")))
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        """Redraw with the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Redraw without the cursor."""
        self.refresh()


# -- dates --------------------------------------------------------------------------------------

_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2})[:.](\d{2}))?\s*")
_FI = re.compile(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+)?(\d{1,2})[:.](\d{2}))?\s*")


def parse_moment(text: str, tz: tzinfo) -> datetime | None:
    """A date and time typed as 2026-11-22 14:30 or 22.11.2026 14.30 (time optional), in UTC."""
    match = _ISO.fullmatch(text)
    if match:
        year, month, day, hour, minute = match.groups()
    else:
        match = _FI.fullmatch(text)
        if not match:
            return None
        day, month, year, hour, minute = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                          tzinfo=tz)
    except ValueError:
        return None
    return to_utc(moment)
