"""Printing for the command line: every line display-safe, problems as FILE:LINE: message."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from kohtaa_tui.domain.display import display_safe, json_safe, one_line
from kohtaa_tui.domain.problems import Problem


def say(text: str = "", stream: TextIO | None = None) -> None:
    """Print one line of text that may hold stored or foreign strings."""
    print(display_safe(text), file=stream or sys.stdout)


def report_problems(problems: Iterable[Problem], stream: TextIO | None = None) -> int:
    """Print each problem on one line; returns how many were errors."""
    errors = 0
    for problem in problems:
        print(one_line(str(problem), 2000), file=stream or sys.stdout)
        if problem.severity == "error":
            errors += 1
    return errors


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Print a plain text table with columns sized to their content."""
    cells = [[one_line(str(c), 80) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def print_json(value: Any) -> None:
    """Print JSON (escapes keep control characters and bidi overrides inert)."""
    print(json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=str)))
