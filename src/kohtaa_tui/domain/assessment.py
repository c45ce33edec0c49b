"""Assessment results and drafts, and the scoring of answers per skill step."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from statistics import fmean
from typing import Any

from kohtaa_tui.domain.banks import BankItem, QuestionBank, Scale
from kohtaa_tui.domain.document import (
    MAX_ENTRY_TEXT,
    MAX_PARTS,
    Reader,
    merge_extra,
    read_header,
)
from kohtaa_tui.domain.ids import is_part_id
from kohtaa_tui.domain.problems import N_, Issue, has_errors
from kohtaa_tui.domain.steps import STEP_IDS, is_step
from kohtaa_tui.domain.text import normalise_newlines

_TYPED_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_typed_text(text: str) -> str:
    """Text typed or pasted into an open answer, without terminal controls or lone surrogates.

    Newlines and tabs stay; a pasted `\r\n` becomes `\n`.
    """
    return _TYPED_CONTROLS.sub("", normalise_newlines(text))


def keyed_value(item: BankItem, scale: Scale, answer: int) -> int:
    """The answer as it counts for the item's step: reverse-keyed items are mirrored."""
    return scale.min + scale.max - answer if item.reverse else answer


def score_answers(bank: QuestionBank, answers: Mapping[str, int]) -> dict[str, float]:
    """Each step's score: the mean of its answered items after reverse keying.

    Unanswered items and answers off the scale do not count; a step with no answers has no
    score (it is absent, never zero).
    """
    per_step: dict[str, list[int]] = {}
    for item in bank.scored_items:
        answer = answers.get(item.id)
        if answer is None or not bank.scale.contains(answer):
            continue
        assert item.step is not None
        per_step.setdefault(item.step, []).append(keyed_value(item, bank.scale, answer))
    return {step: fmean(per_step[step]) for step in STEP_IDS if step in per_step}


def strongest_and_weakest(scores: Mapping[str, float]) -> tuple[str, str] | None:
    """The strongest and the weakest step (ties go to the earlier step), or None if no scores."""
    ordered = [step for step in STEP_IDS if step in scores]
    if not ordered:
        return None
    strongest = max(ordered, key=lambda step: (scores[step], -STEP_IDS.index(step)))
    weakest = min(ordered, key=lambda step: (scores[step], STEP_IDS.index(step)))
    return strongest, weakest


def score_changes(current: Mapping[str, float],
                  previous: Mapping[str, float]) -> dict[str, float]:
    """The change of each step scored in both results."""
    return {step: current[step] - previous[step]
            for step in STEP_IDS if step in current and step in previous}


@dataclass(frozen=True, kw_only=True)
class AssessmentResult:
    """One completed self-assessment, saved as one file."""

    id: str
    bank_id: str
    bank_version: int
    bank_hash: str
    completed: datetime
    scale_min: int
    scale_max: int
    answers: Mapping[str, int]
    scores: Mapping[str, float]
    open_answers: Mapping[str, str] = field(default_factory=dict)
    started: datetime | None = None
    lang: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class AssessmentDraft:
    """Answers given so far to a bank, kept when the person quits halfway."""

    bank_id: str
    bank_version: int
    started: datetime
    updated: datetime
    answers: Mapping[str, int]
    open_answers: Mapping[str, str] = field(default_factory=dict)
    position: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


def _read_answers(reader: Reader, key: str) -> dict[str, int]:
    table = reader.table_reader(key)
    out: dict[str, int] = {}
    if table is None:
        return out
    for item_id in list(table.table)[:MAX_PARTS * 4]:
        if not is_part_id(str(item_id)):
            table.error(item_id, N_("is not a valid item id"))
            continue
        value = table.integer(item_id, low=-1000, high=1000)
        if value is not None:
            out[item_id] = value
    return out


def _read_open_answers(reader: Reader, key: str) -> dict[str, str]:
    table = reader.table_reader(key)
    out: dict[str, str] = {}
    if table is None:
        return out
    for item_id in list(table.table)[:MAX_PARTS * 4]:
        if not is_part_id(str(item_id)):
            table.error(item_id, N_("is not a valid item id"))
            continue
        value = table.string(item_id, max_len=MAX_ENTRY_TEXT)
        if value is not None:
            out[item_id] = value
    return out


def result_from_document(doc: Mapping[str, Any]) -> tuple[AssessmentResult | None, list[Issue]]:
    """Read a saved assessment result."""
    issues: list[Issue] = []
    reader = read_header(doc, "assessment_result", issues, MAX_ENTRY_TEXT)
    if reader is None:
        return None, issues
    ident = reader.document_id("id", required=True)
    bank_id = reader.document_id("bank_id", required=True)
    bank_version = reader.integer("bank_version", required=True, low=1)
    bank_hash = reader.string("bank_hash", required=True, max_len=200)
    started = reader.datetime("started")
    completed = reader.datetime("completed", required=True)
    lang = reader.string("lang", max_len=8)
    scale_min = reader.integer("scale_min", required=True, low=-1000, high=1000)
    scale_max = reader.integer("scale_max", required=True, low=-1000, high=1000)
    answers = _read_answers(reader, "answers")
    open_answers = _read_open_answers(reader, "open_answers")
    scores: dict[str, float] = {}
    score_table = reader.table_reader("scores")
    if score_table is not None:
        for step in list(score_table.table):
            if not is_step(step):
                score_table.error(step, N_("{value} is not a skill step; use one of: {steps}"),
                                  value=repr(step[:40]), steps=", ".join(STEP_IDS))
                continue
            value = score_table.number(step, low=scale_min, high=scale_max)
            if value is not None:
                scores[step] = value
    extra = reader.extra()
    if has_errors(issues):
        return None, issues
    assert ident and bank_id and bank_version and bank_hash is not None and completed
    assert scale_min is not None and scale_max is not None
    return AssessmentResult(id=ident, bank_id=bank_id, bank_version=bank_version,
                            bank_hash=bank_hash, completed=completed, scale_min=scale_min,
                            scale_max=scale_max, answers=answers,
                            scores={s: scores[s] for s in STEP_IDS if s in scores},
                            open_answers=open_answers, started=started, lang=lang,
                            extra=extra), issues


