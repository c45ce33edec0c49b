"""Hypothesis strategies for every document kind, for TOML values, and for hostile input.

The `valid_*` strategies build domain values that a loader must read back unchanged: their
texts are already as the loader leaves them (newlines normalised to \\n), and their times are
whole seconds (the formats keep no fractions). Texts mix Finnish, emoji, control characters,
empty and long strings; times come in every time zone, historical offsets included.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import strategies as st

from kohtaa_tui.domain.assessment import AssessmentDraft, AssessmentResult
from kohtaa_tui.domain.banks import (
    OBSERVER_ROLES,
    RECURRENCES,
    Assignment,
    BankItem,
    QuestionBank,
    Scale,
)
from kohtaa_tui.domain.catalogues import CATALOGUES, Option
from kohtaa_tui.domain.config import Settings
from kohtaa_tui.domain.feedback import ROLES as FEEDBACK_ROLES
from kohtaa_tui.domain.feedback import FeedbackRequest, FeedbackResponse
from kohtaa_tui.domain.goals import GOAL_DRAFT_FIELDS, STATUSES, CheckIn, Goal, GoalDraft, Target
from kohtaa_tui.domain.journal import ROLE_TYPES, JournalEntry, JournalSchema, SchemaField
from kohtaa_tui.domain.journal_draft import JournalDraft
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.domain.text import LANGUAGES, LocalText, normalise_newlines

# -- text ---------------------------------------------------------------------------------------

SPICE = ["ä", "ö", "Å", "🙂", "👩‍💼", "\r\n", "\n", "\t", "\x1b]2;x\x07", "\x00", "\x85",
         "\u202e", "[b]", "[/]", "[@click=app.quit]", "\\", '"', "'''", '"""', "#", "=",
         "\ufeff", " "]

_chars = st.characters(exclude_categories=("Cs",))  # a lone surrogate cannot be saved

raw_texts = st.lists(st.one_of(st.text(_chars, max_size=12), st.sampled_from(SPICE)),
                     max_size=6).map("".join)
"""Text as a person might type or paste it (may hold \\r\\n)."""

texts = raw_texts.map(normalise_newlines)
"""Text as it is after loading (\\n only)."""

long_texts = st.builds(lambda unit, n: normalise_newlines(unit * n),
                       st.sampled_from(["Ä", "x\n", "🙂", "ab "]), st.integers(500, 1600))

some_texts = st.integers(0, 15).flatmap(lambda n: long_texts if n == 0 else texts)
"""Mostly short texts, now and then one of a few thousand characters."""
non_blank = some_texts.filter(lambda text: bool(text.strip()))
short_texts = texts.filter(lambda text: len(text) <= 64)

document_ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True).filter(
    lambda i: i not in {"con", "prn", "aux", "nul"} and i[:3] not in {"com", "lpt"})
part_ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)
steps = st.sampled_from(STEP_IDS)

# -- time ---------------------------------------------------------------------------------------

any_moments = st.datetimes(min_value=datetime(1850, 1, 1), max_value=datetime(2200, 1, 1),
                           timezones=st.one_of(st.just(UTC), st.timezones())).map(
    lambda d: d.replace(microsecond=0))
"""Aware instants in any zone (Europe/Helsinki in 1900 was +01:39:49), whole seconds."""

moments = any_moments.filter(
    lambda d: d.replace(fold=0).utcoffset() == d.replace(fold=1).utcoffset())
"""As `any_moments`, without wall times that a clock change makes ambiguous or skips: Python
never finds those equal to a time in another zone, though they are saved correctly."""

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1))

# -- TOML values --------------------------------------------------------------------------------

toml_scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), texts, dates, moments.map(lambda d: d.astimezone(UTC)))
toml_keys = st.one_of(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), texts)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(toml_keys, inner, max_size=3)),
    max_leaves=8)
"""Any value a TOML document can hold (every datetime in UTC, as saved)."""

toml_documents = st.dictionaries(toml_keys, toml_values, max_size=6)

extras = st.dictionaries(st.from_regex(r"future_[a-z]{1,6}", fullmatch=True), toml_values,
                         max_size=3)
"""Unknown keys, as a newer kohtaa might write them."""

# -- localised texts ----------------------------------------------------------------------------


