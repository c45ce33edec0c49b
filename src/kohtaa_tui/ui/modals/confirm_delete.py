"""Asks before a reflection goes to the trash: the confirm dialog with the delete wording
and its own keys (Delete / Keep; Escape keeps)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType

from kohtaa_tui.domain.display import one_line
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.ui.modals.confirm import ConfirmModal


class ConfirmDeleteModal(ConfirmModal):
    """Delete / Keep; Escape keeps (its keys replace the dialog's Yes and No, key by key)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Delete"), id="journal-delete-yes"),
        Binding("n,escape", "answer(False)", N_("Keep"), id="journal-delete-no"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__("", "", "", danger=True)
        self.entry_title = title

    def texts(self) -> tuple[str, Sequence[str], str, str]:
        """The delete wording, in the language shown now."""
        return (_("Delete this reflection?"),
                (f"“{one_line(self.entry_title, 56)}”",
                 _("It is moved to the trash; `kohtaa doctor` can empty the trash.")),
                _("Delete"), _("Keep"))
