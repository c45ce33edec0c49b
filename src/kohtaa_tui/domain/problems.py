"""Problems found in a document: collected and reported together, never raised one by one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Callable

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


def N_(message: str) -> str:
    """Mark `message` as a msgid of the catalogue: the domain speaks English; a message is
    translated where it is shown (storage.repository.issues_to_problems), from `template`
    and `params` when it has them."""
    return message


class Reason(str):
    """A reason in English (the string itself) that can be said again in another language:
    `template` is its msgid with {placeholders}, `params` their values."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Reason:
        made = super().__new__(cls, template.format(**params))
        made.template = template
        made.params = params
        return made

    def message_in(self, gettext: Callable[[str], str]) -> str:
        """The reason through `gettext` (a catalogue's lookup)."""
        try:
            return gettext(self.template).format(**self.params)
        except (KeyError, IndexError, ValueError):
            return str(self)


@dataclass(frozen=True, kw_only=True)
class Issue:
    """A problem inside a document, located by the path of keys that leads to it.

    `message` is the English text; `template` (a msgid with {placeholders}) and `params`
    make it again in another language. A parameter whose name ends in `_word` is itself a
    msgid (such as "a string")."""

    path: KeyPath
    message: str
    severity: Severity = "error"
    template: str = field(default="", compare=False)
    params: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    def message_in(self, gettext: Callable[[str], str]) -> str:
        """The message through `gettext` (a catalogue's lookup)."""
        if not self.template:
            return gettext(self.message)
        values = {key: gettext(value) if key.endswith("_word") and isinstance(value, str)
                  else value for key, value in self.params}
        try:
            return gettext(self.template).format(**values)
        except (KeyError, IndexError, ValueError):
            return self.message

    def where(self) -> str:
        """The key path as it reads in TOML, e.g. `items[3].step`."""
        out = ""
        for part in self.path:
            out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def describe(self, message: str | None = None) -> str:
        """The message (or `message`, the same in another language), prefixed by the key
        path when there is one."""
        text = self.message if message is None else message
        where = self.where()
        return f"{where}: {text}" if where else text


@dataclass(frozen=True, kw_only=True)
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
