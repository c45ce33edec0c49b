"""Question banks: a scale, items tied to skill steps, reverse keying, and validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from kohtaa_tui.domain.document import (
    MAX_PARTS,
    Reader,
    drop_none,
    each_with_id,
    merge_extra,
    read_catalogue_header,
    read_header,
    text_document,
)
from kohtaa_tui.domain.problems import N_, Issue, has_errors
from kohtaa_tui.domain.steps import STEP_IDS, is_step
from kohtaa_tui.domain.text import LocalText

ItemType = Literal["scale", "open"]
RECURRENCES: tuple[str, ...] = ("once", "weekly", "monthly")
OBSERVER_ROLES: tuple[str, ...] = ("manager", "coach", "colleague", "customer")
"""Who may be asked for feedback on a bank's items (see domain.feedback)."""
MAX_SCALE_POINTS = 11


@dataclass(frozen=True, kw_only=True)
class Scale:
    """The answer scale of a bank: whole numbers from `min` to `max`, each with a label."""

    min: int
    max: int
    labels: tuple[LocalText, ...]

    @property
    def points(self) -> range:
        """Every allowed answer."""
        return range(self.min, self.max + 1)

    def label(self, value: int, lang: str) -> str:
        """The label of `value` in `lang`."""
        return self.labels[value - self.min].get(lang)

    def contains(self, value: object) -> bool:
        """True when `value` is an answer on this scale."""
        return isinstance(value, int) and not isinstance(value, bool) and (
            self.min <= value <= self.max
        )


@dataclass(frozen=True, kw_only=True)
class BankItem:
    """One question: a scored behaviour on the scale, or an open question answered in text."""

    id: str
    type: ItemType
    step: str | None
    text: LocalText
    reverse: bool = False
    low: LocalText | None = None
    high: LocalText | None = None
    tags: tuple[str, ...] = ()
    observer: LocalText | None = None
    """The item as someone else answers it about the person (third person), for feedback."""
    observer_roles: tuple[str, ...] = ()
    """The roles asked this item (empty: every role), so a customer's form can be shorter."""

    @property
    def scored(self) -> bool:
        """True for items whose answers count towards a step's score."""
        return self.type == "scale" and self.step is not None

    def asked_of(self, role: str) -> bool:
        """True when a feedback request to `role` shows this item."""
        return self.scored and self.observer is not None and (
            not self.observer_roles or role in self.observer_roles)


@dataclass(frozen=True, kw_only=True)
class Assignment:
    """A coach's request to answer this bank by a date, possibly again and again."""

    assigned_by: str
    due: date
    recurrence: str = "once"
    note: LocalText | None = None
    assigned: date | None = None


@dataclass(frozen=True, kw_only=True)
class QuestionBank:
    """A validated question bank."""

    id: str
    version: int
    title: LocalText
    description: LocalText
    author: str
    languages: tuple[str, ...]
    scale: Scale
    items: tuple[BankItem, ...]
    estimated_minutes: int | None = None
    assignment: Assignment | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def scored_items(self) -> tuple[BankItem, ...]:
        """The items that count towards step scores."""
        return tuple(item for item in self.items if item.scored)

    def steps(self) -> tuple[str, ...]:
        """The steps this bank measures, in the fixed step order."""
        present = {item.step for item in self.scored_items}
        return tuple(step for step in STEP_IDS if step in present)

    def observer_items(self, role: str) -> tuple[BankItem, ...]:
        """The scored items with observer wording that a request to `role` asks."""
        return tuple(item for item in self.items if item.asked_of(role))

    def item(self, item_id: str) -> BankItem | None:
        """The item with `item_id`, if the bank has one."""
        return next((item for item in self.items if item.id == item_id), None)


def _read_scale(reader: Reader, languages: tuple[str, ...]) -> Scale | None:
    scale = reader.table_reader("scale", required=True)
    if scale is None:
        return None
    low = scale.integer("min", required=True)
    high = scale.integer("max", required=True)
    if low is None or high is None:
        scale.raw("labels")
        return None
    if low >= high:
        scale.error("max", N_("must be greater than min ({low})"), low=low)
        return None
    if high - low + 1 > MAX_SCALE_POINTS:
        scale.error("max", N_("the scale has {count} points; the limit is {limit}"),
                    count=high - low + 1, limit=MAX_SCALE_POINTS)
        return None
    labels = scale.local_texts("labels", high - low + 1, languages)
    if labels is None:
        return None
    scale.warn_unknown()
    return Scale(min=low, max=high, labels=labels)


