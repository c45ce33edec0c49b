"""Development-discussion reports: gathered from the workspace, rendered as md, html or json.

User text is escaped for each format (and control characters made visible), so a note can
never become markup, a link or a script.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import date
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from kohtaa_tui import i18n
from kohtaa_tui.domain.charts import bar
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.display import display_safe, json_safe
from kohtaa_tui.domain.document import latest_versions
from kohtaa_tui.domain.feedback import OthersSection, view_data
from kohtaa_tui.domain.goals import progress
from kohtaa_tui.domain.journal import JournalEntry, JournalSchema
from kohtaa_tui.domain.markdown import markdown_escape
from kohtaa_tui.domain.report import Report, build_report
from kohtaa_tui.domain.steps import get_step
from kohtaa_tui.domain.svg_charts import Bar, BarGroup, Series, line_chart, side_by_side
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.services.feedback import (
    answers_line,
    item_gap_lines,
    others_views,
    reading_lines,
    shown_voices,
    view_table,
    voice_cell,
)
from kohtaa_tui.services.feedback_words import role_label
from kohtaa_tui.services.overview import _countable, counted_entries
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.index import EntryFilter, JournalIndex, load_entry_file

FORMATS = ("md", "html", "json")


def gather_report(ws: Workspace, since: date | None, until: date | None,
                  bank_id: str = "core", include_private: bool = False) -> Report:
    """Read what the report needs from the store and summarise the period."""
    store = ws.store
    tz = ws.clock.local_tz()
    end = until or local_date(ws.clock.now(), tz)
    journal = ws.journal(sync="thorough")
    schemas = latest_versions(journal.schemas)
    index = journal.index
    results = index.results()
    entries = _period_entries(index, schemas, since, end, include_private)
    loaded_goals = [item.value for item in store.goals()[0]]
    counted = counted_entries(index, loaded_goals)
    private_ids = index.private_ids()
    goals = [(goal, progress(goal, results, _countable(goal, counted), schemas, tz))
             for goal in loaded_goals]
    report = build_report(since=since, until=end, results=results, entries=entries,
                        schemas=schemas, goals=goals, lang=ws.lang, tz=tz, bank_id=bank_id,
                        include_private=include_private, bank_title=_bank_title(ws, bank_id),
                        private_entry_ids=private_ids)
    return replace(report, others=_others(ws, since, end))


def _others(ws: Workspace, since: date | None, until: date) -> tuple[OthersSection, ...]:
    """Others' view of each bank with feedback answered in the period."""
    found, _problems = others_views(ws, since=since, until=until)
    return tuple(OthersSection(bank=item.bank, view=item.view,
                               comments=len(item.comments)) for item in found)


def _bank_title(ws: Workspace, bank_id: str) -> str:
    """The title of the latest version of a bank, or its id."""
    return load_banks(ws.store).title(bank_id, ws.lang)


def _period_entries(index: JournalIndex, schemas: dict[str, JournalSchema],
                    since: date | None, until: date,
                    include_private: bool) -> list[JournalEntry]:
    """The period's entries from the index, as stand-ins with the indexed answers; only the
    starred ones the report quotes are read from their files."""
    out: list[JournalEntry] = []
    for summary in index.query(EntryFilter(since=since, until=until, include_private=True),
                               limit=None):
        if summary.starred and (include_private or not summary.private):
            loaded, _problems = load_entry_file(summary.path)
            if loaded is not None:
                out.append(loaded.value)
                continue
        out.append(summary.as_entry(schemas.get(summary.schema_id)))
    return out


def _labels() -> dict[str, str]:
    """The report's headings in the active language (out of f-strings, so they are extracted)."""
    return {
        "change": _("Change"),
        "development_discussion_summary": _("Development discussion summary"),
        "end": _("End"),
        "goals": _("Goals"),
        "mistakes_tagged_most_often": _("Mistakes tagged most often"),
        "no_assessments_in_this_period": _("No assessments in this period."),
        "no_goals_in_this_period": _("No goals in this period."),
        "period": _("Period"),
        "questions_to_bring": _("Questions to bring"),
        "reflections": _("Reflections"),
        "skill_steps": _("Skill steps"),
        "starred_reflections": _("Starred reflections"),
        "start": _("Start"),
        "step": _("Step"),
        "steps_rated_lowest_after_encou": _("Steps rated lowest after encounters"),
        "weakest_step_step": _("Weakest step: {step}."),
        "what_i_take_forward": _("What I take forward"),
        "what_went_well": _("What went well"),
        "others_view": _("Others’ view"),
        "scores_over_the_period": _("Each step’s score over the period"),
        "self_and_others": _("You and others, per step"),
        "not_answered_yourself": _("You have not answered this bank yourself yet: answer it "
                                   "to compare."),
        "largest_gaps": _("The questions with the largest gaps:"),
        "achieved_on_date": _("achieved on {date}"),
        "due_date": _("due {date}"),
    }


