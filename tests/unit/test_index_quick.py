"""The cheap change check: folder mtimes catch every created, deleted or replaced file; a file
rewritten in place waits for a thorough check; the quick read path answers only when current."""

from __future__ import annotations

import os
import random
import shutil
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaa_tui.domain import steps
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.storage import index_base
from kohtaa_tui.storage.index import EntryFilter, JournalIndex
from kohtaa_tui.storage.repository import Store
from tests.unit.test_index import fill, indexed, parsed_truth, schemas

HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


def age_folders(root: Path) -> None:
    """Set every folder's mtime an hour back, so that a sync records them as trustworthy."""
    for folder, _dirs, _files in os.walk(root):
        os.utime(folder, ns=(HOUR_AGO_NS, HOUR_AGO_NS))


def synced(store: Store) -> JournalIndex:
    """An index thoroughly synced with trusted folder mtimes."""
    age_folders(store.data_dir)
    index = JournalIndex.open(store, schemas(store))
    index.sync()
    return index


def replace_file(path: Path, text: str) -> None:
    """Write a file the way kohtaa, sync tools and vim do: a temp file renamed over it."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def now(store: Store) -> float:
    """The store's clock as Unix time (what the quick path is given)."""
    return store.clock.now().timestamp()


def entry_files(store: Store) -> list[Path]:
    return sorted(store.journal_dir.rglob("*.toml"))


def test_step_ids_agree_with_the_domain() -> None:
    assert index_base.STEP_IDS == steps.STEP_IDS


def test_quick_sync_sees_created_replaced_and_deleted_files(store: Store) -> None:
    fill(store, 30)
    index = synced(store)
    files = entry_files(store)
    copy = files[0].with_name("20261122-235959-c0ffee.toml")
    copy.write_text(files[0].read_text(encoding="utf-8").replace(
        files[0].stem, copy.stem), encoding="utf-8")
    replace_file(files[1], files[1].read_text(encoding="utf-8").replace(
        "starred = false", "starred = true"))
    files[2].unlink()
    report = index.sync(thorough=False)
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert indexed(index) == parsed_truth(store)


def test_quick_sync_sees_new_and_vanished_folders(store: Store) -> None:
    fill(store, 30)
    index = synced(store)
    months = sorted({p.parent for p in entry_files(store)})
    gone = len(list(months[0].glob("*.toml")))
    shutil.rmtree(months[0])
    moved = store.journal_dir / "2031" / "01"
    moved.mkdir(parents=True)
    source = entry_files(store)[-1]
    shutil.copy2(source, moved / source.name.replace(".toml", "-x.toml"))
    report = index.sync(thorough=False)
    assert report.removed == gone
    assert report.added == 1
    assert index.count(EntryFilter(include_private=True)) == 30 - gone + 1


def test_in_place_rewrite_waits_for_a_thorough_sync(store: Store) -> None:
    """The documented limit of the cheap check, and what lifts it."""
    fill(store, 10)
    index = synced(store)
    target = entry_files(store)[0]
    text = target.read_text(encoding="utf-8")
    with open(target, "r+", encoding="utf-8") as handle:  # in place, like nano or `cp`
        handle.write(text.replace("starred = false", "starred = true "))
        handle.truncate()
    age_folders(store.data_dir)
    assert index.sync(thorough=False).changed == 0
    assert index.sync(thorough=True).updated == 1
    assert indexed(index) == parsed_truth(store)


def test_quick_sync_is_thorough_when_the_last_thorough_one_is_old(store: Store) -> None:
    """The age of the last thorough check is read from the store's clock."""
    fill(store, 10)
    index = synced(store)
    target = entry_files(store)[0]
    with open(target, "a", encoding="utf-8") as handle:
        handle.write("\n")
    age_folders(store.data_dir)
    assert isinstance(store.clock, FixedClock)
    store.clock.advance(timedelta(seconds=index_base.THOROUGH_EVERY - 60))
    assert index.sync(thorough=False).updated == 0
    assert index_base.open_current(store.data_dir, store.schemas_dir, now(store)) is not None
    store.clock.advance(timedelta(seconds=120))
    assert index_base.open_current(store.data_dir, store.schemas_dir, now(store)) is None
    assert index.sync(thorough=False).updated == 1
    assert index_base.open_current(store.data_dir, store.schemas_dir, now(store)) is not None


