"""Loading a data directory: bad files become problems and the rest still loads."""

from __future__ import annotations

import os
import signal
from datetime import UTC, date, datetime
from pathlib import Path

from kohtaa_tui.domain.goals import Goal, Target
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.codec import BOM
from kohtaa_tui.storage.repository import Store
from kohtaa_tui.storage.schemas import load_schemas

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def goal(ident: str) -> Goal:
    return Goal(id=ident, title=f"Goal {ident}", created=NOW, start=date(2026, 11, 1),
                target=Target(kind="manual"))


def test_one_bad_file_does_not_hide_the_others(store: Store) -> None:
    for ident in ("g-1", "g-2"):
        store.save_goal(goal(ident), None)
    good = store.goal_path("g-2").read_bytes()
    store.goal_path("g-3").write_bytes(BOM + good.replace(b'"g-2"', b'"g-3"'))
    broken = store.goal_path("g-4")
    broken.write_bytes(b'schema_version = 1\nkind = "goal"\nid = "g-4"\ntitle = 5\n')
    wrong_kind = store.goals_dir / "entry.toml"
    wrong_kind.write_bytes(b'schema_version = 1\nkind = "journal_entry"\n')
    newer = store.goals_dir / "newer.toml"
    newer.write_bytes(b'schema_version = 9\nkind = "goal"\n')
    loaded, problems = store.goals()
    assert sorted(item.value.id for item in loaded) == ["g-1", "g-2", "g-3"]
    assert {p.file for p in problems} == {str(broken), str(wrong_kind), str(newer)}
    said = {str(p) for p in problems}
    assert f"{broken}:4: title: must be a string, not an integer" in said
    assert f"{broken}: target: is missing; add it" in said
    assert any(s.startswith(f"{wrong_kind}:2: kind:") and "but a goal was expected" in s
               for s in said)
    assert any(s.startswith(str(newer)) and "written by a newer kohtaa" in s for s in said)
    assert broken.read_bytes().startswith(b"schema_version")  # left as it was


def test_a_fifo_named_like_a_document_does_not_block_loading(store: Store) -> None:
    store.save_goal(goal("g-1"), None)
    os.mkfifo(store.goals_dir / "trap.toml")
    signal.alarm(10)  # fail rather than hang if the reader opens the FIFO
    try:
        loaded, problems = store.goals()
    finally:
        signal.alarm(0)
    assert [item.value.id for item in loaded] == ["g-1"] and problems == []


def test_the_trash_keeps_both_files_of_the_same_name(store: Store) -> None:
    first = store.save_entry(JournalEntry(id="e-1", schema_id="quick", schema_version=1,
                                          created=NOW, updated=NOW, answers={"what": "first"}),
                             None)
    one = store.move_to_trash(first.path, first.fingerprint)
    second = store.save_entry(JournalEntry(id="e-1", schema_id="quick", schema_version=1,
                                           created=NOW, updated=NOW, answers={"what": "second"}),
                              None)
    two = store.move_to_trash(second.path, second.fingerprint)
    assert one != two and one.exists() and two.exists()
    assert b"first" in one.read_bytes() and b"second" in two.read_bytes()
    assert not first.path.exists()
    assert (two.stat().st_mode & 0o777) == 0o600


def test_nothing_is_created_by_reading(tmp_path: Path, store: Store, data_dir: Path) -> None:
    for loader in (store.entries, store.results, store.goals, lambda: load_banks(store),
                   lambda: load_schemas(store)):
        loader()
    assert store.assessment_draft("core") is None
    assert not data_dir.exists()
