"""Group results for a coach: per step and period, only for groups big enough to stay anonymous."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import fmean, median, pstdev
from typing import Any

from kohtaa_tui.domain.document import read_header
from kohtaa_tui.domain.ids import is_part_id
from kohtaa_tui.domain.problems import Issue, has_errors
from kohtaa_tui.domain.steps import STEP_IDS

PERIODS: tuple[str, ...] = ("month", "quarter", "week")
MAX_ITEMS = 1000


@dataclass(frozen=True, kw_only=True)
class PersonResult:
    """One person's step scores from one completed assessment."""

    participant: str
    completed: date
    scores: Mapping[str, float]
    items: Mapping[str, int] = field(default_factory=dict)
    """Each rated item's answer as it counts (reverse-keyed items mirrored)."""


@dataclass(frozen=True, kw_only=True)
class GroupCell:
    """One step in one period: counts always, numbers only when the group is big enough."""

    period: str
    step: str
    people: int
    mean: float | None = None
    median: float | None = None
    spread: float | None = None
    low: float | None = None
    high: float | None = None
    change: float | None = None

    @property
    def hidden(self) -> bool:
        """True when the group was too small to show its numbers."""
        return self.mean is None and self.people > 0


def period_of(day: date, period: str) -> str:
    """The label of the period `day` falls in: 2026-11, 2026-Q4 or 2026-W47."""
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if period == "week":
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def aggregate(results: Iterable[PersonResult], period: str = "month",
              min_group: int = 3) -> list[GroupCell]:
    """Per period and step: people, mean, median, spread, range, change since the last shown.

    A person with several results in a period counts once, with their latest. A group of
    fewer than `min_group` people shows only its size, never its numbers.
    """
    latest: dict[tuple[str, str], PersonResult] = {}
    for result in results:
        key = (period_of(result.completed, period), result.participant)
        if key not in latest or result.completed >= latest[key].completed:
            latest[key] = result
    by_period: dict[str, list[PersonResult]] = {}
    for (label, _who), result in latest.items():
        by_period.setdefault(label, []).append(result)
    cells: list[GroupCell] = []
    previous_mean: dict[str, float] = {}
    for label in sorted(by_period):
        for step in STEP_IDS:
            values = [r.scores[step] for r in by_period[label] if step in r.scores]
            if not values:
                continue
            if len(values) < min_group:
                cells.append(GroupCell(period=label, step=step, people=len(values)))
                continue
            mean = fmean(values)
            change = mean - previous_mean[step] if step in previous_mean else None
            previous_mean[step] = mean
            cells.append(GroupCell(period=label, step=step, people=len(values), mean=mean,
                                   median=median(values),
                                   spread=pstdev(values), low=min(values), high=max(values),
                                   change=change))
    return cells


@dataclass(frozen=True, kw_only=True)
class ItemCell:
    """One item over the group: each person's latest answer; numbers only from the minimum
    group size up."""

    item: str
    people: int
    mean: float | None = None
    spread: float | None = None

    @property
    def hidden(self) -> bool:
        """True when too few people answered it to show its numbers."""
        return self.mean is None


WEAKEST = 3
"""How many of the group's lowest items the report names."""


def item_summary(results: Iterable[PersonResult], min_group: int = 3
                 ) -> tuple[list[ItemCell], list[ItemCell]]:
    """Per item (in the order first seen): people, mean and spread of each person's latest
    answer; and the `WEAKEST` items with the lowest mean among those shown (ties by the
    larger spread, then by order). A person counts once; one person's answer is never shown,
    for an item answered by fewer than `min_group` people shows only its count."""
    latest: dict[str, PersonResult] = {}
    for result in results:
        if not result.items:
            continue
        current = latest.get(result.participant)
        if current is None or result.completed >= current.completed:
            latest[result.participant] = result
    order: list[str] = []
    values: dict[str, list[int]] = {}
    for who in sorted(latest):
        for item, value in latest[who].items.items():
            if item not in values:
                order.append(item)
                values[item] = []
            values[item].append(value)
    cells: list[ItemCell] = []
    for item in order:
        found = values[item]
        if len(found) < min_group:
            cells.append(ItemCell(item=item, people=len(found)))
        else:
            cells.append(ItemCell(item=item, people=len(found), mean=fmean(found),
                                  spread=pstdev(found)))
    shown = [(index, c) for index, c in enumerate(cells) if c.mean is not None]
    shown.sort(key=lambda pair: (pair[1].mean, -(pair[1].spread or 0.0), pair[0]))
    return cells, [c for _i, c in shown[:WEAKEST]]


# -- the results file a person sends to their coach ---------------------------------------------

