"""A visible mark on the field that has focus, that does not rely on colour alone.

Forms lay out a Label and its field side by side. While the field (or anything inside it,
such as a Select's list) has focus, its label reads "▶ Label" in bold.
"""

from __future__ import annotations

from textual import events
from textual.containers import Grid
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label

from kohtaa_tui.ui.text import literal

MARK = "▶ "
FOCUSED_LABEL = "-field-focused"


def label_of(widget: Widget) -> Label | None:
    """The Label just before the field in its form Grid (the field may hold the widget)."""
    node: Widget = widget
    while isinstance(node.parent, Widget):
        parent = node.parent
        if isinstance(parent, Grid):
            siblings = list(parent.children)
            index = siblings.index(node)
            before = siblings[index - 1] if index > 0 else None
            return before if isinstance(before, Label) else None
        node = parent
    return None


def _plain(label: Label) -> str:
    content = label.content
    return content.plain if isinstance(content, Content) else str(content)


class FocusMarks:
    """Mix into a form screen: the label of the focused field gets a ▶ mark and bold."""

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the label of the field that took focus."""
        self._mark(event.widget, True)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Unmark the label of the field that lost focus."""
        self._mark(event.widget, False)

    @staticmethod
    def _mark(widget: Widget, on: bool) -> None:
        label = label_of(widget)
        if label is None or label.has_class(FOCUSED_LABEL) is on:
            return
        text = _plain(label)
        if on:
            text = MARK + text
        elif text.startswith(MARK):
            text = text[len(MARK):]
        label.set_class(on, FOCUSED_LABEL)
        label.update(literal(text))
