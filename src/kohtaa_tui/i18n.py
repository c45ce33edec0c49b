"""The message catalogue (gettext) and language-aware numbers and dates.

Texts in code are English msgids marked with `_()`; the Finnish catalogue lives in
`locale/fi/LC_MESSAGES/kohtaa.po` and its compiled `.mo`.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime, tzinfo
from pathlib import Path

DOMAIN = "kohtaa"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_active: gettext.NullTranslations = gettext.NullTranslations()
_lang = "en"


def set_language(lang: str) -> None:
    """Make `lang` the language of every `_()` call from now on."""
    global _active, _lang
    _lang = lang
    _active = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def language() -> str:
    """The active language code."""
    return _lang


def _(message: str) -> str:
    """The active translation of `message`."""
    return _active.gettext(message)


def N_(message: str) -> str:
    """Mark `message` for translation without translating it now: for texts made when a
    module is imported (Binding descriptions), translated with `_()` where they are shown,
    so that they follow a language switch."""
    return message


def localized(text: str) -> str:
    """A reason the domain gives (domain.problems.Reason: English, with its msgid and
    values) in the active language; any other text as it is."""
    message_in = getattr(text, "message_in", None)
    return message_in(_) if callable(message_in) else text


def ngettext(singular: str, plural: str, count: int) -> str:
    """The active translation of a message that depends on a count."""
    return _active.ngettext(singular, plural, count)


def number(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """A number as the language writes it: 3,8 in Finnish, 3.8 in English."""
    text = f"{value:.{decimals}f}"
    if (lang or _lang) == "fi":
        text = text.replace(".", ",").replace("-", "\u2212")
    return text


def signed(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """A change with its sign: +0,4 / -0.2."""
    sign = "+" if value > 0 else ("" if value < 0 else "±")
    return sign + number(value, decimals, lang)


def day(value: date, lang: str | None = None) -> str:
    """A date: 22.11.2026 in Finnish, 2026-11-22 in English."""
    if (lang or _lang) == "fi":
        return f"{value.day}.{value.month}.{value.year}"
    return value.isoformat()


def moment(value: datetime, tz: tzinfo, lang: str | None = None) -> str:
    """A date and time in the person's zone: 22.11.2026 14.30 / 2026-11-22 14:30."""
    local = value.astimezone(tz)
    if (lang or _lang) == "fi":
        return f"{day(local.date(), 'fi')} {local.hour}.{local.minute:02d}"
    return f"{local.date().isoformat()} {local.hour:02d}:{local.minute:02d}"
