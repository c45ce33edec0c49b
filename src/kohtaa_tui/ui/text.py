"""The one way user, bank and schema text reaches the screen: literal, never markup.

Every string that did not come from our own source code goes through `literal` (Textual
widgets), `rich_literal` (DataTable cells, Rich renderables) or `template` (our own markup
with user text inserted as variables). Control characters and bidi overrides are made visible.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from kohtaa_tui.domain.assessment import clean_typed_text
from kohtaa_tui.domain.display import display_safe, one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual.widgets import TextArea


def literal(text: str) -> Content:
    """User text as a Textual Content, shown exactly as typed (controls made visible)."""
    return Content(display_safe(text))


def literal_line(text: str, limit: int = 200) -> Content:
    """User text as one display-safe line."""
    return Content(one_line(text, limit))


def rich_literal(text: str, style: str = "") -> Text:
    """User text as a Rich Text (for DataTable cells and Rich renderables)."""
    return Text(display_safe(text), style=style)


def template(markup: str, **values: str) -> Content:
    """Our own markup with user text inserted as `$name` variables (inserted literally)."""
    return Content.from_markup(markup, **{k: display_safe(v) for k, v in values.items()})


def safe_notice(text: str) -> str:
    """A display-safe string for `notify(..., markup=False)`."""
    return display_safe(text)


def clean_text_area(text_area: TextArea) -> None:
    """Drop the terminal control characters a paste brought into `text_area`, at once (the
    cursor goes to the end when anything was dropped)."""
    cleaned = clean_typed_text(text_area.text)
    if cleaned != text_area.text:
        text_area.load_text(cleaned)
        text_area.move_cursor(text_area.document.end)