def test_a_folder_changed_just_before_recording_is_listed_again(store: Store) -> None:
    """A file created in the same clock tick as the recording is not missed: a folder that
    was this recent when recorded is listed again by the next cheap sync."""
    fill(store, 10)
    index = JournalIndex.open(store, schemas(store))
    index.sync()  # the folders were just written
    source = entry_files(store)[0]
    folder = source.parent
    record = index_base.decode_folders(index.db.execute(
        "SELECT value FROM meta WHERE key = ?", (index_base.JOURNAL_TREE,)).fetchone()[0])
    assert record is not None
    assert record[folder.relative_to(store.journal_dir).as_posix() + "/"] == -1
    seen = os.stat(folder).st_mtime_ns
    sneaked = folder / f"{source.stem[:15]}-0ddba1.toml"
    sneaked.write_text(source.read_text(encoding="utf-8").replace(source.stem, sneaked.stem),
                       encoding="utf-8")
    os.utime(folder, ns=(seen, seen))  # the same tick: the folder's mtime did not move
    assert index.sync(thorough=False).added == 1


def test_results_follow_their_folders(workspace: object) -> None:
    from kohtaa_tui.services.demo import populate
    from kohtaa_tui.services.workspace import Workspace

    assert isinstance(workspace, Workspace)
    store = workspace.store
    populate(store, workspace.clock, weeks=8)
    index = synced(store)
    before = len(index.results())
    files = sorted((store.data_dir / "results").rglob("*.toml"))
    files[0].unlink()
    assert len(index.results()) == before
    index.sync(thorough=False)
    assert len(index.results()) == before - 1


def test_open_current_answers_only_when_nothing_changed(store: Store) -> None:
    fill(store, 10)
    index = synced(store)
    index.close()
    db = index_base.open_current(store.data_dir, store.schemas_dir, now(store))
    assert db is not None
    assert index_base.count_rows(db, EntryFilter(include_private=True), store.clock.local_tz()
                                 ) == 10
    db.close()
    entry_files(store)[0].unlink()
    assert index_base.open_current(store.data_dir, store.schemas_dir, now(store)) is None
    index = JournalIndex.open(store, schemas(store))
    index.sync(thorough=False)
    age_folders(store.data_dir)
    index.sync(thorough=False)
    index.close()
    assert index_base.open_current(store.data_dir, store.schemas_dir, now(store)) is not None
    own = store.schemas_dir
    own.mkdir(parents=True, exist_ok=True)
    (own / "x.toml").write_text("id = 'x'\n", encoding="utf-8")
    assert index_base.open_current(store.data_dir, store.schemas_dir, now(store)) is None


def test_open_current_refuses_a_missing_or_foreign_index(store: Store, tmp_path: Path) -> None:
    assert index_base.open_current(store.data_dir, store.schemas_dir, now(store)) is None
    fill(store, 3)
    index = synced(store)
    index.db.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
    index.db.commit()
    index.close()
    assert index_base.open_current(store.data_dir, store.schemas_dir, now(store)) is None
    (store.data_dir / index_base.INDEX_NAME).write_bytes(b"not a database at all" * 100)
    assert index_base.open_current(store.data_dir, store.schemas_dir, now(store)) is None


OPS = st.lists(st.tuples(st.sampled_from(["create", "replace", "delete", "new-month",
                                          "drop-month"]), st.integers(0, 10**6)),
               min_size=1, max_size=8)


@settings(max_examples=15, deadline=None)
@given(ops=OPS)
def test_quick_sync_agrees_with_the_files_after_any_replacing_changes(
        tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, int]]) -> None:
    """Any mix of creates, replaces and deletes (of files and folders): a cheap sync leaves the
    index as a parse of every file says."""
    from kohtaa_tui.domain.clock import FixedClock
    from tests.unit.test_index import NOW

    store = Store(tmp_path_factory.mktemp("data"), FixedClock(NOW))
    fill(store, 12, seed=5)
    index = synced(store)
    for serial, (op, n) in enumerate(ops):
        files = entry_files(store)
        rng = random.Random(n)
        if op == "create" and files:
            source = rng.choice(files)
            target = source.with_name(f"{source.stem[:15]}-{serial:06x}.toml")
            replace_file(target, source.read_text(encoding="utf-8").replace(
                source.stem, target.stem))
        elif op == "replace" and files:
            target = rng.choice(files)
            replace_file(target, target.read_text(encoding="utf-8").replace(
                "private = false", "private = true"))
        elif op == "delete" and files:
            rng.choice(files).unlink()
        elif op == "new-month" and files:
            folder = store.journal_dir / str(2040 + n % 5) / f"{1 + n % 12:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            source = rng.choice(files)
            target = folder / f"{source.stem[:15]}-{0x100000 + serial:06x}.toml"
            target.write_text(source.read_text(encoding="utf-8").replace(
                source.stem, target.stem), encoding="utf-8")
        elif op == "drop-month" and files:
            shutil.rmtree(rng.choice(files).parent)
    index.sync(thorough=False)
    assert indexed(index) == parsed_truth(store)
    index.close()
