"""Others' view in words: the roles and voices, and the readings of a gap, as a person reads
them (shared by the feedback service, the form it writes and the screens)."""

from __future__ import annotations

from kohtaa_tui.domain.feedback import OTHERS
from kohtaa_tui.i18n import _


def role_label(role: str) -> str:
    """A role or voice as a person reads it."""
    return {"manager": _("manager"), "coach": _("coach"), "colleague": _("colleague"),
            "customer": _("customer"),
            OTHERS: _("colleagues and customers")}.get(role, role)


def reading_label(reading: str | None) -> str:
    """The gap in a coach's words."""
    return {"hidden_strength": _("hidden strength"), "blind_spot": _("blind spot"),
            "agreement": _("agreement")}.get(reading or "", "")
