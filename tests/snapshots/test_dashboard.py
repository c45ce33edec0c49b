"""Snapshots of the first screen and the help, in both languages and two sizes."""

from __future__ import annotations

from typing import Any

import pytest

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.launch import fresh_ui
from tests.snapshots.conftest import settle


@pytest.fixture
def ui_module() -> Any:
    """Gives a function that imports the UI in a language; English again afterwards."""
    yield fresh_ui
    fresh_ui("en")


class TestDashboard:
    """The dashboard empty and with half a year of use."""

    @pytest.mark.parametrize("lang", ["en", "fi"])
    def test_empty(self, snap_compare: Any, workspace: Workspace, ui_module: Any,
                   lang: str) -> None:
        """A new user sees a welcome with the five steps and where to start."""
        app = ui_module(lang).KohtaaApp(workspace.with_lang(lang))
        assert snap_compare(app, terminal_size=(80, 24), run_before=settle)

    @pytest.mark.parametrize("lang", ["en", "fi"])
    @pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 20)])
    def test_demo(self, snap_compare: Any, workspace: Workspace, clock: FixedClock,
                  ui_module: Any, lang: str, size: tuple[int, int]) -> None:
        """Scores with trends, goals with progress, latest reflections, the habit."""
        populate(workspace.store, clock, lang)
        app = ui_module(lang).KohtaaApp(workspace.with_lang(lang))
        assert snap_compare(app, terminal_size=size, run_before=settle)


class TestHelp:
    """The help screen over the dashboard."""

    def test_help(self, snap_compare: Any, workspace: Workspace, ui_module: Any) -> None:
        """F1: the keys of the screen, the steps, the loop."""
        app = ui_module("en").KohtaaApp(workspace)
        assert snap_compare(app, terminal_size=(80, 24), press=["f1"], run_before=settle)
