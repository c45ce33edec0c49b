"""A reflection written in one line (`kohtaa journal new "text"`): which answers the line gives.

The line is the entry's story: the title is its first sentence (shortened at a word), the
first long text question of the form (else the first text one) holds the whole line, and
`@word`s in it are the entry's tags. Ratings and other answers come as given. Questions the
line leaves open stay open: a quick capture is finished later, in the app.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from kohtaa_tui.domain.journal import (
    TEXT_TYPES,
    AnswerValue,
    JournalSchema,
    SchemaField,
    check_answer,
    missing_required,
)
from kohtaa_tui.domain.text import normalise_newlines

TITLE_CHARS = 80
"""The longest title taken from the line (cut at a word, with an ellipsis)."""

_TAG = re.compile(r"(?<![\w@])@([^\s@,;:!?()\[\]{}\"'`]+)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(\S)")


@dataclass(frozen=True, kw_only=True)
class QuickAnswers:
    """What the line and the options give, and what is still open."""

    answers: dict[str, AnswerValue]
    tags: tuple[str, ...]
    open_required: tuple[SchemaField, ...]


class QuickEntryError(ValueError):
    """The line or an option does not fit the form; `code` says which rule (for the
    message), `detail` the field or value concerned."""

    def __init__(self, code: str, detail: str = "", reason: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.reason = reason
        """Why the answer does not fit (a domain.problems.Reason), for "bad answer"."""


def tags_in(text: str) -> tuple[str, ...]:
    """The `@word`s of a line, without the @, deduplicated by case, trailing dots dropped."""
    seen: dict[str, str] = {}
    for match in _TAG.finditer(text):
        tag = match.group(1).rstrip(".")[:64]
        if tag:
            seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def title_of(text: str) -> str:
    """The first sentence (or line) of `text`, at most TITLE_CHARS, cut at a word."""
    first = text.strip().split("\n", 1)[0].strip()
    for match in _SENTENCE_END.finditer(first):
        # a sentence ends where the next word starts as one does ("e.g. this" goes on)
        if not match.group(1).islower():
            first = first[:match.start()].strip()
            break
    if len(first) <= TITLE_CHARS:
        return first
    cut = first[:TITLE_CHARS - 1]
    if " " in cut[TITLE_CHARS // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def _body_field(schema: JournalSchema) -> SchemaField | None:
    """The question the whole line answers: the first required long text, else the first
    long text, else the first text question that is not the title."""
    title = schema.field_by_role("title")
    texts = [f for f in schema.fields if f.type in TEXT_TYPES and f is not title]
    for candidates in ([f for f in texts if f.type == "long_text" and f.required],
                       [f for f in texts if f.type == "long_text"], texts):
        if candidates:
            return candidates[0]
    return None


def quick_answers(schema: JournalSchema, text: str, ratings: Mapping[str, int],
                  answers: Mapping[str, AnswerValue] | None = None) -> QuickAnswers:
    """The answers of a one-line reflection with `schema`; QuickEntryError when the line
    is empty, has @tags the form has no place for, or a rating or answer does not fit."""
    text = normalise_newlines(text).strip()
    if not text:
        raise QuickEntryError("empty")
    out: dict[str, AnswerValue] = {}
    title = schema.field_by_role("title")
    body = _body_field(schema)
    if title is None and body is None:
        raise QuickEntryError("no text field", schema.id)
    if title is not None:
        out[title.id] = title_of(text)
    if body is not None:
        out[body.id] = text if body.type == "long_text" else " ".join(text.split())
    tags = tags_in(text)
    if tags:
        spec = schema.field_by_role("tags")
        if spec is None:
            raise QuickEntryError("no tags field", schema.id)
        out[spec.id] = tags
    if ratings:
        spec = schema.field_by_role("step_ratings")
        if spec is None:
            raise QuickEntryError("no ratings field", schema.id)
        out[spec.id] = dict(ratings)
    for field_id, value in (answers or {}).items():
        if schema.field(field_id) is None:
            raise QuickEntryError("no such field", field_id)
        out[field_id] = value
    for field_id, value in out.items():
        spec = schema.field(field_id)
        assert spec is not None
        reason = check_answer(spec, value)
        if reason is not None:
            raise QuickEntryError("bad answer", f"{field_id} {reason}", reason)
    return QuickAnswers(answers=out, tags=tags, open_required=tuple(missing_required(schema, out)))
