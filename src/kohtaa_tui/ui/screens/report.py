"""The development-discussion report: choose the period, preview it, save it as md, html or json."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Select, Static
from textual.worker import get_current_worker

from kohtaa_tui import i18n
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.report import Report, parse_day, preset_period
from kohtaa_tui.i18n import N_, _, ngettext
from kohtaa_tui.services.report import FORMATS, gather_report, render, render_text
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.atomic import write_atomic
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.results import results_by_bank
from kohtaa_tui.ui.input_order import after_earlier_input
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.modals.confirm import ConfirmModal
from kohtaa_tui.ui.text import literal, literal_line, safe_notice
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar
from kohtaa_tui.ui.widgets.tick import Tick


def default_name(today: date, fmt: str) -> str:
    """The file name offered for a report saved today: kohtaa-report-2026-11-22.md."""
    return f"kohtaa-report-{today.isoformat()}.{fmt}"


class ReportScreen(Relabels, Screen[None]):
    """A summary of a period to bring to a development discussion."""

    CSS_PATH = Path(__file__).with_name("report.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="report-save", priority=True),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._bank_choice = "core"
        """The bank to offer chosen once the banks are read."""
        self.today = local_date(workspace.clock.now(), workspace.clock.local_tz())
        self.report: Report | None = None
        """The report on screen, once loaded."""
        self.preview_text = ""
        """The preview as plain text (what the person reads on screen)."""
        self.loading = False
        self._asked: tuple[date, date, str, bool] | None = None
        """The report last asked for (the same choices again do not build it twice)."""
        self.saved_to: Path | None = None
        """Where the last save went."""

    def compose(self) -> ComposeResult:
        """Period, privacy, where to save; the preview below."""
        lang = self.workspace.lang
        yield TitleBar()
        # Three lines of two parts each; below 80 columns each part takes a line of its own
        # (the screen's -narrow class), so that no field is cut off at the right.
        with Horizontal(id="report-period-line", classes="line"):
            with Horizontal(id="report-period", classes="row"):
                yield Static(literal(_("Period")), classes="label")
                yield Select([(literal(_("Last 3 months")), "3m"),
                              (literal(_("Last 6 months")), "6m"),
                              (literal(_("This year")), "year"),
                              (literal(_("Custom dates")), "custom")],
                             value="3m", allow_blank=False, compact=True, id="period")
            with Horizontal(id="report-dates", classes="row"):
                since, until = preset_period("3m", self.today)
                yield Static(literal(_("from")), classes="label gap")
                yield Input(i18n.day(since, lang), compact=True, id="since", disabled=True,
                            max_length=12)
                yield Static(literal(_("to")), classes="label gap")
                yield Input(i18n.day(until, lang), compact=True, id="until", disabled=True,
                            max_length=12)
        with Horizontal(id="report-privacy-line", classes="line"):
            with Horizontal(id="report-private", classes="row"):
                yield Tick(literal(_("Include private reflections")), value=False,
                           compact=True, id="private")
            with Horizontal(id="report-privacy", classes="row"):
                yield Static(literal(_("Scores of")), classes="label gap")
                yield Static(literal("…"), id="bank-wait")
        with Horizontal(id="report-save-line", classes="line"):
            with Horizontal(id="report-format", classes="row"):
                yield Static(literal(_("Format")), classes="label")
                yield Select([(literal("Markdown (.md)"), "md"),
                              (literal("HTML (.html)"), "html"),
                              (literal("JSON (.json)"), "json")],
                             value="md", allow_blank=False, compact=True, id="format")
            with Horizontal(id="report-save-row", classes="row"):
                yield Static(literal(_("file")), classes="label gap")
                # ~ for the home folder: the file name fits beside it at 80 columns.
                yield Input(str(Path("~") / default_name(self.today, "md")), compact=True,
                            id="path")
                yield Button(literal(_("Save")), compact=True, id="save")
        yield Static(literal(_("Loading the report…")), id="report-status")
        with VerticalScroll(id="report-preview-box"):
            yield Static(id="report-preview")
        yield KeyBar()

    def on_resize(self) -> None:
        """Below 80 columns each part of a line takes a line of its own."""
        self.set_class(self.app.size.width < 80, "-narrow")

    def on_mount(self) -> None:
        """Titles, focus on the period, the first load."""
        self.query_one("#report-preview-box").border_title = _("Preview")
        self.query_one("#period", Select).focus()
        self.reload()
        self.load_banks()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the same period, bank and choices, the preview again."""
        self.query_one("#report-preview-box").border_title = _("Preview")
        bank = kept.values.get("bank")
        self._bank_choice = bank if isinstance(bank, str) else "core"
        self.reload()
        self.load_banks()

    @work(thread=True, group="report-banks", exit_on_error=False)
    def load_banks(self) -> None:
        """The banks to compare scores of: core first, then each bank that has results."""
        store = self.workspace.store
        try:
            ids = set(results_by_bank(store)[0])
            catalogue = load_banks(store)
        except (StorageError, OSError):
            return
        lang = self.workspace.lang
        titles = {bank_id: catalogue.title(bank_id, lang) for bank_id in ids | {"core"}}
        order = sorted(titles, key=lambda i: (i != "core", titles[i].casefold(), i))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_banks, [(titles[i], i) for i in order])

    def show_banks(self, banks: list[tuple[str, str]]) -> None:
        """Offer the banks (their titles shown literally)."""
        if not self.is_attached or self.query("#bank"):
            return
        self.query_one("#bank-wait").remove()
        self.query_one("#report-privacy").mount(Select(
            [(literal_line(title, 40), bank_id) for title, bank_id in banks],
            value=self._bank_choice if any(self._bank_choice == i for _t, i in banks)
            else "core",
            allow_blank=False, compact=True, id="bank"))

    # -- the period and privacy --------------------------------------------------------------
    def _preset(self) -> str:
        value = self.query_one("#period", Select).value
        return value if isinstance(value, str) else "3m"

    def _period(self) -> tuple[date, date] | str:
        """The chosen (since, until), or a message saying what is wrong with the dates."""
        preset = self._preset()
        if preset != "custom":
            return preset_period(preset, self.today)
        since = parse_day(self.query_one("#since", Input).value)
        until = parse_day(self.query_one("#until", Input).value)
        if since is None or until is None:
            return _("Type the dates as {example} or 2026-11-22.").format(
                example=i18n.day(self.today, "fi"))
        if since > until:
            return _("The first day is after the last day.")
        return since, until

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new period fills in its dates; a new format changes the file's extension."""
        event.stop()
        if event.select.id == "format":
            self._change_extension(str(event.value))
            return
        if event.select.id == "bank":
            self.reload()
            return
        preset = self._preset()
        custom = preset == "custom"
        since_input = self.query_one("#since", Input)
        until_input = self.query_one("#until", Input)
        since_input.disabled = until_input.disabled = not custom
        if not custom:
            since, until = preset_period(preset, self.today)
            with since_input.prevent(Input.Changed), until_input.prevent(Input.Changed):
                since_input.value = i18n.day(since, self.workspace.lang)
                until_input.value = i18n.day(until, self.workspace.lang)
        self.reload()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typed dates count once both are dates."""
        if event.input.id in ("since", "until") and self._preset() == "custom":
            event.stop()
            self.reload()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """Private reflections in or out."""
        event.stop()
        self.reload()

    def _change_extension(self, fmt: str) -> None:
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value.strip())
        if path.suffix.lstrip(".") in FORMATS:
            path_input.value = str(path.with_suffix(f".{fmt}"))

    def include_private(self) -> bool:
        """Whether private reflections go into the report."""
        return self.query_one("#private", Checkbox).value

    def reload(self) -> None:
        """Build the report again for the chosen period."""
        period = self._period()
        if isinstance(period, str):
            self.query_one("#report-status", Static).update(literal(period))
            return
        asked = (period[0], period[1], self._bank(), self.include_private())
        if asked == self._asked:
            return  # e.g. the bank list appearing with core chosen: nothing changed
        self._asked = asked
        self.loading = True
        self.load(*asked)

    def _bank(self) -> str:
        found = self.query("#bank")
        value = found.first(Select).value if found else "core"
        return value if isinstance(value, str) else "core"

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def load(self, since: date, until: date, bank_id: str, include_private: bool) -> None:
        """Gather and render the report off the UI thread."""
        try:
            report = gather_report(self.workspace, since, until, bank_id, include_private)
        except (StorageError, OSError) as error:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.failed, str(error))
            return
        text = render_text(report, self.workspace.lang)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, report, text)

    def failed(self, message: str) -> None:
        """The data could not be read: say so in one line and keep what was shown."""
        if not self.is_attached:
            return
        self.loading = False
        self._asked = None  # the same choices may be tried again
        self.query_one("#report-status", Static).update(literal(
            _("The report could not be made: {error}").format(error=message)))

    def show(self, report: Report, text: str) -> None:
        """Draw the preview and say whether private reflections are in it."""
        if not self.is_attached:
            return
        self.report = report
        self.preview_text = text
        self.loading = False
        self.query_one("#report-preview", Static).update(literal(text))
        if report.include_private:
            status = _("Private reflections are included: read the report before you share "
                       "it.")
        elif report.private_left_out:
            status = ngettext("Private reflections are left out ({n} in this period).",
                              "Private reflections are left out ({n} in this period).",
                              report.private_left_out).format(n=report.private_left_out)
        else:
            status = _("Private reflections are left out (none in this period).")
        self.query_one("#report-status", Static).update(literal(status))

    # -- saving --------------------------------------------------------------------------------
    def _format(self) -> str:
        value = self.query_one("#format", Select).value
        return value if isinstance(value, str) else "md"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The Save button."""
        event.stop()
        self.action_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the file name saves."""
        if event.input.id == "path":
            event.stop()
            self.action_save()

    @after_earlier_input
    def action_save(self) -> None:
        """Save the report as shown to the typed path; ask before replacing a file."""
        report = self.report
        if report is None or self.loading:
            self.notify(_("The report is still being prepared; try again in a moment."),
                        severity="warning", markup=False)
            return
        fmt = self._format()
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self.notify(_("Type the file to save the report to."), severity="error",
                        markup=False)
            return
        target = Path(typed).expanduser()
        if target.is_dir():
            target = target / default_name(self.today, fmt)
        text = render(report, fmt, self.workspace.lang)
        if not target.exists():
            self._write(target, text)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._write(target, text)
            else:
                self.notify(_("Not saved; the file is as it was."), markup=False)

        self.app.push_screen(ConfirmModal(
            _("{path} already exists. Replace it with this report?").format(path=target),
            _("Replace"), _("Keep the old file")), answered)

    def _write(self, target: Path, text: str) -> None:
        try:
            write_atomic(target, text.encode("utf-8"))
        except StorageError as error:
            self.notify(safe_notice(str(error)), severity="error", markup=False)
            return
        self.saved_to = target
        self.notify(safe_notice(_("Saved to {path}").format(path=target)), markup=False)