def _status(status: str) -> str:
    return {"active": _("active"), "achieved": _("achieved"), "paused": _("paused"),
            "dropped": _("dropped")}.get(status, status)


def _period(report: Report) -> str:
    start = i18n.day(report.since) if report.since else _("the beginning")
    return _("{start} – {end}").format(start=start, end=i18n.day(report.until))


def _assessments_line(report: Report, bank: str) -> str:
    return ngettext("From {n} assessment with the bank “{bank}” in the period.",
                    "From {n} assessments with the bank “{bank}” in the period.",
                    report.assessments).format(n=report.assessments, bank=bank)


def _reflections_line(total: int) -> str:
    return ngettext("{n} reflection in the period.", "{n} reflections in the period.",
                    total).format(n=total)


def _left_out(count: int) -> str:
    return ngettext("{n} private reflection is not included.",
                    "{n} private reflections are not included.", count).format(n=count)


def _notes_left_out(count: int) -> str:
    return ngettext("{n} goal check-in note from a private reflection is not included.",
                    "{n} goal check-in notes from private reflections are not included.",
                    count).format(n=count)


def _goal_questions(report: Report) -> list[str]:
    return [_("How can you support my goal “{title}”?").format(title=g.title)
            for g in report.goals if g.status == "active"][:3]


def md(text: str) -> str:
    """User text for Markdown: controls visible, special characters escaped, one line."""
    return markdown_escape(" ".join(text.split("\n")))


def all_questions(report: Report) -> list[str]:
    """Questions to bring: the weakest step's, then one for each active goal (at most 3)."""
    return [*report.questions, *_goal_questions(report)]


def _plain(text: str) -> str:
    """User text for the plain-text preview: controls visible, one line."""
    return display_safe(" ".join(text.split("\n")))


def render_markdown(report: Report, lang: str) -> str:
    """The report as Markdown."""
    return _render_text(report, lang, plain=False)


def render_text(report: Report, lang: str) -> str:
    """The report as plain text (the preview on the report screen)."""
    return _render_text(report, lang, plain=True)


