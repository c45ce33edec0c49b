"""kohtaa at 100,000 entries against kohtaa at 10,000: does it scale?

    python benchmarks/scale.py [--small 10000] [--large 100000] [--repeat 5]
                               [--work DIR] [--json FILE]

Generates both data directories once (benchmarks/generate.py; WORK/small and WORK/large),
builds their indexes, then runs each command on the large and the small data in turn
(A B A B ...) and compares them round by round. Targets:
- every quick command (last ten, tag filter, full-text search) within 1.5x of its time at the
  small size;
- the index no larger than the entries' own bytes;
- the TUI's start to the dashboard with its data within 1.5x of a minimal Textual app;
- the TUI's peak memory under 2x its figure at the small size.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.run import (  # noqa: E402
    KOHTAA,
    PYTHON,
    Comparison,
    compile_kohtaa,
    ensure_data,
    measure,
    run_once,
)


def tree_bytes(folder: Path) -> int:
    """The bytes of every file below `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("benchmark-work/scale"))
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument("--word", default="asiakas")
    parser.add_argument("--tag", default="complaint")
    args = parser.parse_args()

    work = args.work.resolve()
    small = ensure_data(work / "small", args.small, 500, 50)
    large = ensure_data(work / "large", args.large, 500, 50)
    compile_kohtaa()
    env = dict(os.environ)
    env["KOHTAA_CONFIG_DIR"] = str(work / "kohtaa-config")
    env.pop("KOHTAA_DATA_DIR", None)
    r = args.repeat

    def kohtaa(data: Path) -> list[str]:
        return [*KOHTAA, "--data-dir", str(data), "--lang", "en"]

    for data in (small, large):
        if not (data / "index.sqlite3").exists():
            print(f"building the index of {data}", file=sys.stderr)
        run_once([*kohtaa(data), "journal", "list", "--limit", "1"], env)

    print(f"kohtaa at {args.large} entries vs at {args.small}, {r} rounds", file=sys.stderr)
    comparisons: list[Comparison] = []
    quick = {
        "last ten": ["journal", "list", "--limit", "10"],
        "tag filter": ["journal", "list", "--tag", args.tag, "--limit", "10"],
        "full-text search": ["journal", "list", "--search", args.word, "--limit", "10"],
    }
    for what, argv in quick.items():
        big, little = measure([(f"{what} at {args.large}", [*kohtaa(large), *argv]),
                               (f"{what} at {args.small}", [*kohtaa(small), *argv])], env, r)
        comparisons.append(Comparison(f"{what}: large/small", big, little, 1.5))

    minimal, tui_large, tui_small = measure([
        ("minimal Textual app first frame", [PYTHON, str(HERE / "tui_start.py"), "minimal"]),
        (f"TUI frame with data at {args.large}",
         [PYTHON, str(HERE / "tui_start.py"), "kohtaa", str(large)]),
        (f"TUI frame with data at {args.small}",
         [PYTHON, str(HERE / "tui_start.py"), "kohtaa", str(small)]),
    ], env, r)
    comparisons.append(Comparison("TUI with data vs minimal", tui_large, minimal, 1.5))
    comparisons.append(Comparison("TUI memory: large/small", tui_large, tui_small, 2.0,
                                  "memory"))

    entry_bytes = tree_bytes(large / "journal")
    index_bytes = sum((large / name).stat().st_size for name in os.listdir(large)
                      if name.startswith("index.sqlite3"))
    print()
    for c in comparisons:
        met = "yes" if c.met else "NO"
        print(f"{c.what:<32} ratio {c.ratio:5.2f}  target {c.target:4.2f}  met {met}")
    size_ratio = index_bytes / entry_bytes
    print(f"{'index size / entries bytes':<32} ratio {size_ratio:5.2f}  target 1.00  "
          f"met {'yes' if size_ratio <= 1 else 'NO'}  ({index_bytes / 1e6:.0f} MB / "
          f"{entry_bytes / 1e6:.0f} MB)")
    if args.json:
        args.json.write_text(json.dumps({
            "sizes": {"small": args.small, "large": args.large}, "repeat": r,
            "index_bytes": index_bytes, "entry_bytes": entry_bytes,
            "comparisons": [{"what": c.what, "ratio": c.ratio, "target": c.target,
                             "met": c.met} for c in comparisons],
        }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
