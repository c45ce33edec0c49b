"""Readable at 80x24, usable at 60x20: nothing cut without an ellipsis, filters show what
they are set to."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable, Select

from kohtaa_tui.domain.catalogues import MISTAKES
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.services.demo import populate
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.screens.journal_list import JournalListScreen
from tests.snapshots.conftest import settle


@pytest.fixture
def demo(workspace: Workspace, clock: FixedClock) -> Workspace:
    populate(workspace.store, clock, "en")
    return workspace


def journal(ws: Workspace) -> JournalListScreen:
    return JournalListScreen(ws)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_journal_titles_fit_or_end_in_an_ellipsis(demo: Workspace,
                                                        size: tuple[int, int]) -> None:
    app = KohtaaApp(demo, start=journal)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table: DataTable[Any] = app.screen.query_one(DataTable)
        assert table.row_count > 5
        widths = {column.key.value: column.width for column in table.columns.values()}
        assert sum(widths.values()) + 2 * len(widths) <= size[0] - 3  # no column off-screen
        cut = 0
        for row in range(table.row_count):
            title = str(table.get_cell_at((row, list(widths).index("title"))))
            assert len(title) <= widths["title"], title
            cut += title.endswith("…")
        assert cut  # the demo has titles longer than the column


async def test_the_columns_follow_a_resize(demo: Workspace) -> None:
    app = KohtaaApp(demo, start=journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table: DataTable[Any] = app.screen.query_one(DataTable)
        assert "type" in [c.key.value for c in table.columns.values()]
        table.move_cursor(row=3)
        rows = table.row_count
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert "type" not in [c.key.value for c in table.columns.values()]
        assert table.row_count == rows and table.cursor_row == 3


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_a_set_filter_shows_its_whole_choice(demo: Workspace,
                                                   size: tuple[int, int]) -> None:
    app = KohtaaApp(demo, start=journal)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        select: Select[str] = app.screen.query_one("#filter-mistake", Select)
        longest = max(MISTAKES, key=lambda m: len(m.label.get("en")))
        select.value = longest.id
        await settle(pilot)
        label = select.query_one("SelectCurrent #label")
        shown = longest.label.get("en")
        assert label.content_size.width >= len(shown), (label.content_size, shown)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_every_field_of_the_report_is_on_screen(demo: Workspace,
                                                      size: tuple[int, int]) -> None:
    from textual.widgets import Input

    app = KohtaaApp(demo)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        for ident in ("#period", "#since", "#until", "#private", "#bank", "#format", "#path",
                      "#save"):
            region = app.screen.query_one(ident).region
            assert region.width > 0 and region.right <= size[0], (ident, region)
        path = app.screen.query_one("#path", Input)
        assert len(path.value) <= path.content_size.width, path.value  # the whole name shows
