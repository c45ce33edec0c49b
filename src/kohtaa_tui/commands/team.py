"""`kohtaa team report`: a coach's view of a group, from results files, never of one person."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.output import report_problems
from kohtaa_tui.commands.report import write_output
from kohtaa_tui.domain.banks import QuestionBank
from kohtaa_tui.domain.display import display_safe, json_safe, one_line
from kohtaa_tui.domain.feedback import GroupGap, group_gaps
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.domain.team import (
    PERIODS,
    ExportedGap,
    ExportedResult,
    GroupCell,
    ItemCell,
    PersonResult,
    ResultsExport,
    aggregate,
    export_from_document,
    item_summary,
)
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.storage.banks import BankCatalogue, load_banks
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.repository import load_document

GroupKey = tuple[str, int, str]


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add `team report`."""
    team = commands.add_parser("team", help=_("group results for a coach (anonymous)"))
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    report = actions.add_parser("report", help=_("per step and period: people, mean, median, "
                                               "spread, change"))
    report.add_argument("files", nargs="*", metavar="FILE", help=_("results files from "
                                                                  "`kohtaa results export`"))
    report.add_argument("--repo", metavar="REMOTE",
                        help=_("a team repository (git) that people publish to with "
                             "`kohtaa results publish`; cloned or pulled first"))
    report.add_argument("--min-group", type=int, default=3, metavar="N",
                        help=_("hide the numbers of groups smaller than N (default 3)"))
    report.add_argument("--period", choices=PERIODS, default="month")
    report.add_argument("--format", choices=("md", "csv", "json"), default="md")
    report.add_argument("-o", "--output", metavar="FILE")
    report.set_defaults(handler=run)


def collect(files: list[str], gaps: list[tuple[str, ExportedGap]] | None = None,
            assigned: dict[str, tuple[int, str]] | None = None,
            other_versions: list[Problem] | None = None
            ) -> tuple[dict[GroupKey, list[PersonResult]], list[Problem]]:
    """Read every file; results grouped by bank id, version and content hash (and the
    others' view rows, with who shared them, added to `gaps`). With `assigned` (a team
    repository's report: the version and content hash of each bank it assigns), one
    version of each bank is reported: the assigned one (with its content), or else the
    newest any file holds; a file with results
    of that bank only from other versions is named and skipped, in one line (in
    `other_versions`, else with the other problems)."""
    problems: list[Problem] = []
    seen_content: dict[tuple[Any, ...], str] = {}
    read: list[tuple[str, ResultsExport]] = []
    for name in files:
        loaded, found = load_document(Path(name), export_from_document)
        if loaded is None:
            problems.extend(found)
            problems.append(Problem(file=name, message=_("skipped"), severity="warning"))
            continue
        export = loaded.value
        content = _content_key(export)
        if content in seen_content:
            problems.append(Problem(file=name,
                                    message=_("the same results as {file}: duplicate skipped, "
                                            "counted once").format(file=seen_content[content]),
                                    severity="warning"))
            continue
        seen_content[content] = name
        read.append((name, export))
    if assigned is not None:
        read = _one_version(read, assigned,
                            problems if other_versions is None else other_versions)
    groups: dict[GroupKey, list[PersonResult]] = {}
    seen_names: dict[str, int] = {}
    for _name, export in read:
        count = seen_names.get(export.participant, 0)
        seen_names[export.participant] = count + 1
        who = export.participant if count == 0 else f"{export.participant} ({count + 1})"
        for row in export.results:
            key = (row.bank_id, row.bank_version, row.bank_hash)
            groups.setdefault(key, []).append(
                PersonResult(participant=who, completed=row.completed.date(), scores=row.scores,
                             items=row.items))
        if gaps is not None:
            gaps.extend((who, gap) for gap in export.others)
    return groups, problems


