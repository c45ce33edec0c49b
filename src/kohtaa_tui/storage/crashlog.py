"""Crash logs: details of an unexpected error go to a private file, not to the terminal.

The log holds where the error happened (each frame's file, line, function and source line),
the kind of each error in the chain, and the kohtaa version; never local variables and never
an error's message, which can quote a journal entry, an answer or a goal. When the error
itself never reached kohtaa (the UI toolkit handled it on its own), the log says so.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from kohtaa_tui.storage.atomic import write_inside
from kohtaa_tui.storage.codec import now_utc

LEFT_OUT = "(its message is left out: it may quote private text)"
NOT_HANDED_OVER = ("An unexpected error stopped the app, but the error itself was not handed "
                   "to kohtaa, so where it happened is not known.\n")


def crash_report(error: BaseException | None, version: str) -> str:
    """The text of a crash log for `error` (and the errors it came from); None: an error
    that was not handed over."""
    if error is None:
        return f"kohtaa {version}\n{NOT_HANDED_OVER}"
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    parts = [f"kohtaa {version}\n"]
    for number, link in enumerate(reversed(chain)):
        if number:
            parts.append("\nwhich led to:\n\n")
        frames = traceback.extract_tb(link.__traceback__)
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_list(frames))
        kind = type(link)
        parts.append(f"{kind.__module__}.{kind.__qualname__} {LEFT_OUT}\n")
    return "".join(parts)


def write_crash_log(data_dir: Path, error: BaseException | None,
                    version: str) -> Path | None:
    """Write the crash report to <data>/crash/ (0600); None if that fails too."""
    stamp = now_utc().strftime("%Y%m%d-%H%M%S")
    path = data_dir / "crash" / f"crash-{stamp}.log"
    try:
        text = crash_report(error, version)
        write_inside(data_dir, path, text.encode("utf-8", errors="replace"))
    except Exception:
        return None
    return path
