"""Parsing many entry files at once: a rebuild (or a first sync of an old data directory)
reads and derives its files in a pool of forked worker processes (index_rows does the
work), where a fork is cheap and safe."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.index_rows import FileState, Row, derive_file

if TYPE_CHECKING:
    from kohtaa_tui.domain.journal import JournalSchema


PARALLEL_FROM = 400
"""From this many files to read, a sync parses in worker processes."""

_WORKER: tuple[str, dict[tuple[str, int], JournalSchema], dict[str, JournalSchema],
               bytes] | None = None
"""What a forked worker needs (set just before the pool forks)."""

def can_fork() -> bool:
    """True where a fork is cheap and safe: several cores, fork available, one thread."""
    return ((os.cpu_count() or 1) > 1 and hasattr(os, "fork")
            and threading.active_count() == 1)

def _derive_chunk(states: list[FileState]) -> list[tuple[FileState, Row | None,
                                                          Problem | None]]:
    assert _WORKER is not None
    root, exact, latest, zdict = _WORKER
    out: list[tuple[FileState, Row | None, Problem | None]] = []
    for state in states:
        row, problem = derive_file(root, state, exact, latest, zdict)
        out.append((state, row, problem))
    return out


def derive_all(root: str, todo: list[FileState],
               exact: dict[tuple[str, int], JournalSchema],
               latest: dict[str, JournalSchema], zdict: bytes
               ) -> Iterator[tuple[FileState, Row | None, Problem | None]]:
    """Read and derive each file below `root` (index_rows.derive_file); on two or more
    cores, in worker processes when there are many (a rebuild), since parsing TOML is
    what takes the time."""
    if len(todo) >= PARALLEL_FROM and can_fork():
        global _WORKER
        _WORKER = (root, exact, latest, zdict)
        workers = min(4, os.cpu_count() or 1)
        chunks = [todo[i:i + 100] for i in range(0, len(todo), 100)]
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            for results in pool.imap(_derive_chunk, chunks):
                yield from results
        _WORKER = None
        return
    for state in todo:
        row, problem = derive_file(root, state, exact, latest, zdict)
        yield state, row, problem
