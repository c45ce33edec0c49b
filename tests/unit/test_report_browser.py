"""The HTML report opened in a real headless browser (skipped when none is installed).

No browser is a dependency of kohtaa: on Debian, `apt-get install chromium` (and
poppler-utils for the PDF text check) makes these tests run.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kohtaa_tui.services.report import gather_report, render
from kohtaa_tui.services.workspace import Workspace
from tests.unit.test_report import SECRET, filled, with_private  # noqa: F401 (fixtures)

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser() -> str:
    """The first headless-capable browser on PATH, or skip."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless browser installed (apt-get install chromium)")


def run_browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the browser headless with a throwaway profile and no network."""
    command = [browser(), "--headless", "--no-sandbox", "--disable-gpu",
               "--no-first-run", "--disable-extensions", "--disable-background-networking",
               f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


class Cells(HTMLParser):
    """The text of each table row, as the browser left the DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.in_cell = True
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.in_cell = False

    def handle_data(self, data: str) -> None:
        if self.in_cell and self.rows:
            self.rows[-1][-1] += data


@pytest.fixture
def html_file(with_private: Workspace, tmp_path: Path) -> Path:  # noqa: F811
    """The report of November as an HTML file, private reflections left out."""
    report = gather_report(with_private, date(2026, 11, 1), date(2026, 11, 30))
    path = tmp_path / "report.html"
    path.write_text(render(report, "html", "en"), encoding="utf-8")
    return path


def test_browser_renders_the_numbers(html_file: Path, tmp_path: Path) -> None:
    """The DOM the browser built holds the step table with its numbers, no private text,
    and the hostile title as text (no element was injected)."""
    done = run_browser(tmp_path, "--dump-dom", html_file.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    parser = Cells()
    parser.feed(dom)
    rows = {row[0]: row[1:4] for row in parser.rows if row}
    assert rows["Step"] == ["Start", "End", "Change"]
    assert rows["Active listening"] == ["3.0", "4.0", "+1.0"]
    assert rows["Using feedback"] == ["2.0", "2.5", "+0.5"]
    assert "Two asked" in dom and "I listened Acme kickoff" in dom
    assert SECRET not in dom
    assert "<script>alert(1)</script>" not in dom and "&lt;script&gt;" in dom


def test_browser_prints_it(html_file: Path, tmp_path: Path) -> None:
    """Print to PDF works; where pdftotext exists, the printed text carries the numbers."""
    pdf = tmp_path / "report.pdf"
    done = run_browser(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                       html_file.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    if shutil.which("pdftotext") is None:
        return
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True).stdout
    assert "Development discussion summary" in text
    line = next(row for row in text.splitlines() if "Active listening" in row)
    assert line.split()[-3:] == ["3.0", "4.0", "+1.0"] or "3.0 4.0 +1.0" in " ".join(
        line.split())
    assert SECRET not in text
