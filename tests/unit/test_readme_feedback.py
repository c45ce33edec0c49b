"""The README's feedback loop names commands and options that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kohtaa_tui.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_feedback_command_and_option_in_the_readme_exists(
        capsys: pytest.CaptureFixture[str]) -> None:
    text = README.read_text(encoding="utf-8")
    named = set(re.findall(r"kohtaa feedback (\w+)([^`|]*)", text))
    assert {action for action, _rest in named} >= {"request", "form", "answer", "import",
                                                   "show"}
    for action, rest in named:
        with pytest.raises(SystemExit) as done:
            main(["feedback", action, "--help"])
        assert done.value.code == 0
        usage = capsys.readouterr().out
        for option in re.findall(r"--[a-z-]+", rest):
            assert option in usage, (action, option)
    assert "--with-feedback" in text
    with pytest.raises(SystemExit):
        main(["results", "export", "--help"])
    assert "--with-feedback" in capsys.readouterr().out
