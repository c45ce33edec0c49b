"""Every key binding of the UI, found by importing its modules: for docs/keymap.md and its test.

Run `python tests/keymap_tool.py` to print the table that docs/keymap.md carries.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode

import kohtaa_tui.ui


@dataclass(frozen=True)
class Row:
    """One binding: where it acts, its id, keys and label."""

    where: str
    id: str
    keys: str
    label: str


def all_bindings() -> list[Row]:
    """Every Binding with an id, on every screen, modal and the app (duplicates included)."""
    rows: list[Row] = []
    for info in pkgutil.walk_packages(kohtaa_tui.ui.__path__, "kohtaa_tui.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, DOMNode) or cls.__module__ != module.__name__:
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    rows.append(Row(cls.__name__, binding.id, binding.key,
                                    binding.description))
    return rows


def bindings() -> list[Row]:
    """One row per binding id, sorted by where it acts (the app first)."""
    unique = {row.id: row for row in all_bindings()}
    return sorted(unique.values(), key=lambda r: (r.where != "KohtaaApp", r.where, r.id))


def table() -> str:
    """The Markdown table of all bindings."""
    lines = ["| where | binding id | keys | does |", "|---|---|---|---|"]
    for row in bindings():
        keys = row.keys.replace("|", "\\|")
        lines.append(f"| {row.where} | `{row.id}` | `{keys}` | {row.label} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
