"""Choose what kind of encounter to reflect on: the journal schemas, most used first."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from kohtaa_tui import i18n
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.journal import JournalSchema
from kohtaa_tui.domain.journal_draft import JournalDraft
from kohtaa_tui.i18n import N_, _, ngettext
from kohtaa_tui.services import journal_data as data
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.modals.journal_draft import DraftChoice, JournalDraftModal
from kohtaa_tui.ui.text import literal, safe_notice, template
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar


class SchemaPickerScreen(Relabels, Screen[None]):
    """Lists the schemas; Enter or a number key opens the form of one."""

    CSS_PATH = Path(__file__).with_name("journal_picker.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_highlighted", N_("Write"), id="journal-picker-open",
                priority=True),
        Binding("1", "open_number(1)", N_("Choose"), key_display="1…9",
                id="journal-picker-number"),
        *(Binding(str(n), f"open_number({n})", show=False, id=f"journal-picker-number-{n}")
          for n in range(2, 10)),
        Binding("escape", "back", N_("Back"), id="journal-picker-back"),
    ]

    def __init__(self, workspace: Workspace, open_schema: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.open_schema = open_schema
        self.catalogue = data.schema_catalogue(workspace)
        self.schemas: list[JournalSchema] = [e.doc for e in self.catalogue.latest_all()]
        self.numbers = {schema.id: n for n, schema in enumerate(self.schemas, start=1)}
        """Each schema's number key, fixed by its id (the most used are listed first, but
        keep their numbers, in either language)."""
        self.drafted: set[str] = set()
        """The schemas with an unfinished reflection (a draft of a new entry) waiting."""

    def compose(self) -> ComposeResult:
        """A title and the list."""
        yield TitleBar()
        yield Static(literal(_("What kind of encounter do you want to reflect on?")),
                     classes="title")
        yield OptionList(*self._options(), id="schemas")
        yield KeyBar()

    def _options(self) -> list[Option]:
        return [Option(self._prompt(self.numbers[schema.id], schema), id=schema.id)
                for schema in self.schemas]

    def _prompt(self, number: int, schema: JournalSchema) -> Any:
        lang = self.workspace.lang
        count = len(schema.fields)
        size = ngettext("{n} question", "{n} questions", count).format(n=count)
        if schema.estimated_minutes:
            size += " · " + _("about {n} min").format(n=schema.estimated_minutes)
        if schema.id in self.drafted:
            size += " · " + _("an unfinished draft waits")
        key = f"{number} " if number <= 9 else "  "
        return template("[b]$key$title[/b]\n$description\n  $size", key=key,
                        title=one_line(schema.title.get(lang), 70),
                        description=self._description(schema.description.get(lang)),
                        size=size)

    def _description(self, text: str) -> str:
        """At most two lines, each indented, wrapped to the list's width; a longer text
        ends in an ellipsis at the end of the second line (never on a line of its own)."""
        width = max(20, self.app.size.width - 12)  # margins, border, scroll bar, indent
        lines = textwrap.wrap(one_line(text, 400), width)
        if len(lines) > 2:
            lines = [lines[0], one_line(lines[1] + " " + lines[2], width)]
            if not lines[1].endswith("…"):
                lines[1] = lines[1][: width - 1] + "…"
        return "\n".join("  " + line for line in lines) or "  "

    def on_resize(self) -> None:
        """The descriptions wrap to the new width."""
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = highlighted

    def on_mount(self) -> None:
        """Report unreadable schemas, order by use, open the one asked for."""
        for problem in self.catalogue.problems[:3]:
            self.notify(safe_notice(str(problem)), severity="warning", markup=False)
        self.query_one(OptionList).focus()
        if self.open_schema is not None:
            schema_id, self.open_schema = self.open_schema, None
            self.open(schema_id)
            return
        self.order_by_use()

    def redraw(self, kept: Kept) -> None:
        """In the new language (the list was composed again, in the same order)."""

    @work(thread=True, exclusive=True, group="journal-picker", exit_on_error=False)
    def order_by_use(self) -> None:
        """Count the entries of each schema and find the drafts off the UI thread, then
        reorder."""
        usage = data.schema_usage(self.workspace)
        drafted = {d.schema_id for d in data.drafts(self.workspace) if d.entry_id is None}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.reorder, usage, drafted)

    def reorder(self, usage: dict[str, int], drafted: set[str]) -> None:
        """Most used first (each keeps its number); each kind with a draft waiting says so."""
        self.drafted = drafted
        self.schemas = sorted(self.schemas,
                              key=lambda s: (-usage.get(s.id, 0), self.numbers[s.id]))
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = 0 if self.schemas else None

    def action_open_highlighted(self) -> None:
        """Open the highlighted schema."""
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.open(option.id)

    def action_open_number(self, number: int) -> None:
        """A number key opens that schema."""
        for schema_id, fixed in self.numbers.items():
            if fixed == number:
                self.open(schema_id)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a schema opens it."""
        event.stop()
        if event.option.id is not None:
            self.open(event.option.id)

    def open(self, schema_id: str) -> None:
        """Open the form of `schema_id`, first offering its unfinished draft."""
        from kohtaa_tui.ui.screens.journal_form import JournalFormScreen

        latest = self.catalogue.latest(schema_id)
        schema = latest.doc if latest is not None else None
        if schema is None:
            self.notify(safe_notice(_("No journal schema has the id {id}.").format(id=schema_id)),
                        severity="error", markup=False)
            return
        draft = data.draft_for(self.workspace, schema_id)
        if draft is None:
            self.app.switch_screen(JournalFormScreen(self.workspace, schema))
            return

        def fresh() -> None:
            self.app.switch_screen(JournalFormScreen(self.workspace, schema))

        offer_draft(self.app, self.workspace, draft, self.catalogue, replace=True,
                    on_discard=fresh)

    def action_back(self) -> None:
        """Back to where we came from."""
        self.dismiss(None)


