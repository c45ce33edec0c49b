"""A config.toml kohtaa could not read, or one a newer kohtaa wrote, is never rewritten by a
setting change (F2, a theme); the app says at start that it could not be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.workspace import Workspace, open_workspace
from kohtaa_tui.ui.app import KohtaaApp
from tests.broken_files import newer

MISSING_QUOTE = b'lang = "en"\ntheme = "nord\n[keymap]\ndashboard-assess = "s"\n'
NEWER = newer(b'schema_version = 1\nkind = "config"\nlang = "en"\ntheme = "nord"\n')


def messages(app: KohtaaApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def workspace_with(config: bytes, clock: FixedClock) -> tuple[Workspace, Path]:
    path = Path(open_workspace(clock=clock).config_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(config)
    return open_workspace(lang="en", clock=clock), path


@pytest.mark.parametrize("config", [MISSING_QUOTE, NEWER], ids=["missing quote", "newer"])
async def test_f2_over_an_unreadable_config_leaves_it(config: bytes, clock: FixedClock) -> None:
    ws, path = workspace_with(config, clock)
    app = KohtaaApp(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        said = messages(app)
        assert any("settings could not be read" in m and str(path) in m for m in said), said
        if config is MISSING_QUOTE:
            assert any(f"{path}:2:" in m for m in said), said  # the line of the bad quote
        await pilot.press("f2")
        await pilot.pause()
        assert app.workspace.lang == "fi"  # the switch still happens, for this run
        # The refusal is told at once, in the new language.
        said = messages(app)
        assert any(str(path) in m and "kunnes kohtaa suljetaan" in m for m in said), said
        await pilot.press("f2")
        await pilot.pause()
    assert path.read_bytes() == config


async def test_a_theme_change_over_a_newer_config_leaves_it(clock: FixedClock) -> None:
    ws, path = workspace_with(NEWER, clock)
    app = KohtaaApp(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "gruvbox"
        await pilot.pause()
        assert app.theme == "gruvbox"  # applies for this run
        said = messages(app)
        assert any("newer kohtaa" in m and "until kohtaa is closed" in m for m in said), said
    assert path.read_bytes() == NEWER


async def test_a_readable_config_is_still_saved_and_nothing_is_said(
        workspace: Workspace) -> None:
    workspace.config_path.parent.mkdir(parents=True, exist_ok=True)
    workspace.config_path.write_bytes(b'theme = "nord"\n')
    ws = open_workspace(lang="en", clock=workspace.clock)
    app = KohtaaApp(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not any("could not be read" in m for m in messages(app))
        app.theme = "gruvbox"
        await pilot.pause()
    assert 'theme = "gruvbox"' in ws.config_path.read_text(encoding="utf-8")
