"""A result of an earlier version of a shipped bank still shows the questions it answered."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from kohtaa_tui.domain.assessment import AssessmentResult, score_answers
from kohtaa_tui.domain.banks import bank_from_document
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.repository import fingerprint, load_document
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens.assessment_result import AssessmentResultScreen
from kohtaa_tui.ui.screens.history import HistoryScreen


async def test_a_version_1_result_of_channels_shows_its_own_open_question(
        workspace: Workspace) -> None:
    """channels version 1 asked its open question in the second person; the result made with
    it shows that question, not the current bank's (first person) one."""
    [path] = sorted((shipped_dir("question_banks_earlier") / "channels").glob("1-*.toml"))
    loaded, problems = load_document(path, bank_from_document)
    assert loaded is not None, problems
    old = loaded.value
    current, _ = load_document(shipped_dir("question_banks") / "channels.toml",
                               bank_from_document)
    assert current is not None and current.value.version > old.version
    question = {i.id: i.text.get("en") for i in old.items}["hardest-channel"]
    now_asked = {i.id: i.text.get("en") for i in current.value.items}["hardest-channel"]
    assert question != now_asked
    answers = {item.id: 4 for item in old.scored_items}
    when = workspace.clock.now() - timedelta(days=3)
    workspace.store.save_result(AssessmentResult(
        id="20261101-120000-aaaaaa", bank_id=old.id, bank_version=old.version,
        bank_hash=fingerprint(path.read_bytes()), completed=when, scale_min=old.scale.min,
        scale_max=old.scale.max, answers=answers, scores=score_answers(old, answers),
        open_answers={"hardest-channel": "Chat, when the customer is angry."}))
    app = KohtaaApp(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentResultScreen)
        notes = str(app.screen.query_one("#open-answers", Static).content)
        assert question in notes and now_asked not in notes
        assert "Chat, when the customer is angry." in notes