def draft_first_line(draft: JournalDraft) -> str:
    """The draft's first written line (its title, mostly)."""
    for value in draft.answers.values():
        if isinstance(value, str) and value.strip():
            return one_line(value.strip().split("\n", 1)[0], 60)
    return ""


def open_draft(app: App[Any], ws: Workspace, draft: JournalDraft,
               catalogue: data.SchemaCatalogue, replace: bool = False) -> None:
    """Open the form with the draft's answers (of a new entry, or of the entry edited)."""
    from kohtaa_tui.ui.screens.journal_form import JournalFormScreen

    loaded = None
    if draft.entry_id is not None:
        loaded = data.find_entry(ws, draft.entry_id)
        if loaded is None:
            app.notify(_("The reflection this draft belongs to is gone; the draft is kept."),
                       severity="warning", markup=False)
            return
        schema = catalogue.find(loaded.value.schema_id, loaded.value.schema_version)
    else:
        schema = catalogue.find(draft.schema_id, draft.schema_version)
    if schema is None:
        app.notify(safe_notice(_("The journal schema {id} is not installed; the draft is "
                                 "kept.").format(id=draft.schema_id)),
                   severity="warning", markup=False)
        return
    form = JournalFormScreen(ws, schema, loaded, draft)
    if replace:
        app.switch_screen(form)
    else:
        app.push_screen(form)


def offer_draft(app: App[Any], ws: Workspace, draft: JournalDraft,
                catalogue: data.SchemaCatalogue, replace: bool = False,
                on_discard: Callable[[], None] | None = None) -> None:
    """Ask whether to continue an unfinished reflection; Later keeps it."""
    lang = ws.lang
    title = catalogue.title(draft.schema_id, lang)
    when = i18n.moment(draft.updated, ws.clock.local_tz())

    def chosen(choice: DraftChoice | None) -> None:
        if choice is DraftChoice.CONTINUE:
            open_draft(app, ws, draft, catalogue, replace)
            return
        if choice is DraftChoice.DISCARD:
            try:
                data.discard_draft(ws, draft)
            except StorageError as error:
                app.notify(safe_notice(str(error)), severity="error", markup=False)
                return
            app.notify(_("The draft was discarded."), markup=False)
            if on_discard is not None:
                on_discard()

    app.push_screen(JournalDraftModal(title, draft_first_line(draft), when), chosen)


def offer_newest_draft(app: App[Any], ws: Workspace) -> None:
    """At start: offer the newest unfinished reflection, if there is one."""
    found = data.drafts(ws)
    if found:
        offer_draft(app, ws, found[0], data.schema_catalogue(ws))


def start_journal_entry(schema_id: str | None) -> Callable[[Workspace], Screen[Any]]:
    """The start screen for writing an entry right away (`kohtaa journal new [--type]`)."""
    def make(workspace: Workspace) -> Screen[Any]:
        return SchemaPickerScreen(workspace, schema_id)
    return make
