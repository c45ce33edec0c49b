"""Finding the line of a key path (`items[3].step`) in TOML source text, for error messages.

A best effort over the common layouts (`[table]`, `[[array]]` headers and `key = value`
lines); None where the layout is unusual.
"""

from __future__ import annotations

import re

from kohtaa_tui.domain.problems import KeyPath

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")


def _key_line(lines: list[str], start: int, end: int, key: str) -> int | None:
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for number in range(start, end):
        if pattern.match(lines[number]):
            return number
    return None


class SourceIndex:
    """The lines and table headers of one TOML text, found once for many look-ups."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.headers: list[tuple[int, bool, str]] = []
        for number, line in enumerate(self.lines):
            if "[" not in line:
                continue
            match = _HEADER.match(line)
            if match:
                self.headers.append((number, match.group(1) == "[[",
                                     match.group(2).replace('"', "")))

    def line_of(self, path: KeyPath) -> int | None:
        """The 1-based line where `path` is defined, or None."""
        return _line_of(self.lines, self.headers, path)


def line_of(text: str, path: KeyPath) -> int | None:
    """The 1-based line where `path` is defined in `text`, or None."""
    return SourceIndex(text).line_of(path)


def _line_of(lines: list[str], headers: list[tuple[int, bool, str]],
             path: KeyPath) -> int | None:
    keys = [part for part in path if isinstance(part, str)]
    if not path:
        return None
    # Top-level key: before the first header.
    first_header = headers[0][0] if headers else len(lines)
    if len(path) == 1 and isinstance(path[0], str):
        found = _key_line(lines, 0, first_header, path[0])
        if found is not None:
            return found + 1
        table = next((n for n, _, name in headers if name == path[0]), None)
        return None if table is None else table + 1
    # [table] or [[array]] followed by an optional index and a key.
    name = str(path[0])
    index = path[1] if len(path) > 1 and isinstance(path[1], int) else None
    rest = path[2:] if index is not None else path[1:]
    matching = [(n, is_array) for n, is_array, h in headers if h == name]
    if index is not None:
        arrays = [n for n, is_array in matching if is_array]
        if index >= len(arrays):
            return None
        start = arrays[index]
    elif matching:
        start = matching[0][0]
    else:
        found = _key_line(lines, 0, first_header, name)
        return None if found is None else found + 1
    end = next((n for n, _, _ in headers if n > start), len(lines))
    sub_key = next((part for part in rest if isinstance(part, str)), None)
    del keys
    if sub_key is None:
        return start + 1
    found = _key_line(lines, start + 1, end, sub_key)
    return (found if found is not None else start) + 1
