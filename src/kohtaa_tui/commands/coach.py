"""The coach's desk: `bank assign`, `results publish`, `team assign`, `team status`, and the
team repository behind `team report --repo` (docs/sync.md)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.output import report_problems, say, table
from kohtaa_tui.domain.banks import (
    RECURRENCES,
    QuestionBank,
)
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.dates import parse_day
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.services import team_repo
from kohtaa_tui.storage.errors import StorageError

BANK_HELP = N_("a bank file, or the id of a bank kohtaa knows")
TEAM_REPO_HELP = N_("the team repository (git): a URL, an ssh path or a folder")


def _subparsers(parser: Any) -> Any:
    return next(action for action in parser._actions
                if isinstance(action, argparse._SubParsersAction))


def _assignment_options(parser: Any) -> None:
    parser.add_argument("--due", required=True, metavar="DATE",
                        help=_("the (first) due date: 2026-12-15 or 15.12.2026"))
    parser.add_argument("--recurrence", choices=RECURRENCES, default="once",
                        help=_("how often it comes round again (default: once)"))
    parser.add_argument("--note", metavar="TEXT", help=_("a line for the people you assign to"))
    parser.add_argument("--by", required=True, metavar="NAME", help=_("your name as coach"))


def register(commands: Any, bank_commands: Any, _schemas: Any) -> None:
    """Add `bank assign`, `results publish`, `team assign` and `team status`."""
    if bank_commands is not None:
        assign = bank_commands.add_parser(
            "assign", help=_("write a bank with an assignment (due date, recurrence), ready "
                           "to hand out"))
        assign.add_argument("bank", metavar="FILE_OR_ID", help=_(BANK_HELP))
        _assignment_options(assign)
        assign.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE, not stdout"))
        assign.set_defaults(handler=run_bank_assign)
    results = _subparsers(commands.choices["results"])
    publish = results.add_parser(
        "publish", help=_("commit your results export (scores only) to a team repository"))
    publish.add_argument("--repo", required=True, metavar="REMOTE", help=_(TEAM_REPO_HELP))
    publish.add_argument("--participant", required=True, metavar="NAME",
                         help=_("the name your coach sees; a pseudonym is fine"))
    publish.add_argument("--bank", default="core", metavar="ID",
                         help=_("the bank whose results to publish (default: core)"))
    publish.set_defaults(handler=run_publish)
    team = _subparsers(commands.choices["team"])
    team_assign = team.add_parser("assign", help=_("put an assigned bank into a team repository"))
    team_assign.add_argument("bank", metavar="FILE_OR_ID", help=_(BANK_HELP))
    team_assign.add_argument("--repo", required=True, metavar="REMOTE", help=_(TEAM_REPO_HELP))
    _assignment_options(team_assign)
    team_assign.set_defaults(handler=run_team_assign)
    join = team.add_parser("join", help=_("follow a team repository: assigned banks arrive and "
                                        "your results of them are published on `kohtaa sync`"))
    join.add_argument("remote", metavar="REMOTE", help=_(TEAM_REPO_HELP))
    join.add_argument("--participant", required=True, metavar="NAME",
                      help=_("the name your coach sees; a pseudonym is fine"))
    join.add_argument("--no-publish", action="store_true",
                      help=_("only receive banks; keep your results here (team.publish = false)"))
    join.set_defaults(handler=run_team_join)
    status = team.add_parser("status", help=_("per assignment and period: who has done it"))
    status.add_argument("--repo", required=True, metavar="REMOTE", help=_(TEAM_REPO_HELP))
    status.add_argument("--bank", metavar="ID", help=_("only this bank's assignment"))
    status.set_defaults(handler=run_team_status)


# -- assigning -----------------------------------------------------------------------------------

def _load_bank(args: argparse.Namespace) -> tuple[QuestionBank, bool]:
    """The bank of FILE_OR_ID, and whether that version is one kohtaa ships."""
    from kohtaa_tui.storage.banks import BANKS, load_banks

    path = Path(args.bank)
    ws = workspace_from(args)
    catalogue = load_banks(ws.store)
    if not path.exists():
        entry = catalogue.latest(args.bank)
        if entry is None:
            raise CliError(_("{bank}: no such file, and no bank has that id; see `kohtaa bank "
                             "list`").format(bank=one_line(args.bank, 80)))
        path = entry.path
    _data, loaded, problems = BANKS.read(path)
    if loaded is None:
        report_problems(problems, sys.stderr)
        raise CliError(_("{file}: not a valid question bank; see the lines above").format(
            file=path))
    bank = loaded.value
    shipped = any(e.source == "shipped" and e.doc.version == bank.version
                  for e in catalogue.versions(bank.id))
    return bank, shipped


def _request(args: argparse.Namespace) -> team_repo.AssignRequest:
    due = parse_day(args.due)
    if due is None:
        raise CliError(_("--due {text}: not a date; write 2026-12-15 or 15.12.2026").format(
            text=one_line(args.due, 40)))
    bank, shipped = _load_bank(args)
    return team_repo.AssignRequest(bank, shipped, due, args.recurrence, args.note,
                                   args.by or "")


def run_bank_assign(args: argparse.Namespace) -> int:
    """Write the bank with its assignment to -o FILE or stdout."""
    from kohtaa_tui.commands.report import write_output

    ws = workspace_from(args)
    i18n.set_language(ws.lang)
    try:
        _bank, data = team_repo.assigned_bytes(_request(args), local_date(
            ws.clock.now(), ws.clock.local_tz()))
    except StorageError as error:
        raise CliError(str(error)) from None
    write_output(data.decode("utf-8"), args.output)
    return 0


def run_team_assign(args: argparse.Namespace) -> int:
    """Commit the assigned bank to the team repository's banks/ folder and push it (with
    the next version when people already have this one: services.team_repo)."""
    ws = workspace_from(args)
    i18n.set_language(ws.lang)
    today = local_date(ws.clock.now(), ws.clock.local_tz())
    request = _request(args)
    try:
        bank, rel = team_repo.assign_to_team(ws.data_dir, args.repo, request, today)
    except StorageError as error:
        raise CliError(str(error)) from None
    remember_coach_repo(ws, args.repo)
    say(_("{bank} v{version} assigned in {repo} ({path})").format(
        bank=bank.id, version=bank.version, repo=args.repo, path=rel)
        if rel else _("{bank}: the team repository already has this assignment").format(
            bank=bank.id))
    return 0


def remember_coach_repo(ws: Any, url: str) -> None:
    """Keep the team repository a coach used in config.toml ([coach] repo), for the app's
    Team status screen; a config.toml that cannot be written is left as it is."""
    try:
        url = team_repo.normalise_url(url)
    except StorageError:
        return
    table = ws.settings.extra.get("coach")
    if ws.config_unreadable or (isinstance(table, dict) and table.get("repo") == url):
        return
    kept = dict(table) if isinstance(table, dict) else {}
    extra = {**ws.settings.extra, "coach": {**kept, "repo": url}}
    with contextlib.suppress(StorageError, OSError):
        ws.save_settings(replace(ws.settings, extra=extra))


# -- publishing ----------------------------------------------------------------------------------

def run_publish(args: argparse.Namespace) -> int:
    """Commit only the results export to the team repository, as the participant's file."""
    from kohtaa_tui.commands.exports import build_export

    ws = workspace_from(args)
    i18n.set_language(ws.lang)
    build_export(args)  # its checks: a name, a known bank, results to publish
    try:
        rel, changed = team_repo.publish_results(ws.store, args.repo,
                                                 args.participant.strip(), {args.bank},
                                                 ws.clock.now())
    except StorageError as error:
        raise CliError(str(error)) from None
    say(_("published to {repo} as {path}").format(repo=args.repo, path=rel) if changed
        else _("nothing new to publish: {path} is up to date").format(path=rel))
    return 0


