"""Time kohtaa against jrnl and a minimal Textual app on the same data, as whole processes.

    python benchmarks/run.py [--entries 10000] [--results 500] [--goals 50] [--repeat 5]
                             [--work DIR] [--jrnl PATH] [--json FILE]

Generates the data (benchmarks/generate.py: a kohtaa data directory and the same entries as a
jrnl journal) unless WORK already holds it, installs jrnl 4.6 into WORK/jrnl-venv from PyPI
unless --jrnl names a jrnl executable, then runs each command REPEAT times (after one
untimed warm-up run) and prints the median wall time, the spread (min-max), the median peak
memory (ru_maxrss from os.wait4) and the ratio against its counterpart. A command and its
counterpart run in turn (A B A B ...), and the ratio is the median of the ratios round by
round, so a machine that drifts does not bend it. Saves run last since they add entries.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
_SCRIPT = Path(PYTHON).parent / "kohtaa"
KOHTAA = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "kohtaa_tui"]
"""The `kohtaa` command installed beside this Python, as people run it (jrnl too is run
through its installed command)."""
JRNL_VERSION = "4.6"


@dataclass
class Timing:
    """Several runs of one command."""

    name: str
    argv: list[str]
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    max_rss_kb: list[int] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpu_seconds)

    @property
    def rss_mb(self) -> float:
        return statistics.median(self.max_rss_kb) / 1024


@dataclass
class Comparison:
    """kohtaa's command against its counterpart, with the target ratio."""

    what: str
    ours: Timing
    theirs: Timing
    target: float | None
    """None: shown for information, not a goal."""
    measure: str = "time"

    @property
    def ratio(self) -> float:
        """The median of the ratios run by run (the runs were interleaved: A B A B ..., so a
        machine that drifts slower or faster bends both sides of each pair alike)."""
        if self.measure == "memory":
            return paired_ratio(self.ours.max_rss_kb, self.theirs.max_rss_kb)
        return paired_ratio(self.ours.seconds, self.theirs.seconds)

    @property
    def cpu_ratio(self) -> float:
        return paired_ratio(self.ours.cpu_seconds, self.theirs.cpu_seconds)

    @property
    def met(self) -> bool:
        return self.target is None or self.ratio <= self.target


