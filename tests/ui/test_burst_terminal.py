"""Keys faster than a person types, in a real terminal: kohtaa in a pseudo-terminal of 80x24
gets an open answer and its Ctrl+S in one write, and the saved result holds every character
(Ctrl+S on the last question records the answer and shows the summary; Enter saves)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kohtaa_tui.storage.codec import parse_toml
from tests.ui.test_crash_and_signals import assess_signals_in_a_terminal


@pytest.mark.slow
def test_an_open_answer_and_ctrl_s_in_one_burst_are_saved_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    terminal = assess_signals_in_a_terminal(tmp_path, capsys)
    text = "ask what they need to decide, then wait"
    try:
        terminal.wait_for(lambda: b"Question 1 of 3" in terminal.output)
        terminal.settle()
        terminal.type("3")
        terminal.wait_for(lambda: b"Question 2 of 3" in terminal.output)
        terminal.settle()
        terminal.type("2")
        terminal.wait_for(lambda: b"Question 3 of 3" in terminal.output)
        terminal.settle()
        os.write(terminal.master, text.encode() + b"\x13")  # one burst, Ctrl+S last
        terminal.wait_for(lambda: b"All questions seen" in terminal.output)
        terminal.settle()
        os.write(terminal.master, b"\r")  # see the result: it is saved
        terminal.wait_for(lambda: any((data / "results").rglob("*.toml")), timeout=60)
        terminal.settle()
        os.write(terminal.master, b"\x11")  # Ctrl+Q
        terminal.process.wait(timeout=20)
    finally:
        terminal.close()
    [saved] = list((data / "results").rglob("*.toml"))
    document = parse_toml(saved.read_bytes())
    assert document["open_answers"] == {"o": text}
    assert document["answers"] == {"a": 3, "b": 2}
    assert b"Traceback" not in terminal.output
