"""No file kohtaa could not read, or one a newer kohtaa wrote, is ever saved over.

For every kind in the registry that kohtaa saves over, each held-out broken file (and a valid
file with a `schema_version` one higher) is put where the save goes; the save, through the
same call the app and the command line make, is refused with one line naming the file, and
the file stays byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kohtaa_tui.domain.assessment import AssessmentDraft, AssessmentResult
from kohtaa_tui.domain.config import Settings
from kohtaa_tui.domain.goals import Goal, GoalDraft, Target, goal_draft_to_document
from kohtaa_tui.domain.journal import JournalEntry, schema_from_document
from kohtaa_tui.domain.journal_draft import JournalDraft
from kohtaa_tui.domain.journal_draft import draft_to_document as journal_draft_document
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import BANKS, load_banks
from kohtaa_tui.storage.codec import parse_toml
from kohtaa_tui.storage.errors import UnreadableFileError
from kohtaa_tui.storage.kinds import KINDS, DocumentKind
from kohtaa_tui.storage.repository import Store, fingerprint
from kohtaa_tui.storage.schemas import load_schemas
from tests.broken_files import BROKEN, READABLE_AS_CONFIG, newer
from tests.unit.test_bank_validate import GOOD

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@dataclass
class Case:
    """Where a save of one kind goes, and the save itself (given the bytes now there)."""

    path: Path
    save: Callable[[bytes | None], object]


def _expected(data: bytes | None) -> str | None:
    # The caller claims to have loaded exactly these bytes: it is the kind's own rule, not
    # the changed-on-disk check, that must refuse.
    return None if data is None else fingerprint(data)


def goal_case(ws: Workspace) -> Case:
    goal = Goal(id="g-1", title="Ask one more question", created=NOW, start=date(2026, 11, 1),
                target=Target(kind="manual"))
    return Case(ws.store.goal_path("g-1"),
                lambda current: ws.store.save_goal(goal, _expected(current)))


def entry_case(ws: Workspace) -> Case:
    entry = JournalEntry(id="e-1", schema_id="quick", schema_version=1, created=NOW, updated=NOW,
                         answers={"title": "A call", "what": "Talked."})
    return Case(ws.store.entry_path(entry),
                lambda current: ws.store.save_entry(entry, _expected(current)))


def result_case(ws: Workspace) -> Case:
    result = AssessmentResult(id="r-1", bank_id="core", bank_version=1, bank_hash="sha256:x",
                              completed=NOW, scale_min=1, scale_max=5, answers={},
                              scores={"listening": 3.0})
    return Case(ws.store.result_path(result), lambda _current: ws.store.save_result(result))


def bank_case(ws: Workspace) -> Case:
    catalogue = load_banks(ws.store)
    source = ws.data_dir.parent / "tiny.toml"
    source.write_text(GOOD, encoding="utf-8")
    data, loaded, _problems = BANKS.read(source)
    assert data is not None and loaded is not None
    return Case(catalogue.installed_path(loaded.value),
                lambda _current: load_banks(ws.store).install(data, loaded.value))


def removed_bank_case(ws: Workspace) -> Case:
    path = ws.data_dir / "banks-removed" / "tiny" / "1.toml"
    return Case(path, lambda current: ws.store.write_bytes(path, GOOD.encode(),
                                                           _expected(current)))


def schema_case(ws: Workspace) -> Case:
    data = (shipped_dir("journal_schemas") / "quick.toml").read_bytes().replace(
        b'id = "quick"', b'id = "mine"', 1)
    schema, _issues = schema_from_document(parse_toml(data))
    assert schema is not None
    return Case(load_schemas(ws.store).installed_path(schema),
                lambda _current: load_schemas(ws.store).install(data, schema))


def removed_schema_case(ws: Workspace) -> Case:
    path = ws.data_dir / "schemas-removed" / "quick" / "1.toml"
    data = (shipped_dir("journal_schemas") / "quick.toml").read_bytes()
    return Case(path, lambda current: ws.store.write_bytes(path, data, _expected(current)))


def assessment_draft_case(ws: Workspace) -> Case:
    draft = AssessmentDraft(bank_id="core", bank_version=1, started=NOW, updated=NOW,
                            answers={"listening-let-finish": 4}, open_answers={}, position=1)
    return Case(ws.store.assessment_draft_path("core"),
                lambda _current: ws.store.save_assessment_draft(draft))


def goal_draft_case(ws: Workspace) -> Case:
    document = goal_draft_to_document(GoalDraft(updated=NOW, fields={"title": "Listen"}))
    return Case(ws.store.goal_draft_path,
                lambda _current: ws.store.write_draft(ws.store.goal_draft_path, document))


def journal_draft_case(ws: Workspace) -> Case:
    draft = JournalDraft(schema_id="quick", schema_version=1, started=NOW, updated=NOW,
                         answers={"what": "Half a thought"})
    path = ws.store.drafts_dir / f"journal-{draft.key()}.toml"
    return Case(path, lambda _current: ws.store.write_draft(path, journal_draft_document(draft)))


def config_case(ws: Workspace) -> Case:
    return Case(ws.config_path, lambda _current: ws.save_settings(Settings(lang="fi")))


def feedback_request_case(ws: Workspace) -> Case:
    from kohtaa_tui.domain.feedback import FeedbackRequest
    from kohtaa_tui.storage.feedback import request_path, save_request

    request = FeedbackRequest(id="q-1", bank_id="core", bank_version=1, bank_hash="sha256:x",
                              role="coach", asker="Kettu", created=NOW)
    return Case(request_path(ws.store, "q-1"),
                lambda _current: save_request(ws.store, request))


def feedback_response_case(ws: Workspace) -> Case:
    from kohtaa_tui.domain.feedback import FeedbackResponse
    from kohtaa_tui.storage.feedback import response_path, save_response

    response = FeedbackResponse(id="a-1", request_id="q-1", bank_id="core", bank_version=1,
                                bank_hash="sha256:x", role="coach", answered=NOW,
                                answers={"listening-let-finish": 4})
    return Case(response_path(ws.store, response),
                lambda _current: save_response(ws.store, response))


CASES: dict[str, Callable[[Workspace], Case]] = {
    "journal entries": entry_case, "results": result_case, "goals": goal_case,
    "banks": bank_case, "removed banks": removed_bank_case, "journal schemas": schema_case,
    "removed journal schemas": removed_schema_case,
    "assessment drafts": assessment_draft_case, "goal drafts": goal_draft_case,
    "journal drafts": journal_draft_case, "settings": config_case,
    "feedback requests": feedback_request_case, "feedback responses": feedback_response_case,
}
SAVED_OVER: list[DocumentKind] = [kind for kind in KINDS if kind.saved_over]


def test_every_kind_that_is_saved_over_has_a_case() -> None:
    """A new kind in the registry needs its case here (and passes the same rule)."""
    assert sorted(CASES) == sorted(kind.label for kind in SAVED_OVER)


def valid_bytes(ws: Workspace, case: Case) -> bytes:
    """The bytes the kind's save writes on an empty place (the save works at all)."""
    case.save(None)
    data = case.path.read_bytes()
    case.path.unlink()
    return data


