"""Saving config.toml by the rule of every other document (see kinds.check_saved_over).

config.toml lives in the config directory, not in the data directory; a person may keep it
in a dotfiles repository behind a link, so a save follows a link to it (write_atomic).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kohtaa_tui.storage.atomic import write_atomic
from kohtaa_tui.storage.codec import ParseError, dump_toml, read_bounded
from kohtaa_tui.storage.errors import UnreadableFileError
from kohtaa_tui.storage.kinds import CONFIG, check_saved_over


def save_settings_file(path: Path, document: Mapping[str, Any]) -> None:
    """Write `document` as config.toml at `path`, unless the file there could not be read
    or a newer kohtaa wrote it (UnreadableFileError; the file stays byte-identical)."""
    data = dump_toml(document)
    if os.path.lexists(path):
        try:
            current: bytes | None = read_bounded(path, CONFIG.limit)
        except ParseError as error:
            raise UnreadableFileError(f"{path}: not saved over: {error.message}; "
                                      "fix or move it, then try again") from None
    else:
        current = None
    check_saved_over(path, current, CONFIG)
    write_atomic(path, data)