@dataclass(frozen=True, kw_only=True)
class ExportedResult:
    """One result in a results export: scores and date, no answers, no text."""

    bank_id: str
    bank_version: int
    bank_hash: str
    completed: datetime
    scale_min: int
    scale_max: int
    scores: Mapping[str, float]
    items: Mapping[str, int] = field(default_factory=dict)
    """Each rated item's answer as it counts for its step (reverse-keyed items mirrored);
    no open answers. Absent in exports written before it was added."""


READINGS: tuple[str, ...] = ("hidden_strength", "blind_spot", "agreement")


@dataclass(frozen=True, kw_only=True)
class ExportedGap:
    """One step of others' view as the person sees it (shared only when they choose): their
    own score, the mean of the voices their view shows, and the gap read in words."""

    bank_id: str
    step: str
    self_score: float
    others: float
    reading: str


@dataclass(frozen=True, kw_only=True)
class ResultsExport:
    """What a person shares with a coach: a chosen name and their step scores."""

    participant: str
    exported: datetime
    results: tuple[ExportedResult, ...]
    others: tuple[ExportedGap, ...] = ()
    """Others' view per step (`results export --with-feedback`); absent otherwise."""


def export_to_document(export: ResultsExport) -> dict[str, Any]:
    """The TOML table of a results export."""
    return {
        "schema_version": 1,
        "kind": "results_export",
        "participant": export.participant,
        "exported": export.exported,
        "results": [{
            "bank_id": r.bank_id, "bank_version": r.bank_version, "bank_hash": r.bank_hash,
            "completed": r.completed, "scale_min": r.scale_min, "scale_max": r.scale_max,
            "scores": {step: float(v) for step, v in r.scores.items()},
            **({"items": {item: int(v) for item, v in r.items.items()}} if r.items else {}),
        } for r in export.results],
        **({"others_view": [{"bank_id": g.bank_id, "step": g.step, "self": g.self_score,
                             "others": g.others, "reading": g.reading}
                            for g in export.others]} if export.others else {}),
    }


def export_from_document(doc: Mapping[str, Any]) -> tuple[ResultsExport | None, list[Issue]]:
    """Read a results export sent by a participant."""
    issues: list[Issue] = []
    reader = read_header(doc, "results_export", issues)
    if reader is None:
        return None, issues
    participant = reader.string("participant", required=True, max_len=100, allow_empty=False)
    exported = reader.datetime("exported", required=True)
    rows: list[ExportedResult] = []
    for sub in reader.table_readers("results", required=True, max_count=10_000):
        bank_id = sub.document_id("bank_id", required=True)
        version = sub.integer("bank_version", required=True, low=1)
        bank_hash = sub.string("bank_hash", required=True, max_len=200)
        completed = sub.datetime("completed", required=True)
        low = sub.integer("scale_min", required=True, low=-1000, high=1000)
        high = sub.integer("scale_max", required=True, low=-1000, high=1000)
        scores: dict[str, float] = {}
        table = sub.table_reader("scores", required=True)
        if table is not None:
            for step in list(table.table):
                if step not in STEP_IDS:
                    table.error(step, f"{step[:40]!r} is not a skill step")
                    continue
                value = table.number(step, low=low, high=high)
                if value is not None:
                    scores[step] = value
        items: dict[str, int] = {}
        answers = sub.table_reader("items")
        if answers is not None:
            if len(answers.table) > MAX_ITEMS:
                answers.error(None, f"has {len(answers.table)} items; the limit is {MAX_ITEMS}")
            else:
                for item in list(answers.table):
                    if not is_part_id(item):
                        answers.error(item, f"{item[:40]!r} is not an item id")
                        continue
                    answer = answers.integer(item, low=low, high=high)
                    if answer is not None:
                        items[item] = answer
        if None not in (bank_id, version, bank_hash, completed, low, high):
            assert bank_id and version and bank_hash and completed
            assert low is not None and high is not None
            rows.append(ExportedResult(bank_id=bank_id, bank_version=version, bank_hash=bank_hash,
                                       completed=completed, scale_min=low, scale_max=high,
                                       scores={s: scores[s] for s in STEP_IDS if s in scores},
                                       items=items))
    gaps: list[ExportedGap] = []
    for sub in reader.table_readers("others_view", max_count=1000):
        gap_bank = sub.document_id("bank_id", required=True)
        gap_step = sub.choice("step", STEP_IDS, required=True)
        own = sub.number("self", required=True, low=-1000, high=1000)
        others = sub.number("others", required=True, low=-1000, high=1000)
        reading = sub.choice("reading", READINGS, required=True)
        if gap_bank and gap_step and own is not None and others is not None and reading:
            gaps.append(ExportedGap(bank_id=gap_bank, step=gap_step, self_score=own, others=others,
                                    reading=reading))
    if has_errors(issues):
        return None, issues
    assert participant and exported
    return ResultsExport(participant=participant, exported=exported, results=tuple(rows),
                         others=tuple(gaps)), issues
