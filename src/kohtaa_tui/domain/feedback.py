"""Others' view: feedback requests and responses, and self against others per step.

A person asks a manager, a coach, colleagues or customers to rate them on a bank's items
(in the items' observer wording). Each answer comes back as a response file. Per step, the
person's own score stands beside each named voice (manager, coach) and beside the pooled
anonymous group (colleagues and customers together), which shows a number only when at least
`min_group` distinct responses count in it. The pool is never split by role, and no number
is shown that includes a hidden response, so a small group's answers cannot be worked out by
subtracting one shown number from another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import fmean
from typing import Any, Literal

from kohtaa_tui.domain.assessment import keyed_value, score_answers
from kohtaa_tui.domain.banks import OBSERVER_ROLES, QuestionBank
from kohtaa_tui.domain.document import MAX_PARTS, Reader, drop_none, merge_extra, read_header
from kohtaa_tui.domain.ids import is_part_id
from kohtaa_tui.domain.problems import Issue, has_errors
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.domain.team import ExportedGap
from kohtaa_tui.domain.text import LANGUAGES

ROLES = OBSERVER_ROLES
NAMED_ROLES: tuple[str, ...] = ("manager", "coach")
"""Roles whose answers are shown as theirs: they know the person sees them."""
POOLED_ROLES: tuple[str, ...] = ("colleague", "customer")
"""Roles pooled into one anonymous group."""
OTHERS = "others"
"""The voice of the pooled group."""
VOICES: tuple[str, ...] = (*NAMED_ROLES, OTHERS)
DEFAULT_MIN_GROUP = 3
GAP_SHARE = 0.125
"""A gap smaller than this share of the scale's range (0.5 on 1-5) counts as agreement."""
MAX_NAME = 100
MAX_COMMENT = 10_000
MAX_ITEM_GAPS = 3

Reading = Literal["hidden_strength", "blind_spot", "agreement"]


def voice_of(role: str) -> str:
    """The column a role's answers are shown in: its own for named roles, else `others`."""
    return role if role in NAMED_ROLES else OTHERS


# -- the files ------------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class FeedbackRequest:
    """A request for feedback on one bank, to one role: nothing else of the asker's data."""

    id: str
    bank_id: str
    bank_version: int
    bank_hash: str
    role: str
    asker: str
    created: datetime
    due: date | None = None
    lang: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class FeedbackResponse:
    """One person's answers to a request, in the bank's scale (before reverse keying)."""

    id: str
    request_id: str
    bank_id: str
    bank_version: int
    bank_hash: str
    role: str
    answered: datetime
    answers: Mapping[str, int]
    comment: str | None = None
    name: str | None = None
    lang: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


def _bank_keys(reader: Reader) -> tuple[str | None, int | None, str | None]:
    return (reader.document_id("bank_id", required=True),
            reader.integer("bank_version", required=True, low=1),
            reader.string("bank_hash", required=True, max_len=200, allow_empty=False))


def request_from_document(doc: Mapping[str, Any]) -> tuple[FeedbackRequest | None, list[Issue]]:
    """Read a feedback request file."""
    issues: list[Issue] = []
    reader = read_header(doc, "feedback_request", issues)
    if reader is None:
        return None, issues
    ident = reader.document_id("id", required=True)
    bank_id, version, bank_hash = _bank_keys(reader)
    role = reader.choice("role", ROLES, required=True)
    asker = reader.string("asker", required=True, max_len=MAX_NAME, allow_empty=False)
    created = reader.datetime("created", required=True)
    due = reader.date("due")
    lang = reader.choice("lang", LANGUAGES)
    extra = reader.extra()
    if has_errors(issues) or None in (ident, bank_id, version, bank_hash, role, asker, created):
        return None, issues
    assert ident and bank_id and version and bank_hash and role and asker and created
    return FeedbackRequest(id=ident, bank_id=bank_id, bank_version=version, bank_hash=bank_hash,
                           role=role, asker=asker, created=created, due=due, lang=lang,
                           extra=extra), issues


def request_to_document(request: FeedbackRequest) -> dict[str, Any]:
    """A request as a TOML table."""
    return merge_extra(drop_none({
        "schema_version": 1, "kind": "feedback_request", "id": request.id,
        "bank_id": request.bank_id, "bank_version": request.bank_version,
        "bank_hash": request.bank_hash, "role": request.role, "asker": request.asker,
        "created": request.created, "due": request.due, "lang": request.lang,
    }), request.extra)


