"""Sync between a person's devices through git (docs/sync.md).

The data directory is a git working tree. `sync()` commits what changed (the message says
what in words), fetches, merges by meaning (the merge driver below, registered in the
repository's own .git/config), and pushes. What arrives is untrusted: the incoming commits
are looked at before they are merged (per-device files refuse the merge; links, huge
files and other odd things are reported), links are checked out as plain files, hooks
never run, and every changed file is re-read by the index after the merge.
"""

from __future__ import annotations

import contextlib
import hashlib
import shlex
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from kohtaa_tui.domain.merge import merge_documents
from kohtaa_tui.i18n import _, ngettext
from kohtaa_tui.services.sync_mark import STATE_FILE, change_mark
from kohtaa_tui.storage import fsops
from kohtaa_tui.storage.atomic import write_atomic, write_inside
from kohtaa_tui.storage.codec import ParseError, dump_toml, parse_toml
from kohtaa_tui.storage.errors import SaveError, StorageError
from kohtaa_tui.storage.gitrepo import KNOWN_REASONS, GitError, GitRepo, git_reason, is_ancestor
from kohtaa_tui.storage.kinds import DATA_KINDS, MAX_DATA_FILE_BYTES, kind_of

DRIVER = "kohtaa"
"""The name of the merge driver in .gitattributes and .git/config."""

CONFLICTS_DIR = "sync-conflicts"
"""Where a version that could not be merged by meaning is kept beside the other."""

IGNORE_MARK = "# kohtaa sync: what stays on this device"
IGNORED: tuple[str, ...] = (
    "/index.sqlite3*",
    "/.kohtaa.lock",
    "/drafts/",
    "/trash/",
    "/crash/",
    "/team-cache/",
    ".*.tmp",
)
"""What is per device and never committed (the index, the lock, drafts, the trash, crash
logs, temp files of saves under way)."""

ATTRIBUTES = f"*.toml merge={DRIVER}\n"
PRIVATE_MARK = "# kohtaa sync: private entries (sync.exclude_private)"

MAX_ARRIVING_BYTES = MAX_DATA_FILE_BYTES
"""An arriving file larger than this is reported (and never read by kohtaa)."""



class SyncError(StorageError):
    """Sync could not go on; `str()` says why and what to do, on one line."""


@dataclass
class SyncOutcome:
    """What one sync did."""

    committed: str | None = None
    """The message of the commit of this device's changes, if there were any."""
    fetched: bool = False
    merged: int = 0
    """Files that changed here because of what arrived."""
    pushed: bool = False
    conflicts: list[str] = field(default_factory=list)
    """Files merged with both versions of a field kept, or kept as a second copy."""
    warnings: list[str] = field(default_factory=list)
    """Arrivals that kohtaa refuses to read (links, huge files...), one line each."""
    changed_paths: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SyncStatus:
    """Where the repository stands, without fetching."""

    is_repo: bool
    remote: str | None = None
    branch: str | None = None
    waiting: int = 0
    """Files changed here and not yet committed."""
    ahead: int = 0
    """Commits here that the remote has not had (as of the last fetch)."""
    behind: int = 0
    last_sync: str | None = None
    conflict_copies: int = 0


# -- words -------------------------------------------------------------------------------------

def describe_changes(counts: Mapping[str, int]) -> str:
    """"2 reflections, 1 check-in": what a commit holds, in the active language."""
    labels: dict[str, Callable[[int], str]] = {
        "entry_new": lambda n: ngettext("{n} reflection", "{n} reflections", n),
        "entry_edit": lambda n: ngettext("{n} edited reflection", "{n} edited reflections",
                                          n),
        "entry_gone": lambda n: ngettext("{n} deleted reflection",
                                          "{n} deleted reflections", n),
        "check_in": lambda n: ngettext("{n} check-in", "{n} check-ins", n),
        "goal_new": lambda n: ngettext("{n} new goal", "{n} new goals", n),
        "goal_edit": lambda n: ngettext("{n} goal edited", "{n} goals edited", n),
        "goal_gone": lambda n: ngettext("{n} goal removed", "{n} goals removed", n),
        "result": lambda n: ngettext("{n} assessment", "{n} assessments", n),
        "bank": lambda n: ngettext("{n} question bank", "{n} question banks", n),
        "schema": lambda n: ngettext("{n} journal schema", "{n} journal schemas", n),
        "conflict": lambda n: ngettext("{n} version kept from a conflict",
                                        "{n} versions kept from conflicts", n),
        "setup": lambda n: ngettext("the sync settings", "the sync settings", n),
        "other": lambda n: ngettext("{n} other file", "{n} other files", n),
    }
    parts = [labels[key](n).format(n=n) for key, n in counts.items() if n and key in labels]
    return ", ".join(parts) if parts else _("no changes")


