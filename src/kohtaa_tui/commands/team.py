"""`kohtaa team report`: a coach's view of a group, from results files, never of one person."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.output import report_problems
from kohtaa_tui.commands.report import write_output
from kohtaa_tui.domain.display import display_safe, json_safe, one_line
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.domain.team import (
    PERIODS,
    GroupCell,
    PersonResult,
    ResultsExport,
    aggregate,
    export_from_document,
)
from kohtaa_tui.storage.banks import BankCatalogue
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.repository import load_document

GroupKey = tuple[str, int, str]


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add `team report`."""
    team = commands.add_parser("team", help="group results for a coach (anonymous)")
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    report = actions.add_parser("report", help="per step and period: people, mean, median, "
                                               "spread, change")
    report.add_argument("files", nargs="*", metavar="FILE", help="results files from "
                                                                  "`kohtaa results export`")
    report.add_argument("--repo", metavar="REMOTE",
                        help="a team repository (git) that people publish to with "
                             "`kohtaa results publish`; cloned or pulled first")
    report.add_argument("--min-group", type=int, default=3, metavar="N",
                        help="hide the numbers of groups smaller than N (default 3)")
    report.add_argument("--period", choices=PERIODS, default="month")
    report.add_argument("--format", choices=("md", "csv", "json"), default="md")
    report.add_argument("-o", "--output", metavar="FILE")
    report.set_defaults(handler=run)


def collect(files: list[str]) -> tuple[dict[GroupKey, list[PersonResult]], list[Problem]]:
    """Read every file; results grouped by bank id, version and content hash."""
    groups: dict[GroupKey, list[PersonResult]] = {}
    problems: list[Problem] = []
    seen_names: dict[str, int] = {}
    seen_content: dict[tuple[Any, ...], str] = {}
    for name in files:
        loaded, found = load_document(Path(name), export_from_document)
        if loaded is None:
            problems.extend(found)
            problems.append(Problem(name, "skipped", severity="warning"))
            continue
        export = loaded.value
        content = _content_key(export)
        if content in seen_content:
            problems.append(Problem(name, f"the same results as {seen_content[content]}: "
                                          "duplicate skipped, counted once",
                                    severity="warning"))
            continue
        seen_content[content] = name
        count = seen_names.get(export.participant, 0)
        seen_names[export.participant] = count + 1
        who = export.participant if count == 0 else f"{export.participant} ({count + 1})"
        for row in export.results:
            key = (row.bank_id, row.bank_version, row.bank_hash)
            groups.setdefault(key, []).append(
                PersonResult(who, row.completed.date(), row.scores))
    return groups, problems


def _content_key(export: ResultsExport) -> tuple[Any, ...]:
    """What makes two files the same participant's same results (the export time aside)."""
    return (export.participant, tuple(sorted(
        (r.bank_id, r.bank_version, r.bank_hash, r.completed.isoformat(), r.scale_min,
         r.scale_max, tuple(sorted(r.scores.items()))) for r in export.results)))


def bank_titles(args: argparse.Namespace, lang: str) -> Callable[[str, int], str]:
    """A bank's title in `lang` from the banks this kohtaa knows (shipped, installed, removed),
    its id when none is known: a coach reads the name they gave the bank, not its id."""
    try:
        catalogue = BankCatalogue.load(workspace_from(args).store)
    except (StorageError, OSError):
        return lambda bank_id, _version: bank_id

    def title_of(bank_id: str, version: int) -> str:
        entry = catalogue.get(bank_id, version) or catalogue.get(bank_id)
        title = one_line(entry.bank.title.get(lang), 120) if entry is not None else ""
        return title or bank_id

    return title_of


def _cells_json(cells: list[GroupCell]) -> list[dict[str, Any]]:
    return [{"period": c.period, "step": c.step, "people": c.people, "mean": c.mean,
             "median": c.median, "spread": c.spread, "min": c.low, "max": c.high,
             "change": c.change, "hidden": c.hidden} for c in cells]


def run(args: argparse.Namespace) -> int:
    """Aggregate the files and print or save the report."""
    if args.min_group < 1:
        print("kohtaa: --min-group must be at least 1", file=sys.stderr)
        return 2
    lang = args.lang or "en"
    i18n.set_language(lang)
    files = list(args.files)
    titles: dict[str, str] = {}
    if getattr(args, "repo", None):
        from kohtaa_tui.commands.coach import team_files

        found, titles = team_files(args, lang)
        files.extend(found)
    elif not files:
        print("kohtaa: give results FILEs or --repo REMOTE", file=sys.stderr)
        return 2
    groups, problems = collect(files)
    report_problems(problems, sys.stderr)
    if not groups:
        print("kohtaa: no readable results files", file=sys.stderr)
        return 1
    versions: dict[tuple[str, int], int] = {}
    for bank_id, version, _hash in groups:
        versions[(bank_id, version)] = versions.get((bank_id, version), 0) + 1
    title_of = bank_titles(args, lang)
    sections = []
    for key in sorted(groups):
        bank_id, version, bank_hash = key
        title = title_of(bank_id, version)
        if title == bank_id and bank_id in titles:
            title = titles[bank_id]
        label = f"{title} v{version}"
        if versions[(bank_id, version)] > 1:
            label += f" ({bank_hash[:15]}…)"
        people = len({r.participant for r in groups[key]})
        sections.append((label, key, people, aggregate(groups[key], args.period,
                                                       args.min_group)))
    if args.format == "json":
        text = json_safe(json.dumps([{"bank": label, "bank_id": key[0], "bank_version": key[1],
                            "bank_hash": key[2], "people": people, "min_group": args.min_group,
                            "cells": _cells_json(cells)}
                           for label, key, people, cells in sections],
                          ensure_ascii=False, indent=2)) + "\n"
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["bank", "period", "step", "people", "mean", "median", "spread",
                         "min", "max", "change"])
        for label, _key, _people, cells in sections:
            for c in cells:
                numbers = ["" if v is None else f"{v:.2f}"
                           for v in (c.mean, c.median, c.spread, c.low, c.high, c.change)]
                writer.writerow([label, c.period, c.step, c.people, *numbers])
        text = buffer.getvalue()
    else:
        text = render_markdown(sections, args.min_group, lang)
    write_output(text, args.output)
    return 0


def render_markdown(sections: list[tuple[str, GroupKey, int, list[GroupCell]]],
                    min_group: int, lang: str) -> str:
    """One table per bank version."""
    out = ["# Team results", ""]
    if len({key[0] for _l, key, _p, _c in sections}) < len(sections):
        out.append("Results from different versions of a bank are shown separately.")
        out.append("")
    for label, _key, people, cells in sections:
        out.append(f"## {display_safe(label)}: {people} people")
        out.append("")
        out.append("| period | step | people | mean | median | spread | range | change |")
        out.append("|---|---|---|---|---|---|---|---|")
        for c in cells:
            step = get_step(c.step).short.get(lang)
            if c.mean is None:
                out.append(f"| {c.period} | {step} | {c.people} | fewer than {min_group} "
                           "people: not shown | | | | |")
                continue
            assert c.median is not None and c.spread is not None
            assert c.low is not None and c.high is not None
            change = i18n.signed(c.change, 2) if c.change is not None else "–"
            out.append(f"| {c.period} | {step} | {c.people} | {i18n.number(c.mean, 2)} | "
                       f"{i18n.number(c.median, 2)} | {i18n.number(c.spread, 2)} | "
                       f"{i18n.number(c.low, 1)}–{i18n.number(c.high, 1)} | {change} |")
        out.append("")
    return "\n".join(out)
