"""One reflection as written: every answer literally, and keys to edit, star, hide, delete."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from kohtaa_tui import i18n
from kohtaa_tui.domain.display import display_safe, one_line
from kohtaa_tui.domain.journal import (
    AnswerValue,
    JournalEntry,
    JournalSchema,
    SchemaField,
    entry_title,
    is_empty,
    role_value,
)
from kohtaa_tui.domain.steps import get_step, is_step
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services import journal_data as data
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import ConflictError, StorageError
from kohtaa_tui.storage.repository import Loaded
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.modals.confirm_delete import ConfirmDeleteModal
from kohtaa_tui.ui.modals.goal_pick import GoalPickModal
from kohtaa_tui.ui.text import literal, safe_notice, template
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar


def format_answer(spec: SchemaField | None, value: AnswerValue, lang: str, tz: tzinfo) -> str:
    """An answer as a person reads it (plain text; shown through `literal`)."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return i18n.moment(value, tz)
    if isinstance(value, Mapping):
        lines = []
        for step_id, rating in value.items():
            name = get_step(step_id).name.get(lang) if is_step(step_id) else step_id
            lines.append(f"{name}: {rating}/5")
        return "\n".join(lines)
    if spec is not None and spec.type == "rating" and isinstance(value, int) \
            and spec.min is not None and spec.max is not None:
        index = value - spec.min
        label = spec.labels[index].get(lang) if 0 <= index < len(spec.labels) else ""
        scale = f"{spec.min}–{spec.max}"
        return f"{value} ({scale})" + (f" {label}" if label else "")
    if isinstance(value, tuple):
        if spec is not None and spec.type == "tags":
            return " ".join(f"#{tag}" for tag in value)
        if spec is not None and spec.options:
            return ", ".join(_option_label(spec, v, lang) for v in value)
        return ", ".join(value)
    if isinstance(value, str) and spec is not None and spec.type == "choice":
        return _option_label(spec, value, lang)
    return str(value)


def _option_label(spec: SchemaField, option_id: str, lang: str) -> str:
    option = spec.option(option_id)
    return option.label.get(lang) if option is not None else option_id


