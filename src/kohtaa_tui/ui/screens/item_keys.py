"""The keys of a screen that asks a bank's items one at a time (the assessment, and the
feedback form answered in kohtaa): a digit answers, left goes back, right goes on."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from kohtaa_tui.i18n import N_


def item_keys(prefix: str) -> list[BindingType]:
    """1…9 and 0 answer, left (or backspace) and right move; ids start with `prefix`
    (the keymap in config.toml names them: `assess-answer`, `answer-previous`...)."""
    return [
        Binding("1", "answer(1)", N_("Answer"), key_display="1…9", id=f"{prefix}-answer"),
        *(Binding(str(d), f"answer({d})", show=False, id=f"{prefix}-answer-{d}")
          for d in (0, 2, 3, 4, 5, 6, 7, 8, 9)),
        Binding("left,backspace", "previous", N_("Previous"), id=f"{prefix}-previous",
                priority=True),
        Binding("right", "next", N_("Next"), id=f"{prefix}-next", priority=True),
    ]
