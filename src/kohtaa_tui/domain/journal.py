"""Journal schemas (entry templates per encounter type) and the entries written with them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kohtaa_tui.domain.catalogues import CATALOGUES, Option
from kohtaa_tui.domain.document import (
    MAX_ENTRY_TEXT,
    MAX_OPTIONS,
    MAX_PARTS,
    Reader,
    each_with_id,
    merge_extra,
    read_catalogue_header,
    read_header,
    text_document,
    unique_ids,
)
from kohtaa_tui.domain.ids import is_document_id, is_part_id
from kohtaa_tui.domain.problems import N_, Issue, Reason, has_errors
from kohtaa_tui.domain.steps import STEP_IDS, is_step
from kohtaa_tui.domain.text import LocalText, normalise_newlines

FIELD_TYPES: tuple[str, ...] = (
    "short_text", "long_text", "rating", "choice", "multi_choice", "step_ratings", "datetime",
    "yes_no", "tags",
)
TEXT_TYPES = ("short_text", "long_text")
ROLE_TYPES: dict[str, tuple[str, ...]] = {
    "title": ("short_text",),
    "occurred_at": ("datetime",),
    "channel": ("choice",),
    "mistakes": ("multi_choice",),
    "responsibility": ("yes_no", "rating"),
    "step_ratings": ("step_ratings",),
    "went_well": TEXT_TYPES,
    "do_differently": TEXT_TYPES,
    "take_forward": TEXT_TYPES,
    "tags": ("tags",),
}
"""Each role a field may have, and the field types that may carry it."""

STEP_RATING_MIN, STEP_RATING_MAX = 1, 5
MAX_TAGS = 50

AnswerValue = str | int | bool | datetime | tuple[str, ...] | Mapping[str, int]


@dataclass(frozen=True, kw_only=True)
class SchemaField:
    """One question of a journal form."""

    id: str
    type: str
    prompt: LocalText
    help: LocalText | None = None
    required: bool = False
    role: str | None = None
    min: int | None = None
    max: int | None = None
    labels: tuple[LocalText, ...] = ()
    options: tuple[Option, ...] = ()
    options_source: str | None = None

    def option(self, option_id: str) -> Option | None:
        """The option with `option_id`."""
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True, kw_only=True)
class JournalSchema:
    """A validated entry template."""

    id: str
    version: int
    title: LocalText
    description: LocalText
    languages: tuple[str, ...]
    fields: tuple[SchemaField, ...]
    estimated_minutes: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def field(self, field_id: str) -> SchemaField | None:
        """The field with `field_id`."""
        return next((f for f in self.fields if f.id == field_id), None)

    def field_by_role(self, role: str) -> SchemaField | None:
        """The field that carries `role`."""
        return next((f for f in self.fields if f.role == role), None)


@dataclass(frozen=True, kw_only=True)
class JournalEntry:
    """One reflection, saved as one file. Answers are keyed by field id."""

    id: str
    schema_id: str
    schema_version: int
    created: datetime
    updated: datetime
    answers: Mapping[str, AnswerValue]
    starred: bool = False
    private: bool = False
    goal_ids: tuple[str, ...] = ()
    lang: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


# -- schemas ----------------------------------------------------------------------------------

def _read_options(reader: Reader, languages: tuple[str, ...]) -> tuple[tuple[Option, ...],
                                                                       str | None]:
    raw = reader.raw("options")
    if isinstance(raw, str):
        if raw not in CATALOGUES:
            reader.error("options", N_("{value} is not a built-in list; use {lists}, or write "
                                       "the options out"), value=repr(raw[:40]),
                         lists=", ".join(f"`{name}`" for name in CATALOGUES))
            return (), None
        return CATALOGUES[raw], raw
    if raw is None:
        reader.error("options", N_("is missing; a choice field needs options"))
        return (), None
    inner = Reader({"options": raw}, reader.path, reader.issues, reader.max_text)
    option_readers = inner.table_readers("options", max_count=MAX_OPTIONS)
    options: list[Option] = []
    for option_reader, option_id in unique_ids(option_readers, "id", Reader.part_id, "option"):
        label = option_reader.local_text("label", required=True, languages=languages)
        option_reader.warn_unknown()
        if label is not None:
            options.append(Option(option_id, label))
    if not options and not has_errors(reader.issues):
        reader.error("options", N_("is empty; give at least one option"))
    return tuple(options), None


def _read_field(reader: Reader, field_id: str, languages: tuple[str, ...],
                roles: set[str]) -> SchemaField | None:
    kind = reader.choice("type", FIELD_TYPES, required=True)
    prompt = reader.local_text("prompt", required=True, languages=languages)
    help_text = reader.local_text("help", languages=languages)
    required = reader.boolean("required")
    role = reader.choice("role", tuple(ROLE_TYPES))
    if role is not None and kind is not None and kind not in ROLE_TYPES[role]:
        reader.error("role", N_("{role} goes on a field of type {types}, not {kind}"),
                     role=repr(role), types=", ".join(f"`{t}`" for t in ROLE_TYPES[role]),
                     kind=f"`{kind}`")
        role = None
    if role is not None:
        if role in roles:
            reader.error("role", N_("{role} is already given to another field; each role is "
                                    "used at most once"), role=repr(role))
        roles.add(role)
    low = high = None
    labels: tuple[LocalText, ...] = ()
    options: tuple[Option, ...] = ()
    source = None
    if kind == "rating":
        low = reader.integer("min", required=True, low=-100, high=100)
        high = reader.integer("max", required=True, low=-100, high=100)
        if low is not None and high is not None:
            if low >= high or high - low > 10:
                reader.error("max", N_("must be greater than min, with at most 11 points"))
                reader.raw("labels")
            else:
                labels = reader.local_texts("labels", high - low + 1, languages) or ()
    elif kind in ("choice", "multi_choice"):
        options, source = _read_options(reader, languages)
    for key in ("min", "max", "labels", "options"):
        if kind not in ("rating", "choice", "multi_choice") and reader.has(key):
            reader.warn(key, N_("is ignored on a {kind} field"), kind=f"`{kind}`")
            reader.raw(key)
    reader.warn_unknown()
    if kind is None or prompt is None:
        return None
    return SchemaField(id=field_id, type=kind, prompt=prompt, help=help_text, required=required,
                       role=role, min=low, max=high, labels=labels, options=options,
                       options_source=source)


def schema_from_document(doc: Mapping[str, Any]) -> tuple[JournalSchema | None, list[Issue]]:
    """Validate a parsed journal schema; returns the schema (None on errors) and every issue."""
    issues: list[Issue] = []
    reader = read_header(doc, "journal_schema", issues)
    if reader is None:
        return None, issues
    schema_id, version, languages, title, description, minutes = read_catalogue_header(
        reader)
    field_readers = reader.table_readers("fields", required=True, max_count=MAX_PARTS)
    roles: set[str] = set()
    fields: list[SchemaField] = []
    for field_reader, field_id in each_with_id(field_readers, "id", Reader.part_id, "field"):
        # A field without a usable id is still checked, but its role is not claimed.
        parsed = _read_field(field_reader, field_id or "", languages,
                             roles if field_id is not None else set(roles))
        if parsed is not None and field_id is not None:
            fields.append(parsed)
    for field_reader in field_readers:
        if not field_reader.has("id"):
            field_reader.error("id", N_("is missing; every field needs an id"))
    if reader.has("fields") and not field_readers and not has_errors(issues):
        reader.error("fields", N_("is empty; a schema needs at least one field"))
    extra = reader.extra()
    reader.warn_unknown()
    if has_errors(issues) or None in (schema_id, version, title, description):
        return None, issues
    assert schema_id and version and title and description
    return JournalSchema(id=schema_id, version=version, title=title, description=description,
                         languages=languages, fields=tuple(fields), estimated_minutes=minutes,
                         extra=extra), issues


# -- answers ----------------------------------------------------------------------------------

def is_empty(value: AnswerValue | None) -> bool:
    """True for an answer that says nothing (blank text, no choices)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (tuple, list, Mapping)):
        return len(value) == 0
    return False


