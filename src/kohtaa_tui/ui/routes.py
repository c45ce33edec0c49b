"""Requests from a screen to open another, sent to the app as messages: a screen that is
itself opened from the other one does not import it (the screens' imports stay acyclic), and
the app, which knows every screen, opens it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from kohtaa_tui.domain.journal import JournalEntry
    from kohtaa_tui.storage.repository import Loaded


class ShowHistory(Message):
    """Open one bank's results over time above the current screen."""

    def __init__(self, bank_id: str) -> None:
        super().__init__()
        self.bank_id = bank_id


class ShowEntry(Message):
    """Show a reflection in place of the screen that sent this (the form that saved it)."""

    def __init__(self, loaded: Loaded[JournalEntry]) -> None:
        super().__init__()
        self.loaded = loaded