def local_texts(languages: tuple[str, ...], required: bool = True) -> st.SearchStrategy[LocalText]:
    """A plain text, or one text per language covering `languages`."""
    value = non_blank if required else some_texts
    plain = value.map(LocalText.plain)
    wanted = list(languages) or [LANGUAGES[0]]
    rest = [lang for lang in LANGUAGES if lang not in wanted]
    more = st.lists(st.sampled_from(rest), max_size=len(rest), unique=True) if rest else st.just([])
    per_language = st.builds(
        lambda extra_langs, values: LocalText.of(dict(zip(
            wanted + extra_langs, values, strict=False))),
        more, st.lists(non_blank, min_size=len(LANGUAGES), max_size=len(LANGUAGES)))
    return st.one_of(plain, per_language)


bank_languages = st.sampled_from([(), ("fi",), ("en",), ("fi", "en"), ("en", "fi")])

# -- question banks -----------------------------------------------------------------------------


@st.composite
def valid_banks(draw: st.DrawFn) -> QuestionBank:
    """A valid question bank with unknown top-level keys."""
    languages = draw(bank_languages)
    text = local_texts(languages)
    low = draw(st.integers(-5, 5))
    high = low + draw(st.integers(1, 10))
    scale = Scale(min=low, max=high, labels=tuple(draw(st.lists(
        text, min_size=high - low + 1, max_size=high - low + 1))))
    ids = draw(st.lists(part_ids, min_size=1, max_size=5, unique=True))
    items: list[BankItem] = []
    scored_steps: list[str] = []
    for n, item_id in enumerate(ids):
        open_item = n > 0 and draw(st.booleans())
        if open_item:
            step = draw(st.one_of(st.none(), st.sampled_from(scored_steps)))
        else:
            step = draw(steps)
            scored_steps.append(step)
        items.append(BankItem(
            id=item_id, type="open" if open_item else "scale", step=step, text=draw(text),
            reverse=not open_item and draw(st.booleans()),
            low=draw(st.none() | local_texts(languages)),
            high=draw(st.none() | local_texts(languages)),
            tags=tuple(draw(st.lists(short_texts, max_size=3))),
            observer=None if open_item else draw(st.none() | local_texts(languages)),
            observer_roles=()))
        if items[-1].observer is not None:
            items[-1] = replace(items[-1], observer_roles=tuple(draw(st.lists(
                st.sampled_from(OBSERVER_ROLES), unique=True, max_size=4))))
    assignment = None
    if draw(st.booleans()):
        due = draw(dates)
        assigned = draw(st.none() | st.dates(max_value=due, min_value=date(1900, 1, 1)))
        assignment = Assignment(assigned_by=draw(non_blank.filter(lambda t: len(t) <= 200)),
                                due=due, recurrence=draw(st.sampled_from(RECURRENCES)),
                                note=draw(st.none() | local_texts(())), assigned=assigned)
    return QuestionBank(
        id=draw(document_ids), version=draw(st.integers(1, 2**31)), title=draw(text),
        description=draw(text), author=draw(texts.filter(lambda t: len(t) <= 200)),
        languages=languages, scale=scale, items=tuple(items),
        estimated_minutes=draw(st.none() | st.integers(1, 600)), assignment=assignment,
        extra=draw(extras))


# -- journal schemas ----------------------------------------------------------------------------


@st.composite
def valid_schemas(draw: st.DrawFn) -> JournalSchema:
    """A valid journal schema with fields of every type."""
    languages = draw(bank_languages)
    text = local_texts(languages)
    fields: list[SchemaField] = []
    roles: set[str] = set()
    for field_id in draw(st.lists(part_ids, min_size=1, max_size=6, unique=True)):
        kind = draw(st.sampled_from(["short_text", "long_text", "rating", "choice",
                                     "multi_choice", "step_ratings", "datetime", "yes_no",
                                     "tags"]))
        fitting = [role for role, kinds in ROLE_TYPES.items()
                   if kind in kinds and role not in roles]
        role = draw(st.none() | st.sampled_from(fitting)) if fitting else None
        if role:
            roles.add(role)
        low = high = None
        labels: tuple[LocalText, ...] = ()
        options: tuple[Option, ...] = ()
        source = None
        if kind == "rating":
            low = draw(st.integers(-100, 99))
            high = draw(st.integers(low + 1, min(low + 10, 100)))
            labels = tuple(draw(st.lists(text, min_size=high - low + 1,
                                         max_size=high - low + 1)))
        elif kind in ("choice", "multi_choice"):
            if draw(st.booleans()):
                source = draw(st.sampled_from(sorted(CATALOGUES)))
                options = CATALOGUES[source]
            else:
                option_ids = draw(st.lists(part_ids, min_size=1, max_size=4, unique=True))
                options = tuple(Option(option_id, draw(text)) for option_id in option_ids)
        fields.append(SchemaField(id=field_id, type=kind, prompt=draw(text),
                                  help=draw(st.none() | local_texts(languages)),
                                  required=draw(st.booleans()), role=role, min=low, max=high,
                                  labels=labels, options=options, options_source=source))
    return JournalSchema(id=draw(document_ids), version=draw(st.integers(1, 2**31)),
                         title=draw(text), description=draw(text), languages=languages,
                         fields=tuple(fields),
                         estimated_minutes=draw(st.none() | st.integers(1, 600)),
                         extra=draw(extras))


