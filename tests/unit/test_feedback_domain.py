"""Observer wording in banks, and checking a response against its request and bank."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from kohtaa_tui.domain.banks import bank_from_document
from kohtaa_tui.domain.feedback import (
    FeedbackRequest,
    FeedbackResponse,
    request_problems,
    response_from_document,
    response_problems,
    scored,
)

WHEN = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
HASH = "sha256:" + "ab" * 32


def bank_doc() -> dict[str, Any]:
    text = {"fi": "Minä kuuntelen.", "en": "I listen."}
    return {
        "schema_version": 1, "kind": "question_bank", "id": "b", "version": 2,
        "title": "B", "description": "D", "author": "x", "languages": ["fi", "en"],
        "scale": {"min": 1, "max": 5, "labels": ["1", "2", "3", "4", "5"]},
        "items": [
            {"id": "one", "step": "listening", "text": text,
             "observer": {"fi": "Hän kuuntelee.", "en": "They listen."}},
            {"id": "two", "step": "listening", "reverse": True, "text": text,
             "observer": {"fi": "Hän keskeyttää.", "en": "They interrupt."},
             "observer_roles": ["manager"]},
            {"id": "three", "step": "feedback", "text": text},
            {"id": "notes", "type": "open", "text": text},
        ],
    }


def test_observer_items_per_role() -> None:
    bank, issues = bank_from_document(bank_doc())
    assert bank is not None and issues == []
    assert [i.id for i in bank.observer_items("manager")] == ["one", "two"]
    assert [i.id for i in bank.observer_items("customer")] == ["one"]
    assert request_problems(bank, "customer") is None


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["items"][3].update(observer="Hän"), "open item"),
    (lambda d: d["items"][1].update(observer_roles=["boss"]), "'boss' is not a role"),
    (lambda d: d["items"][2].update(observer_roles=["coach"]), "needs `observer`"),
    (lambda d: d["items"][0].update(observer={"fi": "Hän kuuntelee."}), "has no en text"),
])
def test_bad_observer_wording_is_an_error(change: Any, expected: str) -> None:
    doc = copy.deepcopy(bank_doc())
    change(doc)
    bank, issues = bank_from_document(doc)
    assert bank is None and any(expected in issue.describe() for issue in issues), issues


def test_a_bank_without_observer_wording_cannot_be_asked() -> None:
    doc = bank_doc()
    for item in doc["items"]:
        item.pop("observer", None)
        item.pop("observer_roles", None)
    bank, _ = bank_from_document(doc)
    assert bank is not None
    reason = request_problems(bank, "manager")
    assert reason is not None and "no observer wording" in reason


def test_response_checked_against_request_and_bank() -> None:
    bank, _ = bank_from_document(bank_doc())
    assert bank is not None
    request = FeedbackRequest(id="req-1", bank_id="b", bank_version=2, bank_hash=HASH,
                              role="customer", asker="Kettu", created=WHEN)
    good = FeedbackResponse(id="resp-1", request_id="req-1", bank_id="b", bank_version=2,
                            bank_hash=HASH, role="customer", answered=WHEN, answers={"one": 4})
    assert response_problems(good, request, bank, HASH) == []
    bad = FeedbackResponse(id="resp-2", request_id="req-1", bank_id="b", bank_version=2,
                           bank_hash="sha256:" + "00" * 32, role="manager", answered=WHEN,
                           answers={"one": 9, "two": 3, "three": 1})
    found = " | ".join(response_problems(bad, request, bank, HASH))
    for part in ("hash differs", "role is manager", "off the scale", "'two', an item the "
                 "request did not ask", "'three'"):
        assert part in found
    assert response_problems(good, request, bank, "sha256:" + "11" * 32)


def test_scoring_keys_reverse_items() -> None:
    bank, _ = bank_from_document(bank_doc())
    assert bank is not None
    result = scored("r", "manager", bank, {"one": 4, "two": 5, "three": 99})
    assert result.items == {"one": 4, "two": 1}
    assert result.scores == {"listening": 2.5}


def test_empty_response_is_refused() -> None:
    doc = {"schema_version": 1, "kind": "feedback_response", "id": "r", "request_id": "q",
           "bank_id": "b", "bank_version": 1, "bank_hash": HASH, "role": "coach",
           "answered": WHEN, "answers": {}}
    response, issues = response_from_document(doc)
    assert response is None and "nothing was answered" in issues[0].describe()
    doc["answers"] = {"Bad Key!": 3}
    response, issues = response_from_document(doc)
    assert response is None and "not an item id" in issues[0].describe()
