"""A checkbox whose state reads without colour: X when ticked, blank when not.

Textual's Checkbox draws X in both states and tells them apart by colour alone.
"""

from __future__ import annotations

from textual.widgets import Checkbox

ON = "X"
OFF = " "


class Tick(Checkbox):
    """A Checkbox showing X only when ticked."""

    def on_mount(self) -> None:
        """The glyph of the starting value."""
        self.BUTTON_INNER = ON if self.value else OFF
        self.refresh()

    def watch_value(self) -> None:
        """The glyph follows the value (and Textual's own reaction: the -on class, the
        Changed message)."""
        self.BUTTON_INNER = ON if self.value else OFF
        super().watch_value()