def _read_item(reader: Reader, item_id: str, languages: tuple[str, ...]) -> BankItem | None:
    kind: ItemType = "open" if reader.choice("type", ("scale", "open")) == "open" else "scale"
    step = reader.raw("step")
    if step is not None and not is_step(step):
        reader.error("step", N_("{value} is not a skill step; use one of: {steps}"),
                     value=repr(str(step)[:40]), steps=", ".join(STEP_IDS))
        step = None
        bad_step = True
    else:
        bad_step = False
    if kind == "scale" and step is None and not bad_step:
        reader.error("step", N_("is missing; a scored item must name the step it measures"))
    text = reader.local_text("text", required=True, languages=languages)
    reverse = reader.boolean("reverse")
    if kind == "open" and reader.has("reverse"):
        reader.error("reverse", N_("an open item is not scored, so it cannot be "
                                   "reverse-keyed; remove `reverse`"))
    low = reader.local_text("low", languages=languages)
    high = reader.local_text("high", languages=languages)
    tags = reader.string_list("tags", max_len=64)
    observer = reader.local_text("observer", languages=languages)
    roles = reader.string_list("observer_roles", max_count=len(OBSERVER_ROLES), max_len=20)
    for role in roles:
        if role not in OBSERVER_ROLES:
            reader.error("observer_roles", N_("{value} is not a role; use some of: {roles}"),
                         value=repr(role[:20]), roles=", ".join(OBSERVER_ROLES))
    if kind == "open" and (observer is not None or roles):
        reader.error("observer", N_("an open item is not asked of others; remove "
                                    "`observer` and `observer_roles`"))
    elif roles and observer is None:
        reader.error("observer_roles", N_("needs `observer`, the item's wording for others"))
    reader.warn_unknown()
    if text is None or (kind == "scale" and step is None):
        return None
    return BankItem(id=item_id, type=kind, step=step if isinstance(step, str) else None,
                    text=text, reverse=reverse and kind == "scale", low=low, high=high,
                    tags=tags, observer=observer, observer_roles=tuple(dict.fromkeys(roles)))


def _read_assignment(reader: Reader, languages: tuple[str, ...]) -> Assignment | None:
    table = reader.table_reader("assignment")
    if table is None:
        return None
    by = table.string("assigned_by", required=True, max_len=200, allow_empty=False)
    due = table.date("due", required=True)
    recurrence = table.choice("recurrence", RECURRENCES, default="once") or "once"
    note = table.local_text("note", languages=())
    assigned = table.date("assigned")
    table.warn_unknown()
    if by is None or due is None:
        return None
    if assigned is not None and assigned > due:
        table.error("assigned", N_("is after the due date"))
        return None
    return Assignment(assigned_by=by, due=due, recurrence=recurrence, note=note,
                      assigned=assigned)


def bank_from_document(doc: Mapping[str, Any]) -> tuple[QuestionBank | None, list[Issue]]:
    """Validate a parsed bank document; returns the bank (None on errors) and every issue."""
    issues: list[Issue] = []
    reader = read_header(doc, "question_bank", issues)
    if reader is None:
        return None, issues
    bank_id, version, languages, title, description, minutes = read_catalogue_header(reader)
    author = reader.string("author", required=True, max_len=200)
    scale = _read_scale(reader, languages)
    item_readers = reader.table_readers("items", required=True, max_count=MAX_PARTS)
    items: list[BankItem] = []
    for item_reader, item_id in each_with_id(item_readers, "id", Reader.part_id, "item"):
        item = _read_item(item_reader, item_id or "", languages)
        if item is not None and item_id is not None:
            items.append(item)
    for item_reader in item_readers:
        if not item_reader.has("id"):
            item_reader.error("id", N_("is missing; every item needs an id"))
    assignment = _read_assignment(reader, languages)
    scored_steps = {item.step for item in items if item.scored}
    for item in items:
        if item.type == "open" and item.step is not None and item.step not in scored_steps:
            issues.append(Issue(path=("items",), message=f"step {item.step!r} has only open items; "
                                            "add a scored item for it"))
    if item_readers and not any(item.scored for item in items) and not has_errors(issues):
        reader.error("items", N_("has no scored item; add at least one item with a step"))
    extra = reader.extra()
    reader.warn_unknown()
    if has_errors(issues) or None in (bank_id, version, title, description, author, scale):
        return None, issues
    assert bank_id is not None and version is not None and title is not None
    assert description is not None and author is not None and scale is not None
    return QuestionBank(id=bank_id, version=version, title=title, description=description,
                        author=author, languages=languages, scale=scale, items=tuple(items),
                        estimated_minutes=minutes, assignment=assignment, extra=extra), issues


def bank_to_document(bank: QuestionBank) -> dict[str, Any]:
    """A bank as a TOML table (for tools that write banks; installing copies the bytes)."""
    items = [drop_none({
        "id": item.id, "type": item.type, "step": item.step, "text": item.text.to_document(),
        "reverse": True if item.reverse else None, "low": text_document(item.low),
        "high": text_document(item.high), "tags": list(item.tags) or None,
        "observer": text_document(item.observer),
        "observer_roles": list(item.observer_roles) or None,
    }) for item in bank.items]
    assignment = None
    if bank.assignment is not None:
        given = bank.assignment
        assignment = drop_none({
            "assigned_by": given.assigned_by, "due": given.due, "recurrence": given.recurrence,
            "note": text_document(given.note), "assigned": given.assigned,
        })
    return merge_extra({
        "schema_version": 1, "kind": "question_bank", "id": bank.id, "version": bank.version,
        "title": bank.title.to_document(), "description": bank.description.to_document(),
        "author": bank.author, "languages": list(bank.languages),
        "estimated_minutes": bank.estimated_minutes,
        "scale": {"min": bank.scale.min, "max": bank.scale.max,
                  "labels": [label.to_document() for label in bank.scale.labels]},
        "items": items, "assignment": assignment,
    }, bank.extra)
