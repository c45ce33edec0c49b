"""The wheel carries the shipped banks, schemas, the Finnish catalogue and the report's
template, and an installed kohtaa (not the source checkout) finds them.

Builds a real wheel, so it takes a few seconds: deselect with `-m "not packaging"`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    try:
        import hatchling  # noqa: F401

        isolation = ["--no-build-isolation"]
    except ImportError:
        isolation = []  # pip fetches hatchling, the build backend, into its own env
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", *isolation, "-w", str(out),
         str(ROOT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    wheels = list(out.glob("kohtaa_tui-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_the_wheel_carries_the_shipped_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("question_banks", "question_banks_earlier", "journal_schemas"):
        shipped = sorted(p.relative_to(ROOT / folder).as_posix()
                         for p in (ROOT / folder).rglob("*.toml"))
        assert shipped, folder
        for name in shipped:
            assert f"kohtaa_tui/_shipped/{folder}/{name}" in names
    assert "kohtaa_tui/locale/fi/LC_MESSAGES/kohtaa.mo" in names
    assert "kohtaa_tui/ui/app.tcss" in names
    assert "kohtaa_tui/services/templates/report.html" in names
    assert any(n.endswith("entry_points.txt") for n in names)
    assert not any(n.startswith(("tests/", "src/")) for n in names)


def test_an_installed_kohtaa_finds_its_banks_and_speaks_finnish(wheel: Path,
                                                                tmp_path: Path) -> None:
    """The unpacked wheel, ahead of the checkout on the path, run from elsewhere."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "KOHTAA_DATA_DIR": str(tmp_path / "d"),
           "KOHTAA_CONFIG_DIR": str(tmp_path / "c")}
    probe = ("import kohtaa_tui, kohtaa_tui.paths as p; print(kohtaa_tui.__file__); "
             "print(p.shipped_dir('question_banks')); print(p.shipped_dir('journal_schemas'))")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=60)
    assert shown.returncode == 0, shown.stderr
    module, banks, schemas = shown.stdout.split("\n")[:3]
    assert module.startswith(str(site))
    assert banks == str(site / "kohtaa_tui" / "_shipped" / "question_banks")
    assert schemas == str(site / "kohtaa_tui" / "_shipped" / "journal_schemas")
    listed = subprocess.run([sys.executable, "-m", "kohtaa_tui", "--lang", "fi", "bank",
                             "list"], capture_output=True, text=True, env=env, cwd=tmp_path,
                            timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert "core" in listed.stdout and "_shipped" not in listed.stderr
    finnish = subprocess.run(
        [sys.executable, "-c", "from kohtaa_tui import i18n; i18n.set_language('fi'); "
         "print(i18n._('Quit'))"], capture_output=True, text=True, env=env, cwd=tmp_path,
        timeout=60)
    assert finnish.returncode == 0 and finnish.stdout.strip() not in ("", "Quit")
    # The HTML report's template comes from the package, its labels in Finnish.
    page = tmp_path / "report.html"
    report = subprocess.run([sys.executable, "-m", "kohtaa_tui", "--lang", "fi", "report",
                             "--format", "html", "-o", str(page)], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=60)
    assert report.returncode == 0, report.stderr
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n<html lang=\"fi\">")
    assert "<h2>Tavoitteet</h2>" in page.read_text(encoding="utf-8")