def _one_version(read: list[tuple[str, ResultsExport]], assigned: dict[str, tuple[int, str]],
                 problems: list[Problem]) -> list[tuple[str, ResultsExport]]:
    """Each file's results of each bank's chosen version only (the assigned one, the same
    content too, or the newest present); a file left without results of a bank it has is
    named in `problems`. A file whose every bank is skipped is left out."""
    newest: dict[str, int] = {}
    for _name, export in read:
        for row in export.results:
            newest[row.bank_id] = max(newest.get(row.bank_id, row.bank_version),
                                      row.bank_version)
    chosen = {bank_id: assigned.get(bank_id, (version, None))
              for bank_id, version in newest.items()}

    def wanted(row: ExportedResult) -> bool:
        version, bank_hash = chosen[row.bank_id]
        return row.bank_version == version and bank_hash in (None, row.bank_hash)

    kept: list[tuple[str, ResultsExport]] = []
    for name, export in read:
        rows = tuple(row for row in export.results if wanted(row))
        for bank_id in dict.fromkeys(row.bank_id for row in export.results):
            if any(row.bank_id == bank_id for row in rows):
                continue
            found = ", ".join(sorted({
                f"v{row.bank_version}" if row.bank_version != chosen[bank_id][0]
                else f"v{row.bank_version} ({one_line(row.bank_hash, 40)[:15]}…)"
                for row in export.results if row.bank_id == bank_id}))
            message = (_("results of {bank} {found}, not of v{version}, which the team "
                         "repository assigns; skipped") if bank_id in assigned else
                       _("results of {bank} {found}, not of v{version}, the newest in the "
                         "team repository; skipped"))
            problems.append(Problem(file=name, message=message.format(
                bank=one_line(bank_id, 80), found=found, version=chosen[bank_id][0]),
                severity="warning"))
        if rows:
            kept.append((name, replace(export, results=rows)))
        elif not export.results:
            kept.append((name, export))
    return kept


def _content_key(export: ResultsExport) -> tuple[Any, ...]:
    """What makes two files the same participant's same results (the export time aside)."""
    return (export.participant, tuple(sorted(
        (r.bank_id, r.bank_version, r.bank_hash, r.completed.isoformat(), r.scale_min,
         r.scale_max, tuple(sorted(r.scores.items()))) for r in export.results)))


def known_banks(args: argparse.Namespace,
                team_banks: dict[tuple[str, int], QuestionBank] | None = None
                ) -> Callable[[str, int], QuestionBank | None]:
    """A bank by id and version from the team repository's banks, then the banks this
    kohtaa knows (shipped, installed, removed): a coach reads the title they gave the bank
    and its items' words, not ids."""
    team = team_banks or {}
    try:
        catalogue: BankCatalogue | None = load_banks(workspace_from(args).store)
    except (StorageError, OSError):
        catalogue = None

    def bank_of(bank_id: str, version: int) -> QuestionBank | None:
        if (bank_id, version) in team:
            return team[(bank_id, version)]
        if catalogue is None:
            return None
        entry = catalogue.get(bank_id, version) or catalogue.get(bank_id)
        return entry.doc if entry is not None else None

    return bank_of


def _cells_json(cells: list[GroupCell]) -> list[dict[str, Any]]:
    return [{"period": c.period, "step": c.step, "people": c.people, "mean": c.mean,
             "median": c.median, "spread": c.spread, "min": c.low, "max": c.high,
             "change": c.change, "hidden": c.hidden} for c in cells]


