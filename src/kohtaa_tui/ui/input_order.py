"""Keys that save wait for the keys typed before them.

Textual runs a priority binding (Ctrl+S, Ctrl+Q) as soon as the app reads the key, while
the letters read just before it still wait in the focused widget's queue: a save run at
once would miss the last characters typed or pasted in the same burst (and a form would
say a field is empty that shows text). `after_earlier_input` makes an action wait in that
same queue, behind every key and paste that came before it, and ahead of any that come
after: the save sees exactly what the screen shows at that moment.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Input, TextArea

P = ParamSpec("P")
Node = TypeVar("Node", bound=MessagePump)


def after_earlier_input(action: Callable[Concatenate[Node, P], object]
                        ) -> Callable[Concatenate[Node, P], None]:
    """Run the decorated action (of a screen or the app) once the widget that takes the
    keys has handled every key and paste that arrived before it.

    A screen's action is dropped when the screen has left the stack in the meantime (a
    second Ctrl+S after the first closed the form)."""

    def deferred(self: Node, /, *args: P.args, **kwargs: P.kwargs) -> None:
        app = self.app

        def run() -> object:
            if isinstance(self, Screen) and self not in app.screen_stack:
                return None
            return action(self, *args, **kwargs)

        # Keys go to the focused widget, or to the screen when nothing has focus (App.on_event).
        target: MessagePump = app.focused or app.screen
        if not target.call_later(run):
            app.call_later(run)

    functools.update_wrapper(deferred, action)
    return deferred


class LateKey(events.Key):
    """A character handed on to the text field that took the focus after it was read."""


LateKey.handler_name = events.Key.handler_name  # the field takes it as any key


def hand_on_late_character(app: App[Any], event: events.Event) -> bool:
    """Give a character to the text field that has focus, if it came back unhandled from
    the widget that had the focus when the app read it.

    Textual hands a key to the widget that has focus at the moment the app reads it. A key
    that moves the focus to a text field (`/` to the search box, `n` to a dialog's title)
    runs only when that widget gets to it, so the letters typed right after it in the same
    burst wait there; unhandled, they come back up to the app, whose bindings would then
    take them as keys of the screen (`s` stars the reflection under the cursor) instead of
    the text they were. True when the character went to the text field."""
    if (not isinstance(event, events.Key) or isinstance(event, LateKey)
            or not event.is_forwarded or not event.is_printable or event.character is None):
        return False
    field = app.focused
    if not isinstance(field, Input | TextArea) or field.disabled:
        return False
    if isinstance(field, TextArea) and field.read_only:
        return False
    event.stop()
    event.prevent_default()
    field.post_message(LateKey(event.key, event.character))
    return True
