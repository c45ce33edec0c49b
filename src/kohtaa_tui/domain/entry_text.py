"""A journal form as plain text, for `$EDITOR` (`journal new --edit`, `journal edit ID`).

The format (docs/entry-text.md):

    # kohtaa reflection: Quick reflection (quick, version 1)
    # ...notes: every line starting with # is a note and is ignored...
    starred: no
    private: no

    ## title: Title
    # A few words will do.
    Customer left happy

    ## step_ratings: The five steps at a glance
    listening: 4

A question starts at a line `## FIELD_ID: prompt` (only the id is read) and its answer is
every line up to the next question, notes left out, blank lines at either end dropped. An
answer line that would start with `#` or `\\` is written with a `\\` in front, which reading
takes away, so any text comes back as it was. Choices are option ids (or their names),
several separated by commas; yes or no in English or Finnish; steps one `step: N` a line;
a date and time as `YYYY-MM-DD HH:MM` in local time. An empty answer is no answer.

render() and parse() round-trip: parse(render(answers)) gives the same answers and flags
for every set of valid, non-empty answers whose texts have no blank lines or spaces at
their ends (tests/unit/test_entry_text.py, with hypothesis).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from kohtaa_tui.domain.document import MAX_ENTRY_TEXT
from kohtaa_tui.domain.ids import close_ids
from kohtaa_tui.domain.journal import (
    MAX_TAGS,
    STEP_RATING_MAX,
    STEP_RATING_MIN,
    TEXT_TYPES,
    AnswerValue,
    JournalSchema,
    SchemaField,
    is_empty,
)
from kohtaa_tui.domain.steps import STEP_IDS, STEPS
from kohtaa_tui.domain.text import normalise_newlines

NOTE_WIDTH = 76
"""Notes are wrapped to this width (after the "# ")."""

FLAGS = ("starred", "private")
"""The entry's flags, written before the first question."""

_HEADER = re.compile(r"^##(?:\s+(\S*?))?(?::.*|\s.*)?$")
_PAIR = re.compile(r"^\s*([^:=\s]+)\s*[:=]\s*(.*?)\s*$")
_YES = {"en": "yes", "fi": "kyllä"}
_NO = {"en": "no", "fi": "ei"}
_YES_WORDS = {"yes", "y", "true", "kyllä", "k", "joo", "on"}
_NO_WORDS = {"no", "n", "false", "ei", "off"}


@dataclass(frozen=True, kw_only=True)
class EntryText:
    """What a text gives: the answers (only non-empty ones) and the flags."""

    answers: dict[str, AnswerValue]
    starred: bool = False
    private: bool = False


@dataclass(frozen=True, kw_only=True)
class Guide:
    """The notes written into the text, in the reader's language (the command layer
    translates them; the domain knows no catalogue). Each may be empty."""

    intro: Sequence[str] = ()
    one_of: str = "one of: {options}"
    some_of: str = "any of, separated by commas: {options}"
    yes_no: str = "yes or no"
    number: str = "a whole number from {low} to {high}"
    steps: str = "one line a step, from {low} to {high}: {steps}"
    when: str = "date and time: YYYY-MM-DD HH:MM"
    tags: str = "words separated by spaces"
    one_line: str = "one line"


class EntryTextError(ValueError):
    """A text that cannot be read: `line` (from 1), the question's id when known, `code`
    the rule broken, `value` what was written, `near` the nearest known ids."""

    def __init__(self, line: int, code: str, field_id: str = "", value: str = "",
                 near: tuple[str, ...] = (), known: tuple[str, ...] = ()) -> None:
        super().__init__(f"line {line}: {code} {field_id} {value}".strip())
        self.line = line
        self.code = code
        self.field_id = field_id
        self.value = value
        self.near = near
        self.known = known


# -- writing ----------------------------------------------------------------------------------

def _escaped(line: str) -> str:
    return "\\" + line if line.startswith(("#", "\\")) else line


def _yes_no(value: bool, lang: str) -> str:
    return (_YES if value else _NO).get(lang, _YES["en"] if value else _NO["en"])


def _local(value: datetime, tz: tzinfo) -> str:
    local = value.astimezone(tz).replace(tzinfo=None)
    spec = "minutes" if not local.second and not local.microsecond else "auto"
    return local.isoformat(sep=" ", timespec=spec)


