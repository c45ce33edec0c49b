"""Crashes leak no private text; SIGTERM and SIGHUP save the open draft; content cannot
trigger the denied actions even through a markup link that does get rendered."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from kohtaa_tui.cli import main
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.codec import parse_toml
from kohtaa_tui.ui.app import KohtaaApp
from tests.unit.test_bank_validate import GOOD, item

SECRET_IN_LOCALS = "SECRET-LOCAL-4711"
SECRET_IN_ENTRY = "SECRET-ENTRY-TEXT-0815"

CRASHING_APP = f"""
import sys
from datetime import UTC, datetime
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services.workspace import open_workspace
from kohtaa_tui.ui.app import KohtaaApp

now = datetime(2026, 11, 20, tzinfo=UTC)
ws = open_workspace(data_dir=sys.argv[1], lang='en')
ws.store.save_entry(JournalEntry(id="e1", schema_id="quick", schema_version=1, created=now,
                                 updated=now,
                                 answers={{"what": "{SECRET_IN_ENTRY} about a customer"}}), None)

class Boom(KohtaaApp):
    def on_mount(self):
        super().on_mount()
        self.set_timer(0.2, self.explode)

    def explode(self):
        private = "{SECRET_IN_LOCALS}"
        entries = [item.value for item in self.workspace.store.entries()[0]]
        raise ValueError("cannot show " + entries[0].answers["what"])

app = Boom(ws)
app.run(headless=True, size=(80, 24))
sys.exit(app.return_code or 0)
"""


def test_a_crash_prints_where_the_log_is_and_no_private_text(tmp_path: Path) -> None:
    """Not the entry's text (even in the error message), not local variables."""
    data = tmp_path / "data"
    result = subprocess.run([sys.executable, "-c", CRASHING_APP, str(data)],
                            capture_output=True, text=True, timeout=60)
    printed = result.stdout + result.stderr
    assert result.returncode == 1
    assert SECRET_IN_ENTRY not in printed and SECRET_IN_LOCALS not in printed
    assert "Traceback" not in printed
    assert "unexpected error" in printed and "Your saved data is safe" in printed
    logs = list((data / "crash").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in printed
    assert (logs[0].stat().st_mode & 0o777) == 0o600
    log = logs[0].read_text()
    assert "ValueError" in log and "explode" in log
    assert SECRET_IN_LOCALS not in log  # the traceback has no local variables
    assert (data / "journal").exists()  # the data is where it was


# -- signals -----------------------------------------------------------------------------------

BANK = GOOD.replace('id = "tiny"', 'id = "signals"') + item(
    "o", None, 'type = "open"\n', text='"What would you do differently?"')


class Terminal:
    """kohtaa running in a pseudo-terminal of 80x24, with its output collected."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.master = master
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                                        env=env, start_new_session=True, close_fds=True)
        os.close(slave)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.master, char.encode())
            time.sleep(0.02)

    def wait_for(self, condition: object, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if callable(condition) and condition():
                return
            if self.process.poll() is not None:
                raise AssertionError("kohtaa exited early:\n"
                                     + self.output.decode("utf-8", "replace")[-2000:])
            time.sleep(0.05)
        screen = self.output.decode("utf-8", "replace")[-2000:]
        raise AssertionError("timed out; screen:\n" + screen)

    def settle(self, quiet: float = 0.5, timeout: float = 20.0) -> None:
        """Wait until the screen has stopped changing (the app is ready for keys)."""
        deadline = time.monotonic() + timeout
        size, since = len(self.output), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if len(self.output) != size:
                size, since = len(self.output), time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        os.close(self.master)


def assess_signals_in_a_terminal(tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> Terminal:
    """`kohtaa assess signals` (the BANK above, installed in tmp_path/data) started in an
    80x24 pseudo-terminal, in English, with no settings from the machine running the tests."""
    data, config = tmp_path / "data", tmp_path / "config"
    bank = tmp_path / "signals.toml"
    bank.write_text(BANK, encoding="utf-8")
    assert main(["--data-dir", str(data), "bank", "add", str(bank)]) == 0
    capsys.readouterr()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "KOHTAA"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", KOHTAA_DATA_DIR=str(data),
               KOHTAA_CONFIG_DIR=str(config), COLUMNS="80", LINES="24")
    return Terminal([sys.executable, "-m", "kohtaa_tui", "--lang", "en", "assess", "signals"],
                    env)


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_text_being_written(tmp_path: Path, signum: int,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Two answers and half a paragraph typed; the terminal closes; nothing is lost."""
    data = tmp_path / "data"
    draft = data / "drafts" / "assessment-signals.toml"
    terminal = assess_signals_in_a_terminal(tmp_path, capsys)
    try:
        terminal.wait_for(lambda: b"Question 1 of 3" in terminal.output)
        terminal.settle()
        terminal.type("3")
        terminal.wait_for(draft.exists)
        terminal.settle()
        terminal.type("2")
        terminal.wait_for(lambda: b"Question 3 of 3" in terminal.output)
        terminal.settle()
        terminal.type("listen first then")
        terminal.wait_for(lambda: b"listen first the" in terminal.output)
        assert "listen first" not in draft.read_text()  # only the signal will save it
        os.kill(terminal.process.pid, signum)
        code = terminal.process.wait(timeout=20)
    finally:
        terminal.close()
    document = parse_toml(draft.read_bytes())
    assert document["answers"] == {"a": 3, "b": 2}
    assert document["open_answers"] == {"o": "listen first then"}
    assert code == 0
    assert b"Traceback" not in terminal.output


# -- denied actions --------------------------------------------------------------------------------

class SentinelApp(KohtaaApp):
    """Records which injected actions ran."""

    ran: ClassVar[list[str]] = []

    def action_pwned(self, arg: str = "") -> None:
        self.ran.append(arg)


class MarkupScreen(Screen[None]):
    """A screen that (wrongly) renders content as markup: the second line of defence."""

    def __init__(self, tmp_path: Path) -> None:
        super().__init__()
        self.tmp_path = tmp_path

    def compose(self) -> ComposeResult:
        where = str(self.tmp_path)
        yield Static("[@click=app.pwned('ran')]PWN[/]", id="control")
        yield Static(f"[@click=app.screenshot('leak.svg','{where}')]SHOT[/]", id="shot")
        yield Static("[@click=app.simulate_key('ctrl+q')]KEY[/]", id="key")
        yield Static("[@click=app.suspend_process()]SUSPEND[/]", id="suspend")
        yield Static(f"[@click=app.deliver_screenshot('leak2.svg','{where}')]DELIVER[/]",
                     id="deliver")


async def test_a_click_on_injected_markup_cannot_run_a_denied_action(
        workspace: Workspace, tmp_path: Path) -> None:
    SentinelApp.ran = []
    app = SentinelApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MarkupScreen(tmp_path))
        await pilot.pause()
        await pilot.click("#control", offset=(1, 0))
        await pilot.pause()
        assert SentinelApp.ran == ["ran"], "the click path itself must work"
        for widget in ("#shot", "#key", "#suspend", "#deliver"):
            await pilot.click(widget, offset=(1, 0))
            await pilot.pause()
        assert app.is_running
        for action in sorted(KohtaaApp.DENIED_ACTIONS):
            assert app.check_action(action, ()) is False
    assert not list(tmp_path.rglob("leak*.svg"))
    assert app.return_code in (None, 0)
