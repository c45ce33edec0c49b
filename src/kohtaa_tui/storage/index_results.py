"""The index's second table of files: each assessment result as JSON (`results`), so the
dashboard, goal progress, the report and the history read results without parsing them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.index_base import (
    RESULTS_TREE,
    decode_folders,
    encode_folders,
    files_to_check,
    within,
)
from kohtaa_tui.storage.index_rows import FileState, stamp

if TYPE_CHECKING:
    from kohtaa_tui.domain.assessment import AssessmentResult


def sync_results(db: sqlite3.Connection, root: Path, thorough: bool,
                 meta: Mapping[str, str]) -> None:
    """Keep the assessment results' table current with the files below `root` (the
    same checks as the journal's)."""
    recorded = decode_folders(meta.get(RESULTS_TREE))
    found, dirty, record = files_to_check(root, recorded, thorough)
    files = {rel: FileState(*f) for rel, f in found.items()}
    if dirty is None or dirty:
        known = {row[0]: (row[1], row[2]) for row in db.execute(
            "SELECT path, size, mtime_ns FROM results") if within(row[0], dirty)}
        todo = [f for rel, f in files.items() if known.get(rel) != (f.size, f.mtime_ns)]
        gone = [(rel,) for rel in known if rel not in files]
        if todo or gone:
            with db:
                db.executemany("DELETE FROM results WHERE path = ?", gone)
                for state in todo:
                    db.execute(
                        "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (state.rel, state.size, state.mtime_ns, *result_row(root, state)))
    if record != recorded:
        with db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                       (RESULTS_TREE, encode_folders(record)))


def read_results(db: sqlite3.Connection, answers: bool = True) -> list[AssessmentResult]:
    """Every readable assessment result, oldest first (as `Store.results()`, without
    parsing the files; unknown extra keys are not kept).

    answers=False: each result's answers and open answers are left empty, for callers
    that read only its scores, bank and times (the dashboard: 2 MB less at 500 results).
    """
    from kohtaa_tui.domain.assessment import AssessmentResult

    cursor = db.execute(
        "SELECT doc FROM results WHERE doc IS NOT NULL ORDER BY completed_ts, path")
    out: list[AssessmentResult] = []
    while rows := cursor.fetchmany(100):
        for (doc,) in rows:
            d = json.loads(doc)
            out.append(AssessmentResult(
                id=d["id"], bank_id=d["bank_id"], bank_version=d["bank_version"],
                bank_hash=d["bank_hash"],
                completed=datetime.fromisoformat(d["completed"]), scale_min=d["scale_min"],
                scale_max=d["scale_max"],
                answers=d["answers"] if answers else {}, scores=d["scores"],
                open_answers=d["open_answers"] if answers else {},
                started=datetime.fromisoformat(d["started"]) if d["started"] else None,
                lang=d["lang"]))
    return out


def result_row(root: Path, state: FileState) -> tuple[int | None, str | None, str | None,
                                                       int | None]:
    """(completed_ts, JSON, problem message, line) of one result file."""
    from kohtaa_tui.domain.assessment import result_from_document
    from kohtaa_tui.storage.repository import MAX_DATA_FILE_BYTES, load_document

    loaded, problems = load_document(root / state.rel, result_from_document,
                                     MAX_DATA_FILE_BYTES)
    if loaded is None:
        first = problems[0] if problems else Problem(file=str(root / state.rel),
                                                     message="cannot be read")
        return None, None, first.message, first.line
    r = loaded.value
    doc = {"id": r.id, "bank_id": r.bank_id, "bank_version": r.bank_version,
           "bank_hash": r.bank_hash, "completed": r.completed.isoformat(),
           "scale_min": r.scale_min, "scale_max": r.scale_max, "answers": dict(r.answers),
           "scores": dict(r.scores), "open_answers": dict(r.open_answers),
           "started": r.started.isoformat() if r.started else None, "lang": r.lang}
    return stamp(r.completed), json.dumps(doc, ensure_ascii=False), None, None
