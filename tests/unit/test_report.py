"""The development-discussion report: numbers, texts, privacy, and escaping in md and html."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.goals import CheckIn, Goal, Target
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.services.report import gather_report, render
from kohtaa_tui.services.workspace import Workspace

HOSTILE = "[@click=app.quit]x[/] <script>alert(1)</script> **b** \x1b]2;PWNED\x07"


def at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=UTC)


def result(ident: str, when: datetime, listening: float, feedback: float) -> AssessmentResult:
    return AssessmentResult(id=ident, bank_id="core", bank_version=1, bank_hash="sha256:x",
                            completed=when, scale_min=1, scale_max=5, answers={},
                            scores={"listening": listening, "feedback": feedback})


def entry(ident: str, when: datetime, title: str, private: bool = False,
          starred: bool = False) -> JournalEntry:
    return JournalEntry(id=ident, schema_id="sales-meeting", schema_version=1, created=when,
                        updated=when, answers={
        "title": title, "what_happened": "Talked.", "went_well": "I listened " + title,
        "take_forward": "Ask first " + title, "mistakes": ("interrupting", "jargon"),
        "step_ratings": {"listening": 2, "feedback": 4},
    }, starred=starred, private=private)


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    store = workspace.store
    store.save_result(result("r1", at(2), 3.0, 2.0))
    store.save_result(result("r2", at(20), 4.0, 2.5))
    store.save_result(result("r0", at(1, 9), 1.0, 1.0))  # before the period
    store.save_entry(entry("e1", at(5), "Acme kickoff", starred=True), None)
    store.save_entry(entry("e2", at(6), "Secret customer", private=True, starred=True), None)
    store.save_entry(entry("e3", at(7), HOSTILE, starred=True), None)
    store.save_goal(Goal(id="g1", title="Ask for feedback weekly", created=at(1),
                         start=date(2026, 11, 1),
                         target=Target(kind="manual"), status="active",
                         check_ins=(CheckIn(id="c1", at=at(10), note="Two asked", progress=40),)),
                    None)
    store.save_goal(Goal(id="g2", title="Old dropped goal", created=at(1, 1),
                         start=date(2026, 1, 1),
                         target=Target(kind="manual"), status="dropped"), None)
    return workspace


def test_numbers_and_texts(filled: Workspace) -> None:
    """Start and end scores, goals, counts, mistakes, lowest steps, questions."""
    report = gather_report(filled, date(2026, 11, 1), date(2026, 11, 30))
    steps = {s.step: s for s in report.steps}
    assert (steps["listening"].start, steps["listening"].end) == (3.0, 4.0)
    assert steps["feedback"].change == pytest.approx(0.5)
    assert report.assessments == 2
    assert report.weakest == "feedback"
    assert [g.title for g in report.goals] == ["Ask for feedback weekly"]
    assert report.goals[0].notes == ("Two asked",)
    assert report.entry_counts == (("After a sales meeting", 2),)
    assert dict(report.top_mistakes) == {"interrupting": 2, "using jargon": 2}
    assert report.lowest_rated[0][0] == "listening"
    assert report.private_left_out == 1
    assert {h.title for h in report.highlights} == {"Acme kickoff", HOSTILE}
    assert len(report.questions) == 2


def test_private_entries_only_with_the_flag(filled: Workspace) -> None:
    """Private reflections appear only with include_private."""
    text = render(gather_report(filled, None, date(2026, 11, 30)), "md", "en")
    assert "Secret customer" not in text
    assert "1 private reflection is not included" in text
    text = render(gather_report(filled, None, date(2026, 11, 30), include_private=True),
                  "md", "en")
    assert "Secret customer" in text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_escaped(filled: Workspace) -> None:
    """One file, no external resources, no script; hostile text shown as text."""
    html = render(gather_report(filled, None, date(2026, 11, 30)), "html", "en")
    parser = _Collector()
    parser.feed(html)
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "src=" not in html and "href=" not in html
    assert "@media print" in html
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text  # shown literally, as text
    assert "\x1b" not in html and "PWNED" in text


def test_markdown_escapes_markup(filled: Workspace) -> None:
    """Markdown output cannot turn a title into a link or bold text; no raw escapes."""
    text = render(gather_report(filled, None, date(2026, 11, 30)), "md", "en")
    assert "\\[@click=app.quit\\]" in text and "\\*\\*b\\*\\*" in text
    assert "\x1b" not in text


def test_cli_report_formats(filled: Workspace, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    """`kohtaa report` prints md and json and writes html to a file."""
    assert main(["report", "--since", "2026-11-01", "--until", "30.11.2026"]) == 0
    assert "# Development discussion summary" in capsys.readouterr().out
    assert main(["report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["private_left_out"] == 1
    out = tmp_path / "r.html"
    assert main(["report", "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_report_bad_dates(capsys: pytest.CaptureFixture[str]) -> None:
    """A wrong date is a one-line usage error (no usage lines), exit 2; since after until,
    exit 1."""
    for bad in ("someday", "2026-13-01"):
        assert main(["report", "--since", bad]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "usage" not in err
        assert f"--since: \u201c{bad}\u201d is not a date" in err
    assert main(["report", "--since", "2026-12-01", "--until", "2026-11-01"]) == 1
    assert "swap them" in capsys.readouterr().err


SECRET = "Zanzibar-4471"


@pytest.fixture
def with_private(filled: Workspace) -> Workspace:
    """The filled workspace plus a starred private reflection full of a unique word, with
    the worst step ratings of all (they must not make its step the lowest rated either)."""
    when = at(8)
    filled.store.save_entry(JournalEntry(id="e9", schema_id="sales-meeting", schema_version=1,
                                         created=when, updated=when, answers={
        "title": f"Title {SECRET}", "what_happened": f"Happened {SECRET}",
        "went_well": f"Well {SECRET}", "take_forward": f"Forward {SECRET}",
        "mistakes": ("solving-too-early",), "step_ratings": {"positivity": 1},
    }, starred=True, private=True), None)
    return filled


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_private_entry_never_leaks_without_the_flag(with_private: Workspace, fmt: str,
                                                    tmp_path: Path) -> None:
    """Without --include-private, no text, tag, rating or count of a private entry shows;
    with it, its texts are there. Checked through the command line in every format."""
    out = tmp_path / f"report.{fmt}"
    assert main(["report", "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert SECRET not in text
    assert "offering a solution too early" not in text
    report = gather_report(with_private, None, date(2026, 11, 30))
    assert report.private_left_out == 2
    assert sum(n for _k, n in report.entry_counts) == 2
    assert [s for s, _m, _n in report.lowest_rated] == ["listening", "feedback"]
    assert main(["report", "--format", fmt, "--include-private", "--force", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert f"Well {SECRET}" in text and f"Forward {SECRET}" in text
    assert f"Title {SECRET}" in text
    assert "offering a solution too early" in text
    shared = gather_report(with_private, None, date(2026, 11, 30), include_private=True)
    assert shared.lowest_rated[0][0] == "positivity" and shared.private_left_out == 0


def test_report_content_in_every_format(filled: Workspace) -> None:
    """The numbers and texts of the summary are in md, html and json alike."""
    report = gather_report(filled, date(2026, 11, 1), date(2026, 11, 30))
    md_text = render(report, "md", "en")
    assert "| Active listening | 3.0 | 4.0 | +1.0 |" in md_text
    assert "| Using feedback | 2.0 | 2.5 | +0.5 |" in md_text
    assert "Weakest step: Using feedback." in md_text
    assert "- **Ask for feedback weekly**: active, 40 %" in md_text
    assert "  - Two asked" in md_text
    assert "- After a sales meeting: 2" in md_text
    assert "- interrupting: 2" in md_text and "- using jargon: 2" in md_text
    assert "- Active listening: 2.0 (2)" in md_text
    assert "- What went well: I listened Acme kickoff" in md_text
    assert "- What I take forward: Ask first Acme kickoff" in md_text
    assert "How can you support my goal “Ask for feedback weekly”?" in md_text
    html_text = render(report, "html", "en")
    for piece in ("<td>Active listening</td><td class=\"num\">3.0</td><td class=\"num\">4.0"
                  "</td><td class=\"num\">+1.0</td>", "Two asked", "I listened Acme kickoff",
                  "Ask first Acme kickoff", "interrupting: 2"):
        assert piece in html_text
    data = json.loads(render(report, "json", "en"))
    steps = {s["step"]: s for s in data["steps"]}
    assert (steps["listening"]["start"], steps["listening"]["end"]) == (3.0, 4.0)
    assert data["goals"][0]["notes"] == ["Two asked"]
    assert data["highlights"][0]["went_well"] == "I listened Acme kickoff"
    assert data["questions"][-1] == "How can you support my goal “Ask for feedback weekly”?"
    assert len(data["questions"]) == 3


def test_goals_achieved_active_dropped_in_the_period(workspace: Workspace) -> None:
    """Achieved and dropped goals touched in the period show with their latest notes;
    check-ins after the period's end are not part of it."""
    store = workspace.store
    store.save_goal(Goal(id="a", title="Achieved one", created=at(1, 10), start=date(2026, 10, 1),
                         target=Target(kind="manual"),
                         status="achieved", achieved_on=date(2026, 11, 10),
                         check_ins=(CheckIn(id="c1", at=at(3), note="first note", progress=50),
                                    CheckIn(id="c2", at=at(9), note="second note", progress=80),
                                    CheckIn(id="c3", at=at(10), note="third note", progress=100))),
                    None)
    store.save_goal(Goal(id="d", title="Dropped one", created=at(1, 10), start=date(2026, 10, 1),
                         target=Target(kind="manual"),
                         status="dropped",
                         check_ins=(CheckIn(id="c4", at=at(4), note="gave up", progress=None),)),
                    None)
    store.save_goal(Goal(id="b", title="Active one", created=at(1, 10), start=date(2026, 10, 1),
                         target=Target(kind="manual"),
                         check_ins=(CheckIn(id="c5", at=at(12), note="before the end", progress=10),
                                    CheckIn(id="c6", at=at(20), note="after the end",
                                            progress=20))), None)
    report = gather_report(workspace, date(2026, 11, 1), date(2026, 11, 15))
    summary = {g.title: g for g in report.goals}
    assert [g.title for g in report.goals] == ["Achieved one", "Active one", "Dropped one"]
    assert summary["Achieved one"].notes == ("second note", "third note")
    assert summary["Achieved one"].achieved_on == date(2026, 11, 10)
    assert summary["Dropped one"].notes == ("gave up",)
    assert summary["Active one"].notes == ("before the end",)
    text = render(report, "md", "en")
    assert "achieved on 2026-11-10" in text and "Dropped one**: dropped" in text
    # A goal dropped long ago and untouched in the period stays out.
    assert gather_report(workspace, date(2026, 12, 1), date(2026, 12, 31)).goals[0].title == \
        "Active one"


