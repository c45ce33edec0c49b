"""The user's settings (config.toml): language, theme, key remapping."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kohtaa_tui.domain.document import merge_extra, read_header
from kohtaa_tui.domain.problems import Issue
from kohtaa_tui.domain.text import LANGUAGES


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What a person can set. None means "not set": the default applies."""

    lang: str | None = None
    theme: str | None = None
    keymap: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


def settings_from_document(doc: Mapping[str, Any]) -> tuple[Settings | None, list[Issue]]:
    """Read config.toml; bad values are reported and replaced by defaults.

    None when the file is of another kind or from a newer kohtaa: then it is not read at
    all, and never saved over."""
    issues: list[Issue] = []
    if "kind" not in doc:  # a hand-written config may leave out the header
        doc = {"schema_version": 1, "kind": "config", **doc}
    reader = read_header(doc, "config", issues)
    if reader is None:
        return None, issues
    lang = reader.choice("lang", LANGUAGES)
    theme = reader.string("theme", max_len=100)
    keymap: dict[str, str] = {}
    table = reader.table_reader("keymap")
    if table is not None:
        for key in list(table.table):
            value = table.string(key, max_len=100)
            if value:
                keymap[key] = value
    return Settings(lang=lang, theme=theme, keymap=keymap, extra=reader.extra()), issues


def settings_to_document(settings: Settings) -> dict[str, Any]:
    """The TOML table of the settings."""
    return merge_extra({
        "schema_version": 1, "kind": "config", "lang": settings.lang, "theme": settings.theme,
        "keymap": dict(settings.keymap) or None,
    }, settings.extra)
