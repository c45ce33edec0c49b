"""What one entry file becomes in the index (storage/index.py): its row of `entries`, its
labels, its search text and its packed document, and the reading of the file itself.

Pure derivation: nothing here opens the database. index_parse.py runs it in worker
processes for a rebuild; index.py inserts what it gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kohtaa_tui.domain.display import json_safe
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage import index_words
from kohtaa_tui.storage.index_base import (
    RATING_COLUMNS,
    SEP,
    STEP_IDS,
    pack_doc,
    split_labels,
    strip_doc,
)

if TYPE_CHECKING:
    from kohtaa_tui.domain.journal import AnswerValue, JournalEntry, JournalSchema
    from kohtaa_tui.storage.repository import Loaded


class FileState(NamedTuple):
    """A file below a folder, as a walk saw it."""

    rel: str
    size: int
    mtime_ns: int

@dataclass(frozen=True)
class Row:
    """What one entry file puts into the index."""

    values: tuple[Any, ...]
    labels: list[tuple[str, str]]
    text: str
    """The entry_text column: the text and its words' keys (index_words.search_text)."""
    doc: bytes
    """The docs row: the document and how its text is found again (index_base.pack_doc)."""

INSERT_ENTRY = (
    f"INSERT INTO entries (rowid, path, id, schema_id, schema_version, created, created_ts, "
    f"updated, "
    f"title, {', '.join(RATING_COLUMNS)}, tags, mistakes, goals, starred, private, lang, "
    f"size, mtime_ns, occurred) VALUES ({', '.join('?' * (18 + len(STEP_IDS)))})")

def schema_lookup(schemas: Iterable[JournalSchema] | Mapping[str, JournalSchema]
                   ) -> tuple[dict[tuple[str, int], JournalSchema], dict[str, JournalSchema]]:
    from kohtaa_tui.domain.document import latest_versions

    values = list(schemas.values() if isinstance(schemas, Mapping) else schemas)
    exact: dict[tuple[str, int], JournalSchema] = {}
    for schema in values:
        exact.setdefault((schema.id, schema.version), schema)
    return exact, latest_versions(values)

def stamp(moment: datetime) -> int:
    return int(moment.timestamp())

def entry_labels(tags: str, mistakes: str, goals: str) -> list[tuple[str, str]]:
    """The labels rows of an entry, from its entries row's tags, mistakes and goals columns
    (so that the rows an entry was given are found again from that row alone)."""
    return list(dict.fromkeys([("tag", t.casefold()) for t in split_labels(tags)]
                              + [("mistake", m) for m in split_labels(mistakes)]
                              + [("goal", g) for g in split_labels(goals)]))


def derive_file(root: str, state: FileState, exact: dict[tuple[str, int], JournalSchema],
                 latest: dict[str, JournalSchema], zdict: bytes
                 ) -> tuple[Row | None, Problem | None]:
    path = Path(root, state.rel)
    loaded, problems, document = read_entry(path)
    if loaded is None:
        return None, problems[0] if problems else Problem(file=str(path), message="cannot be read")
    return derive_row(state, loaded.value, exact, latest, document, zdict), None

def derive_row(state: FileState, entry: JournalEntry,
            exact: dict[tuple[str, int], JournalSchema], latest: dict[str, JournalSchema],
            document: Mapping[str, Any] | None, zdict: bytes) -> Row:
    """The index row of an entry (its document as read, or as it would be saved); its
    docs row compressed against `zdict` (the index's meta)."""
    from kohtaa_tui.domain.journal import (
        entry_text,
        entry_title,
        entry_to_document,
        role_value,
        step_ratings,
    )

    schema = exact.get((entry.schema_id, entry.schema_version)) or latest.get(entry.schema_id)
    ratings = step_ratings(entry, schema)
    tags = _strings(role_value(entry, schema, "tags"))
    if not tags and schema is None:
        tags = _strings(entry.answers.get("tags"))
    mistakes = _strings(role_value(entry, schema, "mistakes"))
    title = entry_title(entry, schema, entry.lang or "en")
    occurred = role_value(entry, schema, "occurred_at")
    if document is None:
        document = entry_to_document(entry)
    created, updated = entry.created.isoformat(), entry.updated.isoformat()
    lists = (SEP.join(tags), SEP.join(mistakes), SEP.join(entry.goal_ids))
    values = (state.rel, entry.id, entry.schema_id, entry.schema_version,
              created, stamp(entry.created), None if updated == created else updated,
              title, *(ratings.get(step) for step in STEP_IDS), *lists, int(entry.starred),
              int(entry.private), entry.lang, state.size, state.mtime_ns,
              occurred.isoformat() if isinstance(occurred, datetime) else None)
    labels = entry_labels(*lists)
    text = entry_text(entry)
    doc = json_safe(json.dumps(document, ensure_ascii=False, default=_encode))
    # How the text is found again when the entry leaves the search table: from the
    # document's answers, leaving out those that are not text (dates and times are text
    # in JSON), when that gives the same text; else the text itself.
    skip = [key for key, value in entry.answers.items() if not isinstance(value, (str, tuple))]
    found = _answers_text(json.loads(doc), skip)
    head = json.dumps(skip if found == text else text, ensure_ascii=False)
    return Row(values, labels, index_words.search_text(text),
                pack_doc(head, strip_doc(doc, (entry.id, created, updated)), zdict))

