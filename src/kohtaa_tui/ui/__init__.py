"""The Textual user interface: the only package that imports Textual."""

from kohtaa_tui import i18n

IMPORTED_IN = i18n.language()
"""The language that was active when the UI modules were imported (their class texts)."""
