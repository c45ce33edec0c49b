"""Printing for the command line: every line display-safe, problems as FILE:LINE: message."""

from __future__ import annotations

import sys

from kohtaa_tui.domain.display import cell_width, display_safe, json_safe, one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any, TextIO

    from kohtaa_tui.domain.problems import Problem

# Light on purpose (no json, typing or dataclasses until needed): quick commands print
# through this module.


def _(message: str) -> str:
    """`message` in the chosen language. The catalogue (gettext) is loaded only once a
    language has been set (kohtaa_tui.i18n imported): until then a quick command speaks
    English without importing it."""
    i18n = sys.modules.get("kohtaa_tui.i18n")
    return message if i18n is None else str(i18n._(message))


def ngettext(singular: str, plural: str, count: int) -> str:
    """The count-dependent `_()`."""
    i18n = sys.modules.get("kohtaa_tui.i18n")
    if i18n is None:
        return singular if count == 1 else plural
    return str(i18n.ngettext(singular, plural, count))


def say(text: str = "", stream: TextIO | None = None) -> None:
    """Print one line of text that may hold stored or foreign strings."""
    print(display_safe(text), file=stream or sys.stdout)


def report_problems(problems: Iterable[Problem], stream: TextIO | None = None) -> int:
    """Print each problem on one line; returns how many were errors."""
    errors = 0
    for problem in problems:
        location = f"{problem.file}:{problem.line}" if problem.line else problem.file
        prefix = _("warning: ") if problem.severity == "warning" else ""
        print(one_line(f"{location}: {prefix}{problem.message}", 2000),
              file=stream or sys.stdout)
        if problem.severity == "error":
            errors += 1
    return errors


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Print a plain text table with columns sized to their content."""
    cells = [[one_line(str(c), 80) for c in row] for row in rows]
    widths = [max([cell_width(h)] + [cell_width(r[i]) for r in cells])
              for i, h in enumerate(headers)]
    print("  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal cells (a wide letter takes two)."""
    return text + " " * max(0, width - cell_width(text))


def safe_json(value: Any, indent: int | None = 2) -> str:
    """JSON text in which no character can act on a terminal: C0 controls are escaped by
    json itself; DEL, C1 controls and bidi overrides are escaped here too."""
    import json

    return safe_text_json(json.dumps(value, ensure_ascii=False, indent=indent, default=str))


def safe_text_json(text: str) -> str:
    """JSON text with DEL, C1 controls and bidi overrides escaped (C0 ones already are)."""
    return json_safe(text)


def print_json(value: Any) -> None:
    """Print JSON (escapes keep control characters inert)."""
    print(safe_json(value))
