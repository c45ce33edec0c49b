"""Others' view in `kohtaa report` (md, html, json) and the report's inline SVG charts."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult, score_answers
from kohtaa_tui.domain.feedback import FeedbackResponse
from kohtaa_tui.domain.svg_charts import Bar, BarGroup, Series, line_chart, side_by_side
from kohtaa_tui.services.feedback import make_request
from kohtaa_tui.services.report import gather_report, render, render_text
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.feedback import save_response
from tests.hostile import ALL_IN_ONE

BANK = "after-meeting"
REVERSED = {"listening-mind-wandered", "communication-unexplained-terms", "negotiation-hurried"}
ITEMS = ["listening-let-finish", "listening-mind-wandered", "communication-next-steps",
         "communication-unexplained-terms", "negotiation-needs-first", "negotiation-hurried",
         "positivity-possibilities", "feedback-asked-customer"]


def keyed(value: int, **special: int) -> dict[str, int]:
    """Answers where every item reads as `value` after reverse keying (unless special)."""
    out = {item: 6 - value if item in REVERSED else value for item in ITEMS}
    return out | {k.replace("_", "-"): v for k, v in special.items()}


def at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=UTC)


def respond(ws: Workspace, role: str, answers: dict[str, int], n: int, when: datetime,
            comment: str | None = None) -> None:
    request, _bank = make_request(ws, BANK, role, "Kettu", None)
    save_response(ws.store, FeedbackResponse(
        id=f"20261121-1000{n:02d}-abcdef", request_id=request.id, bank_id=request.bank_id,
        bank_version=request.bank_version,
        bank_hash=request.bank_hash, role=role, answered=when, answers=answers, comment=comment))


def own(ws: Workspace, answers: dict[str, int], when: datetime, ident: str) -> None:
    entry = load_banks(ws.store).latest(BANK)
    assert entry is not None
    ws.store.save_result(AssessmentResult(id=ident, bank_id=BANK, bank_version=1,
                                          bank_hash=entry.fingerprint, completed=when, scale_min=1,
                                          scale_max=5, answers=answers,
                                          scores=score_answers(entry.doc, answers)))


@pytest.fixture
def asked(workspace: Workspace) -> Workspace:
    """Self: listening 5, positivity 2. A manager sees positivity 5; two colleagues answer."""
    own(workspace, keyed(3, listening_let_finish=5, listening_mind_wandered=1,
                         positivity_possibilities=2), at(3), "20261103-100000-aaaaaa")
    own(workspace, keyed(4, listening_let_finish=5, listening_mind_wandered=1,
                         positivity_possibilities=2), at(18), "20261118-100000-aaaaaa")
    respond(workspace, "manager", keyed(3, positivity_possibilities=5), 1, at(10),
            comment=ALL_IN_ONE)
    respond(workspace, "colleague", keyed(3), 2, at(11))
    respond(workspace, "customer", keyed(3), 3, at(12))
    return workspace


def test_the_section_in_markdown(asked: Workspace) -> None:
    report = gather_report(asked, date(2026, 11, 1), date(2026, 11, 30), bank_id=BANK)
    text = render(report, "md", "en")
    section = text[text.index("## Others’ view"):text.index("## Goals")]
    assert "| Step | you | manager | colleagues and customers | gap |" in section
    listening = next(line for line in section.splitlines() if line.startswith("| Listening"))
    # Self 5 against the manager's 3; the pool of two shows no number.
    assert "| 5.0 | 3.0 | not enough answers yet (2 of 3) | -2.0 blind spot |" in listening
    assert "Blind spots (you see more than others do): Listening (-2.0)" in section
    assert "Hidden strengths (others see more than you do): Positivity (+3.0)" in section
    assert "1 comment came with the answers" in section
    # Comments are not quoted in the report.
    assert "<script>" not in text and "PWNED" not in text
    plain = render_text(report, "en")
    assert "Others’ view\n------------" in plain
    assert re.search(r"Listening +5\.0 +3\.0 +not enough answers yet \(2 of 3\) +-2\.0 blind "
                     r"spot", plain)


def test_the_pool_shows_from_three_and_the_period_counts(asked: Workspace) -> None:
    respond(asked, "colleague", keyed(1), 4, at(20))
    report = gather_report(asked, date(2026, 11, 1), date(2026, 11, 30), bank_id=BANK)
    data = json.loads(render(report, "json", "en"))
    [section] = data["others"]
    steps = {s["step"]: s for s in section["steps"]}
    pool = steps["listening"]["voices"]["others"]
    assert pool == {"responses": 3, "value": pytest.approx((3 + 3 + 1) / 3), "hidden": False}
    assert section["bank_id"] == BANK and section["comments"] == 1
    # The period before the fourth answer: the pool is back to two, no number.
    early = gather_report(asked, date(2026, 11, 1), date(2026, 11, 15), bank_id=BANK)
    [section] = json.loads(render(early, "json", "en"))["others"]
    pool = {s["step"]: s for s in section["steps"]}["listening"]["voices"]["others"]
    assert pool == {"responses": 2, "value": None, "hidden": True}
    # The points of the line chart are in the JSON too.
    listening = next(s for s in data["steps"] if s["step"] == "listening")
    assert [p[0] for p in listening["points"]] == ["2026-11-03", "2026-11-18"]


def test_no_feedback_no_section(workspace: Workspace) -> None:
    report = gather_report(workspace, None, date(2026, 11, 30))
    assert "Others’ view" not in render(report, "md", "en")
    assert json.loads(render(report, "json", "en"))["others"] == []


def svgs(text: str) -> list[ET.Element]:
    """Each inline SVG of an HTML page, parsed as XML (so it is well formed)."""
    return [ET.fromstring(found) for found in re.findall(r"<svg.*?</svg>", text, re.S)]


def texts(svg: ET.Element) -> list[str]:
    return [el.text or "" for el in svg.iter("text")]


def test_html_draws_both_charts_as_inline_svg(asked: Workspace) -> None:
    report = gather_report(asked, date(2026, 11, 1), date(2026, 11, 30), bank_id=BANK)
    page = render(report, "html", "en")
    assert "<script" not in page and "url(" not in page and "//" not in page.replace("</", "")
    lines, bars = svgs(page)
    assert lines.get("aria-label") == "Each step’s score over the period"
    # One panel per step, named in words, the last score written beside its line.
    assert {"Listening", "Feedback", "5.0", "2026-11-01", "2026-11-30"} <= set(
        texts(lines))
    assert len(lines.findall("polyline")) == 5 and len(lines.findall("circle")) == 10
    assert bars.get("aria-label") == "You and others, per step"
    words = texts(bars)
    assert words.count("you") == 5 and words.count("manager") == 5
    assert words.count("not enough answers yet (2 of 3)") == 5
    # Bars for self and the manager only; their outlines differ (not colour alone).
    rects = bars.findall("rect")
    assert len(rects) == 10
    assert len({(r.get("fill"), r.get("stroke-dasharray")) for r in rects}) == 2
    assert "Blind spots (you see more than others do): Listening (-2.0)" in page


def test_report_cli_in_finnish(asked: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fi", "report", "--since", "2026-11-01", "--bank", BANK]) == 0
    out = capsys.readouterr().out
    assert "## Muiden näkemys" in out
    assert "sokea piste" in out and "5,0" in out


def test_bars_are_on_the_whole_scale_and_names_are_text() -> None:
    group = BarGroup(name="<b>step</b>",
                     bars=(Bar(voice="self", name="you", value=5.0, text="5"),
                           Bar(voice="manager", name="m", value=1.0, text="1"),
                           Bar(voice="others", name="pool", value=None, text="not yet")))
    svg = ET.fromstring(side_by_side([group], ["self", "manager", "others"], 1, 5, "t",
                                     str))
    widths = [float(r.get("width") or 0) for r in svg.iter("rect")]
    assert widths[0] == pytest.approx(240) and widths[1] < 2
    assert "<b>step</b>" in texts(svg) and "not yet" in texts(svg)


def test_a_single_point_is_a_dot() -> None:
    svg = ET.fromstring(line_chart([Series(name="x", points=((date(2026, 11, 2), 3.0),))], 1, 5,
                                   date(2026, 11, 1), date(2026, 11, 30), "t", str, str))
    assert not svg.findall("polyline") and len(svg.findall("circle")) == 1


def test_a_reversed_item_shows_the_answers_as_given(asked: Workspace) -> None:
    report = gather_report(asked, date(2026, 11, 1), date(2026, 11, 30), bank_id=BANK)
    text = render(report, "md", "en")
    # Self answered 1 ("never") to "my mind wandered", the manager 3: a blind spot.
    line = next(x for x in text.splitlines() if "mind wandered" in x)
    assert "you 1.0, others 3.0 (blind spot)" in line