def _render_text(report: Report, lang: str, plain: bool) -> str:
    L = _labels()
    esc = _plain if plain else md
    out: list[str] = []

    def heading(text: str, level: int) -> None:
        if not plain:
            out.append(f"{'#' * level} {text}")
        elif level < 3:
            out.append(text)
            out.append(("=" if level == 1 else "-") * len(text))
        else:
            out.append(text.upper())

    def strong(text: str) -> str:
        return text if plain else f"**{text}**"

    heading(L["development_discussion_summary"], 1)
    out.append("")
    out.append(f"{L['period']}: {_period(report)}")
    out.append("")
    heading(L["skill_steps"], 2)
    out.append("")
    if report.assessments:
        out.append(_assessments_line(report, esc(report.bank_title or report.bank_id)))
        out.append("")
        rows = []
        for step in report.steps:
            rows.append((get_step(step.step).name.get(lang),
                         i18n.number(step.start) if step.start is not None else "–",
                         i18n.number(step.end) if step.end is not None else "–",
                         i18n.signed(step.change) if step.change is not None else "–"))
        head = (L["step"], L["start"], L["end"], L["change"])
        if plain:
            width = max(len(r[0]) for r in [head, *rows])
            widths = [max(len(r[i]) for r in [head, *rows]) for i in (1, 2, 3)]
            for row in [head, *rows]:
                out.append(row[0].ljust(width) + "".join(
                    "  " + cell.rjust(w) for cell, w in zip(row[1:], widths, strict=True)))
        else:
            out.append(f"| {' | '.join(head)} |")
            out.append("|---|---|---|---|")
            out.extend(f"| {' | '.join(row)} |" for row in rows)
    else:
        out.append(L["no_assessments_in_this_period"])
    if report.weakest:
        out.append("")
        out.append(L["weakest_step_step"].format(step=get_step(report.weakest).name.get(lang)))
    if report.others:
        out.append("")
        heading(L["others_view"], 2)
        for section in report.others:
            out.append("")
            out.extend(_others_text(section, lang, plain))
    out.append("")
    heading(L["goals"], 2)
    out.append("")
    if not report.goals:
        out.append(L["no_goals_in_this_period"])
    for goal in report.goals:
        line = f"- {strong(esc(goal.title))}: {_status(goal.status)}, {goal.percent:.0f} %"
        if goal.achieved_on:
            line += f", {L['achieved_on_date'].format(date=i18n.day(goal.achieved_on))}"
        elif goal.due:
            line += f", {L['due_date'].format(date=i18n.day(goal.due))}"
        out.append(line)
        for note in goal.notes:
            out.append(f"  - {esc(note)}")
    if report.private_notes_left_out:
        out.append("")
        out.append(_notes_left_out(report.private_notes_left_out))
    out.append("")
    heading(L["reflections"], 2)
    out.append("")
    total = sum(count for _kind, count in report.entry_counts)
    out.append(_reflections_line(total))
    for kind, count in report.entry_counts:
        out.append(f"- {esc(kind)}: {count}")
    if report.top_mistakes:
        out.append("")
        out.append(f"{L['mistakes_tagged_most_often']}:")
        for label, count in report.top_mistakes:
            out.append(f"- {esc(label)}: {count}")
    if report.lowest_rated:
        out.append("")
        out.append(f"{L['steps_rated_lowest_after_encou']}:")
        for step_id, mean, count in report.lowest_rated:
            out.append(f"- {get_step(step_id).name.get(lang)}: {i18n.number(mean)} ({count})")
    if report.highlights:
        out.append("")
        heading(L["starred_reflections"], 3)
        for item in report.highlights:
            out.append("")
            out.append(strong(f"{i18n.day(item.day)} {esc(item.title)}")
                       + f" ({esc(item.kind)})")
            if item.went_well:
                out.append(f"- {L['what_went_well']}: {esc(item.went_well)}")
            if item.take_forward:
                out.append(f"- {L['what_i_take_forward']}: {esc(item.take_forward)}")
    if report.private_left_out:
        out.append("")
        out.append(_left_out(report.private_left_out))
    out.append("")
    heading(L["questions_to_bring"], 2)
    out.append("")
    for question in all_questions(report):
        out.append(f"- {esc(question)}")
    return "\n".join(out) + "\n"


def _comments_line(count: int) -> str:
    return ngettext("{n} comment came with the answers: see `kohtaa feedback show`.",
                    "{n} comments came with the answers: see `kohtaa feedback show`.",
                    count).format(n=count)


def _others_text(section: OthersSection, lang: str, plain: bool) -> list[str]:
    """Others' view of one bank in Markdown or plain text: a table and the gaps in words."""
    L = _labels()
    esc = _plain if plain else md
    title = esc(section.bank.title.get(lang))
    out = [title.upper() if plain else f"### {title}", "", answers_line(section.view)]
    if all(step.self_score is None for step in section.view.steps):
        out.append(L["not_answered_yourself"])
    out.append("")
    headers, rows = view_table(section.view, lang)
    if plain:
        widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
        for row in [headers, *rows]:
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
                       .rstrip())
    else:
        out.append(f"| {' | '.join(headers)} |")
        out.append("|" + "---|" * len(headers))
        out.extend(f"| {' | '.join(row)} |" for row in rows)
    words = reading_lines(section.view, lang)
    if words:
        out.append("")
        out.extend(words if plain else [f"- {line}" for line in words])
    gaps = item_gap_lines(section.bank, section.view, lang)
    if gaps:
        out.append("")
        out.append(L["largest_gaps"])
        out.extend(f"- {esc(line)}" for line in gaps)
    if section.comments:
        out.append("")
        out.append(_comments_line(section.comments))
    return out


def _score_lines(report: Report, lang: str) -> str:
    """The line chart of each step's scores over the period."""
    low, high = report.scale
    series = [Series(name=get_step(step.step).short.get(lang), points=step.points)
              for step in report.steps if step.points]
    days = [day for one in series for day, _value in one.points]
    first = report.since or min(days)
    return line_chart(series, low, high, min(first, *days), report.until,
                      _labels()["scores_over_the_period"], i18n.number, i18n.day)


