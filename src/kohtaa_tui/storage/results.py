"""Reading assessment results by bank (one folder per bank keeps this cheap)."""

from __future__ import annotations

from kohtaa_tui.domain.assessment import AssessmentResult, result_from_document
from kohtaa_tui.domain.ids import is_document_id
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.repository import Store


def bank_results(store: Store, bank_id: str) -> tuple[list[AssessmentResult], list[Problem]]:
    """Every result of one bank, oldest first, and the files that could not be read."""
    if not is_document_id(bank_id):
        return [], []
    loaded, problems = store.load_all(store.results_dir / bank_id, result_from_document)
    results = sorted((item.value for item in loaded), key=lambda r: (r.completed, r.id))
    return results, problems


def results_by_bank(store: Store) -> tuple[dict[str, list[AssessmentResult]], list[Problem]]:
    """Every result, grouped by bank id, each list oldest first."""
    loaded, problems = store.results()
    grouped: dict[str, list[AssessmentResult]] = {}
    for item in sorted(loaded, key=lambda i: (i.value.completed, i.value.id)):
        grouped.setdefault(item.value.bank_id, []).append(item.value)
    return grouped, problems