# -- joining -------------------------------------------------------------------------------------

def _participant(name: str | None) -> str:
    name = (name or "").strip()
    if not name or len(name) > 100 or "\n" in name:
        raise CliError(_("give --participant NAME (1-100 characters; a pseudonym is fine)"))
    return name


def run_team_join(args: argparse.Namespace) -> int:
    """Remember the team repository in config.toml ([team]) and do a first round with it."""
    ws = workspace_from(args)
    i18n.set_language(ws.lang)
    try:
        remote = team_repo.normalise_url(args.remote)
    except StorageError as error:
        raise CliError(str(error)) from None
    member = team_repo.Membership(remote, _participant(args.participant),
                                  publish=not args.no_publish)
    if ws.config_unreadable:
        raise CliError(_("{file}: cannot be read, so the team is not saved in it; fix or move "
                         "it first").format(file=ws.config_path))
    extra = {**ws.settings.extra, "team": team_repo.membership_table(member)}
    try:
        ws.save_settings(replace(ws.settings, extra=extra))
    except StorageError as error:
        raise CliError(str(error)) from None
    say(_("following {repo} as {name}; `kohtaa sync` brings assigned banks and publishes "
          "your results of them").format(repo=member.repo, name=member.participant)
        if member.publish else
        _("following {repo} as {name}; `kohtaa sync` brings assigned banks, your results "
          "stay here").format(repo=member.repo, name=member.participant))
    follow_team(ws, member)
    return 0


