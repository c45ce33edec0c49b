"""The git wrapper: real git, one-line errors, no prompts, nothing found outside the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from kohtaa_tui.storage import gitrepo
from kohtaa_tui.storage.gitrepo import GitError, GitRepo


def test_a_missing_git_is_one_line_naming_what_to_do(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Without git on PATH: GitError saying to install git, no traceback."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GitError, match="git is not installed"):
        GitRepo(tmp_path).run(["status"])


def test_a_failing_remote_is_one_line(tmp_path: Path) -> None:
    """A remote that does not exist: GitError with git's own reason on one line."""
    repo = GitRepo(tmp_path)
    repo.run(["init", "-q"])
    with pytest.raises(GitError) as caught:
        repo.run(["fetch", str(tmp_path / "nowhere")], what="fetching")
    message = str(caught.value)
    assert message.startswith("fetching failed:") and "\n" not in message


def test_a_folder_inside_another_repository_is_not_a_repository(tmp_path: Path) -> None:
    """The data directory below someone's repository is not taken for that repository."""
    outer = GitRepo(tmp_path)
    outer.run(["init", "-q"])
    inner = tmp_path / "data"
    inner.mkdir()
    assert outer.is_repo()
    assert not GitRepo(inner).is_repo()


def test_changes_and_sizes_of_commits(tmp_path: Path) -> None:
    """The changed paths between two commits, with their modes and sizes."""
    repo = GitRepo(tmp_path)
    repo.run(["init", "-q", "-b", "main"])
    repo.run(["config", "user.email", "t@example.invalid"])
    repo.run(["config", "user.name", "t"])
    (tmp_path / "a.toml").write_text("x = 1\n")
    repo.run(["add", "-A"])
    repo.run(["commit", "-q", "-m", "one"])
    first = repo.head()
    (tmp_path / "b.toml").write_text("y = 22\n")
    repo.run(["add", "-A"])
    repo.run(["commit", "-q", "-m", "two"])
    second = repo.head()
    assert second is not None
    changes = repo.raw_changes(first, second)
    assert [(mode, path) for mode, _obj, path in changes] == [("100644", "b.toml")]
    assert repo.object_sizes([changes[0][1]]) == {changes[0][1]: 7}
    assert repo.changed_between(first, second) == [("A", "b.toml")]
    assert gitrepo.is_ancestor(repo, first or "", second)
