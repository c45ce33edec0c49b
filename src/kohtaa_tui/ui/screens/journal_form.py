"""Writing or editing a reflection: a form generated from the journal schema.

Every change is kept in a draft a couple of seconds later, and at once on Esc, quit or a
closing terminal, so a crash loses at most those seconds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from kohtaa_tui import i18n
from kohtaa_tui.domain.assessment import clean_typed_text
from kohtaa_tui.domain.display import display_safe, one_line
from kohtaa_tui.domain.ids import new_id
from kohtaa_tui.domain.journal import (
    AnswerValue,
    JournalEntry,
    JournalSchema,
    SchemaField,
    answer_problems,
    is_empty,
    missing_required,
    parse_tags,
)
from kohtaa_tui.domain.journal_draft import JournalDraft
from kohtaa_tui.i18n import N_, _, localized
from kohtaa_tui.services import journal_data as data
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.repository import Loaded
from kohtaa_tui.ui.focus_marks import FocusMarks
from kohtaa_tui.ui.input_order import after_earlier_input
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.routes import ShowEntry
from kohtaa_tui.ui.text import clean_text_area, literal, safe_notice, template
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar
from kohtaa_tui.ui.widgets.journal_fields import (
    Choice,
    FieldChanged,
    PickField,
    StepRatingsField,
    digit_key,
    parse_moment,
    scale_choices,
    yes_no_choices,
)

DRAFT_DELAY = 2.0
"""Seconds after the last change before the draft is written."""


def widget_id(spec: SchemaField) -> str:
    """The id of the widget that takes a field's answer."""
    return f"field-{spec.id}"


