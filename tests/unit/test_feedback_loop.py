"""The feedback loop end to end: a request, an answer in the terminal, answers made by the
HTML form in a real headless browser, the import, and the gap in `feedback show` and the
report. Skipped, with the reason, where no chromium is installed (.ci/run installs it)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from tests import browser
from tests.hostile import ALL_IN_ONE
from tests.unit.test_feedback_cli import BANK, ITEMS, REST, own_result

FILL = """
(function (answers, comment, name) {
  for (const [item, value] of Object.entries(answers)) {
    document.querySelector(`input[name='item-${item}'][value='${value}']`).click();
  }
  document.getElementById('kohtaa-comment').value = comment;
  document.getElementById('kohtaa-name').value = name;
  document.getElementById('kohtaa-save').click();
  return document.getElementById('kohtaa-out').value;
})
"""


async def fill_form(page: browser.Browser, form: Path, answers: dict[str, int],
                    comment: str, name: str = "") -> str:
    """Open the form from disk, answer it as a person would, and return the file it made."""
    await page.goto(form.as_uri())

    async def ready() -> bool:
        return bool(await page.evaluate("!!document.getElementById('kohtaa-save')"))

    await page.wait_for(ready, "the form to load")
    title = await page.evaluate("document.title")
    assert "<b>" in title  # the asker's name is text, not markup
    made = await page.evaluate(
        f"{FILL}({json.dumps(answers)}, {json.dumps(comment)}, {json.dumps(name)})")
    assert isinstance(made, str) and made.startswith("schema_version = 1")
    status = await page.evaluate("document.getElementById('kohtaa-status').textContent")
    assert "kohtaa-feedback-" in status
    return made


async def test_the_whole_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    browser.need_chromium()
    # The person rates themselves high on listening, low on positivity.
    own_result(tmp_path, dict.fromkeys(ITEMS, 3) | {
        "listening-let-finish": 5, "listening-mind-wandered": 1,
        "positivity-possibilities": 1})
    request = tmp_path / "ask.toml"
    assert main(["--lang", "en", "feedback", "request", "--bank", BANK, "--role", "colleague",
                 "--from", "Kettu <b>&amp;", "-o", str(request)]) == 0
    capsys.readouterr()
    form = request.with_suffix(".html")

    # One colleague answers in the terminal.
    lines = ["2", "4", "3", "3", "3", "3", "4", "3", *REST, "By the terminal", ""]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    by_cli = tmp_path / "cli.toml"
    assert main(["--lang", "en", "feedback", "answer", str(request), "-o", str(by_cli)]) == 0
    capsys.readouterr()

    # Two answer in the browser, one of them with a hostile comment and a name.
    made = []
    async with browser.Browser() as page:
        made.append(await fill_form(page, form, {
            "listening-let-finish": 2, "listening-mind-wandered": 5,
            "positivity-possibilities": 4}, ALL_IN_ONE + "\n\"quoted\" \\ end", "Nimi"))
        made.append(await fill_form(page, form, {
            "listening-let-finish": 3, "listening-mind-wandered": 4,
            "positivity-possibilities": 5, "feedback-asked-customer": 3}, ""))
        await rest_of_the_loop(page, tmp_path, made, by_cli, capsys)


async def rest_of_the_loop(page: browser.Browser, tmp_path: Path, made: list[str],
                           by_cli: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Import, show, and the report (its charts drawn in the same browser)."""
    files = []
    for number, text in enumerate(made):
        path = tmp_path / f"form-{number}.toml"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))

    assert main(["feedback", "import", str(by_cli), *files]) == 0
    assert capsys.readouterr().out.count("imported:") == 3

    assert main(["--lang", "en", "feedback", "show", "--format", "json"]) == 0
    [view] = json.loads(capsys.readouterr().out)
    steps = {s["step"]: s for s in view["steps"]}
    assert steps["listening"]["voices"]["others"]["responses"] == 3
    assert steps["listening"]["self"] == 5.0
    assert steps["listening"]["others"] == pytest.approx((2.0 + 1.5 + 2.5) / 3)
    assert steps["listening"]["reading"] == "blind_spot"
    assert steps["positivity"]["reading"] == "hidden_strength"
    # Answered by two people only: not shown.
    assert steps["feedback"]["voices"]["others"]["hidden"] is True
    comments = [c["text"] for c in view["comments"]]
    assert ALL_IN_ONE + "\n\"quoted\" \\ end" in comments
    assert all(c["name"] is None for c in view["comments"])

    assert main(["--lang", "en", "feedback", "show"]) == 0
    out = capsys.readouterr().out
    assert "Blind spots (you see more than others do): Listening" in out
    assert "Hidden strengths (others see more than you do): Positivity" in out
    assert "Nimi" not in out and "\x1b" not in out

    # The gap in the report for the development discussion, in every format.
    assert main(["--lang", "en", "report", "--bank", BANK]) == 0
    report = capsys.readouterr().out
    section = report[report.index("## Others’ view"):report.index("## Goals")]
    assert "| Listening | 5.0 | 2.0 | -3.0 blind spot |" in section
    assert "not enough answers yet (2 of 3)" in section  # the feedback step
    assert "Nimi" not in report and "PWNED" not in report
    html_path = tmp_path / "report.html"
    assert main(["--lang", "en", "report", "--bank", BANK, "--format", "html",
                 "-o", str(html_path)]) == 0
    capsys.readouterr()
    await page.goto(html_path.as_uri())

    async def drawn() -> bool:
        return bool(await page.evaluate("document.querySelectorAll('svg').length == 2"))

    await page.wait_for(drawn, "the report's charts")
    labels = await page.evaluate(
        "Array.from(document.querySelectorAll('svg')[1].querySelectorAll('text'))"
        ".map(t => t.textContent)")
    width = await page.evaluate(
        "document.querySelectorAll('svg')[1].getBoundingClientRect().width")
    assert "colleagues and customers" in labels and "you" in labels
    assert "not enough answers yet (2 of 3)" in labels and width > 100

