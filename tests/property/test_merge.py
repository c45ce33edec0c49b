"""The merge by meaning: the same on either device, nothing acknowledged lost, no markers."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaa_tui.domain.goals import CheckIn, Goal, goal_from_document, goal_to_document
from kohtaa_tui.domain.journal import entry_to_document
from kohtaa_tui.domain.merge import TEXT_SEPARATOR, merge_documents
from tests.strategies import document_ids, texts, toml_documents, valid_entries, valid_goals

check_in_notes = st.lists(st.tuples(document_ids, texts), max_size=5,
                          unique_by=lambda pair: pair[0])


def _with_check_ins(goal: Goal, notes: list[tuple[str, str]], prefix: str) -> Goal:
    start = goal.created
    added = tuple(CheckIn(id=f"{prefix}{ident}", at=start + timedelta(minutes=i + 1), note=note)
                  for i, (ident, note) in enumerate(notes))
    return replace(goal, check_ins=(*goal.check_ins, *added))


def _check_in_ids(doc: dict[str, Any]) -> list[str]:
    return [c["id"] for c in doc.get("check_ins", [])]


@settings(max_examples=25)
@given(valid_goals(), check_in_notes, check_in_notes, st.booleans())
def test_check_ins_from_both_devices_are_all_kept_once(goal: Goal, mine: list[tuple[str, str]],
                                                       other: list[tuple[str, str]],
                                                       retitle: bool) -> None:
    """Check-ins added on two devices: every one is in the merge exactly once, and the merged
    file reads as a goal."""
    base = goal_to_document(goal)
    ours = goal_to_document(_with_check_ins(goal, mine, "a"))
    theirs_goal = _with_check_ins(goal, other, "b")
    if retitle:
        theirs_goal = replace(theirs_goal, title="Renamed on the other device")
    theirs = goal_to_document(theirs_goal)
    outcome = merge_documents(base, ours, theirs)
    assert outcome.document is not None
    ids = _check_in_ids(outcome.document)
    expected = set(_check_in_ids(ours)) | set(_check_in_ids(theirs))
    assert sorted(ids) == sorted(expected)
    assert len(ids) == len(set(ids))
    if retitle:
        assert outcome.document["title"] == theirs_goal.title
    value, issues = goal_from_document(outcome.document)
    assert value is not None, issues


@given(toml_documents, toml_documents, toml_documents)
def test_the_merge_does_not_depend_on_which_device_merges(base: dict[str, Any],
                                                          ours: dict[str, Any],
                                                          theirs: dict[str, Any]) -> None:
    """merge(base, a, b) == merge(base, b, a): both devices would write the same file."""
    one = merge_documents(base, ours, theirs)
    other = merge_documents(base, theirs, ours)
    assert one.document == other.document


@given(toml_documents, toml_documents)
def test_one_sided_changes_are_taken_as_they_are(base: dict[str, Any],
                                                 changed: dict[str, Any]) -> None:
    """Changed on one device only: the merge is that device's version."""
    assert merge_documents(base, changed, base).document == changed
    assert merge_documents(base, base, changed).document == changed
    assert merge_documents(base, changed, changed).document == changed


def _leaf_texts(value: Any, where: str = "") -> dict[str, str]:
    if isinstance(value, dict):
        found: dict[str, str] = {}
        for key, item in value.items():
            found.update(_leaf_texts(item, f"{where}.{key}"))
        return found
    return {where: value} if isinstance(value, str) else {}


@settings(max_examples=25)
@given(valid_entries(), texts, texts, texts)
def test_a_text_edited_on_both_devices_keeps_both_texts(entry: Any, first: str, mine: str,
                                                        theirs: str) -> None:
    """No edit of a text is lost: both texts are in the field, and never a git marker."""
    base = entry_to_document(entry)
    base["answers"] = {**base["answers"], "what_happened": first}
    ours = {**base, "answers": {**base["answers"], "what_happened": mine}}
    other = {**base, "answers": {**base["answers"], "what_happened": theirs}}
    outcome = merge_documents(base, ours, other)
    assert outcome.document is not None
    merged = outcome.document["answers"].get("what_happened", "")
    for text, version in ((mine, ours), (theirs, other)):
        if text != first and text.strip():
            assert text in merged, (text, merged)
        assert version is not None
    assert "<<<<<<<" not in merged or "<<<<<<<" in mine + theirs
    again = merge_documents(base, outcome.document, other)
    assert again.document is not None
    assert again.document["answers"].get("what_happened") == merged


@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), unique=True),
       st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), unique=True),
       st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), unique=True))
def test_plain_lists_merge_as_sets(base: list[str], ours: list[str], theirs: list[str]) -> None:
    """What one side added is there; what one side removed (and the other kept) is gone."""
    doc = merge_documents({"tags": base}, {"tags": ours}, {"tags": theirs}).document
    assert doc is not None
    merged = set(doc.get("tags", []))
    for tag in set(ours) | set(theirs) | set(base):
        kept_by_both = (tag in ours) == (tag in base) and (tag in theirs) == (tag in base)
        if kept_by_both:
            assert (tag in merged) == (tag in base)
        elif tag not in base:
            assert tag in merged
        elif tag not in ours or tag not in theirs:
            assert tag not in merged


def test_the_newer_side_wins_a_number_and_both_texts_are_kept() -> None:
    """Two edits of the same entry: the later `updated` wins a rating, both texts stay."""
    from datetime import UTC, datetime

    base = {"kind": "journal_entry", "updated": datetime(2026, 1, 1, tzinfo=UTC),
            "answers": {"rating": 3, "text": "start"}}
    ours = {**base, "updated": datetime(2026, 1, 2, tzinfo=UTC),
            "answers": {"rating": 4, "text": "laptop"}}
    theirs = {**base, "updated": datetime(2026, 1, 3, tzinfo=UTC),
              "answers": {"rating": 5, "text": "home"}}
    outcome = merge_documents(base, ours, theirs)
    assert outcome.document is not None
    assert outcome.document["answers"]["rating"] == 5
    assert outcome.document["updated"] == theirs["updated"]
    assert outcome.document["answers"]["text"] == "home" + TEXT_SEPARATOR + "laptop"
    assert outcome.texts_kept == ("answers.text",)


def test_documents_of_different_kinds_are_not_merged() -> None:
    """A goal and an entry at the same path: no merge (the caller keeps both files)."""
    assert merge_documents({}, {"kind": "goal"}, {"kind": "journal_entry"}).document is None
