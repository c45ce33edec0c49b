"""The one Markdown escaper: `&` and every Markdown character stay literal in an export."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from markdown_it import MarkdownIt

from kohtaa_tui.cli import main
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.domain.markdown import markdown_escape
from kohtaa_tui.services.report import md
from kohtaa_tui.storage.journal import JournalService
from kohtaa_tui.storage.repository import Store

TRICKY = "Tom &amp; Jerry &lt;b&gt; *not bold* [link](x) `code` # 5 & co"
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def rendered_text(markdown: str) -> str:
    """What a Markdown reader shows: the HTML's text, entities decoded."""
    import html
    import re

    out = MarkdownIt("commonmark").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


@pytest.mark.parametrize("escape", [markdown_escape, md])
def test_a_reader_shows_the_text_as_typed(escape: object) -> None:
    assert rendered_text(escape(TRICKY)) == TRICKY  # type: ignore[operator]


def test_the_journal_export_escapes_ampersands(store: Store,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    journal = JournalService.open(store)
    try:
        journal.save_entry(JournalEntry(id="e-1", schema_id="quick", schema_version=1, created=NOW,
                                        updated=NOW,
                                        answers={"title": "A & B", "what": TRICKY}))
    finally:
        journal.close()
    assert main(["journal", "export", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "Tom \\&amp; Jerry \\&lt;b\\&gt;" in out
    assert TRICKY in rendered_text(out)
