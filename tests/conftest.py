"""Every test runs with its own data and config directories and a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from kohtaa_tui import i18n
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.workspace import Workspace, open_workspace
from kohtaa_tui.storage.repository import Store

settings.register_profile("dev", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=200, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

FIXED_NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test touches a real home directory; the locale is fixed to English."""
    monkeypatch.setenv("KOHTAA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KOHTAA_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def clock() -> FixedClock:
    """A clock fixed at 2026-11-22 12:00 UTC."""
    return FixedClock(FIXED_NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The data directory of this test (not created)."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, clock: FixedClock) -> Store:
    """A store on this test's data directory."""
    return Store(data_dir, clock)


@pytest.fixture
def workspace(clock: FixedClock) -> Workspace:
    """A workspace on this test's directories, in English, with the fixed clock."""
    return open_workspace(lang="en", clock=clock)