def check_answer(spec: SchemaField, value: AnswerValue) -> Reason | None:
    """Why `value` is not a valid answer to `spec`, or None when it is."""
    kind = spec.type
    if kind in TEXT_TYPES:
        if not isinstance(value, str):
            return Reason(N_("must be text"))
        if len(value) > MAX_ENTRY_TEXT:
            return Reason(N_("is longer than {count} characters"), count=MAX_ENTRY_TEXT)
        if kind == "short_text" and "\n" in value:
            return Reason(N_("must be one line"))
        return None
    if kind == "rating":
        ok = isinstance(value, int) and not isinstance(value, bool)
        if not ok or spec.min is None or spec.max is None or not spec.min <= value <= spec.max:  # type: ignore[operator]
            return Reason(N_("must be a whole number from {low} to {high}"), low=spec.min,
                          high=spec.max)
        return None
    if kind == "choice":
        if not isinstance(value, str) or spec.option(value) is None:
            return Reason(N_("must be one of the options"))
        return None
    if kind == "multi_choice":
        if not isinstance(value, tuple) or any(spec.option(v) is None for v in value):
            return Reason(N_("must be options of the list"))
        return None
    if kind == "step_ratings":
        if not isinstance(value, Mapping) or any(
            not is_step(k) or isinstance(v, bool) or not isinstance(v, int)
            or not STEP_RATING_MIN <= v <= STEP_RATING_MAX for k, v in value.items()
        ):
            return Reason(N_("must rate steps from {low} to {high}"), low=STEP_RATING_MIN,
                          high=STEP_RATING_MAX)
        return None
    if kind == "datetime":
        return None if isinstance(value, datetime) else Reason(N_("must be a date and time"))
    if kind == "yes_no":
        return None if isinstance(value, bool) else Reason(N_("must be yes or no"))
    if kind == "tags":
        if not isinstance(value, tuple) or len(value) > MAX_TAGS or any(
            not isinstance(v, str) or not v or len(v) > 64 for v in value
        ):
            return Reason(N_("must be at most {count} words of at most {length} characters"),
                          count=MAX_TAGS, length=64)
        return None
    return None


