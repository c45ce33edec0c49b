"""argparse's own words (usage:, error:, "the following arguments are required") in the
chosen language: argparse looks them up through its module's `_` and `ngettext` when it
speaks, so these are pointed at kohtaa's catalogue before a parser is built. The msgids are
argparse's own (Python 3.11), listed here so that the catalogue tool finds them."""

from __future__ import annotations

from kohtaa_tui.i18n import N_

WORDS = (
    N_("usage: "),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("can't open '%(filename)s': %(error)s"),
)
PLURAL_WORDS = (("expected %s argument", "expected %s arguments"),)


def speak(lang: str) -> None:
    """Make argparse speak `lang` (English: its own words)."""
    import argparse

    from kohtaa_tui import i18n

    if lang == "en":
        import gettext

        argparse._ = gettext.gettext  # type: ignore[attr-defined]
        argparse.ngettext = gettext.ngettext  # type: ignore[attr-defined]
        return
    i18n.set_language(lang)
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _plural_marks() -> None:  # pragma: no cover - read by the catalogue tool only
    from kohtaa_tui.i18n import ngettext

    ngettext("expected %s argument", "expected %s arguments", 1)
