"""A visible mark on the field that has focus, that does not rely on colour alone.

Forms lay out a Label and its field side by side. While the field (or anything inside it,
such as a Select's list) has focus, its label reads "▶ Label" in bold. A form laid out
otherwise says where a field's label is by overriding `FocusMarks.label_for`.
"""

from __future__ import annotations

from textual import events
from textual.containers import Grid
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

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


def _content(label: Static) -> Content:
    content = label.content
    return content if isinstance(content, Content) else literal(str(content))


class FocusMarks:
    """Mix into a form screen: the label of the focused field gets a ▶ mark and bold."""

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the label of the field that took focus."""
        self._mark(event.widget, True)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Unmark the label of the field that lost focus."""
        self._mark(event.widget, False)

    def label_for(self, widget: Widget) -> Static | None:
        """The label of the field that holds `widget` (None: nothing to mark)."""
        return label_of(widget)

    def _mark(self, widget: Widget, on: bool) -> None:
        label = self.label_for(widget)
        if label is None or label.has_class(FOCUSED_LABEL) is on:
            return
        content = _content(label)
        if on:
            content = Content.assemble(MARK, content)
        elif content.plain.startswith(MARK):
            content = content[len(MARK):]
        label.set_class(on, FOCUSED_LABEL)
        label.update(content)