def follow_team(ws: Any, member: team_repo.Membership) -> team_repo.FollowOutcome:
    """One round with the team repository, its outcome said in lines (refusals on stderr)."""
    try:
        outcome = team_repo.follow(ws.store, member, ws.clock.now())
    except StorageError as error:
        raise CliError(str(error)) from None
    for line in outcome.refused:
        say(_("team bank refused: {reason}").format(reason=line), sys.stderr)
    for bank in outcome.installed:
        say(_("team bank installed: {bank}").format(bank=bank))
    if outcome.published:
        say(_("results published to the team as {path}").format(path=outcome.published))
    if not (outcome.installed or outcome.published):
        say(_("team repository {repo}: nothing new").format(repo=member.repo))
    return outcome


# -- following -----------------------------------------------------------------------------------

def _checkout(args: argparse.Namespace) -> Any:
    ws = workspace_from(args)
    try:
        return ws, team_repo.checkout(ws.data_dir, args.repo)
    except StorageError as error:
        raise CliError(str(error)) from None


def team_files(args: argparse.Namespace
               ) -> tuple[list[str], list[QuestionBank], dict[str, tuple[int, str]]]:
    """The results files of the team repository (cloned or pulled first), its banks and
    the version and content hash of each bank it assigns (banks/ID.toml), for `team
    report --repo`."""
    _ws, repo = _checkout(args)
    banks, problems = team_repo.team_banks(repo)
    report_problems(problems, sys.stderr)
    from kohtaa_tui.storage.repository import fingerprint

    assigned = {}
    for bank in banks:
        version, data = team_repo.assigned_version(repo, bank.id)
        if version is not None and data is not None:
            assigned[bank.id] = (version, fingerprint(data))
    return [str(p) for p in team_repo.files_in(repo, team_repo.RESULTS)], banks, assigned


def run_team_status(args: argparse.Namespace) -> int:
    """Per assigned bank: each participant's state in the current period, and when they
    last published."""
    ws, repo = _checkout(args)
    i18n.set_language(ws.lang)
    tz = ws.clock.local_tz()
    today = local_date(ws.clock.now(), tz)
    found, problems = team_repo.team_status(repo, today, tz, args.bank)
    report_problems(problems, sys.stderr)
    remember_coach_repo(ws, args.repo)
    if not found:
        raise CliError(_("the team repository has no assigned bank{which}; assign one with "
                         "`kohtaa team assign`").format(
            which=f" {args.bank!r}" if args.bank else ""))
    for status in found:
        say(team_repo.bank_heading(status, ws.lang))
        if status.members:
            table(team_repo.status_columns(),
                  [team_repo.member_row(line, ws.lang) for line in status.members])
        else:
            say(_("nobody has joined yet: people follow the team repository with "
                  "`kohtaa team join REMOTE --participant NAME`"))
        say()
    return 0
