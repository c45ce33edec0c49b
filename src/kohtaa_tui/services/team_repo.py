"""A coach's team repository (git): results exports in, assigned banks out (docs/sync.md).

Layout of the team repository:
  results/<participant>-<hash>.toml   one results export per participant (`results publish`)
  banks/<bank-id>.toml                banks the coach assigned (`team assign`)

Only results exports are ever published into it: no journal text, no goals. A local clone is
kept in the data directory's team-cache/ folder (per device, never synced itself).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from kohtaa_tui import i18n
from kohtaa_tui.domain.assessment import keyed_value
from kohtaa_tui.domain.assignments import MemberState, member_state
from kohtaa_tui.domain.banks import Assignment, QuestionBank, bank_from_document, bank_to_document
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.domain.team import (
    ExportedResult,
    ResultsExport,
    export_from_document,
    export_to_document,
)
from kohtaa_tui.domain.text import LocalText
from kohtaa_tui.i18n import N_, _
from kohtaa_tui.storage import fsops
from kohtaa_tui.storage.atomic import write_atomic
from kohtaa_tui.storage.banks import BANKS as BANK_KIND
from kohtaa_tui.storage.banks import BankCatalogue, load_banks
from kohtaa_tui.storage.catalogue import InstallOutcome
from kohtaa_tui.storage.codec import MAX_FILE_BYTES, ParseError, dump_toml, parse_toml
from kohtaa_tui.storage.errors import StorageError
from kohtaa_tui.storage.gitrepo import GitError, GitRepo, clone, git_reason
from kohtaa_tui.storage.kinds import MAX_DATA_FILE_BYTES
from kohtaa_tui.storage.repository import Store, load_document

CACHE_DIR = "team-cache"
RESULTS = "results"
BANKS = "banks"


class TeamRepoError(GitError):
    """The team repository could not be used; one line."""


def cache_path(data_dir: Path, url: str) -> Path:
    """Where this device keeps its clone of the team repository at `url`."""
    return data_dir / CACHE_DIR / hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def participant_file(name: str) -> str:
    """The file of a participant: a readable part and a hash of the exact name, so that
    names that look alike ("Anna", "anna", "Änna") are kept apart."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:40] or "participant"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"{RESULTS}/{slug}-{digest}.toml"


def normalise_url(url: str) -> str:
    """A remote as git is given it: a folder named relative to here becomes absolute (the
    clone runs elsewhere); anything else is left to git."""
    if url.startswith("-"):
        raise TeamRepoError(_("{remote} is not a git remote").format(remote=repr(url[:60])))
    if "://" not in url and Path(url).is_dir():
        return str(Path(url).resolve())
    return url


def checkout(data_dir: Path, url: str) -> GitRepo:
    """A current clone of the team repository (cloned the first time, then pulled)."""
    url = normalise_url(url)
    target = cache_path(data_dir, url)
    repo = GitRepo(target)
    if target.is_dir() and repo.is_repo():
        repo.run(["fetch", "-q", "--no-recurse-submodules", "origin"],
                 what=_("fetching from {remote}").format(remote=url))
        branch = _branch(repo)
        if repo.remote_ref(branch) is not None:
            repo.run(["reset", "-q", "--hard", f"refs/remotes/origin/{branch}"],
                     what=_("updating the team repository's copy"))
        return repo
    if target.exists():
        raise TeamRepoError(_("{file}: is in the way of the team repository's copy; move it")
                            .format(file=target))
    fsops.make_dirs(target.parent)
    repo = clone(url, target)
    repo.run(["config", "--local", "core.symlinks", "false"])
    if not repo.run(["config", "user.email"], check=False).out.strip():
        repo.run(["config", "--local", "user.email", "kohtaa@device.invalid"])
    if not repo.run(["config", "user.name"], check=False).out.strip():
        repo.run(["config", "--local", "user.name", "kohtaa"])
    return repo


def _branch(repo: GitRepo) -> str:
    found = repo.run(["symbolic-ref", "--short", "HEAD"], check=False).out.strip()
    return found or "main"


