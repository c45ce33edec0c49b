"""The examples in docs/formats.md for results and drafts are read without a problem."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from kohtaa_tui.domain.assessment import draft_from_document, result_from_document

DOC = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def examples(kind: str) -> list[dict[str, object]]:
    """Every TOML example of one kind in the formats document."""
    blocks = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    parsed = [tomllib.loads(block) for block in blocks]
    return [doc for doc in parsed if doc.get("kind") == kind]


def test_result_example_is_valid() -> None:
    """The assessment result example loads with no issue and its scores fit its answers."""
    [doc] = examples("assessment_result")
    result, issues = result_from_document(doc)
    assert result is not None and issues == []
    assert result.scores["listening"] == 4.0


def test_draft_example_is_valid() -> None:
    """The assessment draft example loads with no issue."""
    [doc] = examples("assessment_draft")
    draft, issues = draft_from_document(doc)
    assert draft is not None and issues == []
    assert draft.position == 3


def test_results_export_example_is_valid() -> None:
    """The results export example is what `kohtaa team report` reads."""
    from kohtaa_tui.domain.team import export_from_document

    [doc] = examples("results_export")
    export, issues = export_from_document(doc)
    assert export is not None and issues == []
    assert export.participant == "Kettu" and export.results[0].scores["feedback"] == 2.9
    assert export.results[0].items == {"listening-let-finish": 4, "listening-summarise": 3}
    [gap] = export.others
    assert (gap.step, gap.self_score, gap.others, gap.reading) == (
        "listening", 4.2, 3.4, "blind_spot")


def test_report_json_keys_are_documented() -> None:
    """Every top-level key of the report's JSON is named in the formats document."""
    import dataclasses

    from kohtaa_tui.domain.report import Report

    text = DOC.read_text(encoding="utf-8").split("## Development-discussion report")[1]
    for item in dataclasses.fields(Report):
        assert f"`{item.name}`" in text


def test_goal_example_is_valid() -> None:
    """The goal example loads; its edited check-in replaces the first in progress."""
    from kohtaa_tui.domain.goals import goal_from_document

    [doc] = examples("goal")
    goal, issues = goal_from_document(doc)
    assert goal is not None and issues == []
    assert [c.progress for c in goal.current_check_ins()] == [40]
    assert len(goal.check_ins) == 2


def test_goal_draft_example_is_valid() -> None:
    """The goal draft example loads, and writes back the same table."""
    from kohtaa_tui.domain.goals import goal_draft_from_document, goal_draft_to_document

    [doc] = examples("goal_draft")
    draft, issues = goal_draft_from_document(doc)
    assert draft is not None and issues == []
    assert draft.fields["step"] == "negotiation"
    assert goal_draft_to_document(draft) == doc


def test_entry_draft_example_is_valid() -> None:
    """The journal entry draft example loads with no issue."""
    from kohtaa_tui.domain.journal_draft import draft_from_document as entry_draft

    [doc] = examples("entry_draft")
    draft, issues = entry_draft(doc)
    assert draft is not None and issues == []
    assert draft.key() == "new-quick"
    assert draft.answers["step_ratings"] == {"listening": 4, "communication": 3}


def test_journal_entry_example_is_valid() -> None:
    """The journal entry example loads and every answer fits the shipped schema it names."""
    from kohtaa_tui.domain.journal import answer_problems, entry_from_document, schema_from_document

    [doc] = examples("journal_entry")
    entry, issues = entry_from_document(doc)
    assert entry is not None and issues == []
    root = DOC.parents[1] / "journal_schemas" / f"{entry.schema_id}.toml"
    schema, _issues = schema_from_document(tomllib.loads(root.read_text(encoding="utf-8")))
    assert schema is not None and schema.version == entry.schema_version
    assert answer_problems(schema, entry.answers) == []
    assert entry.answers["step_ratings"] == {"listening": 4, "communication": 3,
                                             "negotiation": 4, "positivity": 4, "feedback": 3}


def test_bank_example_has_observer_wording() -> None:
    """The bank example loads; its observer wording and role subset come through."""
    from kohtaa_tui.domain.banks import bank_from_document

    [doc] = examples("question_bank")
    bank, issues = bank_from_document(doc)
    assert bank is not None and not [i for i in issues if i.severity == "error"]
    assert [i.id for i in bank.observer_items("manager")] == [
        "listening-let-finish", "listening-prepare-answer"]
    assert [i.id for i in bank.observer_items("customer")] == ["listening-let-finish"]


def test_feedback_examples_are_valid_and_match() -> None:
    """The request and response examples load, and the response answers the request."""
    from kohtaa_tui.domain.feedback import request_from_document, response_from_document

    [request_doc] = examples("feedback_request")
    [response_doc] = examples("feedback_response")
    request, issues = request_from_document(request_doc)
    assert request is not None and issues == []
    response, issues = response_from_document(response_doc)
    assert response is not None and issues == []
    assert response.request_id == request.id and response.role == request.role
    assert (response.bank_id, response.bank_version, response.bank_hash) == (
        request.bank_id, request.bank_version, request.bank_hash)
    assert response.answers["communication-next-steps"] == 2 and response.name is None


def test_config_example_is_read_with_its_sync_team_and_coach_keys() -> None:
    """The config example loads with no issue, and what sync and the team repository read
    from it is what the table says."""
    from kohtaa_tui.domain.config import settings_from_document
    from kohtaa_tui.services.sync import exclude_private_setting
    from kohtaa_tui.services.team_repo import coach_repo, membership

    [doc] = examples("config")
    settings, issues = settings_from_document(doc)
    assert settings is not None and issues == []
    assert settings.lang == "fi" and settings.keymap["app-help"] == "f1"
    assert exclude_private_setting(settings.extra)
    member = membership(settings.extra)
    assert member is not None and (member.participant, member.publish) == ("Anna", True)
    assert coach_repo(settings.extra) == "/srv/git/team.git"
