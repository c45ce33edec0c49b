"""Crash logs: details of an unexpected error go to a private file, not to the terminal."""

from __future__ import annotations

import traceback
from pathlib import Path

from kohtaa_tui.storage.atomic import write_atomic
from kohtaa_tui.storage.codec import now_utc


def write_crash_log(data_dir: Path, error: BaseException, version: str) -> Path | None:
    """Write the traceback (no local variables) to <data>/crash/; None if that fails too."""
    stamp = now_utc().strftime("%Y%m%d-%H%M%S")
    path = data_dir / "crash" / f"crash-{stamp}.log"
    text = f"kohtaa {version}\n" + "".join(traceback.format_exception(error))
    try:
        write_atomic(path, text.encode("utf-8", errors="replace"))
    except Exception:
        return None
    return path
