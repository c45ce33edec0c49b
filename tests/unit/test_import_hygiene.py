"""The headless core never loads Textual or Rich, proven in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "kohtaa_tui",
    "kohtaa_tui.domain.banks",
    "kohtaa_tui.domain.assessment",
    "kohtaa_tui.domain.journal",
    "kohtaa_tui.domain.goals",
    "kohtaa_tui.storage.repository",
    "kohtaa_tui.storage.banks",
    "kohtaa_tui.storage.results",
    "kohtaa_tui.storage.index",
    "kohtaa_tui.storage.journal",
    "kohtaa_tui.storage.schemas",
    "kohtaa_tui.commands.journal",
    "kohtaa_tui.commands.schemas",
    "kohtaa_tui.services.overview",
    "kohtaa_tui.domain.charts",
    "kohtaa_tui.commands.banks",
    "kohtaa_tui.commands.results",
    "kohtaa_tui.commands.tui",
    "kohtaa_tui.commands.goals",
    "kohtaa_tui.services.goal_inputs",
    "kohtaa_tui.services.goal_actions",
    "kohtaa_tui.services.goal_text",
    "kohtaa_tui.domain.goal_chart",
    "kohtaa_tui.services.workspace",
    "kohtaa_tui.cli",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_module_does_not_load_the_ui(module: str) -> None:
    """Importing a headless module leaves textual and rich unloaded."""
    code = (f"import sys, {module}; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_headless_command_does_not_load_the_ui(tmp_path: object) -> None:
    """`kohtaa doctor` runs without importing Textual."""
    code = ("import sys; from kohtaa_tui.cli import main; main(['doctor']); "
            "print('LOADED' if 'textual' in sys.modules else 'CLEAN')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "CLEAN"


@pytest.mark.parametrize("argv", [["bank", "list"], ["results", "list"], ["goals", "list"],
                                  ["assess", "no-such-bank"]])
def test_assessment_commands_do_not_load_the_ui(argv: list[str]) -> None:
    """`kohtaa bank list`, `results list` and a refused `assess` run without Textual."""
    code = (f"import sys; from kohtaa_tui.cli import main; main({argv!r}); "
            "print('LOADED' if 'textual' in sys.modules else 'CLEAN')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "CLEAN"