def commit_and_push(repo: GitRepo, paths: list[str], message: str, url: str) -> bool:
    """Commit the files named (only those) and push; False when nothing changed."""
    repo.run(["add", "--", *paths])
    staged = repo.run(["diff", "--cached", "--quiet"], check=False)
    if staged.code == 0:
        return False
    repo.run(["commit", "-q", "--no-verify", "-m", message, "--", *paths],
             what="git commit")
    branch = _branch(repo)
    for attempt in range(3):
        pushed = repo.run(["push", "-q", "origin", f"HEAD:refs/heads/{branch}"], check=False)
        if pushed.code == 0:
            return True
        if attempt == 2 or ("rejected" not in pushed.err and "fetch first" not in pushed.err):
            raise TeamRepoError(_("pushing to {remote} failed: {reason}").format(
                remote=url, reason=git_reason(pushed.err)))
        # Someone else published meanwhile: put this commit on top of theirs (each file
        # is one participant's or one bank's, so the two do not touch the same file).
        repo.run(["fetch", "-q", "origin"],
                 what=_("fetching from {remote}").format(remote=url))
        repo.run(["rebase", "-q", f"refs/remotes/origin/{branch}"],
                 what=_("putting the publication on top of the team's latest"))
    return True


def publish_results(store: Store, url: str, participant: str, bank_ids: set[str],
                    now: datetime) -> tuple[str, bool]:
    """Write a participant's results export into the team repository and push it; returns
    the file's path in the repository and whether anything changed.

    The export holds the banks named, the banks the repository assigns and the banks the
    participant's file there already holds: publishing one bank by hand never takes
    another's results out of the coach's view."""
    repo = checkout(store.data_dir, url)
    rel = participant_file(participant)
    wanted = set(bank_ids) | {bank.id for _data, bank in assigned_banks(repo)[0]}
    wanted |= _published_banks(repo.root / rel)
    export_bytes = results_export(store, participant, wanted, now, allow_empty=True)
    assert export_bytes is not None
    if _same_results(repo, rel, export_bytes):
        return rel, False
    _write_results(repo, rel, export_bytes)
    changed = commit_and_push(repo, [rel], f"results of {participant[:100]}", url)
    return rel, changed


def _published_banks(path: Path) -> set[str]:
    """The bank ids of a results export already in the repository (none if unreadable)."""
    if not path.is_file() or path.is_symlink():
        return set()
    loaded, _issues = load_document(path, export_from_document)
    if loaded is None:
        return set()
    return {row.bank_id for row in loaded.value.results}


def _write_results(repo: GitRepo, rel: str, data: bytes) -> None:
    target = repo.root / rel
    fsops.make_dirs(target.parent)
    if target.is_symlink():
        raise TeamRepoError(_("{file}: is a link in the team repository; not written").format(
            file=rel))
    write_atomic(target, data)


def assigned_version(repo: GitRepo, bank_id: str) -> tuple[int | None, bytes | None]:
    """The version of `bank_id` the team repository assigns now, and its bytes."""
    path = repo.root / BANKS / f"{bank_id}.toml"
    if not path.is_file() or path.is_symlink():
        return None, None
    data, loaded, _problems = BANK_KIND.read(path)
    if loaded is None:
        return None, None
    return loaded.value.version, data


def publish_bank(repo: GitRepo, url: str, bank_id: str, data: bytes, who: str
                 ) -> tuple[str, bool]:
    """Put an assigned bank into the team repository's banks/ folder and push it."""
    rel = f"{BANKS}/{bank_id}.toml"
    target = repo.root / rel
    fsops.make_dirs(target.parent)
    if target.is_symlink():
        raise TeamRepoError(_("{file}: is a link in the team repository; not written").format(
            file=rel))
    write_atomic(target, data)
    changed = commit_and_push(repo, [rel], f"{bank_id} assigned by {who[:100]}", url)
    return rel, changed


def files_in(repo: GitRepo, folder: str) -> list[Path]:
    """The .toml files of a folder of the team repository: plain files only (links, which
    arrive as plain files anyway, and files over the size limit are left to the loader,
    which names them)."""
    base = repo.root / folder
    if not base.is_dir() or base.is_symlink():
        return []
    found = []
    for path in sorted(base.iterdir()):
        if path.name.endswith(".toml") and not path.name.startswith("."):
            found.append(path)
    return found


# -- assigning (the coach) ----------------------------------------------------------------------