class EntryViewScreen(Relabels, Screen[None]):
    """The answers of one entry; e edits, s stars, p marks private, d deletes, g links a goal."""

    CSS_PATH = Path(__file__).with_name("journal_entry.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", N_("Edit"), id="journal-entry-edit"),
        Binding("s", "star", N_("Star"), id="journal-entry-star"),
        Binding("p", "private", N_("Private"), id="journal-entry-private"),
        Binding("g", "goal", N_("To a goal"), id="journal-entry-goal"),
        Binding("d", "delete", N_("Delete"), id="journal-entry-delete"),
        # Not in the footer (it would push Help off an 80-column line); the refusal of a
        # save over a changed file names the key, and F1 lists it.
        Binding("r", "reload", N_("Reload"), id="journal-entry-reload", show=False),
        Binding("escape", "back", N_("Back"), id="journal-entry-back"),
    ]

    def __init__(self, workspace: Workspace, loaded: Loaded[JournalEntry],
                 catalogue: data.SchemaCatalogue | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.loaded = loaded
        self.catalogue = catalogue or data.schema_catalogue(workspace)

    @property
    def entry(self) -> JournalEntry:
        """The entry on screen."""
        return self.loaded.value

    @property
    def schema(self) -> JournalSchema | None:
        """The schema the entry was written with (or the newest of its id)."""
        return self.catalogue.find(self.entry.schema_id, self.entry.schema_version)

    def compose(self) -> ComposeResult:
        """The heading and the answers."""
        yield TitleBar()
        with VerticalScroll(id="entry"):
            yield Static(id="entry-heading")
            yield Static(id="entry-answers")
        yield KeyBar()

    def on_mount(self) -> None:
        """Draw the entry."""
        self.show()
        self.query_one("#entry", VerticalScroll).focus()

    def redraw(self, kept: Kept) -> None:
        """In the new language."""
        self.show()

    def show(self) -> None:
        """Draw the heading and every answer."""
        ws = self.workspace
        lang = ws.lang
        tz = ws.clock.local_tz()
        entry = self.entry
        schema = self.schema
        marks = []
        if entry.starred:
            marks.append("★ " + _("starred"))
        if entry.private:
            marks.append(_("private"))
        written = _("Written {when}").format(when=i18n.moment(entry.created, tz))
        if entry.updated != entry.created:
            written += " · " + _("edited {when}").format(when=i18n.moment(entry.updated, tz))
        self.query_one("#entry-heading", Static).update(template(
            "[b]$title[/b]\n$schema · $written$marks",
            title=entry_title(entry, schema, lang),
            schema=self.catalogue.title(entry.schema_id, lang), written=written,
            marks=(" · " + ", ".join(marks)) if marks else ""))
        self.sub_title = one_line(entry_title(entry, schema, lang), 60)
        blocks: list[Content] = []
        known: set[str] = set()
        if schema is not None:
            for spec in schema.fields:
                known.add(spec.id)
                value = entry.answers.get(spec.id)
                if value is None or is_empty(value) or spec.role == "title":
                    continue  # the title is the heading
                blocks.append(_block(spec.prompt.get(lang),
                                     format_answer(spec, value, lang, tz)))
        others = [(k, v) for k, v in entry.answers.items() if k not in known and not is_empty(v)]
        if others:
            blocks.append(Content.styled("── " + _("Other fields") + " ──", "bold"))
            for key, value in others:
                blocks.append(_block(key, format_answer(None, value, lang, tz)))
        if entry.goal_ids:
            titles = data.goal_titles(ws)
            blocks.append(literal(_("Linked goals: {goals}").format(
                goals="; ".join(one_line(titles.get(g, g), 60) for g in entry.goal_ids))))
        self.query_one("#entry-answers", Static).update(Content("\n\n").join(blocks))

    # -- actions ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit needs the schema."""
        if action == "edit" and self.schema is None:
            return None
        return True

    def action_edit(self) -> None:
        """Open the form with this entry's answers (an unsaved edit is offered first)."""
        from kohtaa_tui.ui.screens.journal_form import JournalFormScreen

        schema = self.schema
        if schema is None:
            return
        draft = data.draft_for(self.workspace, self.entry.schema_id, self.entry.id)
        self.app.push_screen(JournalFormScreen(self.workspace, schema, self.loaded, draft),
                             self._edited)

    def _edited(self, saved: Loaded[JournalEntry] | None) -> None:
        if saved is not None:
            self.loaded = saved
            self.show()

    def action_reload(self) -> None:
        """Read the entry's file again (after another window, a sync tool or an editor
        changed it: a save is refused until then)."""
        loaded, problems = data.load_entry(self.loaded.path)
        if loaded is None:
            reason = problems[0].message if problems else _("it cannot be read")
            self.notify(safe_notice(_("Could not reload this reflection: {reason}").format(
                reason=reason)), severity="error", markup=False, timeout=10)
            return
        self.loaded = loaded
        self.show()
        self.notify(_("Reloaded from its file."), markup=False)

    def _save(self, entry: JournalEntry, done: str) -> None:
        try:
            self.loaded = data.save_entry(self.workspace, entry, self.loaded)
        except ConflictError as error:
            self.notify(safe_notice(str(error) + " " + _("Press r to reload it.")),
                        severity="error", markup=False, timeout=10)
            return
        except StorageError as error:
            self.notify(safe_notice(str(error)), severity="error", markup=False, timeout=10)
            return
        self.notify(done, markup=False)
        self.show()

    def action_star(self) -> None:
        """Star or unstar."""
        starred = not self.entry.starred
        self._save(replace(self.entry, starred=starred),
                   _("Starred.") if starred else _("Star removed."))

    def action_private(self) -> None:
        """Mark private (left out of reports) or not."""
        private = not self.entry.private
        self._save(replace(self.entry, private=private),
                   _("Marked private: left out of reports.") if private
                   else _("No longer private."))

    def action_delete(self) -> None:
        """Ask, then move the entry to the trash."""
        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                data.delete_entry(self.workspace, self.loaded)
            except StorageError as error:
                self.notify(safe_notice(str(error)), severity="error", markup=False)
                return
            self.notify(_("Moved to the trash."), markup=False)
            self.dismiss(None)

        title = entry_title(self.entry, self.schema, self.workspace.lang)
        self.app.push_screen(ConfirmDeleteModal(title), confirmed)

    def action_goal(self) -> None:
        """Add this entry's 'take into the next encounter' answer to a goal as a check-in."""
        note = role_value(self.entry, self.schema, "take_forward")
        if not isinstance(note, str) or not note.strip():
            self.notify(_("This reflection has no answer about your next encounter to add."),
                        severity="warning", markup=False)
            return
        goals = data.active_goals(self.workspace)
        if not goals:
            self.notify(_("You have no active goals yet."), severity="warning", markup=False)
            return

        def chosen(goal_id: str | None) -> None:
            if goal_id is None:
                return
            try:
                goal = data.add_check_in(self.workspace, goal_id, note.strip(), self.entry.id)
                self.loaded = data.link_goal(self.workspace, self.loaded, goal_id)
            except StorageError as error:
                self.notify(safe_notice(str(error)), severity="error", markup=False)
                return
            self.notify(safe_notice(_("Added to the goal “{title}”.").format(
                title=one_line(goal.title, 60))), markup=False)
            self.show()

        self.app.push_screen(GoalPickModal(goals, note.strip()), chosen)

    def action_back(self) -> None:
        """Back to where we came from."""
        self.dismiss(None)


def _block(prompt: str, answer: str) -> Content:
    """A prompt in bold and its answer below it, indented; both literal."""
    indented = "\n".join("  " + line for line in answer.split("\n"))
    return Content.assemble(Content.styled(display_safe(prompt), "bold"), "\n",
                            literal(indented))