def response_from_document(doc: Mapping[str, Any]
                           ) -> tuple[FeedbackResponse | None, list[Issue]]:
    """Read a feedback response file (its answers are checked against the bank on import)."""
    issues: list[Issue] = []
    reader = read_header(doc, "feedback_response", issues)
    if reader is None:
        return None, issues
    ident = reader.document_id("id", required=True)
    request_id = reader.document_id("request_id", required=True)
    bank_id, version, bank_hash = _bank_keys(reader)
    role = reader.choice("role", ROLES, required=True)
    answered = reader.datetime("answered", required=True)
    answers: dict[str, int] = {}
    table = reader.table_reader("answers")
    if table is not None:
        if len(table.table) > MAX_PARTS:
            table.error(None, f"has {len(table.table)} answers; the limit is {MAX_PARTS}")
        else:
            for key in list(table.table):
                if not isinstance(key, str) or not is_part_id(key):
                    table.error(str(key)[:40], "is not an item id")
                    continue
                value = table.integer(key, low=-1000, high=1000)
                if value is not None:
                    answers[key] = value
    comment = reader.string("comment", max_len=MAX_COMMENT)
    name = reader.string("name", max_len=MAX_NAME)
    lang = reader.choice("lang", LANGUAGES)
    extra = reader.extra()
    if not answers and not (comment or "").strip() and not has_errors(issues):
        reader.error("answers", "is empty, and there is no comment: nothing was answered")
    if has_errors(issues) or None in (ident, request_id, bank_id, version, bank_hash, role,
                                      answered):
        return None, issues
    assert ident and request_id and bank_id and version and bank_hash and role and answered
    return FeedbackResponse(id=ident, request_id=request_id, bank_id=bank_id, bank_version=version,
                            bank_hash=bank_hash, role=role, answered=answered,
                            answers=answers, comment=comment or None,
                            name=(name or "").strip() or None, lang=lang,
                            extra=extra), issues


def response_to_document(response: FeedbackResponse) -> dict[str, Any]:
    """A response as a TOML table."""
    return merge_extra(drop_none({
        "schema_version": 1, "kind": "feedback_response", "id": response.id,
        "request_id": response.request_id, "bank_id": response.bank_id,
        "bank_version": response.bank_version, "bank_hash": response.bank_hash,
        "role": response.role, "answered": response.answered, "lang": response.lang,
        "name": response.name, "comment": response.comment,
        "answers": dict(response.answers),
    }), response.extra)


def request_problems(bank: QuestionBank, role: str) -> str | None:
    """Why `bank` cannot be used to ask `role` for feedback, or None when it can."""
    if role not in ROLES:
        return f"{role[:20]!r} is not a role; use one of: {', '.join(ROLES)}"
    if not any(item.observer is not None for item in bank.scored_items):
        return (f"the bank {bank.id!r} has no observer wording (`observer` on its items), so "
                "others cannot answer it")
    if not bank.observer_items(role):
        return f"the bank {bank.id!r} asks no item of a {role}"
    return None


def response_problems(response: FeedbackResponse, request: FeedbackRequest,
                      bank: QuestionBank, bank_hash: str) -> list[str]:
    """Why `response` does not answer `request` on `bank` (whose file has `bank_hash`)."""
    found: list[str] = []
    if response.request_id != request.id:
        found.append(f"it answers the request {response.request_id!r}, not {request.id!r}")
    if (response.bank_id, response.bank_version, response.bank_hash) != (
            request.bank_id, request.bank_version, request.bank_hash):
        found.append(f"its bank ({response.bank_id} v{response.bank_version}) is not the "
                     f"request's ({request.bank_id} v{request.bank_version}), or its hash "
                     "differs")
    if (bank.id, bank.version, bank_hash) != (
            request.bank_id, request.bank_version, request.bank_hash):
        found.append("the bank of the request is not the one found here")
    if response.role != request.role:
        found.append(f"its role is {response.role}, but the request asked a {request.role}")
    asked = {item.id for item in bank.observer_items(request.role)}
    for item_id, value in sorted(response.answers.items()):
        if item_id not in asked:
            found.append(f"it answers {item_id!r}, an item the request did not ask")
        elif not bank.scale.contains(value):
            found.append(f"its answer to {item_id!r} is {value}, off the scale "
                         f"{bank.scale.min}-{bank.scale.max}")
    return found


