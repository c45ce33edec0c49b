"""Everything goal progress is computed from, gathered in one place (headless).

Score targets read assessment results, count targets read journal entries; the goals screen,
the goal screen and `kohtaa goals` all ask this module. Both come from the index
(storage/index.py), synced with the files first, so no entry or result file is parsed unless
it changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.document import latest_versions
from kohtaa_tui.domain.goals import Goal, Progress, progress
from kohtaa_tui.domain.journal import JournalEntry, JournalSchema, entry_title
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.services.workspace import Workspace


@dataclass(frozen=True)
class GoalInputs:
    """Results, entries and schemas as they were when read."""

    results: tuple[AssessmentResult, ...] = ()
    entries: tuple[JournalEntry, ...] = ()
    schemas: Mapping[str, JournalSchema] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class EntryLine:
    """A reflection as one line: when, and its title line."""

    id: str
    created: datetime
    title: str
    private: bool = False
    """A private reflection; its title is empty when it was withheld."""


def load_goal_inputs(ws: Workspace) -> GoalInputs:
    """Read the results, entries and schemas that goal progress needs.

    The entries are stand-ins from the index, oldest first: id, schema, times, flags, goal
    links and the indexed answers (title, step ratings, tags, mistakes); load an entry's
    file for the rest.
    """
    from kohtaa_tui.storage.index import EntryFilter

    journal = ws.journal(sync="none")
    latest = latest_versions(journal.schemas)
    index = journal.index
    report = index.sync(thorough=True)
    results = tuple(index.results())
    summaries = index.query(EntryFilter(include_private=True), limit=None)
    return GoalInputs(
        results=results,
        entries=tuple(s.as_entry(latest.get(s.schema_id)) for s in reversed(summaries)),
        schemas=latest,
        problems=tuple(report.problems),
    )


def bank_title(ws: Workspace, bank_id: str | None) -> str | None:
    """The bank's title in the active language (None when the bank is not known)."""
    if not bank_id:
        return None
    from kohtaa_tui.storage.banks import load_banks

    bank = load_banks(ws.store).find(bank_id)  # a removed bank too
    return bank.title.get(ws.lang) if bank is not None else None


def progress_of(ws: Workspace, goal: Goal, inputs: GoalInputs) -> Progress:
    """One goal's progress from inputs already read (a count goal looks only at the entries
    it can count: from its start, of its schema)."""
    from kohtaa_tui.services.overview import _countable

    return progress(goal, inputs.results, _countable(goal, inputs.entries), inputs.schemas,
                    ws.clock.local_tz())


def goal_progress(ws: Workspace, goals: Iterable[Goal],
                  inputs: GoalInputs | None = None) -> dict[str, Progress]:
    """The progress of each goal, by goal id (inputs are read once when not given)."""
    inputs = inputs if inputs is not None else load_goal_inputs(ws)
    return {goal.id: progress_of(ws, goal, inputs) for goal in goals}


def _line(entry: JournalEntry, inputs: GoalInputs, lang: str) -> EntryLine:
    return EntryLine(entry.id, entry.created,
                     entry_title(entry, inputs.schemas.get(entry.schema_id), lang),
                     private=entry.private)


def linked_entries(goal: Goal, inputs: GoalInputs, lang: str,
                   include_private: bool = False) -> list[EntryLine]:
    """The reflections a check-in of the goal links, or that name the goal; oldest first.

    A private reflection's title is withheld (empty, `private` set) unless include_private.
    """
    wanted = {c.entry_id for c in goal.current_check_ins() if c.entry_id}
    found = [e for e in inputs.entries if e.id in wanted or goal.id in e.goal_ids]
    found.sort(key=lambda e: (e.created, e.id))
    return [EntryLine(e.id, e.created, "", private=True)
            if e.private and not include_private else _line(e, inputs, lang)
            for e in found]


def recent_entries(inputs: GoalInputs, lang: str, limit: int = 20) -> list[EntryLine]:
    """The latest reflections, newest first (to link one to a check-in)."""
    ordered = sorted(inputs.entries, key=lambda e: (e.created, e.id), reverse=True)
    return [_line(e, inputs, lang) for e in ordered[:limit]]