def _check_in_ids(data: bytes | None) -> set[str]:
    if data is None:
        return set()
    try:
        doc = parse_toml(data)
    except ParseError:
        return set()
    items = doc.get("check_ins")
    if not isinstance(items, list):
        return set()
    return {str(item.get("id")) for item in items if isinstance(item, Mapping)}


def count_changes(repo: GitRepo, staged: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Counts by what changed, for the commit message (goals: new check-ins by id)."""
    counts: dict[str, int] = {}

    def add(key: str, n: int = 1) -> None:
        counts[key] = counts.get(key, 0) + n

    for status, path in staged:
        top = path.split("/", 1)[0]
        change = status[:1]
        if top == "journal":
            add({"A": "entry_new", "D": "entry_gone"}.get(change, "entry_edit"))
        elif top == "goals":
            if change == "A":
                add("goal_new")
            elif change == "D":
                add("goal_gone")
            else:
                old = _show(repo, f"HEAD:{path}")
                new = _show(repo, f":{path}")
                added = len(_check_in_ids(new) - _check_in_ids(old))
                if added:
                    add("check_in", added)
                else:
                    add("goal_edit")
        elif top == "results":
            add("result")
        elif top in ("banks", "banks-removed"):
            add("bank")
        elif top in ("schemas", "schemas-removed"):
            add("schema")
        elif top in (".gitignore", ".gitattributes"):
            add("setup")
        elif top == CONFLICTS_DIR:
            add("conflict")
        else:
            add("other")
    return counts


def _show(repo: GitRepo, spec: str) -> bytes | None:
    result = repo.run(["cat-file", "-p", spec], check=False)
    return result.out.encode("utf-8") if result.code == 0 else None


# -- setting up --------------------------------------------------------------------------------

def driver_command() -> str:
    """The merge driver's command line, as git runs it (through a shell: quoted)."""
    return (f"{shlex.quote(sys.executable)} -m kohtaa_tui sync merge-driver "
            "%O %A %B %P")


def _merged_block(current: str, mark: str, lines: Iterable[str]) -> str:
    """`current` with the block under `mark` replaced by `lines` (or added at the end)."""
    kept: list[str] = []
    skipping = False
    for line in current.splitlines():
        if line == mark:
            skipping = True
            continue
        if skipping and (not line.strip() or line.startswith("#")):
            skipping = False
        if not skipping:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    block = [mark, *lines]
    return "\n".join([*kept, "", *block] if kept else block) + "\n"


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    except OSError as error:
        raise SyncError(_("{file}: cannot be read: {reason}").format(
            file=path, reason=error.strerror or error)) from None
    if path.is_symlink():
        raise SyncError(_("{file}: is a symbolic link; kohtaa does not write through it")
                        .format(file=path))
    write_atomic(path, data)


def _read_text(path: Path) -> str:
    try:
        if path.is_symlink():
            raise SyncError(_("{file}: is a symbolic link; remove it and try again").format(
                file=path))
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def configure(repo: GitRepo) -> None:
    """Write what this device's repository needs: ignore list, attributes, merge driver,
    an identity for commits when git has none."""
    root = repo.root
    _write_if_changed(root / ".gitignore",
                      _merged_block(_read_text(root / ".gitignore"), IGNORE_MARK, IGNORED))
    attributes = _read_text(root / ".gitattributes")
    if ATTRIBUTES.strip() not in attributes.splitlines():
        _write_if_changed(root / ".gitattributes", attributes.rstrip("\n") +
                          ("\n" if attributes.strip() else "") + ATTRIBUTES)
    # The attributes that decide, whatever a .gitattributes that arrives from a remote says.
    git_dir = Path(repo.out("rev-parse", "--absolute-git-dir"))
    info = git_dir / "info"
    fsops.make_dirs(info)
    _write_if_changed(info / "attributes", ATTRIBUTES)
    settings = {
        f"merge.{DRIVER}.name": "kohtaa: merge documents by meaning",
        f"merge.{DRIVER}.driver": driver_command(),
        "core.symlinks": "false",
        "pull.rebase": "false",
    }
    for key, value in settings.items():
        current = repo.run(["config", "--local", "--get", key], check=False).out.strip()
        if current != value:
            repo.run(["config", "--local", key, value])
    if not repo.run(["config", "user.email"], check=False).out.strip():
        repo.run(["config", "--local", "user.email", "kohtaa@device.invalid"])
    if not repo.run(["config", "user.name"], check=False).out.strip():
        repo.run(["config", "--local", "user.name", "kohtaa"])


def init(data_dir: Path, remote: str | None = None) -> tuple[GitRepo, bool]:
    """Make the data directory a git repository (or adopt the one it is); returns the
    repository and whether it was new."""
    fsops.make_dirs(data_dir)
    repo = GitRepo(data_dir)
    created = False
    if not repo.is_repo():
        if (data_dir / ".git").exists() or (data_dir / ".git").is_symlink():
            raise SyncError(_("{file}: exists but is not a usable git repository; move it "
                              "away and run `kohtaa sync init` again").format(
                file=data_dir / ".git"))
        repo.run(["init", "-q", "-b", "main"], what="git init")
        created = True
    configure(repo)
    if remote is not None:
        if remote.startswith("-"):
            raise SyncError(_("{remote} is not a git remote").format(remote=repr(remote[:60])))
        if "://" not in remote and Path(remote).is_dir():
            # A folder named from here (a USB stick's `../stick/kohtaa.git`): git runs in
            # the data directory, where the relative name would mean something else.
            remote = str(Path(remote).resolve())
        if repo.remote_url() != remote:
            _reachable(repo, remote)
        if repo.remote_url() is None:
            repo.run(["remote", "add", "origin", remote], what=_("adding the remote"))
        elif repo.remote_url() != remote:
            repo.run(["remote", "set-url", "origin", remote], what=_("changing the remote"))
    return repo, created


def _reachable(repo: GitRepo, remote: str) -> None:
    """SyncError, before anything is recorded, when `remote` cannot be read: a mistyped
    address or one without access is said now, not kept to fail at every sync. An empty
    repository is reachable (the first sync fills it)."""
    try:
        found = repo.run(["ls-remote", "-q", "--heads", "--", remote], check=False)
    except GitError as error:  # timed out, or git could not run
        reason = str(error)
    else:
        if found.code == 0:
            return
        reason = git_reason(found.err or found.out)
    raise SyncError(_("{remote}: {reason} (not recorded as the remote)").format(
        remote=remote, reason=reason))


def open_repo(data_dir: Path) -> GitRepo:
    """The data directory's repository; SyncError when `kohtaa sync init` has not run."""
    repo = GitRepo(data_dir)
    if not data_dir.is_dir() or not repo.is_repo():
        raise SyncError(_("{folder} is not set up for sync; run `kohtaa sync init [REMOTE]` "
                          "first").format(folder=data_dir))
    return repo


# -- private entries ---------------------------------------------------------------------------

def _is_private(path: Path) -> bool:
    try:
        if path.is_symlink() or path.stat().st_size > MAX_DATA_FILE_BYTES:
            return False
        doc = parse_toml(path.read_bytes())
    except (OSError, ParseError):
        return False
    return doc.get("private") is True


def keep_private_here(repo: GitRepo, exclude: bool) -> list[str]:
    """With `exclude`, list private entries in .git/info/exclude (local, never pushed) and
    stop tracking any that were synced before; returns the paths kept on this device."""
    git_dir = Path(repo.out("rev-parse", "--absolute-git-dir"))
    exclude_file = git_dir / "info" / "exclude"
    current = _read_text(exclude_file)
    listed = _block_lines(current, PRIVATE_MARK)
    private: set[str] = set()
    if exclude:
        for rel in listed:
            if _is_private(repo.root / rel.lstrip("/")):
                private.add(rel.lstrip("/"))
        for status, rel in repo.status_paths():
            if rel.startswith("journal/") and rel.endswith(".toml") and "D" not in status \
                    and _is_private(repo.root / rel):
                private.add(rel)
    lines = sorted(f"/{rel}" for rel in private)
    if lines != sorted(listed):
        fsops.make_dirs(exclude_file.parent)
        _write_if_changed(exclude_file, _merged_block(current, PRIVATE_MARK, lines)
                          if lines or PRIVATE_MARK in current else current)
    tracked = [rel for rel in sorted(private)
               if repo.run(["ls-files", "--error-unmatch", "--", rel], check=False).code == 0]
    if tracked:
        repo.run(["rm", "-q", "--cached", "--", *tracked])
    return sorted(private)


def _block_lines(text: str, mark: str) -> list[str]:
    lines = text.splitlines()
    if mark not in lines:
        return []
    found = []
    for line in lines[lines.index(mark) + 1:]:
        if not line.strip() or line.startswith("#"):
            break
        found.append(line)
    return found


# -- arrivals ----------------------------------------------------------------------------------

def _per_device(path: str) -> bool:
    name = PurePosixPath(path)
    top = name.parts[0] if name.parts else ""
    return (top.startswith("index.sqlite3") or top == ".kohtaa.lock"
            or top in ("drafts", "trash", "crash", "team-cache")
            or (name.name.startswith(".") and name.name.endswith(".tmp")))


def check_arrivals(repo: GitRepo, base: str | None, incoming: str) -> list[str]:
    """Look at what the incoming commits change before merging them.

    SyncError when they bring a per-device file (it would replace this device's own);
    otherwise one warning per arrival kohtaa will not read: a symbolic link (checked out as
    a plain file holding the link's text), a submodule, a file over the size limit.
    """
    changes = repo.raw_changes(base, incoming)
    refused = [path for _mode, _obj, path in changes if _per_device(path)]
    if refused:
        raise SyncError(_("the remote holds {file}, a file that belongs to one device only; "
                          "nothing was merged. Remove it from the remote (`git rm --cached` "
                          "there) and sync again").format(file=repr(refused[0][:200])))
    warnings: list[str] = []
    blobs = [obj for mode, obj, _path in changes if mode.startswith("100")]
    sizes = repo.object_sizes(blobs)
    for mode, obj, path in changes:
        shown = path[:200]
        if mode == "120000":
            warnings.append(f"{shown}: arrived as a symbolic link; kept as a plain file "
                            "holding the link's text, never followed")
        elif mode == "160000":
            warnings.append(f"{shown}: arrived as a submodule; not checked out or read")
        elif sizes.get(obj, 0) > MAX_ARRIVING_BYTES:
            warnings.append(f"{shown}: arrived with {sizes[obj]:,} bytes, over the limit of "
                            f"{MAX_ARRIVING_BYTES:,}; kohtaa will not read it")
    return warnings


# -- the merge driver --------------------------------------------------------------------------

def _read_limited(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_DATA_FILE_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_DATA_FILE_BYTES else None


def _conflict_copy_name(rel: str, data: bytes) -> str:
    flat = rel.replace("/", "__")
    stem = flat[:-5] if flat.endswith(".toml") else flat
    return f"{CONFLICTS_DIR}/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.toml"


def merge_files(base_path: Path, ours_path: Path, theirs_path: Path, rel: str,
                worktree: Path) -> tuple[bool, str | None]:
    """git's merge driver: merge THEIRS into OURS (written in place) by meaning.

    Returns (merged by fields, the conflict copy written or None). Never writes conflict
    markers: a version that cannot be merged by meaning (it does not parse, is of another
    kind, is too large, or the merge would not read back) is kept whole as a second file
    in sync-conflicts/, and OURS keeps the version that reads. A question bank or journal
    schema is never merged by fields: another content of the same version is kept beside.
    """
    base_data = _read_limited(base_path) or b""
    ours_data = _read_limited(ours_path)
    theirs_data = _read_limited(theirs_path)
    kind = kind_of(worktree / rel, worktree, DATA_KINDS)
    merged: bytes | None = None
    if ours_data is not None and ours_data == theirs_data:
        merged = ours_data
    elif PurePosixPath(rel).parts[:1] in (("banks",), ("banks-removed",), ("schemas",),
                                          ("schemas-removed",)):
        # Banks and schemas are installed byte for byte: two contents of one version are
        # never blended (the version rule of `bank add`); both are kept.
        merged = None
    elif ours_data is not None and theirs_data is not None:
        merged = _merge_bytes(base_data, ours_data, theirs_data, kind)
    if merged is not None:
        _write_file(ours_path, merged)
        return True, None
    # Keep both: the version that reads stays in place, the other goes beside it.
    keep, other = ours_data, theirs_data
    if (keep is None or not _reads(keep, kind)) and other is not None and _reads(other, kind):
        keep, other = other, keep
    if keep is not None:
        _write_file(ours_path, keep)
    other_bytes = other if other is not None else theirs_path.read_bytes()
    copy = _conflict_copy_name(rel, other_bytes)
    target = worktree / copy
    fsops.make_dirs(target.parent)
    if not target.exists():
        write_atomic(target, other_bytes)
    return False, copy


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _reads(data: bytes, kind: Any) -> bool:
    try:
        doc = parse_toml(data)
    except ParseError:
        return False
    if kind is None:
        return True
    try:
        value, _issues = kind.reader(doc)
    except RecursionError:
        return False
    return value is not None


def _merge_bytes(base: bytes, ours: bytes, theirs: bytes, kind: Any) -> bytes | None:
    try:
        ours_doc = parse_toml(ours)
        theirs_doc = parse_toml(theirs)
    except ParseError:
        return None
    try:
        base_doc: dict[str, Any] | None = parse_toml(base) if base.strip() else None
    except ParseError:
        base_doc = None
    outcome = merge_documents(base_doc, ours_doc, theirs_doc)
    if outcome.document is None:
        return None
    try:
        data = dump_toml(outcome.document)
    except SaveError:
        return None
    if kind is not None and not _reads(data, kind):
        return None
    return data


# -- one sync ------------------------------------------------------------------------------------

def _git_dir(repo: GitRepo) -> Path:
    return Path(repo.out("rev-parse", "--absolute-git-dir"))


def _record_sync(repo: GitRepo, when: datetime) -> None:
    with contextlib.suppress(OSError, StorageError):
        write_atomic(_git_dir(repo) / STATE_FILE, when.isoformat().encode())


def last_sync(repo: GitRepo) -> str | None:
    """When this device last synced (ISO time), or None."""
    try:
        return (_git_dir(repo) / STATE_FILE).read_text(encoding="utf-8").strip() or None
    except (OSError, GitError):
        return None


def commit_local(repo: GitRepo, exclude_private: bool) -> str | None:
    """Commit every change of this device; returns the message, or None with none."""
    keep_private_here(repo, exclude_private)
    repo.run(["add", "-A"], what="git add")
    text = repo.run(["diff", "--cached", "--name-status", "-z", "--no-renames"]).out
    parts = [p for p in text.split("\0") if p]
    staged = list(zip(parts[0::2], parts[1::2], strict=False))
    if not staged:
        return None
    summary = describe_changes(count_changes(repo, staged))
    message = _("kohtaa sync: {summary}").format(summary=summary)
    repo.run(["commit", "-q", "--no-verify", "-m", message], what="git commit")
    return summary


def _resolve_leftovers(repo: GitRepo, outcome: SyncOutcome) -> None:
    """Settle what git could not merge by itself without losing a version.

    Changed here and deleted there (or the other way round): the changed file is kept.
    Anything else left unmerged (the driver failed): this device's version stays, the
    other is kept in sync-conflicts/.
    """
    for rel, stages in repo.unmerged().items():
        path = repo.root / rel
        if stages == {1}:
            # deleted on both sides (git may call it a rename to two names): deleted
            repo.run(["rm", "-q", "--cached", "--ignore-unmatch", "--", rel])
            if path.is_file() and not path.is_symlink():
                path.unlink()
            continue
        if stages in ({1, 2}, {1, 3}, {2}, {3}):
            repo.run(["add", "--", rel])
            outcome.conflicts.append(rel)
            continue
        theirs = repo.run(["cat-file", "-p", f":3:{rel}"], check=False).out.encode()
        ours = repo.run(["cat-file", "-p", f":2:{rel}"], check=False).out.encode()
        copy = _conflict_copy_name(rel, theirs)
        fsops.make_dirs((repo.root / copy).parent)
        write_atomic(repo.root / copy, theirs)
        write_atomic(path, ours)
        repo.run(["add", "--", rel, copy])
        outcome.conflicts.append(rel)


def _conflict_copies(repo: GitRepo) -> list[str]:
    folder = repo.root / CONFLICTS_DIR
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(f"{CONFLICTS_DIR}/{p.name}" for p in folder.iterdir() if p.is_file())


def merge_incoming(repo: GitRepo, incoming: str, outcome: SyncOutcome) -> None:
    """Merge the commit `incoming` into HEAD (after looking at it); updates `outcome`."""
    head = repo.head()
    if head is not None and is_ancestor(repo, incoming, head):
        return
    base = repo.merge_base(head, incoming) if head is not None else None
    outcome.warnings.extend(check_arrivals(repo, base, incoming))
    before = set(_conflict_copies(repo))
    # No rename detection: one document deleted and another made (two small TOML files of
    # one shape look alike to git) are a deletion and a new file, never a rename that meets
    # the other side's deletion or edit. The ort strategy of some git versions ignores
    # no-renames, so a similarity above 100% is asked for first (only a byte-identical
    # file could then be a rename).
    args = ["merge", "-q", "--no-commit", "--no-edit", "--allow-unrelated-histories",
            "-X", "find-renames=101%", "-X", "no-renames", incoming]
    if head is None:
        args = ["merge", "-q", "--ff-only", incoming]
    result = repo.run(args, check=False)
    merging = (_git_dir(repo) / "MERGE_HEAD").exists()
    if result.code != 0 and not repo.unmerged():
        if merging:
            repo.run(["merge", "--abort"], check=False)
        message = (result.err or result.out).strip().splitlines()
        reason = next((line for line in message if "error" in line.lower()
                       or "fatal" in line.lower()), message[-1] if message else "")
        raise SyncError(_("the changes from the remote could not be merged: {reason}; "
                          "nothing was changed here").format(
            reason=reason.removeprefix("error: ").removeprefix("fatal: ")[:300]))
    _resolve_leftovers(repo, outcome)
    copies = [c for c in _conflict_copies(repo) if c not in before]
    if copies:
        repo.run(["add", "--", *copies])
    outcome.conflicts.extend(copies)
    if merging:
        repo.run(["commit", "-q", "--no-verify", "--no-edit"], what=_("git commit of the merge"))
    after = repo.head()
    assert after is not None
    outcome.changed_paths = [path for _status, path in repo.changed_between(head, after)]
    outcome.merged = len(outcome.changed_paths)


def run_sync(data_dir: Path, *, exclude_private: bool, lock: Any, when: datetime,
             refresh_index: Callable[[list[str]], None] | None = None,
             progress: Callable[[str], None] | None = None) -> SyncOutcome:
    """Commit, fetch, merge, push. `lock` is the data directory's write lock (held while
    files change); `refresh_index` is told every path the merge changed."""
    def say(text: str) -> None:
        if progress is not None:
            progress(text)

    repo = open_repo(data_dir)
    configure(repo)
    outcome = SyncOutcome()
    say(_("committing this device's changes"))
    with lock:
        outcome.committed = commit_local(repo, exclude_private)
    remote = repo.remote_url()
    branch = repo.branch()
    if remote is not None:
        for attempt in range(3):
            say(_("fetching from {remote}").format(remote=remote))
            repo.run(["fetch", "-q", "--no-recurse-submodules", "origin"],
                     what=_("fetching from {remote}").format(remote=remote))
            outcome.fetched = True
            incoming = repo.remote_ref(branch)
            if incoming is not None:
                say(_("merging"))
                with lock:
                    merge_incoming(repo, incoming, outcome)
                if refresh_index is not None and outcome.changed_paths:
                    refresh_index(outcome.changed_paths)
            head = repo.head()
            if head is None or (incoming is not None and head == incoming):
                break
            say(_("pushing to {remote}").format(remote=remote))
            pushed = repo.run(["push", "-q", "-u", "origin", f"HEAD:refs/heads/{branch}"],
                              check=False)
            if pushed.code == 0:
                outcome.pushed = True
                break
            rejected = "rejected" in pushed.err or "fetch first" in pushed.err
            if not rejected or attempt == 2:
                raise GitError(_("pushing to {remote} failed: {reason}").format(
                    remote=remote, reason=_first_error(pushed.err)))
    _record_sync(repo, when)
    return outcome


def _first_error(text: str) -> str:
    """A failed push's reason: a failure git's words name, said in the chosen language,
    else its first `fatal:`, `error:` or `remote:` line."""
    lowered = text.casefold()
    if not any(found in lowered for found, _reason in KNOWN_REASONS):
        for line in text.splitlines():
            line = line.strip()
            if line.startswith(("fatal:", "error:", "remote:")):
                return line.split(":", 1)[1].strip()[:300]
    return git_reason(text)


def status(data_dir: Path) -> SyncStatus:
    """Where sync stands on this device (no network)."""
    repo = GitRepo(data_dir)
    if not data_dir.is_dir() or not repo.is_repo():
        return SyncStatus(False)
    branch = repo.run(["symbolic-ref", "--short", "HEAD"], check=False).out.strip() or None
    waiting = len(repo.status_paths())
    ahead = behind = 0
    if branch and repo.head() and repo.remote_ref(branch):
        counts = repo.out("rev-list", "--left-right", "--count",
                          f"HEAD...refs/remotes/origin/{branch}").split()
        ahead, behind = int(counts[0]), int(counts[1])
    elif repo.head() and repo.remote_url():
        ahead = int(repo.out("rev-list", "--count", "HEAD"))
    return SyncStatus(True, repo.remote_url(), branch, waiting, ahead, behind,
                      last_sync(repo), len(_conflict_copies(repo)))


def tracked_oddities(data_dir: Path) -> list[tuple[str, str]]:
    """(path, what) of tracked files kohtaa never reads as documents: links and submodules
    (for doctor)."""
    repo = GitRepo(data_dir)
    if not (data_dir / ".git").exists() or not repo.is_repo():
        return []
    text = repo.run(["ls-files", "-s", "-z"], check=False).out
    found = []
    for record in text.split("\0"):
        meta, _tab, path = record.partition("\t")
        mode = meta.split(" ")[0] if meta else ""
        if mode == "120000":
            found.append((path, "link"))
        elif mode == "160000":
            found.append((path, "submodule"))
    return found


def conflict_copies(data_dir: Path) -> list[str]:
    """The versions kept in sync-conflicts/ (for doctor and the status)."""
    return _conflict_copies(GitRepo(data_dir))


def exclude_private_setting(extra: Mapping[str, Any]) -> bool:
    """`sync.exclude_private = true` in config.toml keeps private entries on this device."""
    table = extra.get("sync")
    return isinstance(table, Mapping) and table.get("exclude_private") is True


def brief(data_dir: Path) -> SyncStatus | None:
    """Where sync stands, for the dashboard; None at once (no git run) when the data
    directory is not a git repository, and None when git cannot say."""
    if not (data_dir / ".git").exists():
        return None
    try:
        found = status(data_dir)
    except (GitError, OSError, ValueError):
        return None
    return found if found.is_repo else None


def outcome_line(outcome: SyncOutcome) -> str:
    """What a sync did, in one line of the active language (the CLI's last line, the app's
    notice)."""
    parts = []
    if outcome.committed:
        parts.append(_("committed {summary}").format(summary=outcome.committed))
    if outcome.merged:
        parts.append(ngettext("{n} file arrived", "{n} files arrived",
                              outcome.merged).format(n=outcome.merged))
    if outcome.pushed:
        parts.append(_("pushed"))
    if not outcome.fetched:
        parts.append(_("no remote to sync with (`kohtaa sync init REMOTE`)"))
    return (_("synced: {what}").format(what="; ".join(parts)) if parts
            else _("in sync: nothing to do"))


__all__ = ["STATE_FILE", "GitError", "SyncError", "change_mark"]


# -- versions kept from conflicts -------------------------------------------------------------
@dataclass(frozen=True)
class KeptVersion:
    """A version in sync-conflicts/ and the document it is a version of."""

    copy: str            # "sync-conflicts/journal__2026__11__e-1.0123456789.toml"
    original: str | None  # "journal/2026/11/e-1.toml"; None when the name says no document
    reads: bool          # the copy parses as TOML


def original_of(copy_name: str) -> str | None:
    """The document a kept version's file name names (see _conflict_copy_name), or None."""
    name = PurePosixPath(copy_name).name
    stem, dot, digest = name.removesuffix(".toml").rpartition(".")
    if not dot or len(digest) != 10 or not all(c in "0123456789abcdef" for c in digest):
        return None
    parts = stem.split("__")
    if not stem or any(part in ("", ".", "..") for part in parts):
        return None
    original = "/".join(parts) + ".toml"
    return original if kind_of(Path(original), Path()) is not None else None


def kept_versions(data_dir: Path) -> list[KeptVersion]:
    """Every version sync kept from a conflict, with the document it belongs to."""
    found = []
    for rel in _conflict_copies(GitRepo(data_dir)):
        reads = True
        try:
            parse_toml((data_dir / rel).read_bytes()[:MAX_DATA_FILE_BYTES + 1])
        except (ParseError, OSError):
            reads = False
        found.append(KeptVersion(rel, original_of(rel), reads))
    return found


def settle_kept_version(data_dir: Path, copy: str, keep: bool) -> KeptVersion:
    """Keep (the copy replaces its document) or drop (the copy is deleted) a kept version;
    the next sync sends the choice to the other devices. Raises SyncError in one line."""
    by_name = {Path(v.copy).name: v for v in kept_versions(data_dir)}
    version = by_name.get(Path(copy).name)
    if version is None:
        raise SyncError(_("{copy}: not a version kept in {folder}/; `kohtaa sync conflicts` "
                          "lists them").format(copy=copy, folder=CONFLICTS_DIR))
    path = data_dir / version.copy
    if keep:
        if version.original is None:
            raise SyncError(_("{copy}: its name does not say which document it belongs to; "
                              "compare it by hand").format(copy=version.copy))
        if not version.reads:
            raise SyncError(_("{copy}: does not read as TOML, so it cannot replace "
                              "{original}; drop it or mend it first").format(
                copy=version.copy, original=version.original))
        data = path.read_bytes()
        target = data_dir / version.original
        try:
            fsops.make_dirs(target.parent)
            write_inside(data_dir, target, data)
        except (SaveError, OSError) as error:
            raise SyncError(str(error)) from None
    try:
        path.unlink()
    except OSError as error:
        raise SyncError(f"{version.copy}: {error.strerror or error}") from None
    return version
