"""Fixtures the UI tests share."""

from __future__ import annotations

import pytest

from kohtaa_tui.overview import Overview
from kohtaa_tui.ui.screens import dashboard
from kohtaa_tui.workspace import Workspace


@pytest.fixture
def failing_overview(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard's load fails with OSError("disk on fire") (patch it back to retry)."""
    def broken(ws: Workspace, on_index: object = None, thorough: bool = True) -> Overview:
        raise OSError("disk on fire")

    monkeypatch.setattr(dashboard, "load_overview", broken)
