"""An unfinished journal entry: the answers typed so far, kept until the entry is saved.

One draft per new entry of a schema, and one per entry being edited. Written a few seconds
after every change and on quit or a terminal that closes, so little is ever lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kohtaa_tui.domain.document import MAX_ENTRY_TEXT, merge_extra, read_header
from kohtaa_tui.domain.journal import AnswerValue, answer_document, is_empty, read_answers
from kohtaa_tui.domain.problems import Issue, has_errors


@dataclass(frozen=True, kw_only=True)
class JournalDraft:
    """Answers typed so far into the form of `schema_id` (for `entry_id` when editing)."""

    schema_id: str
    schema_version: int
    started: datetime
    updated: datetime
    answers: Mapping[str, AnswerValue]
    entry_id: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_edit(self) -> bool:
        """True when the draft holds changes to a saved entry."""
        return self.entry_id is not None

    def key(self) -> str:
        """The name the draft is kept under: one per schema, or one per edited entry."""
        return f"edit-{self.entry_id}" if self.entry_id else f"new-{self.schema_id}"


def draft_from_document(doc: Mapping[str, Any]) -> tuple[JournalDraft | None, list[Issue]]:
    """Read a saved journal draft."""
    issues: list[Issue] = []
    reader = read_header(doc, "entry_draft", issues, MAX_ENTRY_TEXT)
    if reader is None:
        return None, issues
    schema_id = reader.document_id("journal_schema", required=True)
    version = reader.integer("journal_schema_version", required=True, low=1)
    started = reader.datetime("started", required=True)
    updated = reader.datetime("updated") or started
    entry_id = reader.document_id("entry")
    table = reader.table_reader("answers")
    answers = read_answers(table, list(table.table)[:500]) if table is not None else {}
    extra = reader.extra()
    if has_errors(issues):
        return None, issues
    assert schema_id and version and started and updated
    return JournalDraft(schema_id=schema_id, schema_version=version, started=started,
                        updated=updated, answers=answers, entry_id=entry_id, extra=extra), issues


def draft_to_document(draft: JournalDraft) -> dict[str, Any]:
    """The TOML table of a draft."""
    return merge_extra({
        "schema_version": 1,
        "kind": "entry_draft",
        "journal_schema": draft.schema_id,
        "journal_schema_version": draft.schema_version,
        "entry": draft.entry_id,
        "started": draft.started,
        "updated": draft.updated,
        "answers": {key: answer_document(value) for key, value in draft.answers.items()
                    if not is_empty(value)},
    }, draft.extra)