def _answers_text(document: object, skip: Sequence[str]) -> str | None:
    """The text answers of a document decoded from JSON, as entry_text joins them (None
    when the document holds something it would not join)."""
    answers = document.get("answers") if isinstance(document, dict) else None
    if not isinstance(answers, dict):
        return None
    parts: list[str] = []
    for key, value in answers.items():
        if key in skip:
            continue
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            parts.extend(value)
        else:
            return None
    return "\n".join(parts)

def stored_text(doc: str, head: str) -> str:
    """The text an entry was given to the search table, from its docs row (derive_row)."""
    how = json.loads(head)
    if isinstance(how, str):
        return how
    return _answers_text(json.loads(doc), how) or ""

def doc_skeletons(latest: Mapping[str, JournalSchema]) -> str:
    """The dictionary the index's docs are compressed against: for each schema, the JSON
    of an entry document with its keys and empty values, and its options' ids (what every
    document of it repeats). Kept in meta, so the docs always open with the one they were
    made with, whatever the schema files say later."""
    parts = []
    steps = json.dumps(dict.fromkeys(STEP_IDS, 3))
    for schema_id in sorted(latest):
        schema = latest[schema_id]
        options = [json.dumps(o.id) for f in schema.fields for o in f.options]
        answers = ", ".join(f"{json.dumps(f.id)}: \"\"" for f in schema.fields)
        parts.append(", ".join(options))
        parts.append(
            f'{{"schema_version": 1, "kind": "journal_entry", "id": "", "journal_schema": '
            f'{json.dumps(schema_id)}, "journal_schema_version": {schema.version}, '
            f'"created": "", "updated": "", "lang": "", "starred": false, "private": false, '
            f'"goals": [], "answers": {{{answers}}}}}')
    return json_safe(steps + "".join(parts))[-32_000:]

def _encode(value: object) -> object:
    """TOML's date and time values as ISO 8601 text (as JSON exports carry them)."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)

def _strings(value: AnswerValue | None) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return tuple(v for v in value if isinstance(v, str) and v)
    return ()

def load_entry_file(path: Path) -> tuple[Loaded[JournalEntry] | None, list[Problem]]:
    """Read one entry file (like repository.load_document, without the line search on
    success, which is the slow part for thousands of files)."""
    loaded, problems, _document = read_entry(path)
    return loaded, problems

def read_entry(path: Path) -> tuple[Loaded[JournalEntry] | None, list[Problem],
                                     dict[str, Any] | None]:
    from kohtaa_tui.domain.journal import entry_from_document
    from kohtaa_tui.storage.codec import ParseError, parse_toml, read_bounded
    from kohtaa_tui.storage.repository import (
        MAX_DATA_FILE_BYTES,
        Loaded,
        fingerprint,
        issues_to_problems,
    )

    try:
        data = read_bounded(path, MAX_DATA_FILE_BYTES)
        document = parse_toml(data)
    except ParseError as error:
        return None, [Problem(file=str(path), message=error.message, line=error.line)], None
    try:
        entry, issues = entry_from_document(document)
    except RecursionError:
        return None, [Problem(file=str(path), message="the document is nested too deeply")], None
    if entry is None:
        problems = issues_to_problems(path, data.decode("utf-8", errors="replace"), issues)
        return None, [p for p in problems if p.severity == "error"] or [
            Problem(file=str(path), message="the document could not be read")], None
    return Loaded(entry, path, fingerprint(data)), [], document
