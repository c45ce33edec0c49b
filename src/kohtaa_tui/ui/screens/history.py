"""Past results of a bank: each step's score over time as a sparkline, and a table of results."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kohtaa_tui import i18n
from kohtaa_tui.domain.assessment import AssessmentResult, previous_result
from kohtaa_tui.domain.charts import sparkline
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.domain.steps import STEPS
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.banks import BankCatalogue, load_banks
from kohtaa_tui.storage.results import results_by_bank
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.text import literal, rich_literal, safe_notice, template
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar

SPARK_WIDTH = 40


class HistoryScreen(Relabels, Screen[None]):
    """Results of one bank at a time; `b` moves to the next bank that has results."""

    CSS_PATH = Path(__file__).with_name("history.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "next_bank", N_("Next bank"), id="history-next-bank"),
        Binding("enter", "open_result", N_("Open"), id="history-open", priority=True),
        Binding("escape", "back", N_("Back"), id="history-back"),
    ]

    def __init__(self, workspace: Workspace, bank_id: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.bank_id = bank_id
        self.grouped: dict[str, list[AssessmentResult]] = {}
        self.catalogue: BankCatalogue | None = None
        self.loaded = False

    def compose(self) -> ComposeResult:
        """The bank line, the chart, the table."""
        yield TitleBar()
        yield Static(literal(_("Loading results…")), id="history-bank")
        yield Static(id="chart")
        table: DataTable[object] = DataTable(id="history-table", cursor_type="row",
                                             zebra_stripes=True)
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        """Load the results in the background (there may be thousands)."""
        self.load()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the same bank."""
        if self.loaded:
            self.show_bank()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read every result and the banks, off the UI thread."""
        store = self.workspace.store
        grouped, problems = results_by_bank(store)
        catalogue = load_banks(store)
        self.app.call_from_thread(self.loaded_results, grouped, catalogue, problems)

    def loaded_results(self, grouped: dict[str, list[AssessmentResult]],
                       catalogue: BankCatalogue, problems: list[Problem]) -> None:
        """Show what was loaded."""
        self.grouped = grouped
        self.catalogue = catalogue
        self.loaded = True
        for problem in problems[:3]:
            self.notify(safe_notice(str(problem)), severity="warning", markup=False)
        if self.bank_id not in grouped:
            latest = max((r for rs in grouped.values() for r in rs),
                         key=lambda r: (r.completed, r.id), default=None)
            self.bank_id = latest.bank_id if latest else None
        self.show_bank()
        self.refresh_bindings()

    def _bank_title(self, bank_id: str) -> str:
        return (self.catalogue.title(bank_id, self.workspace.lang) if self.catalogue
                else bank_id)

    def show_bank(self) -> None:
        """Draw the chart and the table of the current bank."""
        ws = self.workspace
        lang = ws.lang
        table: DataTable[object] = self.query_one("#history-table", DataTable)
        table.clear(columns=True)
        header = self.query_one("#history-bank", Static)
        chart = self.query_one("#chart", Static)
        if self.bank_id is None:
            header.update(literal(_("No results yet. Press a on the first screen to take an "
                                    "assessment.")))
            chart.update("")
            return
        results = self.grouped.get(self.bank_id, [])
        count = len(results)
        position = sorted(self.grouped).index(self.bank_id) + 1
        header.update(template(
            "[b]$title[/b]  $count$more",
            title=self._bank_title(self.bank_id),
            count=i18n.ngettext("{n} result", "{n} results", count).format(n=count),
            more=(" · " + _("bank {n} of {total}").format(n=position, total=len(self.grouped))
                  if len(self.grouped) > 1 else "")))
        self._draw_chart()
        tz = ws.clock.local_tz()
        rows = [(result.id, [rich_literal(i18n.moment(result.completed, tz, lang)),
                             *(rich_literal(i18n.number(result.scores[s.id], 1, lang)
                                            if s.id in result.scores else "–")
                               for s in STEPS)])
                for result in reversed(results)]
        # Widths given, not left to the table to measure later: the columns are whole from
        # the first frame drawn, however busy the machine.
        labels = [rich_literal(_("Completed")), *(rich_literal(str(s.number)) for s in STEPS)]
        keys = ["completed", *(s.id for s in STEPS)]
        for column, (label, key) in enumerate(zip(labels, keys, strict=True)):
            width = max([label.cell_len] + [cells[column].cell_len for _id, cells in rows])
            table.add_column(label, key=key, width=width)
        for result_id, cells in rows:
            table.add_row(*cells, key=result_id)
        table.focus()

    def _draw_chart(self) -> None:
        """The chart of the current bank's steps, fitted to the screen's width."""
        if self.bank_id is None:
            return
        lang = self.workspace.lang
        results = self.grouped.get(self.bank_id, [])
        if not results:
            return
        latest = results[-1]
        low, high = latest.scale_min, latest.scale_max
        lines: list[str] = []
        # The sparkline gives up columns where the screen is narrow: score and change stay.
        # (and is no wider than the results it shows).
        spark = max(8, min(SPARK_WIDTH, self.app.size.width - 3 - 28, len(results)))
        for step in STEPS:
            values = [r.scores.get(step.id) for r in results]
            if all(v is None for v in values):
                continue
            name = f"{step.number} {step.short.get(lang)}"
            known = [v for v in values if v is not None]
            change = (i18n.signed(known[-1] - known[-2], 1, lang) if len(known) > 1 else "")
            lines.append(f"{name:<16} {sparkline(values, low, high, spark):<{spark}}"
                         f" {i18n.number(known[-1], 1, lang):>4} {change:>5}".rstrip())
        span = _("oldest → newest; ▁ = {low}, █ = {high}").format(low=low, high=high)
        self.query_one("#chart", Static).update(literal("\n".join(lines) + f"\n{'':<16} {span}"))

    # -- actions -------------------------------------------------------------------------------
    def on_resize(self) -> None:
        """The chart fits the new width (the table fits itself: its rows stay as they are)."""
        if self.grouped:
            self._draw_chart()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`b` only when there is another bank; Enter only when there is a result."""
        if action == "next_bank":
            return len(self.grouped) > 1
        if action == "open_result":
            return True if self.bank_id is not None else None
        return True

    def action_next_bank(self) -> None:
        """Show the next bank that has results."""
        if len(self.grouped) < 2 or self.bank_id is None:
            return
        ids = sorted(self.grouped)
        self.bank_id = ids[(ids.index(self.bank_id) + 1) % len(ids)]
        self.show_bank()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens that result."""
        event.stop()
        self.open_result(str(event.row_key.value))

    def action_open_result(self) -> None:
        """Open the result under the cursor."""
        table: DataTable[object] = self.query_one("#history-table", DataTable)
        if table.row_count == 0:
            return
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.open_result(str(row_key.value))

    def open_result(self, result_id: str) -> None:
        """Push the result screen for one result, with the change against the one before."""
        from kohtaa_tui.ui.screens.assessment_result import AssessmentResultScreen

        if self.bank_id is None:
            return
        results = self.grouped.get(self.bank_id, [])
        result = next((r for r in results if r.id == result_id), None)
        if result is None:
            return
        entry = (self.catalogue.get(result.bank_id, result.bank_version, result.bank_hash)
                 if self.catalogue else None)
        self.app.push_screen(AssessmentResultScreen(self.workspace, result, entry,
                                                    previous_result(results, result),
                                                    history_below=True))

    def action_back(self) -> None:
        """Back to where we came from."""
        self.app.pop_screen()
