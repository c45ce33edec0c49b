"""Results by bank (the history, the result screen, the report's banks) come from the index:
the same results as a parse of every file, a file added, broken or removed is followed, and
a result file is parsed once, not on every look."""

from __future__ import annotations

import pytest

from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage import index_results
from kohtaa_tui.storage.results import bank_results, results_by_bank


def test_results_by_bank_agree_with_the_files(workspace: Workspace,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = workspace.store
    populate(store, workspace.clock, weeks=12)
    slow = sorted((item.value for item in store.results()[0]), key=lambda r: (r.completed, r.id))
    expected: dict[str, list[object]] = {}
    for result in slow:
        expected.setdefault(result.bank_id, []).append(result)
    grouped, problems = results_by_bank(store)
    assert grouped == expected and problems == [] and len(slow) > 3
    bank = slow[0].bank_id
    assert bank_results(store, bank) == (expected[bank], [])
    assert bank_results(store, "../x") == ([], [])

    parsed: list[str] = []
    real = index_results.result_row
    monkeypatch.setattr(index_results, "result_row",
                        lambda root, state: parsed.append(state.rel) or real(root, state))
    assert results_by_bank(store)[0] == expected
    assert parsed == []  # nothing changed: no file parsed again

    first, second = (store.result_path(r) for r in slow[:2])
    first.unlink()
    second.unlink()  # replaced, as every save does (an edit in place waits for the hour)
    second.write_text("broken = = =", encoding="utf-8")
    grouped, problems = results_by_bank(store)
    gone = {slow[0].id, slow[1].id}
    left = {bank: [r.id for r in rs if r.id not in gone] for bank, rs in expected.items()}
    assert {bank: [r.id for r in rs] for bank, rs in grouped.items()} == {
        bank: ids for bank, ids in left.items() if ids}
    assert [p.file for p in problems] == [str(second)]
    assert len(parsed) == 1