@dataclass(frozen=True)
class AssignRequest:
    """What a coach asks: a bank, a due date, how often, a note, their name."""

    bank: QuestionBank
    shipped: bool
    """True when this version of the bank ships with kohtaa (everyone has it)."""
    due: date
    recurrence: str
    note: str | None
    by: str


def assigned_bytes(request: AssignRequest, today: date, version_after: int | None = None
                   ) -> tuple[QuestionBank, bytes]:
    """The bank with its assignment as the bytes to hand out, checked as `bank validate`
    checks (TeamRepoError when it would not be valid). With `version_after`, the bank's
    version is raised above it when it is not already."""
    by = request.by.strip()
    if not by or len(by) > 200:
        raise TeamRepoError(_("give --by NAME (1-200 characters)"))
    note = LocalText.plain(request.note) if request.note else None
    assigned = min(today, request.due)
    changed = replace(request.bank, assignment=Assignment(
        assigned_by=by, due=request.due, recurrence=request.recurrence, note=note,
        assigned=assigned))
    if version_after is not None and changed.version <= version_after:
        changed = replace(changed, version=version_after + 1)
    data = dump_toml(bank_to_document(changed))
    value, issues = bank_from_document(parse_toml(data))
    errors = [issue for issue in issues if issue.severity == "error"]
    if value is None or errors:
        reason = errors[0].describe() if errors else _("it does not read back")
        raise TeamRepoError(_("the assigned bank is not valid: {reason}").format(
            reason=reason))
    return changed, data


def assign_to_team(data_dir: Path, url: str, request: AssignRequest, today: date
                   ) -> tuple[QuestionBank, str | None]:
    """Commit the assigned bank to the team repository's banks/ and push it; the bank as
    assigned and its path there, None when the repository already had this assignment.

    People keep a bank's versions by the version rule of `bank add`: another content at a
    version they have is refused. So the assigned bank gets a version above the one kohtaa
    ships (everyone has that) and above the one the team repository assigns now."""
    repo = checkout(data_dir, url)
    bank = request.bank
    current, current_bytes = assigned_version(repo, bank.id)
    floor = bank.version if request.shipped else bank.version - 1
    if current is not None:
        same, same_data = assigned_bytes(request, today, max(floor, current - 1))
        if same_data == current_bytes:
            return same, None
        floor = max(floor, current)
    bank, data = assigned_bytes(request, today, floor)
    rel, changed = publish_bank(repo, url, bank.id, data, request.by)
    return bank, rel if changed else None


# -- a participant following the team repository -------------------------------------------------

@dataclass(frozen=True)
class Membership:
    """`kohtaa team join`: the team repository this device follows, as config.toml's [team]."""

    repo: str
    participant: str
    publish: bool = True
    """False (`team.publish = false`) keeps results on the device: banks still arrive."""


def membership(extra: Mapping[str, Any]) -> Membership | None:
    """The [team] table of config.toml's keys, None when this device follows no team."""
    table = extra.get("team")
    if not isinstance(table, Mapping):
        return None
    repo, participant = table.get("repo"), table.get("participant")
    if not isinstance(repo, str) or not repo or not isinstance(participant, str):
        return None
    if not participant.strip():
        return None
    return Membership(repo, participant.strip(), table.get("publish") is not False)


def membership_table(member: Membership) -> dict[str, Any]:
    """The [team] table to write into config.toml."""
    return {"repo": member.repo, "participant": member.participant, "publish": member.publish}


def coach_repo(extra: Mapping[str, Any]) -> str | None:
    """The team repository the app's Team status screen shows: the one this kohtaa last
    assigned to or followed as a coach ([coach] repo), else the one it joined ([team])."""
    table = extra.get("coach")
    if isinstance(table, Mapping) and isinstance(table.get("repo"), str) and table["repo"]:
        return str(table["repo"])
    member = membership(extra)
    return member.repo if member is not None else None


@dataclass
class FollowOutcome:
    """What one round with the team repository did on this device."""

    installed: list[str] = field(default_factory=list)
    """"id vN" of each assigned bank newly installed or upgraded."""
    refused: list[str] = field(default_factory=list)
    """One line for each assigned bank not installed (invalid, hostile, against the
    version rule)."""
    published: str | None = None
    """The participant's file in the team repository when this round changed it."""
    assigned: list[str] = field(default_factory=list)
    """The ids of the banks the team repository assigns."""