def _others_chart(section: OthersSection, lang: str) -> str:
    """Self against each voice per step, side by side."""
    view = section.view
    voices = shown_voices(view)
    groups = []
    for step in view.steps:
        bars = [Bar(voice="self", name=_("you"), value=step.self_score,
                    text=i18n.number(step.self_score) if step.self_score is not None else "–")]
        for voice in voices:
            value = step.voice(voice)
            shown = value.value if value is not None else None
            bars.append(Bar(voice=voice, name=role_label(voice), value=shown,
                            text=voice_cell(view, step, voice)))
        groups.append(BarGroup(name=get_step(step.step).short.get(lang), bars=tuple(bars)))
    return side_by_side(groups, ["self", *voices], section.bank.scale.min,
                        section.bank.scale.max, _labels()["self_and_others"],
                        lambda value: i18n.number(value, 0))


def _others_html(section: OthersSection, lang: str) -> dict[str, Any]:
    """Others' view of one bank for the HTML template: the chart, the table, the gaps."""
    headers, rows = view_table(section.view, lang)
    return {
        "title": section.bank.title.get(lang),
        "answers": answers_line(section.view),
        "not_answered": all(step.self_score is None for step in section.view.steps),
        "chart": Markup(_others_chart(section, lang)),
        "headers": headers, "rows": rows,
        "words": reading_lines(section.view, lang),
        "gaps": item_gap_lines(section.bank, section.view, lang),
        "comments": section.comments,
    }


def _shown(value: object) -> object:
    """What every `{{ }}` of the template shows: text with its controls made visible (the
    escaping is autoescape's); markup passed in on purpose (the charts) as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return display_safe(value)
    return value


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The template engine: the template shipped in the package, autoescape on for
    everything, kohtaa's gettext functions as the template's `_` and `ngettext` (looked up
    when called, so the language of the moment)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kohtaa_tui.services", "templates"),
        autoescape=True, finalize=_shown, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: _(message), lambda one, many, n: ngettext(one, many, n),
        newstyle=False)
    return env


def render_html(report: Report, lang: str) -> str:
    """The report as one self-contained HTML file that prints well (templates/report.html)."""
    low, high = report.scale
    steps = [{
        "name": get_step(step.step).name.get(lang),
        "start": i18n.number(step.start) if step.start is not None else "–",
        "end": i18n.number(step.end) if step.end is not None else "–",
        "change": i18n.signed(step.change) if step.change is not None else "–",
        "bar": bar(step.end, low, high, 10) if step.end is not None else "",
    } for step in report.steps]
    goals = []
    for goal in report.goals:
        detail = f"{_status(goal.status)}, {goal.percent:.0f} %"
        if goal.achieved_on:
            detail += ", " + _("achieved on {date}").format(date=i18n.day(goal.achieved_on))
        elif goal.due:
            detail += ", " + _("due {date}").format(date=i18n.day(goal.due))
        goals.append({"title": goal.title, "detail": detail, "notes": list(goal.notes)})
    score_chart = (Markup(_score_lines(report, lang))
                   if report.assessments and any(step.points for step in report.steps)
                   else None)
    return _environment().get_template("report.html").render(
        lang=lang,
        period=_period(report),
        assessments=report.assessments,
        bank=report.bank_title or report.bank_id,
        steps=steps,
        score_chart=score_chart,
        weakest=get_step(report.weakest).name.get(lang) if report.weakest else None,
        others=[_others_html(section, lang) for section in report.others],
        goals=goals,
        notes_left_out=report.private_notes_left_out,
        total=sum(count for _kind, count in report.entry_counts),
        entry_counts=list(report.entry_counts),
        top_mistakes=list(report.top_mistakes),
        lowest_rated=[(get_step(s).name.get(lang), i18n.number(m), n)
                      for s, m, n in report.lowest_rated],
        highlights=[{"day": i18n.day(item.day), "title": item.title, "kind": item.kind,
                     "went_well": item.went_well, "take_forward": item.take_forward}
                    for item in report.highlights],
        private_left_out=report.private_left_out,
        questions=all_questions(report),
    )


def render_json(report: Report) -> str:
    """The report as JSON (dates as ISO strings); questions include those from open goals."""
    data = asdict(replace(report, others=()))
    data["questions"] = all_questions(report)
    data["others"] = [{"bank_id": section.bank.id, "bank_version": section.bank.version,
                       "bank_title": section.bank.title.get(i18n.language()),
                       "comments": section.comments, **view_data(section.view)}
                      for section in report.others]
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n"


def render(report: Report, fmt: str, lang: str) -> str:
    """The report in `fmt` (md, html or json)."""
    if fmt == "html":
        return render_html(report, lang)
    if fmt == "json":
        return render_json(report)
    return render_markdown(report, lang)
