"""An unexpected exception, forced by patching a screen: every draft is written first, and
neither the terminal nor the crash log holds journal text, answers or goal text (not even
when the error's own message quotes them).

The app runs for real (`App.run`, headless) in a subprocess so that what reaches the
terminal is what is checked; the same crash inside `run_test` is raised to the test.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.crashlog import LEFT_OUT, crash_report
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens import journal_form
from kohtaa_tui.ui.screens.journal_form import JournalFormScreen
from kohtaa_tui.ui.screens.journal_picker import start_journal_entry

ENTRY = "ENTRY-TEXT-about-Matti-3141"
ANSWER = "OPEN-ANSWER-2718"
GOAL = "GOAL-TITLE-1618"
TYPED = "TYPED-DRAFT-1414"

SCRIPT = f"""
import sys
from datetime import UTC, date, datetime
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.goals import Goal, Target
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens import journal_form
from kohtaa_tui.ui.screens.journal_picker import start_journal_entry
from kohtaa_tui.services.workspace import open_workspace

now = datetime(2026, 11, 20, tzinfo=UTC)
ws = open_workspace(data_dir=sys.argv[1], config_dir=sys.argv[2], lang="en")
ws.store.save_entry(JournalEntry(id="e1", schema_id="quick", schema_version=1, created=now,
                                 updated=now, answers={{"title": "A call", "what": "{ENTRY}"}}),
                    None)
ws.store.save_goal(Goal(id="g1", title="{GOAL}", created=now, start=date(2026, 11, 1),
                        target=Target(kind="manual")), None)
ws.store.save_result(AssessmentResult(id="r1", bank_id="core", bank_version=1,
                                      bank_hash="sha256:x", completed=now, scale_min=1,
                                      scale_max=5, answers={{}}, scores={{"listening": 3.0}},
                                      open_answers={{"open": "{ANSWER}"}}))
journal_form.DRAFT_DELAY = 3600  # only a flush can write the draft before the crash

original = journal_form.JournalFormScreen.on_input_changed

def exploding(self, event):
    original(self, event)
    if event.value.endswith("!"):
        entry = ws.store.entries()[0][0].value
        goal = ws.store.goals()[0][0].value
        result = ws.store.results()[0][0].value
        raise RuntimeError("cannot show " + entry.answers["what"] + goal.title
                           + result.open_answers["open"] + event.value)

journal_form.JournalFormScreen.on_input_changed = exploding

async def typing(pilot):
    await pilot.pause()
    await pilot.press(*"{TYPED}!")
    await pilot.pause(1)

app = KohtaaApp(ws, start=start_journal_entry("quick"))
app.run(headless=True, size=(80, 24), auto_pilot=typing)
sys.exit(app.return_code or 0)
"""


def test_a_crash_keeps_the_draft_and_leaks_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(data), str(tmp_path / "cfg")],
                            capture_output=True, text=True, timeout=120)
    printed = result.stdout + result.stderr
    assert result.returncode == 1, printed
    assert "unexpected error" in printed and "Traceback" not in printed
    logs = sorted((data / "crash").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in printed
    log = logs[0].read_text(encoding="utf-8")
    assert "RuntimeError" in log and "exploding" in log and LEFT_OUT in log
    for secret in (ENTRY, ANSWER, GOAL, TYPED):
        assert secret not in printed, secret
        assert secret not in log, secret
    # The draft was flushed before the app stopped (its timer was an hour away).
    [draft] = sorted((data / "drafts").glob("journal-*.toml"))
    assert tomllib.loads(draft.read_text(encoding="utf-8"))["answers"]["title"].startswith(
        TYPED)


async def test_a_crash_in_a_test_run_is_raised_and_logged(
        workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same hook inside `run_test`: the test sees the crash, the log is written."""
    monkeypatch.setattr(journal_form, "DRAFT_DELAY", 3600)

    def explode(self: JournalFormScreen) -> None:
        raise RuntimeError(f"cannot leave with {TYPED}")

    monkeypatch.setattr(JournalFormScreen, "action_leave", explode)
    app = KohtaaApp(workspace, start=start_journal_entry("quick"))
    with pytest.raises(RuntimeError, match="cannot leave"):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*TYPED, "escape")
            await pilot.pause()
    assert app.return_code == 1 and app.crash_log is not None
    assert TYPED not in Path(app.crash_log).read_text(encoding="utf-8")
    [draft] = sorted((workspace.data_dir / "drafts").glob("journal-*.toml"))
    assert TYPED in draft.read_text(encoding="utf-8")


def test_the_report_names_every_error_of_a_chain_without_messages() -> None:
    try:
        try:
            raise KeyError(GOAL)
        except KeyError as inner:
            raise ValueError(ENTRY) from inner
    except ValueError as error:
        text = crash_report(error, "9.9")
    assert "builtins.KeyError" in text and "builtins.ValueError" in text
    assert "which led to" in text and GOAL not in text and ENTRY not in text