def paired_ratio(ours: list[float] | list[int], theirs: list[float] | list[int]) -> float:
    """The median of ours[i] / theirs[i] (runs of the same round)."""
    if len(ours) != len(theirs) or not ours:
        raise ValueError("paired measures need the same number of runs")
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, int]:
    """Wall time, CPU time (user + system, with the children it waited for), peak RSS (KB)
    and exit code of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode


def measure(commands: list[tuple[str, list[str]]], env: dict[str, str], repeat: int,
            warm_up: bool = True) -> list[Timing]:
    """Run each command once untimed (when `warm_up`), then `repeat` rounds in which every
    command runs once, in turn: A B A B ... (each round's runs are compared with each other,
    see paired_ratio)."""
    timings = [Timing(name, argv) for name, argv in commands]
    if warm_up:
        for timing in timings:
            run_once(timing.argv, env)
    for _ in range(repeat):
        for timing in timings:
            seconds, cpu, rss, code = run_once(timing.argv, env)
            timing.seconds.append(seconds)
            timing.cpu_seconds.append(cpu)
            timing.max_rss_kb.append(rss)
            timing.exit_codes.append(code)
    for timing in timings:
        spread = f"{min(timing.seconds):.3f}-{max(timing.seconds):.3f}"
        print(f"  {timing.name:<34} {timing.median:7.3f} s  ({spread})  "
              f"cpu {timing.cpu:6.3f} s  {timing.rss_mb:6.1f} MB"
              + ("" if set(timing.exit_codes) == {0} else f"  exit {timing.exit_codes}"),
              file=sys.stderr, flush=True)
    return timings


def compile_kohtaa() -> None:
    """Write kohtaa's bytecode, as pip does when it installs a package: from a source
    checkout in a shell with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile
    every module again (jrnl's were compiled when the benchmark installed it)."""
    import compileall

    import kohtaa_tui

    compileall.compile_dir(Path(kohtaa_tui.__file__).parent, quiet=1)


def ensure_jrnl(work: Path, given: str | None) -> str:
    """A jrnl executable: the one given, or jrnl 4.6 installed into WORK/jrnl-venv."""
    if given:
        return given
    venv = work / "jrnl-venv"
    jrnl = venv / "bin" / "jrnl"
    if not jrnl.exists():
        print(f"installing jrnl {JRNL_VERSION} into {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"jrnl=={JRNL_VERSION}"],
                       check=True)
    return str(jrnl)


def ensure_data(work: Path, entries: int, results: int, goals: int) -> Path:
    """WORK/data and WORK/jrnl, generated once for these sizes."""
    marker = work / "sizes.json"
    sizes = {"entries": entries, "results": results, "goals": goals}
    if marker.exists() and json.loads(marker.read_text()) == sizes:
        return work / "data"
    if (work / "data").exists():
        raise SystemExit(f"{work} holds data of other sizes; use another --work")
    print(f"generating {entries} entries, {results} results, {goals} goals in {work}",
          file=sys.stderr)
    subprocess.run([PYTHON, str(HERE / "generate.py"), str(work), "--entries", str(entries),
                    "--results", str(results), "--goals", str(goals)], check=True)
    marker.write_text(json.dumps(sizes))
    return work / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--results", type=int, default=500)
    parser.add_argument("--goals", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("benchmark-work"))
    parser.add_argument("--jrnl", help="a jrnl executable to use instead of installing one")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument("--word", default="asiakas", help="the full-text search word")
    parser.add_argument("--tag", default="complaint", help="the tag to filter by")
    args = parser.parse_args()

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    data = ensure_data(work, args.entries, args.results, args.goals)
    jrnl = ensure_jrnl(work, args.jrnl)
    compile_kohtaa()
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(work / "jrnl-config")
    (work / "jrnl-config" / "jrnl").mkdir(parents=True, exist_ok=True)
    config = work / "jrnl-config" / "jrnl" / "jrnl.yaml"
    if not config.exists():
        config.write_text((work / "jrnl" / "jrnl.yaml").read_text())
    env["KOHTAA_CONFIG_DIR"] = str(work / "kohtaa-config")
    env.pop("KOHTAA_DATA_DIR", None)
    kohtaa = [*KOHTAA, "--data-dir", str(data), "--lang", "en"]
    r = args.repeat

    print(f"kohtaa vs jrnl {JRNL_VERSION}, {args.entries} entries, {r} runs each "
          f"(median wall time, min-max, median CPU time, peak memory):", file=sys.stderr)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
          file=sys.stderr)
    # The index exists and is current for the query runs (a warm-up sync).
    run_once([*kohtaa, "journal", "list", "--limit", "1"], env)
    comparisons: list[Comparison] = []

    def pair(what: str, ours: list[str], theirs: list[str], target: float) -> None:
        mine, other = measure([(f"kohtaa {what}", ours), (f"jrnl {what}", theirs)], env, r)
        comparisons.append(Comparison(what, mine, other, target))

    pair("last ten", [*kohtaa, "journal", "list", "--limit", "10"], [jrnl, "-n", "10"], 0.1)
    pair("tag filter", [*kohtaa, "journal", "list", "--tag", args.tag, "--limit", "10"],
         [jrnl, f"@{args.tag}", "-n", "10"], 0.1)
    pair("full-text search",
         [*kohtaa, "journal", "list", "--search", args.word, "--limit", "10"],
         [jrnl, "-contains", args.word, "-n", "10"], 0.1)
    pair("full export", [*kohtaa, "journal", "export", "--format", "json"],
         [jrnl, "--export", "json"], 1 / 3)

    minimal, frame, tui = measure([
        ("minimal Textual app first frame", [PYTHON, str(HERE / "tui_start.py"), "minimal"]),
        ("kohtaa TUI dashboard's first frame",
         [PYTHON, str(HERE / "tui_start.py"), "frame", str(data)]),
        ("kohtaa TUI frame with the data",
         [PYTHON, str(HERE / "tui_start.py"), "kohtaa", str(data)]),
    ], env, r)
    comparisons.append(Comparison("TUI first frame", frame, minimal, 1.5))
    comparisons.append(Comparison("TUI frame with data", tui, minimal, 1.5))
    comparisons.append(Comparison("TUI peak memory", tui, minimal, 1.5, "memory"))

    # kohtaa parses with tomli (compiled, three times faster than tomllib): the rebuild
    # against that parse too, for information.
    rebuild, parse, parse_tomli = measure([
        ("kohtaa index rebuild", [*kohtaa, "index", "rebuild"]),
        ("parse every entry file (tomllib)",
         [PYTHON, str(HERE / "parse_all.py"), str(data / "journal")]),
        ("parse every entry file (tomli)",
         [PYTHON, str(HERE / "parse_all.py"), str(data / "journal"), "tomli"]),
    ], env, r, warm_up=False)
    comparisons.append(Comparison("index rebuild vs parsing", rebuild, parse, 1.5))
    comparisons.append(Comparison("rebuild vs tomli parsing", rebuild, parse_tomli, None))

    save, jrnl_save = measure([
        ("kohtaa save one entry", [PYTHON, str(HERE / "save_one.py"), str(data)]),
        ("jrnl save one entry", [jrnl, "Benchmark entry.", "Saved by benchmarks/run.py."]),
    ], env, r, warm_up=False)
    comparisons.append(Comparison("save one entry", save, jrnl_save, 1.0))

    print()
    header = (f"{'what':<26} {'kohtaa':>9} {'other':>9} {'ratio':>7} {'target':>7}  met"
              f"  {'cpu ratio':>9}")
    print(header)
    print("-" * len(header))
    for c in comparisons:
        if c.measure == "memory":
            ours, theirs = f"{c.ours.rss_mb:.0f} MB", f"{c.theirs.rss_mb:.0f} MB"
        else:
            ours, theirs = f"{c.ours.median:.3f} s", f"{c.theirs.median:.3f} s"
        cpu = "" if c.measure == "memory" else f"{c.cpu_ratio:9.2f}"
        target = "      -" if c.target is None else f"{c.target:7.2f}"
        met = "" if c.target is None else "yes" if c.met else "NO"
        print(f"{c.what:<26} {ours:>9} {theirs:>9} {c.ratio:7.2f} {target}  "
              f"{met:<3}  {cpu}")
    print()
    print("peak memory (median MB): " + ", ".join(
        f"{c.what}: kohtaa {c.ours.rss_mb:.0f} / other {c.theirs.rss_mb:.0f}"
        for c in comparisons if c.measure == "time"))
    if args.json:
        args.json.write_text(json.dumps({
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "system": platform.platform(),
                        "load": list(os.getloadavg())},
            "sizes": {"entries": args.entries, "results": args.results, "goals": args.goals},
            "repeat": r, "jrnl": JRNL_VERSION,
            "comparisons": [{"what": c.what, "ratio": c.ratio, "cpu_ratio": c.cpu_ratio,
                             "target": c.target,
                             "met": c.met, "measure": c.measure,
                             "kohtaa": asdict(c.ours), "other": asdict(c.theirs)}
                            for c in comparisons],
        }, indent=2))
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