def render_answer(spec: SchemaField, value: AnswerValue, lang: str, tz: tzinfo) -> list[str]:
    """The lines of one answer (escaped)."""
    kind = spec.type
    if isinstance(value, bool):
        text = _yes_no(value, lang)
    elif kind == "step_ratings" and isinstance(value, Mapping):
        return step_lines(value)
    elif isinstance(value, datetime):
        text = _local(value, tz)
    elif isinstance(value, tuple):
        text = (" " if kind == "tags" else ", ").join(value)
    else:
        text = str(value)
    return [_escaped(line) for line in normalise_newlines(text).split("\n")]


def step_lines(ratings: Mapping[str, int]) -> list[str]:
    """One `step: N` line for every step, the number left out where it is not rated."""
    return [f"{step}: {ratings[step]}" if step in ratings else f"{step}:" for step in STEP_IDS]


def _notes(spec: SchemaField, lang: str, guide: Guide) -> list[str]:
    notes: list[str] = []
    if spec.help is not None and spec.help.get(lang).strip():
        notes.extend(normalise_newlines(spec.help.get(lang)).split("\n"))
    options = ", ".join(f"{o.id} ({o.label.get(lang)})" for o in spec.options)
    hint = {
        "choice": guide.one_of.format(options=options),
        "multi_choice": guide.some_of.format(options=options),
        "yes_no": guide.yes_no,
        "rating": guide.number.format(low=spec.min, high=spec.max),
        "step_ratings": guide.steps.format(
            low=STEP_RATING_MIN, high=STEP_RATING_MAX,
            steps=", ".join(s.name.get(lang) for s in STEPS)),
        "datetime": guide.when,
        "tags": guide.tags,
        "short_text": guide.one_line,
    }.get(spec.type, "")
    if hint:
        notes.append(hint)
    return [f"# {part}".rstrip() for note in notes
            for part in (textwrap.wrap(note, NOTE_WIDTH, break_on_hyphens=False) or [""])]


def render(schema: JournalSchema, answers: Mapping[str, AnswerValue], lang: str, tz: tzinfo,
           *, starred: bool = False, private: bool = False, guide: Guide | None = None,
           heading: str = "") -> str:
    """The form `schema` with `answers` as text (every question, answered or not)."""
    guide = guide or Guide()
    lines = [f"# {heading}".rstrip()] if heading else []
    lines += [f"# {part}".rstrip() for note in guide.intro
              for part in (textwrap.wrap(note, NOTE_WIDTH, break_on_hyphens=False) or [""])]
    lines += [f"starred: {_yes_no(starred, lang)}", f"private: {_yes_no(private, lang)}", ""]
    for spec in schema.fields:
        prompt = " ".join(spec.prompt.get(lang).split())
        lines.append(f"## {spec.id}: {prompt}".rstrip())
        lines += _notes(spec, lang, guide)
        value = answers.get(spec.id)
        if value is not None and not is_empty(value):
            lines += render_answer(spec, value, lang, tz)
        elif spec.type == "step_ratings":
            lines += step_lines({})
        lines.append("")
    return "\n".join(lines)


# -- reading ----------------------------------------------------------------------------------

def _bool(word: str) -> bool | None:
    folded = word.strip().casefold()
    return True if folded in _YES_WORDS else False if folded in _NO_WORDS else None


def _option(spec: SchemaField, word: str, line: int) -> str:
    folded = word.strip().casefold()
    for option in spec.options:
        if folded == option.id or any(folded == option.label.get(lang).casefold()
                                      for lang in option.label.languages()):
            return option.id
    known = tuple(o.id for o in spec.options)
    raise EntryTextError(line, "option", spec.id, word.strip(),
                         tuple(close_ids(folded, list(known))), known)


def _steps(spec: SchemaField, body: list[tuple[int, str]]) -> dict[str, int]:
    ratings: dict[str, int] = {}
    for line, text in body:
        match = _PAIR.match(text)
        if match is None:
            raise EntryTextError(line, "step line", spec.id, text.strip())
        step, number = match.group(1).casefold(), match.group(2)
        if step not in STEP_IDS:
            raise EntryTextError(line, "step", spec.id, step,
                                 tuple(close_ids(step, list(STEP_IDS))), STEP_IDS)
        if step in ratings:
            raise EntryTextError(line, "step twice", spec.id, step)
        if not number.strip():
            continue  # a step left without a number is not rated
        value = _int(number)
        if value is None or not STEP_RATING_MIN <= value <= STEP_RATING_MAX:
            raise EntryTextError(line, "step number", spec.id, number)
        ratings[step] = value
    return ratings


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if re.fullmatch(r"[+-]?[0-9]{1,6}", text) else None


