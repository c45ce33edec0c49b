"""Reading assessment results by bank, through the index (storage/index.py keeps each result
as JSON and looks at the results' folders before it answers), so a screen that lists them
parses no result file that has not changed."""

from __future__ import annotations

import os

from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.ids import is_document_id
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.repository import Store


def indexed_results(store: Store, folder: str | None = None
                    ) -> tuple[list[AssessmentResult], list[Problem]]:
    """Every readable result (of the bank `folder`, when given), oldest first, and the
    result files that could not be read, from the index made current first."""
    from kohtaa_tui.storage.index import JournalIndex

    root = store.results_dir if folder is None else store.results_dir / folder
    prefix = os.fspath(root) + os.sep
    with JournalIndex.open(store) as index:
        index.sync_results()
        results = index.results()
        problems = [p for p in index.problems() if p.file.startswith(prefix)]
    if folder is not None:
        results = [r for r in results if r.bank_id == folder]
    return sorted(results, key=lambda r: (r.completed, r.id)), problems


def bank_results(store: Store, bank_id: str) -> tuple[list[AssessmentResult], list[Problem]]:
    """Every result of one bank, oldest first, and the files that could not be read."""
    if not is_document_id(bank_id):
        return [], []
    return indexed_results(store, bank_id)


def results_by_bank(store: Store) -> tuple[dict[str, list[AssessmentResult]], list[Problem]]:
    """Every result, grouped by bank id, each list oldest first."""
    results, problems = indexed_results(store)
    grouped: dict[str, list[AssessmentResult]] = {}
    for result in results:
        grouped.setdefault(result.bank_id, []).append(result)
    return grouped, problems