def run(args: argparse.Namespace) -> int:
    """Aggregate the files and print or save the report."""
    if args.min_group < 1:
        print("kohtaa: " + _("--min-group must be at least 1"), file=sys.stderr)
        return 2
    lang = args.lang or workspace_from(args).lang
    i18n.set_language(lang)
    files = list(args.files)
    team_banks: dict[tuple[str, int], QuestionBank] = {}
    assigned: dict[str, tuple[int, str]] | None = None
    if getattr(args, "repo", None):
        from kohtaa_tui.commands.coach import team_files

        found, listed, assigned = team_files(args)
        team_banks = {(bank.id, bank.version): bank for bank in listed}
        files.extend(found)
    elif not files:
        print("kohtaa: " + _("give results FILEs or --repo REMOTE"), file=sys.stderr)
        return 2
    shared: list[tuple[str, ExportedGap]] = []
    other_versions: list[Problem] = []
    groups, problems = collect(files, shared, assigned, other_versions)
    gaps = group_gaps(shared, args.min_group)
    report_problems(problems + other_versions, sys.stderr)
    if not groups:
        skipped = sum(1 for problem in problems if problem.message == _("skipped"))
        print("kohtaa: " + (_("no results of the bank versions the team repository "
                              "assigns; see the lines above") if other_versions
                            else _("no results yet: the people in the files have not "
                                   "published an assessment") if files and skipped < len(files)
                            else _("no readable results files")), file=sys.stderr)
        return 1
    versions: dict[tuple[str, int], int] = {}
    for bank_id, version, _hash in groups:
        versions[(bank_id, version)] = versions.get((bank_id, version), 0) + 1
    bank_of = known_banks(args, team_banks)
    sections = []
    titles: dict[str, str] = {}
    item_sections: list[ItemSection] = []
    for key in sorted(groups):
        bank_id, version, bank_hash = key
        bank = bank_of(bank_id, version)
        title = one_line(bank.title.get(lang), 120) if bank is not None else ""
        label = f"{title or bank_id} v{version}"
        titles[bank_id] = title or bank_id
        if versions[(bank_id, version)] > 1:
            label += f" ({bank_hash[:15]}…)"
        people = len({r.participant for r in groups[key]})
        sections.append((label, key, people, aggregate(groups[key], args.period,
                                                       args.min_group)))
        item_sections.append(ItemSection(*item_summary(groups[key], args.min_group),
                                         _item_texts(bank, lang)))
    if args.format == "json":
        first_of: dict[str, int] = {}
        for index, (_label, key, _people, _cells) in enumerate(sections):
            first_of.setdefault(key[0], index)
        text = json_safe(json.dumps([{"bank": label, "bank_id": key[0], "bank_version": key[1],
                            "bank_hash": key[2], "people": people, "min_group": args.min_group,
                            "cells": _cells_json(cells), **_items_json(items),
                            **(_gaps_json(gaps, key[0]) if first_of[key[0]] == index else {})}
                           for index, ((label, key, people, cells), items)
                           in enumerate(zip(sections, item_sections, strict=True))],
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
        text = render_markdown(sections, args.min_group, lang, item_sections)
        text += _gaps_markdown(gaps, args.min_group, lang, titles)
    write_output(text, args.output)
    return 0


def _hidden(min_group: int) -> str:
    """What a cell of a group too small to show says."""
    return ngettext("fewer than {count} person: not shown",
                    "fewer than {count} people: not shown", min_group).format(count=min_group)


def render_markdown(sections: list[tuple[str, GroupKey, int, list[GroupCell]]],
                    min_group: int, lang: str,
                    item_sections: list[ItemSection] | None = None) -> str:
    """One table per bank version, then its items and the group's weakest items."""
    out = ["# " + _("Team results"), ""]
    if len({key[0] for _l, key, _p, _c in sections}) < len(sections):
        out.append(_("Results from different versions of a bank are shown separately."))
        out.append("")
    for index, (label, _key, people, cells) in enumerate(sections):
        out.append("## " + ngettext("{bank}: {count} person", "{bank}: {count} people",
                                    people).format(bank=display_safe(label), count=people))
        out.append("")
        out.append("| " + " | ".join((_("period"), _("step"), _("people"), _("mean"),
                                      _("median"), _("spread"), _("range"), _("change")))
                   + " |")
        out.append("|---|---|---|---|---|---|---|---|")
        for c in cells:
            step = get_step(c.step).short.get(lang)
            if c.mean is None:
                out.append(f"| {c.period} | {step} | {c.people} | {_hidden(min_group)} "
                           "| | | | |")
                continue
            assert c.median is not None and c.spread is not None
            assert c.low is not None and c.high is not None
            change = i18n.signed(c.change, 2) if c.change is not None else "–"
            out.append(f"| {c.period} | {step} | {c.people} | {i18n.number(c.mean, 2)} | "
                       f"{i18n.number(c.median, 2)} | {i18n.number(c.spread, 2)} | "
                       f"{i18n.number(c.low, 1)}–{i18n.number(c.high, 1)} | {change} |")
        out.append("")
        if item_sections:
            out.extend(_items_markdown(item_sections[index], min_group))
    return "\n".join(out)


@dataclass(frozen=True)
class ItemSection:
    """A bank version's items over the group (each person's latest answers)."""

    cells: list[ItemCell]
    weakest: list[ItemCell]
    texts: dict[str, str]


def _item_texts(bank: QuestionBank | None, lang: str) -> dict[str, str]:
    if bank is None:
        return {}
    return {item.id: one_line(item.text.get(lang), 100) for item in bank.scored_items}


def _items_json(section: ItemSection) -> dict[str, Any]:
    if not section.cells:
        return {}
    return {"items": [{"item": c.item, "text": section.texts.get(c.item, ""),
                       "people": c.people, "mean": c.mean, "spread": c.spread,
                       "hidden": c.hidden} for c in section.cells],
            "weakest_items": [c.item for c in section.weakest]}


def _items_markdown(section: ItemSection, min_group: int) -> list[str]:
    if not section.cells:
        return []
    out = ["### " + _("Items (each person's latest answers)"), "",
           "| " + " | ".join((_("item"), _("people"), _("mean"), _("spread"))) + " |",
           "|---|---|---|---|"]
    for c in section.cells:
        text = display_safe(section.texts.get(c.item) or c.item)
        if c.mean is None:
            out.append(f"| {text} | {c.people} | {_hidden(min_group)} | |")
            continue
        assert c.spread is not None
        out.append(f"| {text} | {c.people} | {i18n.number(c.mean, 2)} | "
                   f"{i18n.number(c.spread, 2)} |")
    out.append("")
    if section.weakest:
        out.append(_("Weakest items, to train next:"))
        out.append("")
        for c in section.weakest:
            assert c.mean is not None
            text = display_safe(section.texts.get(c.item) or c.item)
            out.append(f"- {text} (" + _("mean {mean}").format(mean=i18n.number(c.mean, 2))
                       + ")")
        out.append("")
    return out


def _gaps_json(gaps: list[GroupGap], bank_id: str) -> dict[str, Any]:
    """The group's self-versus-others gap per step of one bank (in its first section)."""
    found = [g for g in gaps if g.bank_id == bank_id]
    if not found:
        return {}
    return {"others_view": [{"step": g.step, "people": g.people, "self": g.self_mean,
                             "others": g.others_mean, "gap": g.gap,
                             "readings": dict(g.readings), "hidden": g.hidden}
                            for g in found]}


def _gaps_markdown(gaps: list[GroupGap], min_group: int, lang: str,
                   titles: dict[str, str]) -> str:
    """Per bank: the mean of each person's own score, of others' and of the gap, and how
    many read it as a blind spot or a hidden strength, from the minimum group size up."""
    if not gaps:
        return ""
    out = ["", "## " + _("Self and others (from what people shared with --with-feedback)"),
           "", _("Each person's own score against how others see them (the voices their own "
                 "view shows); gap = others - self."), ""]
    columns = (_("step"), _("people"), _("self"), _("others"), _("gap"), _("blind spots"),
               _("hidden strengths"))
    for bank_id in dict.fromkeys(g.bank_id for g in gaps):
        out += [f"### {display_safe(titles.get(bank_id, bank_id))}", "",
                "| " + " | ".join(columns) + " |", "|---|---|---|---|---|---|---|"]
        for g in (g for g in gaps if g.bank_id == bank_id):
            step = get_step(g.step).short.get(lang)
            if g.gap is None or g.self_mean is None or g.others_mean is None:
                out.append(f"| {step} | {g.people} | {_hidden(min_group)} | | | | |")
                continue
            out.append(f"| {step} | {g.people} | {i18n.number(g.self_mean, 2)} | "
                       f"{i18n.number(g.others_mean, 2)} | {i18n.signed(g.gap, 2)} | "
                       f"{g.readings.get('blind_spot', 0)} | "
                       f"{g.readings.get('hidden_strength', 0)} |")
        out.append("")
    return "\n".join(out)
