"""The HTML report's template (services/templates/report.html): a hostile value in every
place that shows user text reaches the page as text, and the template's labels are msgids."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from kohtaa_tui.domain.goals import CheckIn, Goal, Target
from kohtaa_tui.domain.report import Report
from kohtaa_tui.domain.text import LocalText
from kohtaa_tui.services.report import gather_report, render_html
from kohtaa_tui.services.workspace import Workspace
from tests import i18n_tool
from tests.unit.test_report import at, entry
from tests.unit.test_report_others import BANK, asked  # noqa: F401

TEMPLATE = (Path(__file__).resolve().parents[2] / "src" / "kohtaa_tui" / "services"
            / "templates" / "report.html")
HOSTILE = ("<b>bold</b></script><script>alert(1)</script><!-- \" onmouseover=\"alert(2)\" "
           "x='y' & &amp; </section></body>")
TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "section",
        "table", "thead", "tbody", "tr", "th", "td", "figure", "ul", "li", "strong", "span",
        # the inline charts
        "svg", "g", "line", "polyline", "circle", "rect", "text", "desc", "path"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def _hostile_everywhere(ws: Workspace) -> tuple[Report, list[str]]:
    """The report of `ws` with HOSTILE (and a name for the place) in every user text."""
    report = gather_report(ws, None, date(2026, 11, 30), bank_id=BANK, include_private=True)
    assert report.goals and report.highlights and report.others  # every place is there
    places: list[str] = []

    def bad(place: str) -> str:
        places.append(place)
        return f"{HOSTILE} @{place}"

    others = []
    for n, section in enumerate(report.others):
        bank = section.bank
        items = tuple(replace(item, text=LocalText.plain(bad(f"item-{n}-{item.id}")))
                      for item in bank.items if any(gap.item_id == item.id
                                                    for gap in section.view.items))
        kept = tuple(item for item in bank.items if item not in items and all(
            item.id != other.id for other in items))
        bank = replace(bank, title=LocalText.plain(bad(f"bank-{n}")), items=items + kept)
        others.append(replace(section, bank=bank))
    hostile = replace(
        report,
        bank_title=bad("bank-title"),
        goals=tuple(replace(goal, title=bad(f"goal-{n}"),
                            notes=(*goal.notes, bad(f"note-{n}")))
                    for n, goal in enumerate(report.goals)),
        highlights=tuple(replace(item, title=bad(f"hl-title-{n}"), kind=bad(f"hl-kind-{n}"),
                                 went_well=bad(f"hl-well-{n}"),
                                 take_forward=bad(f"hl-forward-{n}"))
                         for n, item in enumerate(report.highlights)),
        entry_counts=((bad("kind"), 2), *report.entry_counts),
        top_mistakes=((bad("mistake"), 3), *report.top_mistakes),
        questions=(bad("question"), *report.questions),
        others=tuple(others),
    )
    return hostile, places


def test_a_hostile_value_in_every_place_is_text(asked: Workspace) -> None:  # noqa: F811
    # A starred reflection and a goal with a check-in beside others' view.
    asked.store.save_entry(entry("e1", at(5), "Acme", starred=True), None)
    asked.store.save_goal(Goal(id="g1", title="Ask", created=at(1), start=date(2026, 11, 1),
                               target=Target(kind="manual"),
                               status="active",
                               check_ins=(CheckIn(id="c1", at=at(10), note="Two asked",
                                                  progress=40),)), None)
    report, places = _hostile_everywhere(asked)
    assert len(places) > 10
    lang = 'en" onload="alert(3)'
    page = render_html(report, lang)
    parsed = _Page()
    parsed.feed(page)
    assert set(parsed.tags) <= TAGS, set(parsed.tags) - TAGS
    assert parsed.tags.count("script") == 0 and not parsed.comments
    assert {name for name, _value in parsed.attrs} <= {
        "lang", "charset", "name", "content", "class", "aria-hidden", "role", "viewbox",
        "xmlns", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "points", "cx", "cy",
        "r", "fill", "stroke", "stroke-width", "text-anchor", "font-size", "d", "transform",
        "aria-label", "aria-labelledby", "id", "dominant-baseline", "stroke-dasharray",
        "opacity", "rx", "focusable", "preserveaspectratio", "style", "font-weight",
        "font-style"}
    assert ("lang", lang) in parsed.attrs  # the quote stayed inside its attribute
    assert parsed.tags.count("section") == page.count("<section>")
    text = "".join(parsed.text)
    for place in places:
        assert f"{HOSTILE} @{place}" in text, place
    assert "<script>" not in page and "</script>" not in page and "<b>" not in page
    assert '" onmouseover' not in page


def test_the_template_labels_are_msgids() -> None:
    """Every `_()` and `ngettext()` of the template is extracted, from the template."""
    source = TEMPLATE.read_text(encoding="utf-8")
    singles = set(re.findall(r'\b_\("([^"]+)"\)', source))
    plurals = set(re.findall(r'\bngettext\("([^"]+)", "([^"]+)"', source))
    assert len(singles) > 15 and len(plurals) >= 4
    found: set[object] = set()
    for message in i18n_tool.extract():
        if any(name.endswith("report.html") for name, _line in message.locations):
            found.add(tuple(message.id) if isinstance(message.id, (list, tuple))
                      else message.id)
    assert singles | plurals == found
