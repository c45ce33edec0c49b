"""One journal per workspace: opened on first use and kept, one service for each thread,
opened again when the schema files change; the sync policy is chosen on each use."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services import journal_data
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.index import EntryFilter
from kohtaa_tui.storage.journal import JournalService
from tests.conftest import FIXED_NOW


def entry(ident: str, minutes: int = 0) -> JournalEntry:
    moment = FIXED_NOW + timedelta(minutes=minutes)
    return JournalEntry(id=ident, schema_id="quick", schema_version=1, created=moment,
                        updated=moment, answers={"title": f"Call {ident}", "what": "fine"})


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[JournalService]:
    """Every JournalService opened during the test."""
    found: list[JournalService] = []
    original = JournalService.open.__func__  # type: ignore[attr-defined]

    def counting(cls: type[JournalService], /, *args: object, **kw: object) -> JournalService:
        service: JournalService = original(cls, *args, **kw)
        found.append(service)
        return service

    monkeypatch.setattr(JournalService, "open", classmethod(counting))
    return found


def everything(ws: Workspace) -> set[str]:
    journal = ws.journal(sync="quick")
    return {s.id for s in journal.index.query(EntryFilter(include_private=True), limit=None)}


def test_two_saves_open_the_journal_once(workspace: Workspace,
                                         opened: list[JournalService]) -> None:
    journal_data.save_entry(workspace, entry("20261122-120000-aaaaaa"), None)
    journal_data.save_entry(workspace, entry("20261122-120100-bbbbbb", 1), None)
    assert journal_data.find_entry(workspace, "20261122-120000-aaaaaa") is not None
    assert everything(workspace) == {"20261122-120000-aaaaaa", "20261122-120100-bbbbbb"}
    assert len(opened) == 1 and workspace.journals.opened == 1
    # The copy in the other language shares it.
    assert workspace.with_lang("fi").journal(sync="none") is opened[0]
    assert len(opened) == 1


def test_a_thread_and_the_main_thread_both_use_it(workspace: Workspace,
                                                  opened: list[JournalService]) -> None:
    journal_data.save_entry(workspace, entry("20261122-120000-aaaaaa"), None)
    seen: list[set[str]] = []
    failed: list[BaseException] = []

    def worker() -> None:
        try:
            journal_data.save_entry(workspace, entry("20261122-120100-bbbbbb", 1), None)
            seen.append(everything(workspace))
        except BaseException as error:  # the assertion below names it
            failed.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(30)
    assert not thread.is_alive() and not failed
    assert seen == [{"20261122-120000-aaaaaa", "20261122-120100-bbbbbb"}]
    # The main thread's service is still open, and sees what the thread saved.
    journal_data.save_entry(workspace, entry("20261122-120200-cccccc", 2), None)
    assert everything(workspace) == {"20261122-120000-aaaaaa", "20261122-120100-bbbbbb",
                                     "20261122-120200-cccccc"}
    assert len(opened) == 2  # one for each thread, not one for each save
    assert opened[0] is workspace.journal(sync="none")


def test_the_sync_policy_is_chosen_on_each_use(workspace: Workspace,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    journal = workspace.journal(sync="none")
    calls: list[bool] = []
    original = journal.index.sync

    def sync(progress: object = None, *, thorough: bool = True) -> object:
        calls.append(thorough)
        return original(thorough=thorough)

    monkeypatch.setattr(journal.index, "sync", sync)
    assert workspace.journal(sync="quick") is journal
    assert workspace.journal(sync="thorough") is journal
    assert workspace.journal(sync="none") is journal
    assert calls == [False, True]


def test_a_changed_schema_folder_opens_it_again(workspace: Workspace,
                                                opened: list[JournalService]) -> None:
    first = workspace.journal(sync="none")
    folder = workspace.store.schemas_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.toml").write_text("not a schema yet\n", encoding="utf-8")
    second = workspace.journal(sync="none")
    assert second is not first and len(opened) == 2
    assert workspace.journal(sync="none") is second


def test_a_closed_journal_opens_again_when_used(workspace: Workspace) -> None:
    journal_data.save_entry(workspace, entry("20261122-120000-aaaaaa"), None)
    workspace.journals.close()
    assert everything(workspace) == {"20261122-120000-aaaaaa"}