def test_html_has_no_external_reference(with_private: Workspace) -> None:
    """No URL, import, script, frame or image: the file stands alone and prints."""
    html = render(gather_report(with_private, None, date(2026, 11, 30)), "html", "en")
    parser = _Collector()
    parser.feed(html)
    assert not {"script", "link", "img", "iframe", "object", "embed", "a", "base"} & set(
        parser.tags)
    for needle in ("http:", "https:", "url(", "@import", "//", "javascript:"):
        assert needle not in html.replace("</", "")
    assert "@media print" in html and "break-inside: avoid" in html


@pytest.mark.parametrize(("preset", "today", "since"), [
    ("3m", date(2026, 11, 22), date(2026, 8, 23)),
    ("6m", date(2026, 11, 22), date(2026, 5, 23)),
    ("year", date(2026, 11, 22), date(2026, 1, 1)),
    ("3m", date(2026, 5, 31), date(2026, 3, 1)),  # 28.2 + 1 day: no day is lost or doubled
    ("6m", date(2027, 2, 15), date(2026, 8, 16)),
    ("year", date(2027, 1, 1), date(2027, 1, 1)),
])
def test_preset_periods(preset: str, today: date, since: date) -> None:
    """Presets end today and start the day after the same date months ago."""
    from kohtaa_tui.domain.report import preset_period

    assert preset_period(preset, today) == (since, today)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-22", date(2026, 11, 22)), ("22.11.2026", date(2026, 11, 22)),
    (" 1.2.2027. ", date(2027, 2, 1)), ("29.2.2026", None), ("yesterday", None),
    ("", None), ("1.2", None), ("1.2.3.4", None), ("2026-13-01", None),
])
def test_parse_day(text: str, expected: date | None) -> None:
    """Both ways of writing a date; anything else is None."""
    from kohtaa_tui.domain.report import parse_day

    assert parse_day(text) == expected


