"""How long a file from a stranger takes to be refused: a shipped bank with 30,000 unknown
keys in front of it, and the same bank carrying a wrong version. The problems are counted,
not listed, so the cost stays that of parsing the file.

    python benchmarks/hostile_files.py      (exit 1 when a case is over its target)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from kohtaa_tui.domain.banks import bank_from_document
from kohtaa_tui.storage.repository import load_document

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0
ROUNDS = 5


def main() -> int:
    bank = (ROOT / "question_banks" / "core.toml").read_text(encoding="utf-8")
    junk = "".join(f"junk{n} = 1\n" for n in range(30_000))
    cases = {"30,000 unknown keys": junk + bank,
             "30,000 unknown keys and a wrong version": junk + bank.replace(
                 "\nversion = ", "\nversion = 0\nold_version = ", 1)}
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for name, text in cases.items():
            path = Path(folder) / "from-a-stranger.toml"
            path.write_text(text, encoding="utf-8")
            times = []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                loaded, problems = load_document(path, bank_from_document)
                times.append(time.perf_counter() - started)
            del loaded
            median = statistics.median(times)
            over = median > TARGET_S
            failed |= over
            print(f"{name}: {median * 1000:.0f} ms median of {ROUNDS} "
                  f"({len(problems)} problems shown), target {TARGET_S:.1f} s"
                  + (" OVER" if over else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
