"""Time `kohtaa sync` on a large data directory, as whole processes, with real git.

    python benchmarks/sync_bench.py [--entries 10000] [--new 100] [--repeat 5] [--work DIR]
                                    [--json FILE]

Generates WORK/data (benchmarks/generate.py, unless it is there), builds its search index,
makes it a sync repository pushing to the bare WORK/remote.git, and clones a second device
WORK/other (`kohtaa sync init REMOTE`). Then, each timed after one untimed warm-up:

- `kohtaa sync` with nothing to do (REPEAT runs);
- REPEAT rounds of: NEW new entries saved on the other device, its `kohtaa sync` (commit
  and push them), then this device's `kohtaa sync` (fetch, merge the arrivals, re-read
  them into the search index).

kohtaa's bytecode is written first, as run.py does. Prints the median wall time and the
spread (min-max) of each, and the one-time costs (first commit and push of every file,
the second device's first pull).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.generate import NOW, generate  # noqa: E402
from kohtaa_tui.domain.clock import FixedClock  # noqa: E402
from kohtaa_tui.services.demo import make_entry  # noqa: E402
from kohtaa_tui.storage.repository import Store  # noqa: E402
from kohtaa_tui.storage.schemas import load_schemas  # noqa: E402

_SCRIPT = Path(sys.executable).parent / "kohtaa"
KOHTAA = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "kohtaa_tui"]


def kohtaa(data: Path, *args: str) -> float:
    """Run kohtaa on `data`; its wall time in seconds (a failure stops the benchmark)."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_AUTHOR_NAME": "bench",
           "GIT_AUTHOR_EMAIL": "bench@example.invalid", "GIT_COMMITTER_NAME": "bench",
           "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    started = time.perf_counter()
    done = subprocess.run([*KOHTAA, "--data-dir", str(data), "--config-dir",
                           str(data) + "-config", "--lang", "en", *args],
                          env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"kohtaa {' '.join(args)} failed: {done.stderr.strip()[:500]}")
    return seconds


def add_entries(data: Path, count: int, round_no: int) -> None:
    """Save `count` new reflections on a device the way the app does."""
    store = Store(data, FixedClock(NOW))
    schemas = load_schemas(store).docs()
    rng = random.Random(round_no)
    for n in range(count):
        created = NOW + timedelta(days=round_no, minutes=n)
        store.save_entry(make_entry(schemas[n % len(schemas)], created, rng, "fi", 3.5), None)


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kohtaa-sync-bench"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from benchmarks.run import compile_kohtaa

    compile_kohtaa()  # as pip does on install (see run.py): no module compiled per run
    work: Path = args.work
    data, other, remote = work / "data", work / "other", work / "remote.git"
    if not data.is_dir():
        generate(work, args.entries, 500, 50)
    if not remote.exists():
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    once: dict[str, float] = {}
    if not (data / ".git").exists():
        kohtaa(data, "journal", "list", "--limit", "1")  # the index, as after a first start
        once["first sync: commit and push every file"] = kohtaa(data, "sync", "init",
                                                                str(remote))
    if not other.exists():
        once["second device: first pull"] = kohtaa(other, "sync", "init", str(remote))
        kohtaa(other, "journal", "list", "--limit", "1")
    kohtaa(data, "sync")  # warm-up
    nothing = [kohtaa(data, "sync") for _ in range(args.repeat)]
    push, pull = [], []
    for round_no in range(args.repeat + 1):
        add_entries(other, args.new, round_no + 1)
        pushed = kohtaa(other, "sync")
        pulled = kohtaa(data, "sync")
        if round_no:  # the first round is the warm-up
            push.append(pushed)
            pull.append(pulled)
    files = sum(1 for _ in (data / "journal").rglob("*.toml"))
    report = {
        "entries": files, "new_per_round": args.new, "repeat": args.repeat,
        "machine": f"{platform.python_implementation()} {platform.python_version()}, "
                   f"{os.cpu_count()} CPUs",
        "git": subprocess.run(["git", "--version"], capture_output=True,
                              text=True).stdout.strip(),
        "once": once,
        "sync with nothing to do": spread(nothing),
        f"sync of {args.new} new entries (commit, push)": spread(push),
        f"sync of {args.new} arrived entries (fetch, merge, index)": spread(pull),
    }
    for name, value in report.items():
        if isinstance(value, dict) and "median" in value:
            print(f"{name:58} {value['median']:7.2f} s  ({value['min']:.2f}-{value['max']:.2f})")
    for name, seconds in once.items():
        print(f"{name:58} {seconds:7.2f} s  (once)")
    print(f"{files} entries on the device at the end; {report['git']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
