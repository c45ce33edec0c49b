"""A real headless browser for the tests: Debian's chromium, driven over the DevTools
protocol (a websocket) with aiohttp's client, so no browser download is needed.

Tests that use it are skipped, with the reason shown, where chromium is not installed
(.ci/run installs it).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str | None:
    """The browser executable, or None."""
    for name in CANDIDATES:
        if found := shutil.which(name):
            return found
    return None


def need_chromium() -> str:
    """The browser executable; skips the test (with the reason) where there is none."""
    found = chromium_path()
    if found is None:
        pytest.skip("needs a headless chromium (Debian: apt-get install chromium); "
                    ".ci/run installs it")
    return found


class Browser:
    """One headless chromium with one page, and a DevTools session on that page."""

    def __init__(self) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="kohtaa-chromium-"))
        self.process: subprocess.Popen[bytes] | None = None
        self._ws: Any = None
        self._session: Any = None
        self._next_id = 0

    async def __aenter__(self) -> Browser:
        import aiohttp

        executable = need_chromium()
        self.process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("chromium did not start its DevTools endpoint")
            await asyncio.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        self._session = aiohttp.ClientSession()
        async with self._session.get(f"http://127.0.0.1:{port}/json/list") as response:
            pages = [t for t in await response.json() if t.get("type") == "page"]
        self._ws = await self._session.ws_connect(pages[0]["webSocketDebuggerUrl"],
                                                  max_msg_size=0)
        return self

    async def __aexit__(self, *_exc: object) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._session is not None:
            await self._session.close()
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call one DevTools method and return its result (events in between are skipped)."""
        self._next_id += 1
        ident = self._next_id
        await self._ws.send_str(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads((await asyncio.wait_for(self._ws.receive(), 30)).data)
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def goto(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = await self.send("Runtime.evaluate", expression=expression,
                                 returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    async def press(self, key: str, code: str, key_code: int, text: str = "",
                    modifiers: int = 0) -> None:
        """One key press, as a keyboard would send it (modifiers: 2 is Ctrl)."""
        down: dict[str, Any] = {"type": "keyDown", "key": key, "code": code,
                                "windowsVirtualKeyCode": key_code, "modifiers": modifiers}
        if text:
            down["text"] = text
        await self.send("Input.dispatchKeyEvent", **down)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                        windowsVirtualKeyCode=key_code, modifiers=modifiers)

    async def text(self) -> str:
        """The page's visible text (a terminal drawn on a canvas has none of its own)."""
        return str(await self.evaluate("document.body.innerText"))

    async def wait_for(self, check: Any, what: str, seconds: float = 60) -> None:
        """Poll `await check()` until it is true; fail naming `what`."""
        deadline = time.monotonic() + seconds
        while not await check():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.2)

    async def screenshot(self, path: Path) -> None:
        import base64

        result = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(result["data"]))
