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
from pathlib import Path

from kohtaa_tui.storage import fsops
from kohtaa_tui.storage.atomic import write_atomic
from kohtaa_tui.storage.gitrepo import GitError, GitRepo, clone
from kohtaa_tui.storage.kinds import MAX_DATA_FILE_BYTES

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


def checkout(data_dir: Path, url: str) -> GitRepo:
    """A current clone of the team repository (cloned the first time, then pulled)."""
    if url.startswith("-"):
        raise TeamRepoError(f"{url[:60]!r} is not a git remote")
    target = cache_path(data_dir, url)
    repo = GitRepo(target)
    if target.is_dir() and repo.is_repo():
        repo.run(["fetch", "-q", "--no-recurse-submodules", "origin"],
                 what=f"fetching from {url}")
        branch = _branch(repo)
        if repo.remote_ref(branch) is not None:
            repo.run(["reset", "-q", "--hard", f"refs/remotes/origin/{branch}"],
                     what="updating the team repository's copy")
        return repo
    if target.exists():
        raise TeamRepoError(f"{target}: is in the way of the team repository's copy; move it")
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
            line = next((ln for ln in pushed.err.splitlines() if ln.strip()), "no message")
            raise TeamRepoError(f"pushing to {url} failed: {line.strip()[:300]}")
        # Someone else published meanwhile: put this commit on top of theirs (each file
        # is one participant's or one bank's, so the two do not touch the same file).
        repo.run(["fetch", "-q", "origin"], what=f"fetching from {url}")
        repo.run(["rebase", "-q", f"refs/remotes/origin/{branch}"],
                 what="putting the publication on top of the team's latest")
    return True


def publish_results(data_dir: Path, url: str, participant: str, export_bytes: bytes
                    ) -> tuple[str, bool]:
    """Write a participant's results export into the team repository and push it; returns
    the file's path in the repository and whether anything changed."""
    repo = checkout(data_dir, url)
    rel = participant_file(participant)
    target = repo.root / rel
    fsops.make_dirs(target.parent)
    if target.is_symlink():
        raise TeamRepoError(f"{rel}: is a link in the team repository; not written")
    write_atomic(target, export_bytes)
    changed = commit_and_push(repo, [rel], f"results of {participant[:100]}", url)
    return rel, changed


def publish_bank(data_dir: Path, url: str, bank_id: str, data: bytes, who: str
                 ) -> tuple[str, bool]:
    """Put an assigned bank into the team repository's banks/ folder and push it."""
    repo = checkout(data_dir, url)
    rel = f"{BANKS}/{bank_id}.toml"
    target = repo.root / rel
    fsops.make_dirs(target.parent)
    if target.is_symlink():
        raise TeamRepoError(f"{rel}: is a link in the team repository; not written")
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


__all__ = ["MAX_DATA_FILE_BYTES", "TeamRepoError"]