class JournalFormScreen(FocusMarks, Relabels, Screen[Loaded[JournalEntry] | None]):
    """The questions of one schema, top to bottom; Tab moves between them, Ctrl+S saves."""

    CSS_PATH = Path(__file__).with_name("journal_form.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), id="journal-form-save", priority=True),
        Binding("escape", "leave", N_("Leave"), id="journal-form-leave"),
    ]

    def __init__(self, workspace: Workspace, schema: JournalSchema,
                 loaded: Loaded[JournalEntry] | None = None,
                 draft: JournalDraft | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.schema = schema
        self.loaded = loaded
        self.entry = loaded.value if loaded is not None else None
        self.draft = draft
        now = workspace.clock.now()
        self.started = draft.started if draft is not None else now
        self.saved: Loaded[JournalEntry] | None = None
        """The entry once saved."""
        self.draft_on_disk = draft is not None
        """True while a draft file of this form exists."""
        self._pristine: dict[str, AnswerValue] = {}
        """The answers as the form showed them before anything was typed."""
        self._source: dict[str, AnswerValue] = {}
        """The stored answers (or defaults) the form was filled from."""
        self._timer: Timer | None = None

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """The schema's title and description, then one block per field."""
        lang = self.workspace.lang
        yield TitleBar()
        with VerticalScroll(id="form"):
            yield Static(self._heading(), id="form-heading")
            yield Static(literal(_("Tab: next question · Shift+Tab: back · Ctrl+S: save · "
                                   "Esc: leave (a draft is kept)")), id="form-hint")
            for spec in self.schema.fields:
                with Vertical(classes="field", id=f"box-{spec.id}"):
                    yield Static(self._prompt(spec), classes="prompt")
                    help_text = spec.help.get(lang) if spec.help is not None else ""
                    if help_text:
                        yield Static(literal(help_text), classes="help")
                    yield self._widget(spec)
            others = self._other_answers()
            if others:
                yield Static(literal(others), id="form-others")
        yield KeyBar()

    def _heading(self) -> Any:
        lang = self.workspace.lang
        minutes = self.schema.estimated_minutes
        about = "· " + _("about {n} min").format(n=minutes) if minutes else ""
        editing = (_("Editing a reflection of {date}").format(
            date=i18n.moment(self.entry.created, self.workspace.clock.local_tz()))
            if self.entry is not None else "")
        heading = template("[b]$title[/b] $about\n$description",
                           title=self.schema.title.get(lang), about=about,
                           description=self.schema.description.get(lang))
        return Content.assemble(heading, "\n", literal(editing)) if editing else heading

    def _prompt(self, spec: SchemaField) -> Any:
        required = "(" + _("required") + ")" if spec.required else ""
        return template("[b]$prompt[/b] $required", prompt=spec.prompt.get(self.workspace.lang),
                        required=required)

    # -- the question being answered ----------------------------------------------------------
    def label_for(self, widget: Widget) -> Static | None:
        """The prompt above the field that holds `widget`: it reads "▶ Question" while the
        field has focus (FocusMarks)."""
        box = next((node for node in widget.ancestors_with_self
                    if isinstance(node, Vertical) and node.has_class("field")), None)
        prompts = box.query_children(".prompt") if box is not None else None
        return prompts.first(Static) if prompts else None

    def _widget(self, spec: SchemaField) -> Widget:
        lang = self.workspace.lang
        ident = widget_id(spec)
        kind = spec.type
        if kind == "long_text":
            return TextArea(id=ident, soft_wrap=True, classes="long")
        if kind == "rating" and spec.min is not None and spec.max is not None:
            return PickField(scale_choices(spec.min, spec.max,
                                           [label.get(lang) for label in spec.labels]), id=ident)
        if kind in ("choice", "multi_choice"):
            choices = [Choice(option.id, digit_key(n), option.label.get(lang))
                       for n, option in enumerate(spec.options)]
            return PickField(choices, multiple=kind == "multi_choice", id=ident)
        if kind == "step_ratings":
            return StepRatingsField(lang, id=ident)
        if kind == "yes_no":
            return PickField(yes_no_choices(), id=ident)
        if kind == "datetime":
            example = i18n.moment(self.workspace.clock.now(), self.workspace.clock.local_tz())
            return Input(id=ident, placeholder=_("e.g. {example}").format(example=example),
                         compact=True)
        if kind == "tags":
            return Input(id=ident, placeholder=_("words separated by spaces or commas"),
                         compact=True)
        return Input(id=ident, compact=True)

    def _other_answers(self) -> str:
        """Answers to fields this schema does not have: kept as they are on save."""
        if self.entry is None:
            return ""
        lines = [_("Other fields (kept as they are):")]
        for key, value in self.entry.answers.items():
            if self.schema.field(key) is None and not is_empty(value):
                lines.append(f"  {key}: {one_line(plain_value(value), 70)}")
        return "\n".join(lines) if len(lines) > 1 else ""

    def on_mount(self) -> None:
        """Fill in the entry (or the defaults), remember that state, then apply the draft."""
        self.sub_title = one_line(self.schema.title.get(self.workspace.lang), 60)
        if self.entry is not None:
            start: dict[str, AnswerValue] = dict(self.entry.answers)
        else:
            start = {spec.id: self.workspace.clock.now() for spec in self.schema.fields
                     if spec.type == "datetime" and spec.role == "occurred_at"}
        for spec in self.schema.fields:
            self.set_answer(spec, start.get(spec.id))
        self._source = start
        self._pristine, _bad = self.collect()
        if self.draft is not None:
            for spec in self.schema.fields:
                if spec.id in self.draft.answers:
                    self.set_answer(spec, self.draft.answers[spec.id])
        first = self.schema.fields[0] if self.schema.fields else None
        if first is not None:
            self.query_one(f"#{widget_id(first)}").focus()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the fields have their text and choices back already."""
        self.sub_title = one_line(self.schema.title.get(self.workspace.lang), 60)

    # -- values -------------------------------------------------------------------------------
    def set_answer(self, spec: SchemaField, value: AnswerValue | None) -> None:
        """Show `value` in the field's widget."""
        widget = self.query_one(f"#{widget_id(spec)}")
        tz = self.workspace.clock.local_tz()
        if isinstance(widget, TextArea):
            # Stored controls are shown with the marker every other view uses (a field left
            # as it was keeps its stored text: see answers_from).
            widget.load_text(display_safe(value) if isinstance(value, str) else "")
        elif isinstance(widget, Input):
            if spec.type == "datetime":
                text = i18n.moment(value, tz) if isinstance(value, datetime) else ""
            elif spec.type == "tags":
                text = " ".join(value) if isinstance(value, tuple) else ""
            else:
                text = display_safe(value, keep_newlines=False) if isinstance(value,
                                                                               str) else ""
            widget.value = text
        elif isinstance(widget, PickField | StepRatingsField):
            widget.set_value(value)

    def collect(self) -> tuple[dict[str, AnswerValue], list[tuple[SchemaField, str]]]:
        """The answers in the form now, and the fields whose text cannot be read."""
        answers: dict[str, AnswerValue] = {}
        bad: list[tuple[SchemaField, str]] = []
        tz = self.workspace.clock.local_tz()
        for spec in self.schema.fields:
            widget = self.query_one(f"#{widget_id(spec)}")
            value: AnswerValue | None = None
            if isinstance(widget, TextArea):
                value = clean_typed_text(widget.text).strip()
            elif isinstance(widget, Input):
                text = clean_typed_text(widget.value).strip()
                if spec.type == "datetime":
                    if text:
                        value = parse_moment(text, tz)
                        if value is None:
                            bad.append((spec, _("is not a date and time like {example}").format(
                                example=i18n.moment(self.workspace.clock.now(), tz))))
                elif spec.type == "tags":
                    value = parse_tags(text)
                else:
                    value = text
            elif isinstance(widget, PickField | StepRatingsField):
                value = widget.value
            if value is not None and not is_empty(value):
                answers[spec.id] = value
        return answers, bad

    def answers(self) -> tuple[dict[str, AnswerValue], list[tuple[SchemaField, str]]]:
        """The answers to save: a field left as it was keeps its stored value exactly
        (seconds of a time, characters the form cannot show), and a stored answer the form
        could not show at all is kept."""
        collected, bad = self.collect()
        return self.answers_from(collected), bad

    def answers_from(self, collected: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
        """`collected` with untouched fields given back their stored values."""
        out = dict(collected)
        for spec in self.schema.fields:
            key = spec.id
            if key not in self._source or is_empty(self._source[key]):
                continue
            if key not in self._pristine:
                out.setdefault(key, self._source[key])  # the form could not show it
            elif out.get(key) == self._pristine[key]:
                out[key] = self._source[key]
        return out

    # -- drafts -------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing: keep a draft soon."""
        self.schedule_draft()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Typing in a long answer: drop terminal controls at once, keep a draft soon."""
        clean_text_area(event.text_area)
        self.schedule_draft()

    def on_field_changed(self, event: FieldChanged) -> None:
        """A choice or rating changed: keep a draft soon."""
        self.schedule_draft()

    def schedule_draft(self) -> None:
        """Write the draft DRAFT_DELAY seconds after the last change."""
        if self.workspace.store.read_only:
            return  # nothing can be written; saving says so once
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DRAFT_DELAY, self.save_draft)

    def save_draft(self) -> None:
        """Write the draft now (or remove it when the form is back to where it started)."""
        self._timer = None
        if self.saved is not None or not self.is_mounted:
            return
        answers, _bad = self.answers()
        ws = self.workspace
        draft = JournalDraft(schema_id=self.schema.id,
                             schema_version=self.entry.schema_version if self.entry
                             else self.schema.version, started=self.started, updated=ws.clock.now(),
                             answers=answers,
                             entry_id=self.entry.id if self.entry else None)
        try:
            if answers == self.answers_from(self._pristine):
                if self.draft_on_disk:
                    data.discard_draft(ws, draft)
                    self.draft_on_disk = False
                return
            data.write_draft(ws, draft)
        except StorageError as error:
            self.notify(safe_notice(str(error)), severity="error", markup=False)
            return
        self.draft_on_disk = True

    def flush_draft(self) -> None:
        """Keep the draft at once (on leave, quit, SIGTERM and SIGHUP)."""
        if self._timer is not None:
            self._timer.stop()
        self.save_draft()

    # -- actions ------------------------------------------------------------------------------
    def action_leave(self) -> None:
        """Esc: leave the form; what was typed stays in the draft."""
        self.flush_draft()
        if self.draft_on_disk:
            self.notify(_("Your text is kept as a draft; you can go on with it next time."),
                        markup=False)
        self.dismiss(None)

    @after_earlier_input
    def action_save(self) -> None:
        """Ctrl+S: check the answers and save the entry (once: a second Ctrl+S in the same
        burst finds it saved)."""
        if self.saved is not None:
            return
        answers, bad = self.answers()
        missing = missing_required(self.schema, answers)
        lang = self.workspace.lang
        if missing:
            names = "; ".join(one_line(spec.prompt.get(lang), 50) for spec in missing)
            self.notify(safe_notice(_("Please answer before saving: {fields}").format(
                fields=names)), severity="warning", markup=False, timeout=8)
            self.query_one(f"#{widget_id(missing[0])}").focus()
            return
        problems = bad + answer_problems(self.schema, answers)
        if problems:
            spec, reason = problems[0]
            self.notify(safe_notice(f"{one_line(spec.prompt.get(lang), 50)}: "
                                    f"{localized(reason)}"),
                        severity="warning", markup=False, timeout=8)
            self.query_one(f"#{widget_id(spec)}").focus()
            return
        ws = self.workspace
        now = ws.clock.now()
        if self.entry is None:
            entry = JournalEntry(id=new_id(now), schema_id=self.schema.id,
                                 schema_version=self.schema.version, created=now, updated=now,
                                 answers=answers, lang=lang)
        else:
            kept = {k: v for k, v in self.entry.answers.items() if self.schema.field(k) is None}
            entry = replace(self.entry, answers={**kept, **answers}, updated=now)
        try:
            saved = data.save_entry(ws, entry, self.loaded)
        except StorageError as error:
            self.notify(safe_notice(str(error)), severity="error", markup=False, timeout=10)
            return
        self.saved = saved
        if self._timer is not None:
            self._timer.stop()
        if self.draft_on_disk or self.draft is not None:
            # The entry is saved; a draft that cannot be removed is offered and discarded later.
            with contextlib.suppress(StorageError):
                data.discard_draft(ws,
                                   JournalDraft(schema_id=self.schema.id,
                                                schema_version=entry.schema_version,
                                                    started=self.started, updated=now, answers={},
                                                    entry_id=self.entry.id if self.entry else None))
            self.draft_on_disk = False
        self.notify(_("Reflection saved."), markup=False)
        if self.entry is not None:
            self.dismiss(saved)
        else:
            self.post_message(ShowEntry(saved))


def plain_value(value: AnswerValue) -> str:
    """Any stored answer as plain text (for fields no schema describes)."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)
