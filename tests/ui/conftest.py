"""Fixtures the UI tests share."""

from __future__ import annotations

import pytest

from kohtaa_tui.services.overview import Overview
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.screens import dashboard


@pytest.fixture
def failing_overview(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard's load fails with OSError("disk on fire") (patch it back to retry)."""
    def broken(ws: Workspace, on_index: object = None, thorough: bool = True) -> Overview:
        raise OSError("disk on fire")

    monkeypatch.setattr(dashboard, "load_overview", broken)