def result_to_document(result: AssessmentResult) -> dict[str, Any]:
    """The TOML table of a result."""
    table: dict[str, Any] = {
        "schema_version": 1,
        "kind": "assessment_result",
        "id": result.id,
        "bank_id": result.bank_id,
        "bank_version": result.bank_version,
        "bank_hash": result.bank_hash,
        "started": result.started,
        "completed": result.completed,
        "lang": result.lang,
        "scale_min": result.scale_min,
        "scale_max": result.scale_max,
        "scores": {step: float(value) for step, value in result.scores.items()},
        "answers": dict(result.answers),
        "open_answers": {k: normalise_newlines(v) for k, v in result.open_answers.items()},
    }
    return merge_extra(table, result.extra)


def draft_from_document(doc: Mapping[str, Any]) -> tuple[AssessmentDraft | None, list[Issue]]:
    """Read an unfinished assessment."""
    issues: list[Issue] = []
    reader = read_header(doc, "assessment_draft", issues, MAX_ENTRY_TEXT)
    if reader is None:
        return None, issues
    bank_id = reader.document_id("bank_id", required=True)
    bank_version = reader.integer("bank_version", required=True, low=1)
    started = reader.datetime("started", required=True)
    updated = reader.datetime("updated", required=True)
    position = reader.integer("position", low=0, high=MAX_PARTS) or 0
    answers = _read_answers(reader, "answers")
    open_answers = _read_open_answers(reader, "open_answers")
    extra = reader.extra()
    if has_errors(issues):
        return None, issues
    assert bank_id and bank_version and started and updated
    return AssessmentDraft(bank_id=bank_id, bank_version=bank_version, started=started,
                           updated=updated, answers=answers, open_answers=open_answers,
                           position=position, extra=extra), issues


def draft_to_document(draft: AssessmentDraft) -> dict[str, Any]:
    """The TOML table of an unfinished assessment."""
    table: dict[str, Any] = {
        "schema_version": 1,
        "kind": "assessment_draft",
        "bank_id": draft.bank_id,
        "bank_version": draft.bank_version,
        "started": draft.started,
        "updated": draft.updated,
        "position": draft.position,
        "answers": dict(draft.answers),
        "open_answers": {k: normalise_newlines(v) for k, v in draft.open_answers.items()},
    }
    return merge_extra(table, draft.extra)


# -- finishing and comparing ------------------------------------------------------------------

def finish(bank: QuestionBank, bank_hash: str, result_id: str, answers: Mapping[str, int],
           open_answers: Mapping[str, str], started: datetime | None, completed: datetime,
           lang: str | None) -> AssessmentResult:
    """The result of answering `bank`: only answers to its items count, open ones if written.

    Scale answers off the scale and open answers of blank text are left out.
    """
    kept = {item.id: answers[item.id] for item in bank.items
            if item.type == "scale" and item.id in answers
            and bank.scale.contains(answers[item.id])}
    written = {item.id: normalise_newlines(open_answers[item.id]) for item in bank.items
               if item.type == "open" and open_answers.get(item.id, "").strip()}
    return AssessmentResult(id=result_id, bank_id=bank.id, bank_version=bank.version,
                            bank_hash=bank_hash, completed=completed,
                            scale_min=bank.scale.min, scale_max=bank.scale.max, answers=kept,
                            scores=score_answers(bank, kept),
                            open_answers=written, started=started, lang=lang)


def previous_result(results: Iterable[AssessmentResult],
                    current: AssessmentResult) -> AssessmentResult | None:
    """The latest result of the same bank completed before `current`, if any."""
    earlier = [r for r in results
               if r.bank_id == current.bank_id and r.id != current.id
               and (r.completed, r.id) < (current.completed, current.id)]
    return max(earlier, key=lambda r: (r.completed, r.id), default=None)


def goal_target_value(current: float, scale_max: int) -> float:
    """A reachable next target for a step: half a point up, never past the scale."""
    return min(float(scale_max), round(current + 0.5, 1))


def step_series(results: Iterable[AssessmentResult],
                step: str) -> list[tuple[datetime, float | None]]:
    """A step's score in each result, oldest first (None where the result has no score)."""
    ordered = sorted(results, key=lambda r: (r.completed, r.id))
    return [(r.completed, r.scores.get(step)) for r in ordered]
