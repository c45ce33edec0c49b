"""`kohtaa serve`: the app in a local browser, listening on this machine's loopback only."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kohtaa_tui import cli
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import open_workspace
from tests import browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(port: int) -> list[str]:
    """The local addresses (hex, as /proc/net/tcp* writes them) listening on `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":
                found.append(address)
    return found


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    """`kohtaa serve` running on a free port over an empty data directory."""
    port = _free_port()
    data, config = tmp_path / "data", tmp_path / "config"
    # Sample data without its index: the app builds the index when its dashboard loads.
    ws = open_workspace(str(data), str(tmp_path / "demo-config"), "en")
    populate(ws.store, ws.clock, ws.lang)
    (data / "index.sqlite3").unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOHTAA_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "kohtaa_tui", "--data-dir", str(data), "--config-dir",
         str(config), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    try:
        deadline = time.monotonic() + 20
        while not _listening(port):
            assert process.poll() is None and time.monotonic() < deadline, first
            time.sleep(0.1)
        yield port, data, config, first, process.pid
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serve_listens_on_loopback_only_and_says_where(server) -> None:  # type: ignore[no-untyped-def]
    port, _data, _config, first, _pid = server
    assert f"http://127.0.0.1:{port}" in first
    addresses = _listening(port)
    # 0100007F is 127.0.0.1 in /proc's byte order; nothing listens on any other address.
    assert addresses == ["0100007F"]


def test_a_taken_port_is_one_clear_line(server, capsys) -> None:  # type: ignore[no-untyped-def]
    port, data, config, _first, _pid = server
    code = cli.main(["--data-dir", str(data), "--config-dir", str(config), "serve", "--port",
                     str(port)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and f"port {port}" in err and "--port" in err
    assert cli.main(["--lang", "fi", "--data-dir", str(data), "--config-dir", str(config),
                     "serve", "--port", str(port)]) == 1
    assert "on jo käytössä" in capsys.readouterr().err


def test_a_port_out_of_range_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = cli.main(["--data-dir", str(tmp_path), "serve", "--port", "70000"])
    assert code == 1
    assert "1 to 65535" in capsys.readouterr().err


def test_missing_extra_names_it(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "textual_serve" else real(name, *a))
    code = cli.main(["--data-dir", str(tmp_path), "serve"])
    err = capsys.readouterr().err
    assert code == 1
    assert "kohtaa-tui[serve]" in err and "Traceback" not in err
    assert cli.main(["--lang", "fi", "--data-dir", str(tmp_path), "serve"]) == 1
    err = capsys.readouterr().err
    assert "lisäosan" in err and "kohtaa-tui[serve]" in err and "needs" not in err


async def test_the_app_runs_in_a_real_browser_and_takes_keys(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The page starts the app (the dashboard's load builds the missing index of the
    sample data), and keys pressed in the browser reach it: F2 switches the app to Finnish
    (remembered in config.toml), Ctrl+Q ends the session."""
    browser.need_chromium()
    port, data, config, _first, pid = server
    async with browser.Browser() as page:
        await page.goto(f"http://127.0.0.1:{port}/")

        async def dashboard_loaded() -> bool:
            return (data / "index.sqlite3").exists()

        await page.wait_for(dashboard_loaded, "the app to load its dashboard")
        await asyncio.sleep(1)
        await page.screenshot(tmp_path / "served.png")
        assert "Session ended" not in await page.text()
        # The terminal in the page takes keys once it has the focus, as after a click.
        await page.evaluate("document.querySelector('textarea').focus()")
        assert "fi" not in _config_language(config)
        await page.press("F2", "F2", 113)

        async def switched() -> bool:
            return _config_language(config) == "fi"

        await page.wait_for(switched, "F2 to switch the app to Finnish")
        # With a session running (the server and the app it started), every socket the
        # process tree listens on is bound to 127.0.0.1.
        listening = _listening_of(pid)
        assert listening and set(listening) == {"0100007F"}, listening
        assert "Session ended" not in await page.text()
        await page.press("q", "KeyQ", 81, modifiers=2)

        async def ended() -> bool:
            return "Session ended" in await page.text()

        await page.wait_for(ended, "Ctrl+Q to end the app's session")


def _config_language(config: Path) -> str:
    """The language config.toml remembers ("" when none)."""
    import tomllib

    try:
        settings = tomllib.loads((config / "config.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    return str(settings.get("lang", ""))


def _tree(pid: int) -> set[int]:
    """`pid` and every process below it."""
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        found.add(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def _listening_of(pid: int) -> list[str]:
    """The local addresses of every TCP socket listening, and UDP socket bound, in the
    process tree of `pid` (hex, as /proc/net writes them)."""
    inodes = set()
    for member in _tree(pid):
        for fd in Path(f"/proc/{member}/fd").glob("*"):
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = []
    for table, state in (("tcp", "0A"), ("tcp6", "0A"), ("udp", "07"), ("udp6", "07")):
        try:
            lines = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == state and fields[9] in inodes:
                found.append(fields[1].rsplit(":", 1)[0])
    return found
