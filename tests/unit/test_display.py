"""Text made safe to show: every hostile payload, huge lines and broken pastes."""

from __future__ import annotations

import re

import pytest
from rich.text import Text
from textual.content import Content

from kohtaa_tui.domain.display import display_safe, has_surrogates, json_safe, one_line
from kohtaa_tui.ui.text import literal, literal_line, rich_literal, safe_notice, template
from tests import hostile

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
                 r"\ud800-\udfff]")


@pytest.mark.parametrize("payload", [*hostile.PAYLOADS, hostile.ALL_IN_ONE,
                                     hostile.LONE_SURROGATE])
def test_every_way_to_show_text_is_inert(payload: str) -> None:
    shown = [display_safe(payload), one_line(payload), safe_notice(payload),
             str(literal(payload)), str(literal_line(payload)), rich_literal(payload).plain,
             str(template("[b]$x[/b]", x=payload))]
    for text in shown:
        assert not RAW.search(text), repr(text)
    for content in (literal(payload), literal_line(payload), template("[b]$x[/b]", x=payload)):
        assert isinstance(content, Content)
        assert not any("@click" in str(span.style) or "link" in str(span.style)
                       for span in content.spans)
    assert isinstance(rich_literal(payload), Text) and not rich_literal(payload).spans
    for marker in hostile.VISIBLE_MARKERS:
        if marker in payload:
            assert marker in str(literal(payload))


def test_controls_become_visible_pictures_and_the_text_is_untouched() -> None:
    text = "a\x1b]2;t\x07b\x00c\x7fd\x85e\u202ef\tg\nh"
    before = str(text)
    assert display_safe(text) == "a\u241b]2;t\u2407b\u2400c\u2421d\ufffde\ufffdf\tg\nh"
    assert one_line(text) == "a\u241b]2;t\u2407b\u2400c\u2421d\ufffde\ufffdf\tg h"
    assert text == before


def test_a_huge_line_is_cut_for_one_line_views() -> None:
    assert len(one_line(hostile.HUGE_LINE)) == 200
    assert one_line(hostile.HUGE_LINE).endswith("…")
    assert len(one_line(hostile.HUGE_LINE, 80)) == 80
    assert len(display_safe(hostile.HUGE_LINE)) == len(hostile.HUGE_LINE)


def test_broken_pastes_are_found_and_shown_as_replacement() -> None:
    assert has_surrogates(hostile.LONE_SURROGATE)
    assert not has_surrogates(hostile.ALL_IN_ONE)
    assert display_safe(hostile.LONE_SURROGATE) == "broken \ufffd paste"
    display_safe(hostile.LONE_SURROGATE).encode("utf-8")  # printable at last


def test_json_safe_keeps_the_value() -> None:
    import json

    value = {"t": hostile.ALL_IN_ONE, "k\u202e": ["\x85", "\u2028"]}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert not RAW.search(text) and "\u2028" not in text
    assert json.loads(text) == value
    assert "Ä🙂" in json_safe(json.dumps("Ä🙂", ensure_ascii=False))


def test_zero_width_characters_leave_one_line_views() -> None:
    """A zero-width space, joiner, word joiner, BOM or soft hyphen in a title would push a
    list column out of line: one-line views drop them, the stored text keeps them."""
    from kohtaa_tui.domain.display import one_line

    title = "Hin\u200bta\u00ad\u200d\u2060\ufeffneuvottelu"
    assert one_line(title) == "Hintaneuvottelu"
    assert one_line("plain title") == "plain title"


def test_cell_width_counts_terminal_cells() -> None:
    from kohtaa_tui.domain.display import cell_width

    assert cell_width("Äänekoski") == 9
    assert cell_width("東京") == 4
    assert cell_width("e\u0301") == 1
    assert cell_width("a\u200bb") == 2
    assert cell_width("") == 0


def test_cli_table_columns_line_up_with_wide_and_invisible_characters(
        capsys: pytest.CaptureFixture[str]) -> None:
    from kohtaa_tui.commands.output import table
    from kohtaa_tui.domain.display import cell_width

    table(["title", "when"], [["Zero\u200bwidth", "1"], ["東京 visit", "2"], ["plain", "3"]])
    lines = capsys.readouterr().out.splitlines()
    starts = {cell_width(line[: line.rindex(" ") + 1]) for line in lines}
    assert len(lines) == 4 and len(starts) == 1, lines