def missing_required(schema: JournalSchema,
                     answers: Mapping[str, AnswerValue]) -> list[SchemaField]:
    """The required fields that have no answer, in form order."""
    return [f for f in schema.fields if f.required and is_empty(answers.get(f.id))]


def answer_problems(schema: JournalSchema,
                    answers: Mapping[str, AnswerValue]) -> list[tuple[SchemaField, str]]:
    """Each answer that does not fit its field, with the reason."""
    out: list[tuple[SchemaField, str]] = []
    for spec in schema.fields:
        value = answers.get(spec.id)
        if value is None or is_empty(value):
            continue
        reason = check_answer(spec, value)
        if reason is not None:
            out.append((spec, reason))
    return out


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags from free text: separated by commas or spaces, a leading # dropped, deduplicated."""
    seen: dict[str, None] = {}
    for raw in text.replace(",", " ").split():
        tag = raw.lstrip("#").strip()[:64]
        if tag:
            seen.setdefault(tag.casefold(), None)
    return tuple(seen)


# -- entries ----------------------------------------------------------------------------------

def read_answers(table: Reader, keys: Iterable[str]) -> dict[str, AnswerValue]:
    """The answers under `keys` of an `answers` table (entries and drafts): a key that is
    not a field id is an error, an answer of no known kind is reported by _read_answer."""
    answers: dict[str, AnswerValue] = {}
    for key in keys:
        if not is_part_id(key):
            table.error(key, N_("is not a valid field id"))
            continue
        value = _read_answer(table, key)
        if value is not None:
            answers[key] = value
    return answers


def _read_answer(reader: Reader, key: str) -> AnswerValue | None:
    value = reader.raw(key)
    if isinstance(value, bool | int | datetime):
        if isinstance(value, datetime):
            return reader.datetime(key)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**6:
            reader.error(key, N_("is out of range"))
            return None
        return value
    if isinstance(value, str):
        if len(value) > MAX_ENTRY_TEXT:
            reader.error(key, N_("is longer than {limit} characters"), limit=MAX_ENTRY_TEXT)
            return None
        return normalise_newlines(value)
    if isinstance(value, list):
        if len(value) > MAX_OPTIONS or not all(isinstance(v, str) and len(v) <= 200
                                               for v in value):
            reader.error(key, N_("must be an array of at most 100 short strings"))
            return None
        return tuple(value)
    if isinstance(value, dict):
        ratings: dict[str, int] = {}
        for step, rating in value.items():
            if not is_step(step) or isinstance(rating, bool) or not isinstance(rating, int) or \
                    not STEP_RATING_MIN <= rating <= STEP_RATING_MAX:
                reader.error(key, N_("step ratings must map a step ({steps}) to {low}..{high}"),
                             steps=", ".join(STEP_IDS), low=STEP_RATING_MIN,
                             high=STEP_RATING_MAX)
                return None
            ratings[step] = rating
        return {step: ratings[step] for step in STEP_IDS if step in ratings}
    reader.error(key, N_("is not a kind of answer kohtaa knows"))
    return None


