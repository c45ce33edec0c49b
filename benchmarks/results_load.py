"""Time loading many assessment results (the history screen, `results list`, finishing).

Usage: python -m benchmarks.results_load [COUNT] [DATA_DIR]
Writes COUNT results of the after-meeting bank into DATA_DIR (a fresh temp dir by default),
then times the loads the app and the command line do.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kohtaa_tui.domain.assessment import finish
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.repository import Store
from kohtaa_tui.storage.results import bank_results, results_by_bank


def main() -> None:
    """Generate, then time."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    data = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp()) / "data"
    start = datetime(2020, 1, 1, tzinfo=UTC)
    store = Store(data, FixedClock(start))
    entry = load_banks(store).latest("after-meeting")
    assert entry is not None
    rng = random.Random(1)
    began = time.perf_counter()
    for n in range(count):
        when = start + timedelta(hours=n)
        answers = {i.id: rng.randint(1, 5) for i in entry.doc.items if i.type == "scale"}
        store.save_result(finish(entry.doc, entry.fingerprint, f"r{n:06d}", answers, {},
                                 when, when, "fi"))
    print(f"wrote {count} results in {time.perf_counter() - began:.1f} s ({data})")
    for name, run in (("bank_results (finishing an assessment)",
                       lambda: bank_results(store, "after-meeting")),
                      ("results_by_bank (history screen, in a worker)",
                       lambda: results_by_bank(store))):
        began = time.perf_counter()
        run()
        print(f"{name}: {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main()
