"""The plain-text form (domain/entry_text.py, docs/entry-text.md): it round-trips, and a bad
text is refused at its line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.entry_text import EntryTextError, parse, render
from kohtaa_tui.domain.journal import (
    STEP_RATING_MAX,
    STEP_RATING_MIN,
    AnswerValue,
    JournalSchema,
    SchemaField,
    check_answer,
)
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.storage.repository import Store
from kohtaa_tui.storage.schemas import load_schemas

TZ = timezone(timedelta(hours=2))
SCHEMAS: dict[str, JournalSchema] = {
    schema.id: schema
    for schema in load_schemas(Store(Path("/nonexistent-kohtaa-data"),
                                     FixedClock(datetime(2026, 11, 22, tzinfo=UTC)))).docs()
}


def test_the_shipped_forms_cover_every_field_type() -> None:
    kinds = {spec.type for schema in SCHEMAS.values() for spec in schema.fields}
    assert kinds >= {"short_text", "long_text", "rating", "choice", "multi_choice",
                     "step_ratings", "datetime", "yes_no", "tags"}


_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
_LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                min_size=1, max_size=40).filter(lambda t: t == t.strip() and t != "")
_LONG = st.text(_CHARS, min_size=1, max_size=200).filter(lambda t: t == t.strip() and t != "")
_TAG = st.text(st.characters(blacklist_categories=("Cs",)).filter(
    lambda c: not c.isspace() and c not in ",\r"), min_size=1, max_size=20)


def _value(spec: SchemaField) -> st.SearchStrategy[AnswerValue]:
    ids = [o.id for o in spec.options]
    strategies: dict[str, st.SearchStrategy[AnswerValue]] = {
        "short_text": _LINE,
        "long_text": _LONG,
        "yes_no": st.booleans(),
        "rating": st.integers(spec.min or 0, spec.max or 0),
        "choice": st.sampled_from(ids or ["x"]),
        "multi_choice": st.lists(st.sampled_from(ids or ["x"]), min_size=1,
                                 unique=True).map(tuple),
        "tags": st.lists(_TAG, min_size=1, max_size=8,
                         unique_by=str.casefold).map(tuple),
        "datetime": st.datetimes(datetime(1000, 1, 1), datetime(9998, 12, 31),
                                 timezones=st.sampled_from([UTC, TZ,
                                                            timezone(timedelta(hours=-5))])),
        "step_ratings": st.dictionaries(st.sampled_from(STEP_IDS),
                                        st.integers(STEP_RATING_MIN, STEP_RATING_MAX),
                                        min_size=1),
    }
    return strategies[spec.type]


@st.composite
def _filled(draw: st.DrawFn) -> tuple[JournalSchema, dict[str, AnswerValue]]:
    schema = draw(st.sampled_from(sorted(SCHEMAS.values(), key=lambda s: s.id)))
    answers: dict[str, AnswerValue] = {}
    for spec in schema.fields:
        if draw(st.booleans()):
            answers[spec.id] = draw(_value(spec))
    return schema, answers


@given(_filled(), st.booleans(), st.booleans(), st.sampled_from(["en", "fi"]))
def test_what_is_written_reads_back_the_same(
        filled: tuple[JournalSchema, dict[str, AnswerValue]], starred: bool, private: bool,
        lang: str) -> None:
    schema, answers = filled
    assert all(check_answer(schema.field(k), v) is None  # type: ignore[arg-type]
               for k, v in answers.items())
    text = render(schema, answers, lang, TZ, starred=starred, private=private,
                  heading="a heading")
    read = parse(schema, text, TZ)
    assert read.answers == answers
    assert (read.starred, read.private) == (starred, private)
    # and again: a text read and written once more is the same text
    assert render(schema, read.answers, lang, TZ, starred=starred, private=private,
                  heading="a heading") == text


@given(st.text(max_size=400), st.sampled_from(sorted(SCHEMAS)))
def test_any_text_is_read_or_refused_at_a_line(text: str, schema_id: str) -> None:
    schema = SCHEMAS[schema_id]
    try:
        read = parse(schema, text, TZ)
    except EntryTextError as error:
        assert 1 <= error.line <= text.count("\n") + text.count("\r") + 1
        return
    assert set(read.answers) <= {f.id for f in schema.fields}


def _form(schema_id: str = "sales-meeting") -> tuple[JournalSchema, str]:
    schema = SCHEMAS[schema_id]
    return schema, render(schema, {}, "en", TZ)


def _answer(text: str, field_id: str, answer: str) -> str:
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"## {field_id}:"))
    lines.insert(at + 1, answer)
    return "\n".join(lines)


def test_a_hand_written_form_is_read() -> None:
    schema, text = _form()
    for field_id, answer in [("title", "Acme renewal"), ("outcome", "Next meeting agreed"),
                             ("mistakes", "jargon,\nNO-PLAN-B"), ("responsibility", "kyllä"),
                             ("occurred_at", "2026-11-20 09:30"), ("tags", "acme, q4"),
                             ("customer_mood", " 4 ")]:
        text = _answer(text, field_id, answer)
    text = text.replace("listening:\n", "listening: 5\n").replace("private: no", "private: k")
    read = parse(schema, text, TZ)
    assert read.private and not read.starred
    assert read.answers == {
        "title": "Acme renewal", "outcome": "next-meeting",
        "mistakes": ("jargon", "no-plan-b"), "responsibility": True,
        "occurred_at": datetime(2026, 11, 20, 9, 30, tzinfo=TZ), "tags": ("acme", "q4"),
        "customer_mood": 4, "step_ratings": {"listening": 5},
    }


def test_a_line_that_looks_like_a_note_is_kept_as_text() -> None:
    schema = SCHEMAS["quick"]
    story = "# not a note\n## not a question\n\\ a backslash\nend"
    text = render(schema, {"what": story}, "en", TZ)
    assert "\\# not a note" in text and "\\\\ a backslash" in text
    assert parse(schema, text, TZ).answers == {"what": story}


@pytest.mark.parametrize(("field_id", "answer", "code", "near"), [
    ("outcome", "dael", "option", ("deal",)),
    ("outcome", "deal, lost", "one option", ()),
    ("responsibility", "maybe", "yes no", ()),
    ("customer_mood", "9", "number", ()),
    ("customer_mood", "four", "number", ()),
    ("occurred_at", "yesterday-ish", "datetime", ()),
    ("title", "two\nlines", "one line", ()),
    ("step_ratings", "listenin: 3", "step", ("listening",)),
    ("step_ratings", "listening 3", "step line", ()),
    ("step_ratings", "feedback: 0", "step number", ()),
])
def test_a_bad_answer_is_refused_at_its_line(field_id: str, answer: str, code: str,
                                             near: tuple[str, ...]) -> None:
    schema, text = _form()
    text = _answer(text, field_id, answer)
    line = text.split("\n").index(answer.split("\n")[-1] if code == "one line"
                                  else answer.split("\n")[0]) + 1
    with pytest.raises(EntryTextError) as caught:
        parse(schema, text, TZ)
    assert caught.value.code == code and caught.value.field_id == field_id
    assert caught.value.line == line
    assert caught.value.near[:len(near)] == near


def test_questions_are_checked() -> None:
    schema, text = _form()
    with pytest.raises(EntryTextError) as caught:
        parse(schema, text.replace("## outcome:", "## outcom:"), TZ)
    assert caught.value.code == "unknown question" and caught.value.near == ("outcome",)
    with pytest.raises(EntryTextError) as caught:
        parse(schema, text + "\n## title: again\n", TZ)
    assert caught.value.code == "question twice"
    with pytest.raises(EntryTextError) as caught:
        parse(schema, "some words\n" + text, TZ)
    assert caught.value.code == "before questions" and caught.value.line == 1
