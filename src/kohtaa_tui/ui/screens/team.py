"""The coach's view of a team repository: per assigned bank, who has done it, who is due or
overdue, who has left, and when each last published (as `kohtaa team status`)."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services import team_repo
from kohtaa_tui.services.workspace import Workspace
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.ui.language import Kept, Relabels
from kohtaa_tui.ui.text import literal, safe_notice
from kohtaa_tui.ui.widgets.bars import KeyBar, TitleBar


def columns(header: list[str], rows: list[list[str]]) -> str:
    """Rows under a header, each column as wide as its widest cell."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths,
                                                                       strict=True)).rstrip()
                     for row in [header, *rows])


class TeamScreen(Relabels, Screen[None]):
    """The state of every assigned bank of one team repository (fetched when opened)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", N_("Refresh"), id="team-refresh"),
        Binding("escape", "app.pop_screen", N_("Back"), id="team-back"),
    ]
    DEFAULT_CSS = """
    TeamScreen #team-scroll { margin: 1 2; }
    """

    def __init__(self, workspace: Workspace, url: str) -> None:
        super().__init__()
        self.workspace = workspace
        self.url = url
        self.found: list[team_repo.BankStatus] | None = None
        self.failure: str | None = None

    def compose(self) -> ComposeResult:
        """The repository line and the tables."""
        yield TitleBar()
        with VerticalScroll(id="team-scroll"):
            yield Static(literal(_("Fetching the team repository {repo}…").format(
                repo=one_line(self.url, 100))), id="team-body")
        yield KeyBar()

    def on_mount(self) -> None:
        """Fetch in the background (git may take a moment)."""
        self.title = _("Team status")
        self.load()

    def redraw(self, kept: Kept) -> None:
        """In the new language: the same tables."""
        self.title = _("Team status")
        self.show()

    def action_refresh(self) -> None:
        """Fetch again."""
        self.load()

    @work(thread=True, exclusive=True, group="team")
    def load(self) -> None:
        """Pull the team repository and work out every participant's state."""
        ws = self.workspace
        tz = ws.clock.local_tz()
        try:
            repo = team_repo.checkout(ws.data_dir, self.url)
            found, problems = team_repo.team_status(repo, local_date(ws.clock.now(), tz), tz)
        except (StorageError, OSError) as error:
            self.app.call_from_thread(self.failed, str(error) or type(error).__name__)
            return
        self.app.call_from_thread(self.loaded, found, [str(p) for p in problems])

    def failed(self, message: str) -> None:
        """One line for a repository that could not be fetched."""
        self.failure = one_line(message, 300)
        self.show()

    def loaded(self, found: list[team_repo.BankStatus], problems: list[str]) -> None:
        """Show what was fetched; files that were skipped as notices."""
        self.found, self.failure = found, None
        for problem in problems[:3]:
            self.notify(safe_notice(one_line(problem, 200)), severity="warning", markup=False)
        self.show()

    def show(self) -> None:
        """Draw the tables (or the failure, or a hint when nothing is assigned)."""
        body = self.query_one("#team-body", Static)
        lang = self.workspace.lang
        if self.failure is not None:
            body.update(literal(_("Could not fetch the team repository: {error}").format(
                error=self.failure) + "\n" + _("Press r to try again.")))
            return
        if self.found is None:
            return
        lines = [_("Team repository: {repo}").format(repo=one_line(self.url, 100)), ""]
        if not self.found:
            lines.append(_("No bank is assigned there yet; assign one with `kohtaa team "
                           "assign BANK --repo REMOTE --due DATE --by NAME`."))
        for status in self.found:
            lines.append(team_repo.bank_heading(status, lang))
            if status.members:
                lines.append(columns(team_repo.status_columns(),
                                     [team_repo.member_row(m, lang) for m in status.members]))
            else:
                lines.append(_("No one has joined yet (`kohtaa team join REMOTE "
                               "--participant NAME`)."))
            lines.append("")
        body.update(literal("\n".join(lines)))
