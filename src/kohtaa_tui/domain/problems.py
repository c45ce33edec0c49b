"""Problems found in a document: collected and reported together, never raised one by one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    """A problem inside a document, located by the path of keys that leads to it."""

    path: KeyPath
    message: str
    severity: Severity = "error"

    def where(self) -> str:
        """The key path as it reads in TOML, e.g. `items[3].step`."""
        out = ""
        for part in self.path:
            out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def describe(self) -> str:
        """The message, prefixed by the key path when there is one."""
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Problem:
    """A problem with a file: its path, the line where known, and what to do."""

    file: str
    message: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{location}: {prefix}{self.message}"


def has_errors(issues: list[Issue] | list[Problem]) -> bool:
    """True when any of `issues` is an error rather than a warning."""
    return any(issue.severity == "error" for issue in issues)