def refused(case: Case, data: bytes) -> str:
    case.path.parent.mkdir(parents=True, exist_ok=True)
    case.path.write_bytes(data)
    with pytest.raises(UnreadableFileError) as raised:
        case.save(data)
    assert case.path.read_bytes() == data
    message = str(raised.value)
    assert "\n" not in message and message.startswith(str(case.path))
    assert not [p for p in case.path.parent.iterdir() if p.name.endswith(".tmp")]
    return message


@pytest.mark.parametrize("label", sorted(CASES))
@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_a_broken_file_is_never_saved_over(workspace: Workspace, label: str,
                                           broken: str) -> None:
    case = CASES[label](workspace)
    if label == "settings" and broken in READABLE_AS_CONFIG:
        pytest.skip("a config.toml without a header is a valid config")
    message = refused(case, BROKEN[broken])
    assert "fix or move it" in message or "move it away" in message


@pytest.mark.parametrize("label", sorted(CASES))
def test_a_file_from_a_newer_kohtaa_is_never_saved_over(workspace: Workspace,
                                                        label: str) -> None:
    case = CASES[label](workspace)
    data = newer(valid_bytes(workspace, case))
    message = refused(case, data)
    assert "newer kohtaa" in message and "left as it is" in message


def test_a_readable_file_is_still_saved_over(workspace: Workspace) -> None:
    """The rule refuses only what it must: a goal saved twice is saved twice."""
    case = goal_case(workspace)
    case.save(None)
    first = case.path.read_bytes()
    case.save(first)
    assert case.path.read_bytes() == first


def test_a_check_in_over_a_newer_goal_leaves_it(store: Store) -> None:
    """The read-modify-write of a check-in refuses a newer goal file as well."""
    goal = Goal(id="g-1", title="Ask one more question", created=NOW, start=date(2026, 11, 1),
                target=Target(kind="manual"))
    saved = store.save_goal(goal, None)
    data = newer(saved.path.read_bytes())
    saved.path.write_bytes(data)
    with pytest.raises(UnreadableFileError, match="newer kohtaa"):
        store.update_goal("g-1", lambda g: g)
    assert saved.path.read_bytes() == data