# -- self against others -----------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Scored:
    """One set of answers, keyed for scoring: step scores and per-item keyed values."""

    id: str
    role: str
    scores: Mapping[str, float]
    items: Mapping[str, int]


def scored(response_id: str, role: str, bank: QuestionBank,
           answers: Mapping[str, int]) -> Scored:
    """Score answers on `bank` (reverse keying applied; off-scale answers ignored)."""
    items = {item.id: keyed_value(item, bank.scale, answers[item.id])
             for item in bank.scored_items
             if item.id in answers and bank.scale.contains(answers[item.id])}
    return Scored(id=response_id, role=role, scores=score_answers(bank, answers), items=items)


@dataclass(frozen=True, kw_only=True)
class VoiceValue:
    """One voice on one step or item: how many answers count, and the number if shown."""

    voice: str
    responses: int
    value: float | None

    @property
    def hidden(self) -> bool:
        """True when there are answers but too few to show (the pooled group only)."""
        return self.value is None and self.responses > 0


@dataclass(frozen=True, kw_only=True)
class StepView:
    """One step: the person's own score, each voice, and the gap in a coach's words."""

    step: str
    self_score: float | None
    voices: tuple[VoiceValue, ...]
    others: float | None
    """The mean of the shown voices (each voice counts once), None when none is shown."""
    gap: float | None
    """others - self: positive when others see more than the person does."""
    reading: Reading | None

    def voice(self, name: str) -> VoiceValue | None:
        """The value of one voice, if it has answers on this step."""
        return next((v for v in self.voices if v.voice == name), None)


@dataclass(frozen=True, kw_only=True)
class ItemGap:
    """An item where the person and others differ most (keyed values, for scoring)."""

    item_id: str
    step: str
    self_value: float
    others: float
    gap: float
    reading: Reading


@dataclass(frozen=True, kw_only=True)
class OthersView:
    """Self against others on one bank."""

    steps: tuple[StepView, ...]
    items: tuple[ItemGap, ...]
    responses: Mapping[str, int]
    """Distinct responses per voice (all steps)."""
    min_group: int
    threshold: float

    def by_reading(self, reading: Reading) -> tuple[StepView, ...]:
        """The steps with that reading, largest gap first."""
        found = [s for s in self.steps if s.reading == reading and s.gap is not None]
        return tuple(sorted(found, key=lambda s: -abs(s.gap or 0.0)))

    def largest_blind_spot(self) -> StepView | None:
        """The step where the person rates themselves most above how others see them."""
        spots = self.by_reading("blind_spot")
        return spots[0] if spots else None


def read_gap(gap: float, threshold: float) -> Reading:
    """The words for a gap: others see more, less, or about the same."""
    if gap >= threshold:
        return "hidden_strength"
    if gap <= -threshold:
        return "blind_spot"
    return "agreement"


def distinct(responses: Iterable[Scored]) -> list[Scored]:
    """Each response once (by id; the first kept)."""
    seen: set[str] = set()
    out: list[Scored] = []
    for response in responses:
        if response.id not in seen:
            seen.add(response.id)
            out.append(response)
    return out


def _voice_values(values: Mapping[str, list[float]], min_group: int) -> tuple[VoiceValue, ...]:
    out: list[VoiceValue] = []
    for voice in VOICES:
        found = values.get(voice, [])
        if not found:
            continue
        shown = voice in NAMED_ROLES or len(found) >= min_group
        out.append(VoiceValue(voice=voice, responses=len(found),
                              value=fmean(found) if shown else None))
    return tuple(out)


def _shown_mean(voices: Iterable[VoiceValue]) -> float | None:
    shown = [v.value for v in voices if v.value is not None]
    return fmean(shown) if shown else None


