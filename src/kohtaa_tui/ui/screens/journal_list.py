"""The journal: reflections newest first, a search that filters as you type, and filters.

Rows are added a page at a time (more when the cursor nears the end), so ten thousand
entries never mean ten thousand rows on screen. Loading and searching run off the UI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Checkbox, DataTable, Input, Select, Static
from textual.worker import get_current_worker

from kohtaa_tui import i18n
from kohtaa_tui.domain.catalogues import MISTAKES
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.steps import STEPS
from kohtaa_tui.i18n import N_, _, ngettext
from kohtaa_tui.services import journal_data as data
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import ConflictError, StorageError
from kohtaa_tui.storage.index import EntrySummary
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.text import literal, literal_line, rich_literal, safe_notice
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar
from kohtaa_tui.ui.widgets.tick import Tick

SEARCH_DELAY = 0.25
"""Seconds after the last key before the search runs."""

MORE_AT = 20
"""Load the next page when the cursor is this close to the last row."""


def step_cells(steps: Mapping[str, int]) -> str:
    """The five step ratings in step order, · for a step not rated: `4 3 · 5 2`."""
    return " ".join(str(steps[step.id]) if step.id in steps else "·" for step in STEPS)


def PERIODS() -> list[tuple[str, str]]:
    """The written-since choices: (label, key)."""
    return [(_("Last 7 days"), "7"), (_("Last 30 days"), "30"), (_("Last 3 months"), "91"),
            (_("This year"), "year")]


def period_start(key: str | None, today: date) -> date | None:
    """The first day of a period choice (None: any time)."""
    if key is None:
        return None
    if key == "year":
        return date(today.year, 1, 1)
    return today - timedelta(days=int(key) - 1)


class JournalListScreen(Relabels, Screen[None]):
    """Every reflection; Enter opens one, / searches, n writes a new one."""

    CSS_PATH = Path(__file__).with_name("journal_list.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", N_("Search"), id="journal-list-search"),
        Binding("n", "app.new_entry", N_("Reflect"), id="journal-list-new"),
        Binding("s", "star", N_("Star"), id="journal-list-star"),
        Binding("p", "private", N_("Private"), id="journal-list-private"),
        Binding("escape", "back", N_("Back"), id="journal-list-back"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.catalogue = data.schema_catalogue(workspace)
        self.source: data.JournalSource | None = None
        self.wanted = data.JournalFilter()
        self.rows: dict[str, EntrySummary] = {}
        self.total = 0
        self.more = False
        """More than `total` match (the count stopped there: JournalSource.query)."""
        self._timer: Timer | None = None
        self._loading_more = False
        self._shown_widths: tuple[int, int] | None = None
        """The type and title columns' widths as the table has them."""

    def compose(self) -> ComposeResult:
        """Search, filters, count, table."""
        lang = self.workspace.lang
        yield TitleBar()
        with Horizontal(id="journal-search-row"):
            yield Input(placeholder=_("Search all text…"), id="journal-search", compact=True)
            yield Select([(literal(label), key) for label, key in PERIODS()],
                         prompt=_("Any time"), id="filter-period", compact=True)
        with Horizontal(id="journal-filters"):
            schemas = sorted((e.doc for e in self.catalogue.latest_all()),
                             key=lambda s: s.title.get(lang))
            yield Select([(literal_line(s.title.get(lang), 40), s.id) for s in schemas],
                         prompt=_("All types"), id="filter-type", compact=True)
            yield Select([(literal(f"{s.number} {s.short.get(lang)}"), s.id) for s in STEPS],
                         prompt=_("Any step"), id="filter-step", compact=True)
            yield Select([], prompt=_("Any tag"), id="filter-tag", compact=True)
            yield Select([(literal_line(m.label.get(lang), 40), m.id) for m in MISTAKES],
                         prompt=_("Any mistake"), id="filter-mistake", compact=True)
            yield Tick(literal(_("Starred")), id="filter-starred", compact=True)
        yield Static(literal(_("Loading reflections…")), id="journal-count")
        table: DataTable[Any] = DataTable(id="journal-table", cursor_type="row",
                                          zebra_stripes=True)
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        """Columns now, entries from a worker."""
        table = self._columns()
        table.focus()
        self.load()

    def _widths(self) -> tuple[int, int]:
        """The type and title columns' widths: the title takes what the table has left
        (the type gives way below 70 columns)."""
        rest = self.app.size.width - 3 - (10 + 9 + 6) - 2 * 5  # margins, scroll bar, padding
        if rest >= 13 + 20:
            return 13, rest - 13
        return 0, max(12, rest + 2)

    def _columns(self) -> DataTable[Any]:
        table: DataTable[Any] = self.query_one(DataTable)
        self._shown_widths = type_width, title_width = self._widths()
        table.add_column(_("Date"), width=10, key="date")
        if type_width:
            table.add_column(_("Type"), width=type_width, key="type")
        table.add_column(_("Title"), width=title_width, key="title")
        table.add_column(_("Steps 1-5"), width=9, key="steps")
        table.add_column(_("Marks"), width=6, key="marks")
        return table

    def on_resize(self) -> None:
        """The columns fit the new width; below 100 columns the filters take two lines, so
        that each shows what it is set to."""
        self.set_class(self.app.size.width < 100, "-narrow")
        if self._shown_widths is None or self._widths() == self._shown_widths:
            return
        table: DataTable[Any] = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        self._columns()
        rows = list(self.rows.values())
        self.rows = {}
        self._add_rows(rows)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def redraw(self, kept: Kept) -> None:
        """In the new language: the same rows, filters and selected row."""
        self._columns()
        if self.source is not None:
            self._tag_options(self.source, kept.values.get("filter-tag"))
        rows = list(self.rows.values())
        self.rows = {}
        self._add_rows(rows)
        if self.source is not None:
            self.show_count()

    def on_screen_resume(self) -> None:
        """Back from an entry: it may have been edited, starred or deleted."""
        if self.source is not None:
            self.load()

    def on_unmount(self) -> None:
        """Close the index."""
        if self.source is not None:
            self.source.close()

    # -- loading ------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="journal-load", exit_on_error=False)
    def load(self) -> None:
        """Bring the index up to date off the UI thread, then show the first page."""
        source = self.source
        try:
            if source is None:
                source = data.JournalSource.load(self.workspace, self.catalogue,
                                                 self._progress)
            else:
                source.refresh()
        except Exception as error:  # one line instead of an empty list, never a traceback
            self.app.call_from_thread(self._failed, str(error) or type(error).__name__)
            return
        self.app.call_from_thread(self.loaded, source)

    def _failed(self, message: str) -> None:
        if self.is_attached:
            self.query_one("#journal-count", Static).update(literal(one_line(
                _("The reflections could not be read: {error}").format(error=message), 200)))

    def _progress(self, done: int, total: int) -> None:
        """Called from the worker while the search index is built (the first time)."""
        self.app.call_from_thread(self._building, done, total)

    def _building(self, done: int, total: int) -> None:
        if self.source is None and self.is_attached:
            self.query_one("#journal-count", Static).update(literal(
                _("Building the search index… {done} of {total}").format(done=done,
                                                                          total=total)))

    def loaded(self, source: data.JournalSource) -> None:
        """Keep the source, fill the tag filter, run the query."""
        first = self.source is None
        self.source = source
        if first:
            for problem in source.problems[:3]:
                self.notify(safe_notice(str(problem)), severity="warning", markup=False)
        self._tag_options(source, self.query_one("#filter-tag", Select).value)
        self.refilter(keep_cursor=True)

    def _tag_options(self, source: data.JournalSource, current: object) -> None:
        """Offer the tags in use; keep `current` chosen if it still is one."""
        tags: Select[str] = self.query_one("#filter-tag", Select)
        tag_list = source.tags()
        tags.set_options([(literal_line(tag, 30), tag) for tag in tag_list])
        if isinstance(current, str) and current in tag_list:
            tags.value = current

    @work(thread=True, exclusive=True, group="journal-query", exit_on_error=False)
    def run_query(self, wanted: data.JournalFilter, offset: int, keep_cursor: bool) -> None:
        """Filter off the UI thread (search may go through every entry's text)."""
        source = self.source
        if source is None:
            return
        rows, total, more = source.query(wanted, offset, data.PAGE_SIZE)
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self.show_page, wanted, rows, total, offset, keep_cursor,
                                  more)

    def refilter(self, keep_cursor: bool = False) -> None:
        """Run the current filters from the first row."""
        self.run_query(self.wanted, 0, keep_cursor)

    def show_page(self, wanted: data.JournalFilter, rows: list[EntrySummary],
                  total: int, offset: int, keep_cursor: bool, more: bool = False) -> None:
        """Put a page of rows in the table (the first page replaces what was there); `more`:
        more than `total` match."""
        if wanted != self.wanted:
            return  # the filters changed while this page was being found
        table: DataTable[Any] = self.query_one(DataTable)
        cursor = table.cursor_row
        if offset == 0:
            table.clear()
            self.rows = {}
        self._add_rows(rows)
        self.total = total
        self.more = more
        self._loading_more = False
        if offset == 0 and keep_cursor and table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self.show_count()

    def _add_rows(self, rows: list[EntrySummary]) -> None:
        table: DataTable[Any] = self.query_one(DataTable)
        tz = self.workspace.clock.local_tz()
        lang = self.workspace.lang
        for row in rows:
            if row.id in self.rows:
                continue
            self.rows[row.id] = row
            marks = ("★" if row.starred else " ") + (" P" if row.private else "")
            type_width, title_width = self._shown_widths or self._widths()
            kind = ([rich_literal(one_line(self.catalogue.title(row.schema_id, lang),
                                           type_width))] if type_width else [])
            table.add_row(
                i18n.day(row.created.astimezone(tz).date()),
                *kind,
                rich_literal(one_line(row.title, title_width)),
                Text(step_cells(row.ratings)),
                Text(marks),
                key=row.id,
            )

    def show_count(self) -> None:
        """How many match, and how many are shown."""
        shown = len(self.rows)
        if self.total == 0:
            text = (_("No reflections match.") if self.wanted != data.JournalFilter()
                    else _("No reflections yet. Press n to write one."))
        elif self.more:
            text = ngettext(
                "{shown} of more than {total} reflection shown; more load as you scroll.",
                "{shown} of more than {total} reflections shown; more load as you scroll.",
                self.total).format(shown=shown, total=self.total)
        elif shown < self.total:
            text = _("{shown} of {total} reflections shown; more load as you scroll.").format(
                shown=shown, total=self.total)
        else:
            text = ngettext("{n} reflection", "{n} reflections", self.total).format(
                n=self.total)
        self.query_one("#journal-count", Static).update(literal(text))
        self.refresh_bindings()  # star and private need a row

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Near the end of the rows: fetch the next page."""
        table = event.data_table
        if (not self._loading_more and (len(self.rows) < self.total or self.more)
                and event.cursor_row >= table.row_count - MORE_AT):
            self._loading_more = True
            self.run_query(self.wanted, len(self.rows), False)

    # -- filters ------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing in the search box: search a moment after the last key."""
        if event.input.id != "journal-search":
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self.apply_filters)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box: search now and go to the rows."""
        if self._timer is not None:
            self._timer.stop()
        self.apply_filters()
        self.query_one(DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """A filter changed."""
        self.apply_filters()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """Starred only, or not."""
        self.apply_filters()

    def apply_filters(self) -> None:
        """Read the search box and filters and run the query."""
        self._timer = None

        def chosen(selector: str) -> str | None:
            value = self.query_one(selector, Select).value
            return value if isinstance(value, str) else None

        wanted = data.JournalFilter(
            search=self.query_one("#journal-search", Input).value,
            schema_id=chosen("#filter-type"), step=chosen("#filter-step"),
            tag=chosen("#filter-tag"), mistake=chosen("#filter-mistake"),
            starred=self.query_one("#filter-starred", Checkbox).value,
            since=period_start(chosen("#filter-period"),
                               local_date(self.workspace.clock.now(),
                                          self.workspace.clock.local_tz())))
        if wanted != self.wanted:
            self.wanted = wanted
            self.refilter()

    # -- actions ------------------------------------------------------------------------------
    def action_search(self) -> None:
        """Go to the search box, at once: the letters typed right after `/` are the
        search (`input_order.hand_on_late_character`), never the list's keys."""
        self.set_focus(self.query_one("#journal-search", Input))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens the entry."""
        event.stop()
        key = event.row_key.value
        row = self.rows.get(key) if key is not None else None
        if row is not None:
            self.open(row)

    def highlighted_row(self) -> EntrySummary | None:
        """The entry under the table's cursor."""
        table: DataTable[Any] = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key) if key is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Star and private act on the highlighted row: shown dimmed while there is none."""
        if action in ("star", "private"):
            return self.highlighted_row() is not None or None
        return True

    def action_star(self) -> None:
        """Star or unstar the highlighted entry."""
        self._toggle("starred")

    def action_private(self) -> None:
        """Mark the highlighted entry private (left out of reports), or not."""
        self._toggle("private")

    def _toggle(self, flag: str) -> None:
        row = self.highlighted_row()
        if row is None:
            return
        loaded, problems = data.load_entry(row.path)
        if loaded is None:
            message = str(problems[0]) if problems else _("The reflection could not be read.")
            self.notify(safe_notice(message), severity="error", markup=False)
            return
        entry = loaded.value
        on = not (entry.starred if flag == "starred" else entry.private)
        try:
            changed = (replace(entry, starred=on) if flag == "starred"
                       else replace(entry, private=on))
            data.save_entry(self.workspace, changed, loaded)
        except (ConflictError, StorageError) as error:
            self.notify(safe_notice(str(error)), severity="error", markup=False, timeout=10)
            return
        if flag == "starred":
            done = _("Starred.") if on else _("Star removed.")
        else:
            done = _("Marked private: left out of reports.") if on else _("No longer private.")
        self.notify(safe_notice(f"{one_line(row.title, 50)}: {done}"), markup=False)
        self.load()  # the row's marks, and the Starred filter, from the index again

    def open(self, row: EntrySummary) -> None:
        """Show one entry."""
        from kohtaa_tui.ui.screens.journal_entry import EntryViewScreen

        loaded, problems = data.load_entry(row.path)
        if loaded is None:
            message = str(problems[0]) if problems else _("The reflection could not be read.")
            self.notify(safe_notice(message), severity="error", markup=False)
            return
        self.app.push_screen(EntryViewScreen(self.workspace, loaded, self.catalogue))

    def action_back(self) -> None:
        """From the search box to the rows; from the rows back to where we came from."""
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)
