"""The layout of a form dialog (assign a bank, ask for feedback): a box in the middle with a
bold title, a grid of labels and fields, a line on what happens and an error line."""

from __future__ import annotations


def form_css(screen: str, prefix: str, label_width: int) -> str:
    """The dialog's DEFAULT_CSS: `screen` its class name, `prefix` the start of its ids
    (`#{prefix}-box`, `#{prefix}-help`, `#{prefix}-error`), `label_width` the labels'
    column."""
    return f"""
    {screen} {{ align: center middle; }}
    {screen} #{prefix}-box {{
        width: 78; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: thick $accent; background: $surface;
    }}
    {screen} .title {{ text-style: bold; }}
    {screen} Grid {{ grid-size: 2; grid-columns: {label_width} 1fr; grid-rows: 1;
                     height: auto; margin-top: 1; }}
    {screen} #{prefix}-help {{ margin-top: 1; height: auto; }}
    {screen} #{prefix}-error {{ color: $error; height: auto; }}
    """
