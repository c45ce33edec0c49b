"""Escape in a dialog that holds typed text asks before throwing the text away.

A dialog remembers what its text fields held when it opened (`remember_fields`); Escape
(`cancel_or_ask`) closes at once when nothing was typed since, and otherwise asks, with
"Keep editing" as the default answer (Escape or n keeps the dialog and its text).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.widgets import Input, TextArea

from kohtaa_tui.i18n import _
from kohtaa_tui.ui.modals.confirm import ConfirmModal


def text_fields(screen: Screen[object]) -> dict[str, str]:
    """What every text field of the screen holds, by its position in the screen."""
    values: dict[str, str] = {}
    for index, field in enumerate(screen.query("Input, TextArea").results()):
        if isinstance(field, Input):
            values[field.id or str(index)] = field.value
        elif isinstance(field, TextArea):
            values[field.id or str(index)] = field.text
    return values


class AsksBeforeDiscard:
    """Mix into a dialog (a Screen): remember the fields on mount, ask on Escape."""

    _fields_at_open: dict[str, str] | None = None

    def remember_fields(self) -> None:
        """The fields as they are now count as untouched."""
        assert isinstance(self, Screen)
        self._fields_at_open = text_fields(self)

    def typed_since_open(self) -> bool:
        """True when a text field holds something other than what it held at the start."""
        assert isinstance(self, Screen)
        now = text_fields(self)
        before = self._fields_at_open or {}
        return any(value.strip() != before.get(key, "").strip() for key, value in now.items())

    def cancel_or_ask(self, discard: Callable[[], object]) -> None:
        """Run `discard` (which closes the dialog) now, or once the person has said yes."""
        assert isinstance(self, Screen)
        if not self.typed_since_open():
            discard()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                discard()

        self.app.push_screen(ConfirmModal(
            _("Throw away what you typed in this dialog?"),
            _("Discard"), _("Keep editing")), answered)
