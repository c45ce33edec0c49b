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


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_goals_table_fits_with_its_due_dates(demo: Workspace,
                                                      size: tuple[int, int]) -> None:
    app = KohtaaApp(demo)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")  # every goal, the longest titles and due texts
        await settle(pilot)
        table: DataTable[Any] = app.screen.query_one("#goals-table", DataTable)
        assert table.row_count >= 5
        total = sum(c.get_render_width(table) for c in table.columns.values())
        assert total <= table.content_size.width, (total, table.content_size)
        for row in range(table.row_count):
            title = str(table.get_cell_at((row, 0)))
            assert len(title) <= table.ordered_columns[0].width
            due = str(table.get_cell_at((row, 2))).split()
            assert not due or due[-1].count("-") == 2  # a whole date


async def test_the_new_goal_dialog_fits_60_columns(demo: Workspace) -> None:
    app = KohtaaApp(demo)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        box = app.screen.query_one("#goal-box")
        assert box.region.x >= 0 and box.region.right <= 60 and box.region.bottom <= 19
        for widget in box.query("Input, Select"):
            assert widget.region.right <= box.region.right, widget


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_template_descriptions_fit_two_lines_with_the_ellipsis_inline(
        workspace: Workspace, lang: str, size: tuple[int, int]) -> None:
    from textual.widgets import OptionList

    from kohtaa_tui.ui.screens.journal_picker import start_journal_entry

    app = KohtaaApp(workspace.with_lang(lang), start=start_journal_entry(None))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        width = options.content_size.width
        for index in range(options.option_count):
            lines = str(options.get_option_at_index(index).prompt).split("\n")
            description = lines[1:-1]
            assert 1 <= len(description) <= 2
            for line in description:
                assert line.startswith("  ") and len(line) <= width, (line, width)
                assert line.strip() != "…" and len(line.strip()) > 3


async def test_the_title_bar_keeps_what_is_open_when_both_titles_do_not_fit(
        demo: Workspace) -> None:
    from kohtaa_tui.ui.widgets.bars import TitleBar

    app = KohtaaApp(demo, start=journal)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        app.title = "kohtaa · a long title that takes the room"
        await pilot.press("enter")
        await settle(pilot)
        sub_title = app.screen.sub_title
        assert sub_title
        shown = app.screen.query_one(TitleBar).render().plain.strip()
        assert shown.lstrip("⭘ ").startswith(sub_title[:20]) and "kohtaa" not in shown, shown
        await pilot.resize_terminal(120, 20)
        await pilot.pause()
        shown = app.screen.query_one(TitleBar).render().plain.strip()
        assert "a long title" in shown and sub_title in shown


async def test_an_open_dropdown_names_its_escape_in_finnish(workspace: Workspace) -> None:
    from kohtaa_tui.ui.widgets.bars import KeyBar

    app = KohtaaApp(workspace.with_lang("fi"), start=journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#filter-step", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        line = app.screen.query_one(KeyBar).render().plain
        assert "Sulje valikko" in line and "Dismiss" not in line, line