def parse_answer(spec: SchemaField, body: list[tuple[int, str]],
                 tz: tzinfo) -> AnswerValue | None:
    """The answer of one question from its (unescaped) lines, None for no answer."""
    first = body[0][0] if body else 0
    text = "\n".join(t for _n, t in body)
    kind = spec.type
    if kind == "step_ratings":
        ratings = _steps(spec, [(n, t) for n, t in body if t.strip()])
        return ratings or None
    if not text.strip():
        return None
    if kind in TEXT_TYPES:
        if len(text) > MAX_ENTRY_TEXT:
            raise EntryTextError(first, "too long", spec.id, str(MAX_ENTRY_TEXT))
        if kind == "short_text" and len([t for _n, t in body if t.strip()]) > 1:
            raise EntryTextError(body[1][0], "one line", spec.id)
        return text.strip() if kind == "short_text" else text
    joined = " ".join(text.split())
    if kind == "yes_no":
        value = _bool(joined)
        if value is None:
            raise EntryTextError(first, "yes no", spec.id, joined)
        return value
    if kind == "rating":
        number = _int(joined)
        if number is None or spec.min is None or spec.max is None or not (
                spec.min <= number <= spec.max):
            raise EntryTextError(first, "number", spec.id, joined,
                                 known=(str(spec.min), str(spec.max)))
        return number
    if kind in ("choice", "multi_choice"):
        words = [w for w in re.split(r"[,\n]", text) if w.strip()]
        chosen = tuple(dict.fromkeys(_option(spec, w, first) for w in words))
        if kind == "choice":
            if len(chosen) != 1:
                raise EntryTextError(first, "one option", spec.id, joined)
            return chosen[0]
        return chosen
    if kind == "tags":
        seen: dict[str, str] = {}
        for word in re.split(r"[\s,]+", text):
            if word:
                seen.setdefault(word.casefold(), word)
        if len(seen) > MAX_TAGS or any(len(w) > 64 for w in seen.values()):
            raise EntryTextError(first, "tags", spec.id, str(MAX_TAGS))
        return tuple(seen.values())
    if kind == "datetime":
        try:
            when = datetime.fromisoformat(joined.replace("T", " "))
        except ValueError:
            raise EntryTextError(first, "datetime", spec.id, joined) from None
        return when.replace(tzinfo=tz) if when.tzinfo is None else when
    return None


def parse(schema: JournalSchema, text: str, tz: tzinfo) -> EntryText:
    """The answers and flags a text written with render() gives; EntryTextError at the
    first thing that cannot be read."""
    flags = {"starred": False, "private": False}
    bodies: dict[str, list[tuple[int, str]]] = {}
    current: list[tuple[int, str]] | None = None
    known = [f.id for f in schema.fields]
    for number, raw in enumerate(normalise_newlines(text).split("\n"), start=1):
        line = raw.rstrip("\n")
        if line.startswith("##"):
            match = _HEADER.match(line)
            field_id = (match.group(1) or "") if match else ""
            if field_id not in known:
                raise EntryTextError(number, "unknown question", "", field_id,
                                     tuple(close_ids(field_id.casefold(), known)),
                                     tuple(known))
            if field_id in bodies:
                raise EntryTextError(number, "question twice", field_id)
            current = bodies[field_id] = []
            continue
        if line.startswith("#"):
            continue
        if line.startswith("\\"):
            line = line[1:]
        if current is not None:
            current.append((number, line))
            continue
        if not line.strip():
            continue
        match = _PAIR.match(line)
        name = match.group(1).casefold() if match else ""
        value = _bool(match.group(2)) if match else None
        if name not in FLAGS or value is None:
            raise EntryTextError(number, "before questions", "", line.strip())
        flags[name] = value
    answers: dict[str, AnswerValue] = {}
    for spec in schema.fields:
        body = bodies.get(spec.id, [])
        while body and not body[0][1].strip():
            body = body[1:]
        while body and not body[-1][1].strip():
            body = body[:-1]
        answer = parse_answer(spec, body, tz)
        if answer is not None:
            answers[spec.id] = answer
    return EntryText(answers=answers, starred=flags["starred"], private=flags["private"])