def assigned_banks(repo: GitRepo) -> tuple[list[tuple[bytes, QuestionBank]], list[str]]:
    """The valid banks in the repository's banks/ folder (with their bytes) and one line for
    each file that is not one."""
    good: list[tuple[bytes, QuestionBank]] = []
    refused: list[str] = []
    for path in files_in(repo, BANKS):
        rel = f"{BANKS}/{path.name}"
        data, loaded, problems = BANK_KIND.read(path)
        if data is None or loaded is None:
            reason = next((p.message for p in problems if p.severity == "error"),
                          _("not a valid question bank"))
            refused.append(_("{file}: {reason}; not installed").format(
                file=rel, reason=one_line(reason, 200)))
            continue
        good.append((data, loaded.value))
    return good, refused


def export_rows(store: Store, bank_ids: set[str]) -> tuple[tuple[ExportedResult, ...],
                                                          list[Problem]]:
    """This person's results of the banks named, as a results export holds them: step
    scores and each rated item's answer as it counts (when the exact bank is known here), no
    open answers, no text."""
    loaded, problems = store.results()
    catalogue: BankCatalogue | None = None
    rows: list[ExportedResult] = []
    for r in sorted((item.value for item in loaded), key=lambda r: (r.bank_id, r.id)):
        if r.bank_id not in bank_ids:
            continue
        if catalogue is None:
            catalogue = load_banks(store)
        entry = catalogue.get(r.bank_id, r.bank_version, r.bank_hash)
        items: dict[str, int] = {}
        if entry is not None and entry.fingerprint == r.bank_hash:
            bank = entry.doc
            for item in bank.scored_items:
                answer = r.answers.get(item.id)
                if answer is not None and bank.scale.contains(answer):
                    items[item.id] = keyed_value(item, bank.scale, answer)
        rows.append(ExportedResult(bank_id=r.bank_id, bank_version=r.bank_version,
                                   bank_hash=r.bank_hash, completed=r.completed,
                                   scale_min=r.scale_min, scale_max=r.scale_max,
                                   scores=dict(r.scores), items=items))
    return tuple(rows), list(problems)


def results_export(store: Store, participant: str, bank_ids: set[str], now: datetime,
                   allow_empty: bool = False) -> bytes | None:
    """The results export (scores only) of the banks named, None when there is none (an
    export without results with `allow_empty`)."""
    rows, _problems = export_rows(store, bank_ids) if bank_ids else ((), [])
    if not rows and not allow_empty:
        return None
    return dump_toml(export_to_document(ResultsExport(participant=participant, exported=now,
                                                      results=rows)))


def _same_results(repo: GitRepo, rel: str, data: bytes) -> bool:
    """True when the file already holds these results (only the export time differs)."""
    target = repo.root / rel
    if not target.is_file() or target.is_symlink():
        return False
    try:
        old = parse_toml(target.read_bytes()[:MAX_DATA_FILE_BYTES])
        new = parse_toml(data)
    except (OSError, ParseError):
        return False
    return {**old, "exported": None} == {**new, "exported": None}


def follow(store: Store, member: Membership, now: datetime) -> FollowOutcome:
    """Pull the team repository, install its assigned banks by the version rule of `bank
    add`, and publish this person's results of those banks (unless opted out)."""
    repo = checkout(store.data_dir, member.repo)
    outcome = FollowOutcome()
    banks, outcome.refused = assigned_banks(repo)
    outcome.assigned = sorted({bank.id for _data, bank in banks})
    catalogue = load_banks(store)
    for data, bank in banks:
        try:
            result, _path = catalogue.install(data, bank)
        except StorageError as error:
            outcome.refused.append(f"{BANKS}/{bank.id}.toml: {one_line(str(error), 200)}")
            continue
        if result is not InstallOutcome.ALREADY_INSTALLED:
            outcome.installed.append(f"{bank.id} v{bank.version}")
            catalogue = load_banks(store)
    if member.publish:
        # A first publication without results yet names the person to the coach, so that
        # `team status` shows them as due rather than not at all.
        rel = participant_file(member.participant)
        wanted = set(outcome.assigned) | _published_banks(repo.root / rel)
        export = results_export(store, member.participant, wanted, now,
                                allow_empty=not (repo.root / rel).exists())
        if export is not None and not _same_results(repo, rel, export):
            _write_results(repo, rel, export)
            if commit_and_push(repo, [rel], f"results of {member.participant[:100]}",
                               member.repo):
                outcome.published = rel
    return outcome