# -- journal entries ----------------------------------------------------------------------------

answers = st.one_of(
    non_blank,
    st.integers(-(10**6), 10**6),
    st.booleans(),
    moments,
    st.lists(texts.filter(lambda t: len(t) <= 200), min_size=1, max_size=4).map(tuple),
    st.dictionaries(steps, st.integers(1, 5), min_size=1).map(
        lambda ratings: {step: ratings[step] for step in STEP_IDS if step in ratings}),
)


@st.composite
def valid_entries(draw: st.DrawFn) -> JournalEntry:
    """A valid journal entry with answers of every shape."""
    created = draw(moments)
    return JournalEntry(
        id=draw(document_ids), schema_id=draw(document_ids),
        schema_version=draw(st.integers(1, 2**31)), created=created,
        updated=draw(moments), answers=draw(st.dictionaries(part_ids, answers, max_size=6)),
        starred=draw(st.booleans()), private=draw(st.booleans()),
        goal_ids=tuple(draw(st.lists(document_ids, max_size=3))),
        lang=draw(st.none() | texts.filter(lambda t: len(t) <= 8)), extra=draw(extras))


# -- assessment results and drafts ----------------------------------------------------------------


@st.composite
def valid_results(draw: st.DrawFn) -> AssessmentResult:
    """A valid assessment result."""
    low = draw(st.integers(-1000, 999))
    high = draw(st.integers(low + 1, 1000))
    scores = draw(st.dictionaries(steps, st.floats(low, high, allow_nan=False)))
    return AssessmentResult(
        id=draw(document_ids), bank_id=draw(document_ids), bank_version=draw(st.integers(1, 2**31)),
        bank_hash=draw(texts.filter(lambda t: len(t) <= 200)), completed=draw(moments),
        scale_min=low, scale_max=high,
        answers=draw(st.dictionaries(part_ids, st.integers(-1000, 1000), max_size=6)),
        scores={step: scores[step] + 0.0 for step in STEP_IDS if step in scores},
        open_answers=draw(st.dictionaries(part_ids, some_texts, max_size=3)),
        started=draw(st.none() | moments),
        lang=draw(st.none() | texts.filter(lambda t: len(t) <= 8)),
        extra=draw(extras))


@st.composite
def valid_drafts(draw: st.DrawFn) -> AssessmentDraft:
    """A valid unfinished assessment."""
    return AssessmentDraft(
        bank_id=draw(document_ids), bank_version=draw(st.integers(1, 2**31)), started=draw(moments),
        updated=draw(moments),
        answers=draw(st.dictionaries(part_ids, st.integers(-1000, 1000), max_size=6)),
        open_answers=draw(st.dictionaries(part_ids, some_texts, max_size=3)),
        position=draw(st.integers(0, 500)),
        extra=draw(extras))


# -- goals ----------------------------------------------------------------------------------------


@st.composite
def targets(draw: st.DrawFn) -> Target:
    """A target of each kind, with only the fields its kind reads."""
    kind = draw(st.sampled_from(["score", "count", "manual"]))
    extra = draw(extras)
    if kind == "score":
        return Target(kind=kind, value=draw(st.floats(-1000, 1000, allow_nan=False)) + 0.0,
                      bank_id=draw(document_ids), step=draw(steps), extra=extra)
    if kind == "count":
        step = draw(st.none() | steps)
        return Target(kind=kind, count=draw(st.integers(1, 1_000_000)),
                      schema_id=draw(st.none() | document_ids), step=step,
                      min_rating=None if step is None else draw(st.integers(1, 5)),
                      extra=extra)
    return Target(kind=kind, extra=extra)


