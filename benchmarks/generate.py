"""Write a realistic kohtaa data directory and the same entries as a jrnl journal.

    python benchmarks/generate.py OUT [--entries 10000] [--results 500] [--goals 50]

Entries come from the demo generator (every shipped schema, Finnish and English text),
serialised with the app's own codec, and written straight to their files (no fsync) so
that 10,000 files take seconds; the bytes are exactly what the app would save.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kohtaa_tui.domain.assessment import result_to_document
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.goals import CheckIn, Goal, Target, goal_to_document
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.domain.journal import (
    JournalEntry,
    JournalSchema,
    entry_title,
    entry_to_document,
    role_value,
)
from kohtaa_tui.services.demo import make_entry, make_result
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.codec import dump_toml
from kohtaa_tui.storage.repository import Store
from kohtaa_tui.storage.schemas import load_schemas

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
JRNL_CONFIG = """colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


def _write(path: Path, document: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(dump_toml(document))


def jrnl_text(entry: JournalEntry, schema: JournalSchema) -> str:
    """The entry as jrnl writes one: `[date time] title` then the body, tags as @words."""
    title = entry_title(entry, schema, "en").replace("\n", " ")
    body = [v for v in entry.answers.values() if isinstance(v, str) and v != title]
    tags = role_value(entry, schema, "tags")
    tag_text = " ".join(f"@{t}" for t in tags) if isinstance(tags, tuple) else ""
    stamp = entry.created.strftime("%Y-%m-%d %H:%M")
    tail = f"\n{tag_text}" if tag_text else ""
    return f"[{stamp}] {title}.\n" + "\n".join(body) + tail + "\n\n"


def generate(out: Path, entries: int, results: int, goals: int, seed: int = 11) -> Path:
    """Fill OUT/data and OUT/jrnl; returns the data directory."""
    rng = random.Random(seed)
    clock = FixedClock(NOW)
    data = out / "data"
    store = Store(data, clock)
    schemas = load_schemas(store).docs()
    banks = {e.doc.id: e.loaded for e in load_banks(store).latest_all()}
    span = timedelta(days=4 * 365)
    journal: list[tuple[datetime, str]] = []
    for n in range(entries):
        schema = schemas[n % len(schemas)]
        created = NOW - span + span * (n / max(1, entries)) + timedelta(minutes=rng.randint(0, 600))
        lang = "fi" if n % 2 else "en"
        entry = make_entry(schema, created.replace(microsecond=0), rng, lang, 3.0 + (n / entries))
        _write(store.entry_path(entry), entry_to_document(entry))
        journal.append((entry.created, jrnl_text(entry, schema)))
    bank_ids = [b for b in ("core", "after-meeting") if b in banks]
    for n in range(results):
        bank = banks[bank_ids[n % len(bank_ids)]]
        completed = NOW - span + span * (n / max(1, results))
        skill = {s: 2.5 + 2 * n / results for s in
                 ("listening", "communication", "negotiation", "positivity", "feedback")}
        result = make_result(bank, completed.replace(microsecond=0), rng, skill, "en")
        _write(store.result_path(result), result_to_document(result))
    for n in range(goals):
        created = NOW - timedelta(days=rng.randint(10, 700))
        target = [Target(kind="manual"), Target(kind="count", count=20, schema_id="quick"),
                  Target(kind="score", value=4.0, bank_id="core", step="listening")][n % 3]
        check_ins = tuple(CheckIn(id=new_id(created + timedelta(days=7 * k)),
                                  at=created + timedelta(days=7 * k), note=f"Check-in {k}",
                                  progress=min(100, 10 * k) if target.kind == "manual" else None)
                          for k in range(rng.randint(0, 12)))
        goal = Goal(id=new_id(created), title=f"Goal {n}", created=created, start=created.date(),
                    target=target,
                    status=("active", "achieved", "paused", "dropped")[n % 4],
                    check_ins=check_ins)
        _write(store.goal_path(goal.id), goal_to_document(goal))
    jrnl_dir = out / "jrnl"
    jrnl_dir.mkdir(parents=True, exist_ok=True)
    journal.sort()
    (jrnl_dir / "journal.txt").write_text("".join(text for _, text in journal), encoding="utf-8")
    (jrnl_dir / "jrnl.yaml").write_text(
        JRNL_CONFIG.format(journal=jrnl_dir / "journal.txt"), encoding="utf-8")
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--results", type=int, default=500)
    parser.add_argument("--goals", type=int, default=50)
    args = parser.parse_args()
    data = generate(args.out, args.entries, args.results, args.goals)
    print(f"wrote {args.entries} entries, {args.results} results, {args.goals} goals to {data}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