# -- following the group (the coach) ---------------------------------------------------------------

@dataclass(frozen=True)
class MemberLine:
    """One participant against one assigned bank."""

    participant: str
    state: MemberState
    period_due: date
    done_on: date | None
    published: date


@dataclass(frozen=True)
class BankStatus:
    """An assigned bank of the team repository and where each participant stands."""

    bank: QuestionBank
    members: tuple[MemberLine, ...]


def _team_banks(repo: GitRepo, problems: list[Problem]) -> list[QuestionBank]:
    banks = []
    for path in files_in(repo, BANKS):
        loaded, found = load_document(path, bank_from_document, MAX_FILE_BYTES)
        if loaded is None:
            problems.extend(found)
            problems.append(Problem(file=str(path), message=_("skipped"), severity="warning"))
            continue
        banks.append(loaded.value)
    return banks


def team_banks(repo: GitRepo) -> tuple[list[QuestionBank], list[Problem]]:
    """The valid banks of the repository's banks/ (the others as problems)."""
    problems: list[Problem] = []
    return _team_banks(repo, problems), problems


def team_exports(repo: GitRepo) -> tuple[list[ResultsExport], list[Problem]]:
    """The readable results exports of the repository's results/ (the others as problems)."""
    found: list[ResultsExport] = []
    problems: list[Problem] = []
    for path in files_in(repo, RESULTS):
        loaded, issues = load_document(path, export_from_document)
        if loaded is None:
            problems.extend(issues)
            problems.append(Problem(file=str(path), message=_("skipped"), severity="warning"))
            continue
        found.append(loaded.value)
    return found, problems


def team_status(repo: GitRepo, today: date, tz: tzinfo, bank_id: str | None = None
                ) -> tuple[list[BankStatus], list[Problem]]:
    """Per assigned bank (only `bank_id` when given): each participant's state in the
    current period, by the name they chose, sorted by it."""
    banks, problems = team_banks(repo)
    exports, more = team_exports(repo)
    problems.extend(more)
    found = []
    for bank in banks:
        assignment = bank.assignment
        if assignment is None or (bank_id is not None and bank.id != bank_id):
            continue
        lines = []
        for export in sorted(exports, key=lambda e: e.participant.casefold()):
            days = [r.completed.astimezone(tz).date() for r in export.results
                    if r.bank_id == bank.id]
            published = export.exported.astimezone(tz).date()
            state, status = member_state(assignment, days, published, today)
            lines.append(MemberLine(export.participant, state, status.due, status.done_on,
                                    published))
        found.append(BankStatus(bank, tuple(lines)))
    return found, problems


# -- in words ------------------------------------------------------------------------------------

RECURRENCE_LABELS = {"once": N_("once"), "weekly": N_("every week"),
                     "monthly": N_("every month")}


def status_columns() -> list[str]:
    """The headings of a status table."""
    return [_("participant"), _("state"), _("period due"), _("done on"), _("last published")]


STATE_LABELS = {"done": N_("done"), "due": N_("due, not done yet"), "overdue": N_("overdue"),
                "upcoming": N_("upcoming"), "left": N_("left the group")}


def bank_heading(status: BankStatus, lang: str) -> str:
    """The line above a bank's table: title, id, due date, recurrence."""
    assignment = status.bank.assignment
    assert assignment is not None
    return _("{title} ({bank}), due {due}, {recurrence}").format(
        title=one_line(status.bank.title.get(lang), 120), bank=status.bank.id,
        due=i18n.day(assignment.due, lang),
        recurrence=_(RECURRENCE_LABELS.get(assignment.recurrence, "once")))


def member_row(line: MemberLine, lang: str) -> list[str]:
    """One participant's row."""
    return [one_line(line.participant, 100), _(STATE_LABELS[line.state]),
            i18n.day(line.period_due, lang),
            i18n.day(line.done_on, lang) if line.done_on else "–",
            i18n.day(line.published, lang)]


__all__ = ["MAX_DATA_FILE_BYTES", "TeamRepoError"]