def compare(own: Scored | None, responses: Iterable[Scored], scale_min: int, scale_max: int,
            min_group: int = DEFAULT_MIN_GROUP, item_steps: Mapping[str, str] | None = None
            ) -> OthersView:
    """Per step: self, each named voice, and the pooled group when big enough; the gap.

    `min_group` counts distinct responses (by id) that answered the step (or item); the
    pooled group below it shows only its count. The `others` mean and every gap use shown
    voices only. `item_steps` (item id -> step) enables the item-level gaps.
    """
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    threshold = GAP_SHARE * (scale_max - scale_min)
    pool = distinct(responses)
    counts: dict[str, int] = {}
    for response in pool:
        counts[voice_of(response.role)] = counts.get(voice_of(response.role), 0) + 1
    steps: list[StepView] = []
    for step in STEP_IDS:
        values: dict[str, list[float]] = {}
        for response in pool:
            if step in response.scores:
                values.setdefault(voice_of(response.role), []).append(response.scores[step])
        self_score = own.scores.get(step) if own is not None else None
        if not values and self_score is None:
            continue
        voices = _voice_values(values, min_group)
        others = _shown_mean(voices)
        gap = others - self_score if others is not None and self_score is not None else None
        steps.append(StepView(step=step, self_score=self_score, voices=voices, others=others,
                              gap=gap,
                              reading=read_gap(gap, threshold) if gap is not None else None))
    items: list[ItemGap] = []
    if own is not None and item_steps:
        for item_id, step in item_steps.items():
            if item_id not in own.items:
                continue
            item_values: dict[str, list[float]] = {}
            for response in pool:
                if item_id in response.items:
                    item_values.setdefault(voice_of(response.role), []).append(
                        response.items[item_id])
            others = _shown_mean(_voice_values(item_values, min_group))
            if others is None:
                continue
            gap = others - own.items[item_id]
            if abs(gap) >= threshold:
                items.append(ItemGap(item_id=item_id, step=step, self_value=own.items[item_id],
                                     others=others, gap=gap,
                                     reading=read_gap(gap, threshold)))
    items.sort(key=lambda g: (-abs(g.gap), g.item_id))
    return OthersView(steps=tuple(steps), items=tuple(items[:MAX_ITEM_GAPS]), responses=counts,
                      min_group=min_group, threshold=threshold)


@dataclass(frozen=True, kw_only=True)
class OthersSection:
    """Others' view of one bank as a report shows it."""

    bank: QuestionBank
    view: OthersView
    comments: int = 0
    """How many comments came with the answers (the report does not quote them)."""


def view_data(view: OthersView) -> dict[str, Any]:
    """Others' view as plain data (for JSON): a hidden group has its count and no number."""
    return {
        "min_group": view.min_group, "threshold": view.threshold,
        "responses": dict(view.responses),
        "steps": [{
            "step": s.step, "self": s.self_score, "others": s.others, "gap": s.gap,
            "reading": s.reading,
            "voices": {v.voice: {"responses": v.responses, "value": v.value,
                                 "hidden": v.hidden} for v in s.voices},
        } for s in view.steps],
        "items": [{"item": g.item_id, "step": g.step, "self": g.self_value,
                   "others": g.others, "gap": g.gap, "reading": g.reading}
                  for g in view.items],
    }


# -- across a group (the team report) ------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class GroupGap:
    """One bank's step over a group: how many people shared their others' view of it, and,
    from the minimum group size up, the mean of their own scores, of others' and of the gap,
    and how many read it as each of hidden strength, blind spot and agreement."""

    bank_id: str
    step: str
    people: int
    self_mean: float | None = None
    others_mean: float | None = None
    gap: float | None = None
    readings: Mapping[str, int] = field(default_factory=dict)

    @property
    def hidden(self) -> bool:
        """True when too few people shared it to show any number."""
        return self.gap is None


def group_gaps(rows: Iterable[tuple[str, ExportedGap]],
               min_group: int = DEFAULT_MIN_GROUP) -> list[GroupGap]:
    """Per bank and step, each person once (their first row): numbers only when at least
    `min_group` people count; below it, only how many."""
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    first: dict[tuple[str, str], dict[str, ExportedGap]] = {}
    for who, row in rows:
        first.setdefault((row.bank_id, row.step), {}).setdefault(who, row)
    out: list[GroupGap] = []
    for bank_id, step in sorted(first, key=lambda k: (k[0], STEP_IDS.index(k[1])
                                                      if k[1] in STEP_IDS else 99)):
        found = list(first[(bank_id, step)].values())
        if len(found) < min_group:
            out.append(GroupGap(bank_id=bank_id, step=step, people=len(found)))
            continue
        readings = {r: sum(1 for g in found if g.reading == r)
                    for r in ("hidden_strength", "blind_spot", "agreement")}
        out.append(GroupGap(bank_id=bank_id, step=step, people=len(found),
                            self_mean=fmean(g.self_score for g in found),
                            others_mean=fmean(g.others for g in found),
                            gap=fmean(g.others - g.self_score for g in found), readings=readings))
    return out
