"""The person's own `git`, run as a program: fixed argument lists, no shell, a timeout.

kohtaa never speaks git's protocols itself and never handles credentials: a remote that
needs a password is git's (and the person's credential helper's) business. git is never
allowed to prompt on the terminal (GIT_TERMINAL_PROMPT=0): a remote that would ask fails
with a line instead of hanging the app.

Every run disables the repository's hooks (core.hooksPath points at an empty path) and
checks symbolic links out as plain files (core.symlinks=false), so a link that arrives from
a remote is never followed by anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kohtaa_tui.i18n import N_, _
from kohtaa_tui.storage.errors import StorageError

TIMEOUT = 120.0
"""Seconds one git command may take (a slow remote) before it is stopped."""

SAFE_CONFIG: tuple[str, ...] = (
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.symlinks=false",
    "-c", "core.quotePath=false",
    "-c", "color.ui=false",
    "-c", "advice.detachedHead=false",
    "-c", "protocol.ext.allow=never",
)
"""Settings given to every git command kohtaa runs."""


class GitError(StorageError):
    """git is missing, or a git command failed; `str()` is one line for the person."""


@dataclass(frozen=True)
class GitResult:
    """What one git command printed and returned."""

    code: int
    out: str
    err: str


def git_program() -> str:
    """The path of `git`, or GitError naming what to do."""
    found = shutil.which("git")
    if found is None:
        raise GitError(_("git is not installed (or not on PATH); install git to sync, e.g. "
                         "`apt install git`"))
    return found


def _env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "GIT_TERMINAL_PROMPT": "0",
        "LC_ALL": "C",
        "LANGUAGE": "C",
        "GIT_MERGE_AUTOEDIT": "no",
        "GIT_EDITOR": "true",
    })
    # The repository is the one kohtaa names; never one found by these from outside.
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                 "GIT_CEILING_DIRECTORIES"):
        env.pop(name, None)
    if extra:
        env.update(extra)
    return env


KNOWN_REASONS = (
    ("does not appear to be a git repository",
     N_("there is no git repository at that address; check the remote")),
    ("repository not found", N_("the remote repository was not found; check the address")),
    ("authentication failed",
     N_("the remote refused the sign-in; check your user name and password or key")),
    ("permission denied", N_("no access to the remote; check your rights and your key")),
    ("could not resolve host",
     N_("the remote's host name was not found; check the address and the network")),
    ("connection refused", N_("the remote refused the connection; check the address")),
    ("connection timed out", N_("the remote did not answer; check the network")),
    ("could not read from remote repository",
     N_("the remote could not be read; check the address and that you have access")),
)
"""git's failures a person meets (its output, LC_ALL=C, in lowercase) and what kohtaa says
of them in the chosen language; other failures are said in git's own words."""


def git_reason(text: str) -> str:
    """What went wrong, from git's error output: a known failure in the chosen language,
    else git's most telling line (`fatal:` or `error:` first)."""
    lowered = text.casefold()
    for found, reason in KNOWN_REASONS:
        if found in lowered:
            return _(reason)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for prefix in ("fatal:", "error:"):
        for line in lines:
            if line.startswith(prefix):
                return line[len(prefix):].strip()[:300]
    return lines[-1][:300] if lines else _("git said nothing more")