def entry_from_document(doc: Mapping[str, Any]) -> tuple[JournalEntry | None, list[Issue]]:
    """Read a saved journal entry (without its schema: answers keep their stored shape)."""
    issues: list[Issue] = []
    reader = read_header(doc, "journal_entry", issues, MAX_ENTRY_TEXT)
    if reader is None:
        return None, issues
    ident = reader.document_id("id", required=True)
    schema_id = reader.document_id("journal_schema", required=True)
    schema_version = reader.integer("journal_schema_version", required=True, low=1)
    created = reader.datetime("created", required=True)
    updated = reader.datetime("updated") or created
    starred = reader.boolean("starred")
    private = reader.boolean("private")
    lang = reader.string("lang", max_len=8)
    goal_ids = reader.string_list("goals", max_count=MAX_PARTS, max_len=64)
    for goal_id in goal_ids:
        if not is_document_id(goal_id):
            reader.error("goals", N_("{value} is not a valid goal id"),
                         value=repr(goal_id[:40]))
    answers: dict[str, AnswerValue] = {}
    table = reader.table_reader("answers", required=True)
    if table is not None:
        if len(table.table) > MAX_PARTS:
            table.error(None, N_("has more than {limit} answers"), limit=MAX_PARTS)
        else:
            answers = read_answers(table, list(table.table))
    extra = reader.extra()
    if has_errors(issues):
        return None, issues
    assert ident and schema_id and schema_version and created and updated
    return JournalEntry(id=ident, schema_id=schema_id, schema_version=schema_version,
                        created=created, updated=updated, answers=answers, starred=starred,
                        private=private, goal_ids=goal_ids, lang=lang, extra=extra), issues


def answer_document(value: AnswerValue) -> Any:
    """The TOML value of one answer."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


def entry_to_document(entry: JournalEntry) -> dict[str, Any]:
    """The TOML table of an entry."""
    table: dict[str, Any] = {
        "schema_version": 1,
        "kind": "journal_entry",
        "id": entry.id,
        "journal_schema": entry.schema_id,
        "journal_schema_version": entry.schema_version,
        "created": entry.created,
        "updated": entry.updated,
        "lang": entry.lang,
        "starred": entry.starred,
        "private": entry.private,
        "goals": list(entry.goal_ids),
        "answers": {key: answer_document(value) for key, value in entry.answers.items()
                    if not is_empty(value)},
    }
    return merge_extra(table, entry.extra)


# -- reading an entry through its schema ----------------------------------------------------------

def entry_title(entry: JournalEntry, schema: JournalSchema | None, lang: str) -> str:
    """The entry's title line: its title field, else its first text answer, else the schema."""
    if schema is not None:
        spec = schema.field_by_role("title")
        if spec is not None:
            value = entry.answers.get(spec.id)
            if isinstance(value, str) and value.strip():
                return value.strip().split("\n", 1)[0]
    for value in entry.answers.values():
        if isinstance(value, str) and value.strip():
            return value.strip().split("\n", 1)[0]
    return schema.title.get(lang) if schema is not None else entry.schema_id


def role_value(entry: JournalEntry, schema: JournalSchema | None, role: str) -> AnswerValue | None:
    """The entry's answer to the field with `role`."""
    if schema is None:
        return None
    spec = schema.field_by_role(role)
    return None if spec is None else entry.answers.get(spec.id)


def step_ratings(entry: JournalEntry, schema: JournalSchema | None) -> dict[str, int]:
    """The entry's quick step ratings (found by role, or by shape when the schema is gone)."""
    value = role_value(entry, schema, "step_ratings")
    if value is None:
        value = next((v for v in entry.answers.values() if isinstance(v, Mapping)), None)
    return dict(value) if isinstance(value, Mapping) else {}


def entry_text(entry: JournalEntry) -> str:
    """Every text answer and tag of the entry, for search."""
    parts: list[str] = []
    for value in entry.answers.values():
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, tuple):
            parts.extend(value)
    return "\n".join(parts)


def most_used_first(schemas: Iterable[JournalSchema],
                    usage: Mapping[str, int]) -> list[JournalSchema]:
    """Schemas ordered by how many entries use them, then by title."""
    return sorted(schemas, key=lambda s: (-usage.get(s.id, 0), str(s.title).casefold()))


def schema_document(schema: JournalSchema) -> dict[str, Any]:
    """A schema as a TOML table (used when a person saves a schema of their own)."""
    fields = []
    for spec in schema.fields:
        fields.append({
            "id": spec.id, "type": spec.type, "prompt": spec.prompt.to_document(),
            "help": text_document(spec.help), "required": spec.required or None,
            "role": spec.role, "min": spec.min, "max": spec.max,
            "labels": [label.to_document() for label in spec.labels] or None,
            "options": spec.options_source or (
                [{"id": o.id, "label": o.label.to_document()} for o in spec.options] or None),
        })
    return merge_extra({
        "schema_version": 1, "kind": "journal_schema", "id": schema.id,
        "version": schema.version, "title": schema.title.to_document(),
        "description": schema.description.to_document(), "languages": list(schema.languages),
        "estimated_minutes": schema.estimated_minutes,
        "fields": [{k: v for k, v in f.items() if v is not None} for f in fields],
    }, schema.extra)
