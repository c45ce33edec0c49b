"""The one confirm dialog: the delete question is it with the delete wording and keys; the
safe answer has the focus, Escape and n give it, y the other; the entry's title is text."""

from __future__ import annotations

from textual.widgets import Button, Static

from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.ui.app import KohtaaApp
from kohtaa_tui.ui.modals.confirm import ConfirmModal
from kohtaa_tui.ui.modals.confirm_delete import ConfirmDeleteModal
from tests.ui.test_fast_input import settle


async def test_the_delete_question_is_the_confirm_dialog(workspace: Workspace) -> None:
    answers: list[bool | None] = []
    app = KohtaaApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, expected in (("escape", False), ("n", False), ("enter", False),
                              ("y", True)):
            app.push_screen(ConfirmDeleteModal("[b]Hinta[/b] ja asiakas"), answers.append)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ConfirmModal)
            focused = screen.focused
            assert isinstance(focused, Button) and focused.id == "no"
            assert str(focused.label) == "Keep"
            texts = [str(s.render()) for s in screen.query(Static)
                     if not isinstance(s, Button)]
            assert "Delete this reflection?" in texts[0]
            assert any("[b]Hinta[/b] ja asiakas" in t for t in texts)  # shown as typed
            ids = {b.binding.id for b in screen.active_bindings.values()}
            assert {"journal-delete-yes", "journal-delete-no"} <= ids
            assert "confirm-yes" not in ids
            await pilot.press(key)
            await settle(pilot)
            assert answers[-1] is expected
            assert not isinstance(app.screen, ConfirmModal)