class GitRepo:
    """A working tree kohtaa runs git in (the data directory or a team repository)."""

    def __init__(self, root: Path, timeout: float = TIMEOUT) -> None:
        self.root = root
        self.timeout = timeout

    def run(self, args: Sequence[str], *, check: bool = True, stdin: str | None = None,
            env: Mapping[str, str] | None = None, what: str | None = None,
            cwd: Path | None = None) -> GitResult:
        """Run `git ARGS` in the repository; GitError (one line) when it fails and `check`."""
        argv = [git_program(), *SAFE_CONFIG, *args]
        try:
            done = subprocess.run(argv, cwd=cwd or self.root, input=stdin,
                                  capture_output=True, text=True, encoding="utf-8",
                                  errors="replace", env=_env(env), timeout=self.timeout,
                                  check=False, stdin=None if stdin is not None
                                  else subprocess.DEVNULL,
                                  # No terminal to ask on: ssh and git fail instead of waiting
                                  # for a password nobody sees.
                                  start_new_session=True)
        except subprocess.TimeoutExpired:
            raise GitError(_("git {command} took longer than {seconds} s and was stopped; "
                             "check the remote and the network").format(
                command=args[0], seconds=f"{self.timeout:.0f}")) from None
        except OSError as error:
            raise GitError(_("git could not be run: {reason}").format(
                reason=error.strerror or error)) from None
        result = GitResult(done.returncode, done.stdout, done.stderr)
        if check and result.code != 0:
            label = what or f"git {args[0]}"
            raise GitError(_("{what} failed: {reason}").format(
                what=label, reason=git_reason(result.err or result.out)))
        return result

    def out(self, *args: str) -> str:
        """The output of a git command that must succeed, without the final newline."""
        return self.run(args).out.rstrip("\n")

    # -- questions ------------------------------------------------------------------------
    def is_repo(self) -> bool:
        """Whether the root is the top of a git working tree of its own."""
        if not (self.root / ".git").exists():
            return False
        result = self.run(["rev-parse", "--show-toplevel"], check=False)
        if result.code != 0:
            return False
        return Path(result.out.strip()).resolve() == self.root.resolve()

    def head(self) -> str | None:
        """The commit id of HEAD, or None in a repository with no commit yet."""
        result = self.run(["rev-parse", "--verify", "-q", "HEAD"], check=False)
        return result.out.strip() or None if result.code == 0 else None

    def branch(self) -> str:
        """The current branch's name."""
        return self.out("symbolic-ref", "--short", "HEAD")

    def remote_url(self, name: str = "origin") -> str | None:
        """The URL of a remote, or None."""
        result = self.run(["remote", "get-url", name], check=False)
        return result.out.strip() or None if result.code == 0 else None

    def remote_ref(self, branch: str, name: str = "origin") -> str | None:
        """The commit id of the remote's branch as last fetched, or None."""
        result = self.run(["rev-parse", "--verify", "-q", f"refs/remotes/{name}/{branch}"],
                          check=False)
        return result.out.strip() or None if result.code == 0 else None

    def status_paths(self) -> list[tuple[str, str]]:
        """(status, path) of every changed or new file in the working tree (not ignored)."""
        text = self.run(["status", "--porcelain=v1", "-z", "--untracked-files=all",
                         "--no-renames"]).out
        items: list[tuple[str, str]] = []
        for record in text.split("\0"):
            if len(record) > 3:
                items.append((record[:2], record[3:]))
        return items

    def changed_between(self, old: str | None, new: str) -> list[tuple[str, str]]:
        """(status letter, path) of every file that differs between two commits."""
        if old is None:
            text = self.run(["ls-tree", "-r", "-z", "--name-only", new]).out
            return [("A", p) for p in text.split("\0") if p]
        text = self.run(["diff", "--name-status", "-z", "--no-renames", old, new]).out
        parts = [p for p in text.split("\0") if p]
        return list(zip(parts[0::2], parts[1::2], strict=False))

    def raw_changes(self, old: str | None, new: str) -> list[tuple[str, str, str]]:
        """(new mode, new object id, path) of each file added or changed from old to new."""
        if old is None:
            text = self.run(["ls-tree", "-r", "-z", new]).out
            found = []
            for record in text.split("\0"):
                if not record:
                    continue
                meta, _tab, path = record.partition("\t")
                mode, _kind, obj = meta.split(" ")
                found.append((mode, obj, path))
            return found
        text = self.run(["diff", "--raw", "-z", "--no-renames", "--no-abbrev", old, new]).out
        parts = text.split("\0")
        found = []
        for meta, path in zip(parts[0::2], parts[1::2], strict=False):
            if not meta.startswith(":"):
                continue
            fields = meta[1:].split(" ")
            if len(fields) < 5 or fields[4].startswith("D"):
                continue
            found.append((fields[1], fields[3], path))
        return found

    def object_sizes(self, objects: Sequence[str]) -> dict[str, int]:
        """The size in bytes of each object id (blobs)."""
        if not objects:
            return {}
        text = self.run(["cat-file", "--batch-check=%(objectname) %(objectsize)"],
                        stdin="".join(f"{o}\n" for o in objects)).out
        sizes: dict[str, int] = {}
        for line in text.splitlines():
            name, _space, size = line.partition(" ")
            if size.isdigit():
                sizes[name] = int(size)
        return sizes

    def merge_base(self, one: str, other: str) -> str | None:
        """The best common ancestor of two commits, or None when they share none."""
        result = self.run(["merge-base", one, other], check=False)
        return result.out.strip() or None if result.code == 0 else None

    def unmerged(self) -> dict[str, set[int]]:
        """The paths left unmerged by a merge, each with the stages it has (1 base, 2 ours,
        3 theirs)."""
        text = self.run(["ls-files", "-u", "-z"]).out
        found: dict[str, set[int]] = {}
        for record in text.split("\0"):
            if not record:
                continue
            meta, _tab, path = record.partition("\t")
            found.setdefault(path, set()).add(int(meta.split(" ")[2]))
        return found


def is_ancestor(repo: GitRepo, one: str, other: str) -> bool:
    """Whether commit `one` is an ancestor of (or the same as) `other`."""
    return repo.run(["merge-base", "--is-ancestor", one, other], check=False).code == 0


def clone(url: str, into: Path, timeout: float = TIMEOUT) -> GitRepo:
    """Clone `url` into the folder `into` (which must not exist yet)."""
    into.parent.mkdir(parents=True, exist_ok=True)
    GitRepo(into.parent, timeout).run(["clone", "-q", "--no-recurse-submodules", "--",
                                       url, str(into)],
                                      what=_("git clone of {url}").format(url=url))
    return GitRepo(into, timeout)
