"""Time the index's answers inside one process: what the journal screen asks per keystroke.

    python benchmarks/index_queries.py DATA_DIR [WORD]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from kohtaa_tui.domain.clock import SystemClock
from kohtaa_tui.storage.index import EntryFilter, JournalFiles, JournalIndex


def main() -> int:
    data = Path(sys.argv[1])
    word = sys.argv[2] if len(sys.argv) > 2 else "asiakas"
    index = JournalIndex.open(JournalFiles(data, SystemClock()))
    index.sync()
    for thorough in (True, False):
        began = time.perf_counter()
        report = index.sync(thorough=thorough)
        print(f"{'thorough' if thorough else 'quick'} sync, nothing changed "
              f"({report.unchanged if thorough else 'no file stat-ed'}): "
              f"{(time.perf_counter() - began) * 1000:.1f} ms")
    cases = [("newest 50", EntryFilter(), 50),
             ("count all", None, 0),
             ("tag, newest 50", EntryFilter(tag="complaint"), 50),
             ("step rated <= 2, newest 50", EntryFilter(step="listening", step_max=2), 50)]
    cases += [(f"search {word[:n]!r}, newest 50", EntryFilter(text=word[:n]), 50)
              for n in range(1, len(word) + 1)]
    for name, flt, limit in cases:
        times = []
        for _ in range(7):
            began = time.perf_counter()
            if flt is None:
                index.count(EntryFilter())
            else:
                index.query(flt, limit=limit)
                index.count(flt)
            times.append((time.perf_counter() - began) * 1000)
        print(f"{name:<34} median {statistics.median(times):6.1f} ms "
              f"(max {max(times):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