def test_cli_report_in_finnish_and_for_another_bank(filled: Workspace,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """--lang fi writes Finnish headings, dates and decimal commas; --bank picks the bank."""
    assert main(["--lang", "fi", "report", "--since", "1.11.2026", "--until", "30.11.2026"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Yhteenveto kehityskeskusteluun")
    assert "1.11.2026" in out and "| 3,0 | 4,0 | +1,0 |" in out
    assert main(["report", "--bank", "after-meeting", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["bank_id"] == "after-meeting" and data["assessments"] == 0
    assert data["bank_title"] == "Quick check after a meeting"


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_goal_note_from_a_private_reflection_stays_out(with_private: Workspace, fmt: str,
                                                       tmp_path: Path) -> None:
    """A check-in note copied from a private reflection (it links the entry) is left out of
    the report, and counted, unless --include-private; other notes stay."""
    with_private.store.save_goal(Goal(
        id="g5", title="Ask before solving", created=at(1), start=date(2026, 11, 1),
        target=Target(kind="manual"),
        status="active",
        check_ins=(CheckIn(id="c8", at=at(8), note=f"Forward {SECRET}", entry_id="e9"),
                                    CheckIn(id="c9", at=at(9), note="Open note", entry_id="e1"))),
                                 None)
    report = gather_report(with_private, None, date(2026, 11, 30))
    assert report.private_notes_left_out == 1
    notes = {g.title: g.notes for g in report.goals}["Ask before solving"]
    assert notes == ("Open note",)
    out = tmp_path / f"report.{fmt}"
    assert main(["report", "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert SECRET not in text and "Open note" in text
    if fmt != "json":
        assert "1 goal check-in note from a private reflection is not included." in text
    shared = gather_report(with_private, None, date(2026, 11, 30), include_private=True)
    assert shared.private_notes_left_out == 0
    assert {g.title: g.notes for g in shared.goals}["Ask before solving"] == (
        f"Forward {SECRET}", "Open note")


@pytest.mark.parametrize("argv", [
    ["report", "-o", "{tmp}/new/sub/r.md"],
    ["results", "export", "--participant", "Ann", "-o", "{tmp}/nonexistent/dir/x.toml"],
])
def test_output_into_a_missing_folder_is_refused(filled: Workspace, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 argv: list[str]) -> None:
    """-o never creates folders: one line naming the folder, exit 1, nothing made."""
    assert main([a.format(tmp=tmp_path) for a in argv]) == 1
    err = capsys.readouterr().err
    assert "the folder" in err and "does not exist" in err
    assert "make it first" in err  # and what to do
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "new").exists() and not (tmp_path / "nonexistent").exists()


def test_report_does_not_replace_a_file_without_force(filled: Workspace, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """An existing -o FILE is kept unless --force."""
    out = tmp_path / "r.md"
    out.write_text("my notes", encoding="utf-8")
    assert main(["report", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "my notes"
    assert main(["report", "--force", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# ")
