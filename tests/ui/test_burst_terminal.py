"""Keys faster than a person types, in a real terminal: kohtaa in a pseudo-terminal of 80x24
gets an open answer and its Ctrl+S in one write, and the saved result holds every character
(Ctrl+S on the last question records the answer and shows the summary; Enter saves)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.storage.codec import parse_toml
from tests.ui.test_crash_and_signals import BANK, Terminal


@pytest.mark.slow
def test_an_open_answer_and_ctrl_s_in_one_burst_are_saved_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    bank = tmp_path / "signals.toml"
    bank.write_text(BANK, encoding="utf-8")
    assert main(["--data-dir", str(data), "bank", "add", str(bank)]) == 0
    capsys.readouterr()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "KOHTAA"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", KOHTAA_DATA_DIR=str(data),
               KOHTAA_CONFIG_DIR=str(config), COLUMNS="80", LINES="24")
    terminal = Terminal([sys.executable, "-m", "kohtaa_tui", "--lang", "en", "assess",
                         "signals"], env)
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
