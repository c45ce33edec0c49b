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
from typing import Concatenate, ParamSpec, TypeVar

from textual.message_pump import MessagePump
from textual.screen import Screen

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