@st.composite
def valid_goals(draw: st.DrawFn) -> Goal:
    """A valid goal with check-ins (some replacing others)."""
    check_ins = []
    for check_id in draw(st.lists(document_ids, max_size=4, unique=True)):
        check_ins.append(CheckIn(
            id=check_id, at=draw(moments), note=draw(some_texts),
            progress=draw(st.none() | st.integers(0, 100)),
            entry_id=draw(st.none() | document_ids),
            replaces=draw(st.none() | st.sampled_from([c.id for c in check_ins] or ["x"])),
            extra=draw(extras)))
    return Goal(
        id=draw(document_ids), title=draw(non_blank.filter(lambda t: len(t) <= 500)),
        created=draw(moments),
        start=draw(dates), target=draw(targets()), why=draw(some_texts),
        step=draw(st.none() | steps),
        due=draw(st.none() | dates), status=draw(st.sampled_from(STATUSES)),
        achieved_on=draw(st.none() | dates),
        check_ins=tuple(check_ins), extra=draw(extras))


@st.composite
def valid_goal_drafts(draw: st.DrawFn) -> GoalDraft:
    """An unfinished new goal: some of the form's fields, as typed."""
    fields = draw(st.dictionaries(st.sampled_from(GOAL_DRAFT_FIELDS), non_blank, max_size=5))
    ordered = {key: fields[key] for key in GOAL_DRAFT_FIELDS if key in fields}  # as read back
    return GoalDraft(updated=draw(moments), fields=ordered, extra=draw(extras))


@st.composite
def valid_entry_drafts(draw: st.DrawFn) -> JournalDraft:
    """An unfinished reflection, new or an edit."""
    return JournalDraft(
        schema_id=draw(document_ids), schema_version=draw(st.integers(1, 2**31)),
        started=draw(moments), updated=draw(moments),
        answers=draw(st.dictionaries(part_ids, answers, max_size=6)),
        entry_id=draw(st.none() | document_ids), extra=draw(extras))


# -- settings -------------------------------------------------------------------------------------

valid_settings = st.builds(
    Settings,
    lang=st.none() | st.sampled_from(LANGUAGES),
    theme=st.none() | texts.filter(lambda t: len(t) <= 100),
    keymap=st.dictionaries(texts, non_blank.filter(lambda t: len(t) <= 100), max_size=3),
    extra=extras)


# -- feedback -------------------------------------------------------------------------------------

hashes = st.from_regex(r"sha256:[0-9a-f]{64}", fullmatch=True)
names = non_blank.filter(lambda t: len(t) <= 100)

valid_requests = st.builds(
    FeedbackRequest, id=document_ids, bank_id=document_ids, bank_version=st.integers(1, 2**31),
    bank_hash=hashes,
    role=st.sampled_from(FEEDBACK_ROLES), asker=names,
    created=moments.map(lambda d: d.astimezone(UTC)),
    due=st.none() | dates, lang=st.none() | st.sampled_from(LANGUAGES), extra=extras)


@st.composite
def valid_responses(draw: st.DrawFn) -> FeedbackResponse:
    """A response as a form or `kohtaa feedback answer` writes it."""
    answers = draw(st.dictionaries(part_ids, st.integers(-1000, 1000), max_size=6))
    comment = draw(st.none() | texts.filter(lambda t: len(t) <= 10_000 and bool(t)))
    if not answers and not (comment or "").strip():
        comment = "x"
    name = draw(st.none() | names.map(str.strip).filter(bool))
    return FeedbackResponse(
        id=draw(document_ids), request_id=draw(document_ids), bank_id=draw(document_ids),
        bank_version=draw(st.integers(1, 2**31)),
        bank_hash=draw(hashes), role=draw(st.sampled_from(FEEDBACK_ROLES)),
        answered=draw(moments.map(lambda d: d.astimezone(UTC))), answers=answers, comment=comment,
        name=name,
        lang=draw(st.none() | st.sampled_from(LANGUAGES)), extra=draw(extras))


VALID_BY_KIND: dict[str, st.SearchStrategy[Any]] = {
    "question_bank": valid_banks(), "journal_schema": valid_schemas(),
    "journal_entry": valid_entries(), "assessment_result": valid_results(),
    "assessment_draft": valid_drafts(), "goal": valid_goals(),
    "goal_draft": valid_goal_drafts(), "entry_draft": valid_entry_drafts(),
    "config": valid_settings, "feedback_request": valid_requests,
    "feedback_response": valid_responses(),
}
"""A strategy of valid values for each kind of document in storage.kinds.KINDS."""


def extras_of(value: Any) -> Any:
    """Every `extra` inside a domain value (dataclasses leave them out of ==)."""
    if isinstance(value, Goal):
        return (value.extra, value.target.extra, [c.extra for c in value.check_ins])
    return value.extra
