"""Save one journal entry the way the app does, as a whole process (for benchmarks/run.py).

    python benchmarks/save_one.py DATA_DIR
"""

from __future__ import annotations

import random
import sys

from kohtaa_tui.services.demo import make_entry
from kohtaa_tui.services.workspace import open_workspace
from kohtaa_tui.storage.journal import JournalService


def main() -> int:
    ws = open_workspace(sys.argv[1], sys.argv[1] + "-config", "en")
    journal = JournalService.open(ws.store)
    schema = next(s for s in journal.schemas if s.id == "quick")
    entry = make_entry(schema, ws.clock.now().replace(microsecond=0), random.Random(), "fi",
                       3.5)
    journal.save_entry(entry)
    journal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
