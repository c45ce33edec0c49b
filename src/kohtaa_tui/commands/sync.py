"""`kohtaa sync`: the data directory between a person's devices, through git (docs/sync.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.commands.context import workspace_from
from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.output import say
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.services import sync as service
from kohtaa_tui.services.workspace import Workspace


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add `sync`, `sync init`, `sync status` and the merge driver git runs."""
    sync = commands.add_parser(
        "sync", help=_("sync the data directory with your other devices through git"))
    sync.set_defaults(handler=run_sync)
    actions = sync.add_subparsers(dest="sync_command", metavar="ACTION")
    init = actions.add_parser("init", help=_("make the data directory a git repository "
                                           "(or adopt one) and set up merging"))
    init.add_argument("remote", nargs="?", metavar="REMOTE",
                      help=_("any git remote: a private repository, an ssh path, a folder"))
    init.set_defaults(handler=run_init)
    status = actions.add_parser("status", help=_("when this device last synced and what waits"))
    status.set_defaults(handler=run_status)
    conflicts = actions.add_parser(
        "conflicts", help=_("list the versions sync kept from conflicts, or keep or drop one"))
    choice = conflicts.add_mutually_exclusive_group()
    choice.add_argument("--keep", metavar="COPY",
                        help=_("the kept version replaces the document it belongs to"))
    choice.add_argument("--drop", metavar="COPY", help=_("delete the kept version"))
    conflicts.set_defaults(handler=run_conflicts)
    driver = actions.add_parser("merge-driver",
                                help=_("(run by git) merge two versions of a document"))
    for name in ("base", "ours", "theirs", "path"):
        driver.add_argument(name, metavar=name.upper())
    driver.set_defaults(handler=run_merge_driver)


def exclude_private(ws: Workspace) -> bool:
    """`sync.exclude_private = true` in config.toml keeps private entries on this device."""
    return service.exclude_private_setting(ws.settings.extra)


def _workspace(args: argparse.Namespace) -> Workspace:
    ws = workspace_from(args)
    i18n.set_language(ws.lang)
    return ws


def run_init(args: argparse.Namespace) -> int:
    """Set the data directory up for sync, then sync once when a remote is named."""
    ws = _workspace(args)
    try:
        repo, created = service.init(ws.data_dir, args.remote)
    except service.SyncError as error:
        raise CliError(str(error)) from None
    say(_("{folder}: a new git repository for sync").format(folder=ws.data_dir) if created
        else _("{folder}: the git repository there is now set up for sync").format(
            folder=ws.data_dir))
    if repo.remote_url() is None:
        say(_("no remote yet: `kohtaa sync init REMOTE` adds one; `kohtaa sync` then "
              "commits here"))
        return 0
    return run_sync(args)


def _refresh_index(ws: Workspace) -> Any:
    def refresh(paths: list[str]) -> None:
        index = ws.journal(sync="none").index
        index.note_changed(paths)
        index.sync(thorough=True)

    return refresh


def run_sync(args: argparse.Namespace) -> int:
    """Commit, fetch, merge by meaning, push; one line of outcome. A device that follows a
    team repository (`kohtaa team join`) then has its round with the team."""
    ws = _workspace(args)
    from kohtaa_tui.services.team_repo import membership

    member = membership(ws.settings.extra)
    if member is not None and not service.status(ws.data_dir).is_repo:
        from kohtaa_tui.commands.coach import follow_team

        follow_team(ws, member)
        return 0
    code = _sync_devices(ws)
    if member is not None:
        from kohtaa_tui.commands.coach import follow_team

        follow_team(ws, member)
    return code


def _sync_devices(ws: Workspace) -> int:
    quiet = not sys.stderr.isatty()

    def progress(text: str) -> None:
        if not quiet:
            print(f"… {text}", file=sys.stderr)

    try:
        outcome = service.run_sync(ws.data_dir, exclude_private=exclude_private(ws),
                                   lock=ws.store.lock, when=ws.clock.now(),
                                   refresh_index=_refresh_index(ws), progress=progress)
    except service.SyncError as error:
        raise CliError(str(error)) from None
    for warning in outcome.warnings:
        say(_("arrived: {warning}").format(warning=warning), sys.stderr)
    for path in outcome.conflicts:
        say(_("both versions kept: {path}").format(path=path))
    say(service.outcome_line(outcome))
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Print where sync stands without touching the network."""
    ws = _workspace(args)
    found = service.status(ws.data_dir)
    if not found.is_repo:
        say(_("sync is not set up; `kohtaa sync init [REMOTE]` sets it up"))
        return 1
    say(_("remote: {remote}").format(remote=found.remote or _("none")))
    say(_("last synced: {when}").format(when=_when(found.last_sync, ws)))
    say(ngettext("{n} file changed here since the last sync",
                 "{n} files changed here since the last sync", found.waiting).format(
        n=found.waiting))
    if found.ahead or found.behind:
        say(ngettext("{ahead} commit to push", "{ahead} commits to push", found.ahead).format(
            ahead=found.ahead) + ", " + _("{behind} fetched and not yet merged").format(
            behind=found.behind))
    if found.conflict_copies:
        say(ngettext("{n} version kept from a conflict in {folder}/: compare, keep one, "
                     "delete the other",
                     "{n} versions kept from conflicts in {folder}/: compare, keep one, "
                     "delete the other", found.conflict_copies).format(
            n=found.conflict_copies, folder=service.CONFLICTS_DIR))
    return 0


def run_conflicts(args: argparse.Namespace) -> int:
    """List the versions kept from conflicts; --keep or --drop settles one."""
    ws = _workspace(args)
    if args.keep or args.drop:
        try:
            version = service.settle_kept_version(ws.data_dir, args.keep or args.drop,
                                                  keep=bool(args.keep))
        except service.SyncError as error:
            raise CliError(str(error)) from None
        if args.keep:
            say(_("{original}: replaced by the kept version; {copy} deleted").format(
                original=version.original, copy=version.copy))
        else:
            say(_("{copy} deleted; {original} stays as it is").format(
                copy=version.copy, original=version.original or "?"))
        say(_("`kohtaa sync` sends this to your other devices"))
        return 0
    versions = service.kept_versions(ws.data_dir)
    if not versions:
        say(_("no versions kept from conflicts"))
        return 0
    for version in versions:
        belongs = (_("a version of {original}").format(original=version.original)
                   if version.original else _("belongs to no document kohtaa knows"))
        note = "" if version.reads else " " + _("(does not read as TOML)")
        say(f"{version.copy}: {belongs}{note}")
    say(_("compare each with its document, then `kohtaa sync conflicts --keep COPY` or "
          "`--drop COPY`"))
    return 0


def _when(text: str | None, ws: Workspace) -> str:
    if not text:
        return _("never")
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _("never")
    return i18n.moment(moment, ws.clock.local_tz(), ws.lang)


def run_merge_driver(args: argparse.Namespace) -> int:
    """git's merge driver for TOML documents: exit 0 with OURS merged (never markers)."""
    worktree = Path.cwd()
    try:
        service.merge_files(Path(args.base), Path(args.ours), Path(args.theirs), args.path,
                            worktree)
    except (OSError, service.SyncError) as error:
        print("kohtaa: " + _("{file}: not merged: {reason}").format(file=args.path[:200],
                                                                     reason=error),
              file=sys.stderr)
        return 1
    return 0
