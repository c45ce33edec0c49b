"""Load and save every kind of document: one file each, problems collected, saves atomic.

Files:
  <data>/journal/<YYYY>/<MM>/<entry-id>.toml      journal entries
  <data>/results/<bank-id>/<result-id>.toml       assessment results
  <data>/goals/<goal-id>.toml                     goals with their check-ins
  <data>/banks/<bank-id>/<version>.toml           installed question banks (old versions kept)
  <data>/schemas/<schema-id>/<version>.toml       the user's own journal schemas
  <data>/banks-removed/, <data>/schemas-removed/  removed banks and schemas (still read)
  <data>/drafts/                                  unfinished entries and assessments
  <data>/trash/                                   deleted entries
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from kohtaa_tui import i18n
from kohtaa_tui.domain.assessment import (
    AssessmentDraft,
    AssessmentResult,
    draft_from_document,
    draft_to_document,
    result_from_document,
    result_to_document,
)
from kohtaa_tui.domain.clock import Clock
from kohtaa_tui.domain.goals import (
    Goal,
    GoalDraft,
    goal_draft_from_document,
    goal_from_document,
    goal_to_document,
)
from kohtaa_tui.domain.ids import is_document_id
from kohtaa_tui.domain.journal import (
    JournalEntry,
    entry_from_document,
    entry_to_document,
)
from kohtaa_tui.domain.problems import Issue, Problem, Severity
from kohtaa_tui.i18n import ngettext
from kohtaa_tui.storage import fsops, kinds
from kohtaa_tui.storage.atomic import current_bytes, open_directory, write_inside
from kohtaa_tui.storage.codec import MAX_FILE_BYTES, ParseError, dump_toml, parse_toml, read_bounded
from kohtaa_tui.storage.errors import (
    ConflictError,
    NotFoundError,
    ReadOnlyError,
    SaveError,
    UnreadableFileError,
)
from kohtaa_tui.storage.kinds import check_saved_over, kind_of
from kohtaa_tui.storage.locate import SourceIndex
from kohtaa_tui.storage.lock import DataLock

T = TypeVar("T")
MAX_DATA_FILE_BYTES = kinds.MAX_DATA_FILE_BYTES
"""The app's own files may be larger than files from other people (long check-in histories)."""
Parser = Callable[[Mapping[str, Any]], tuple[T | None, list[Issue]]]

def fingerprint(data: bytes) -> str:
    """The content hash that tells whether a file changed since it was loaded."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A document with the file it came from and the fingerprint of the bytes read."""

    value: T
    path: Path
    fingerprint: str
    warnings: tuple[Problem, ...] = ()


MAX_PROBLEMS_PER_FILE = 100
"""More problems than this in one file are counted, not listed (a file from a stranger may
hold thousands of unknown keys; listing them all helps nobody and takes long)."""


def issues_to_problems(path: Path | str, text: str | None, issues: list[Issue]) -> list[Problem]:
    """Problems naming the file and, where it can be found, the line; errors first."""
    ordered = sorted(issues, key=lambda issue: issue.severity != "error")
    shown, hidden = ordered[:MAX_PROBLEMS_PER_FILE], ordered[MAX_PROBLEMS_PER_FILE:]
    index = SourceIndex(text) if text is not None and shown else None
    out: list[Problem] = []
    for issue in shown:
        line = index.line_of(issue.path) if index is not None and issue.path else None
        out.append(Problem(file=str(path), message=issue.describe(issue.message_in(i18n._)),
                           line=line,
                           severity=issue.severity))
    if hidden:
        severity: Severity = "error" if any(i.severity == "error" for i in hidden) else "warning"
        out.append(Problem(file=str(path), message=ngettext(
            "and {count} more problem like these; fix the ones above first",
            "and {count} more problems like these; fix the ones above first",
            len(hidden)).format(count=len(hidden)), line=None, severity=severity))
    return out


def load_document(path: Path, parser: Parser[T],
                  limit: int = MAX_FILE_BYTES) -> tuple[Loaded[T] | None, list[Problem]]:
    """Read, parse and validate one file; never raises for bad content."""
    try:
        data = read_bounded(path, limit)
        document = parse_toml(data)
    except ParseError as error:
        return None, [Problem(file=str(path), message=error.message, line=error.line)]
    text = data.decode("utf-8", errors="replace")
    try:
        value, issues = parser(document)
    except RecursionError:
        return None, [Problem(file=str(path), message="the document is nested too deeply")]
    problems = issues_to_problems(path, text, issues)
    if value is None:
        if not problems:
            problems.append(Problem(file=str(path), message="the document could not be read"))
        return None, problems
    warnings = tuple(p for p in problems if p.severity == "warning")
    return Loaded(value, path, fingerprint(data), warnings), [
        p for p in problems if p.severity == "error"]


def load_with_bytes(path: Path, parser: Parser[T], limit: int = MAX_FILE_BYTES
                    ) -> tuple[bytes | None, Loaded[T] | None, list[Problem]]:
    """Read and validate a file once, for installing it: its bytes, the loaded value, and
    every problem (warnings included; the value is None when there is an error)."""
    try:
        data = read_bounded(path, limit)
        document = parse_toml(data)
    except ParseError as error:
        return None, None, [Problem(file=str(path), message=error.message, line=error.line)]
    try:
        value, issues = parser(document)
    except RecursionError:
        return data, None, [Problem(file=str(path), message="the document is nested too deeply")]
    problems = issues_to_problems(path, data.decode("utf-8", errors="replace"), issues)
    if value is None:
        return data, None, problems
    warnings = tuple(p for p in problems if p.severity == "warning")
    return data, Loaded(value, path, fingerprint(data), warnings), problems


def _toml_files(directory: Path) -> Iterator[Path]:
    """Every visible .toml file below `directory`, sorted; temp files are skipped."""
    if not directory.is_dir():
        return
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            # is_file: a FIFO or a device named *.toml would block or flood the reader.
            if name.endswith(".toml") and not name.startswith(".") and path.is_file():
                yield path


class Store:
    """Every document of one data directory.

    Reads take no lock (a reader sees the old or the new file, never a mix). Every write
    holds the data directory's lock and first checks that the file on disk is still the one
    the caller loaded: a file changed by another process, or one that failed to load, is
    never overwritten.
    """

    def __init__(self, data_dir: Path, clock: Clock, read_only: bool = False) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.read_only = read_only
        self.lock = DataLock(data_dir)

    # -- layout ---------------------------------------------------------------------------
    @property
    def journal_dir(self) -> Path:
        """Journal entries."""
        return self.data_dir / "journal"

    @property
    def results_dir(self) -> Path:
        """Assessment results."""
        return self.data_dir / "results"

    @property
    def goals_dir(self) -> Path:
        """Goals."""
        return self.data_dir / "goals"

    @property
    def banks_dir(self) -> Path:
        """Installed question banks."""
        return self.data_dir / "banks"

    @property
    def schemas_dir(self) -> Path:
        """The user's own journal schemas."""
        return self.data_dir / "schemas"

    @property
    def drafts_dir(self) -> Path:
        """Unfinished entries and assessments."""
        return self.data_dir / "drafts"

    @property
    def trash_dir(self) -> Path:
        """Deleted entries, until emptied."""
        return self.data_dir / "trash"

    def entry_path(self, entry: JournalEntry) -> Path:
        """Where an entry lives: by the month it was created."""
        return self.journal_dir / entry.created.strftime("%Y") / entry.created.strftime(
            "%m") / f"{safe_id(entry.id)}.toml"

    def result_path(self, result: AssessmentResult) -> Path:
        """Where a result lives."""
        return self.results_dir / safe_id(result.bank_id) / f"{safe_id(result.id)}.toml"

    def goal_path(self, goal_id: str) -> Path:
        """Where a goal lives."""
        return self.goals_dir / f"{safe_id(goal_id)}.toml"

    # -- the one write path -----------------------------------------------------------------
    def write(self, path: Path, document: Mapping[str, Any], expected: str | None,
              parser: Parser[Any] | None = None) -> str:
        """Save `document` at `path`; returns the new fingerprint.

        `expected` is the fingerprint of the file as it was loaded, or None for a new file.
        With `parser`, the bytes must also load back without errors (nothing is saved that
        kohtaa could not read again). Raises ConflictError when the file on disk is not that
        one, SaveError on failure.
        """
        data = _proven(path, document, parser)
        return self.write_bytes(path, data, expected)

    def write_bytes(self, path: Path, data: bytes, expected: str | None) -> str:
        """Save bytes with the same checks as `write`."""
        return self._commit(path, data, expected, check_changed=True)

    def _commit(self, path: Path, data: bytes, expected: str | None, *,
                check_changed: bool) -> str:
        """The one way a file of the data directory is written: under the lock, through no
        symbolic link, never over a file kohtaa could not read or a newer kohtaa wrote
        (kinds.check_saved_over) and, with `check_changed`, only over the file the caller
        loaded (`expected`)."""
        if self.read_only:
            raise ReadOnlyError("this data directory is open read-only; nothing was saved")
        if not _inside(path, self.data_dir):
            raise SaveError(f"{path}: refusing to write outside the data directory")
        kind = kind_of(path, self.data_dir)

        def check(current: bytes | None) -> None:
            check_saved_over(path, current, kind)
            if check_changed:
                _compare(path, current, expected)

        with self.lock:
            write_inside(self.data_dir, path, data, check, MAX_DATA_FILE_BYTES)
        return fingerprint(data)

    def update(self, path: Path, parser: Parser[T], change: Callable[[T], T],
               to_document: Callable[[T], Mapping[str, Any]]) -> Loaded[T]:
        """Read-modify-write under the lock: load `path` fresh, apply `change`, save."""
        if self.read_only:
            raise ReadOnlyError("this data directory is open read-only; nothing was saved")
        with self.lock:
            loaded, problems = load_document(path, parser, MAX_DATA_FILE_BYTES)
            if loaded is None:
                if problems and "does not exist" in problems[0].message:
                    raise NotFoundError(f"{path}: not found")
                raise UnreadableFileError(str(problems[0]) if problems
                                          else f"{path}: cannot be read")
            new_value = change(loaded.value)
            data = _proven(path, to_document(new_value), parser)
            self._commit(path, data, loaded.fingerprint, check_changed=True)
        return Loaded(new_value, path, fingerprint(data))

    def move_to_trash(self, path: Path, expected: str) -> Path:
        """Move a document into the trash (after checking it is the one loaded)."""
        if self.read_only:
            raise ReadOnlyError("this data directory is open read-only; nothing was changed")
        if not _inside(path, self.data_dir):
            raise SaveError(f"{path}: refusing to move a file outside the data directory")
        with self.lock:
            try:
                source_fd = open_directory(self.data_dir, path.parent, path)
            except OSError as error:
                raise SaveError(f"{path}: cannot move to the trash: {error.strerror}") from None
            try:
                target = self._move_into_trash(path, expected, source_fd)
            finally:
                os.close(source_fd)
        return target

    def _move_into_trash(self, path: Path, expected: str, source_fd: int) -> Path:
        try:
            trash_fd = open_directory(self.data_dir, self.trash_dir, path)
        except OSError as error:
            raise SaveError(f"{path}: cannot move to the trash: {error.strerror}") from None
        try:
            target = self.trash_dir / path.name
            number = 2
            while _exists_in(trash_fd, target.name):  # an earlier deleted file stays too
                target = self.trash_dir / f"{path.stem}-{number}{path.suffix}"
                number += 1
            try:
                _compare(path, current_bytes(source_fd, path, MAX_DATA_FILE_BYTES), expected)
                os.replace(path.name, target.name, src_dir_fd=source_fd, dst_dir_fd=trash_fd)
            except OSError as error:
                raise SaveError(f"{path}: cannot move to the trash: {error.strerror}") from None
            for fd in (source_fd, trash_fd):
                try:
                    os.fsync(fd)
                except OSError:
                    continue
        finally:
            os.close(trash_fd)
        return target

    # -- loading ----------------------------------------------------------------------------
    def load_all(self, directory: Path, parser: Parser[T],
                 limit: int = MAX_DATA_FILE_BYTES) -> tuple[list[Loaded[T]], list[Problem]]:
        """Every document below `directory`; the bad ones as problems, the rest loaded."""
        loaded: list[Loaded[T]] = []
        problems: list[Problem] = []
        for path in _toml_files(directory):
            item, found = load_document(path, parser, limit)
            problems.extend(found)
            if item is not None:
                loaded.append(item)
        return loaded, problems

    def entries(self) -> tuple[list[Loaded[JournalEntry]], list[Problem]]:
        """Every journal entry."""
        return self.load_all(self.journal_dir, entry_from_document)

    def results(self) -> tuple[list[Loaded[AssessmentResult]], list[Problem]]:
        """Every assessment result, oldest first."""
        loaded, problems = self.load_all(self.results_dir, result_from_document)
        loaded.sort(key=lambda item: item.value.completed)
        return loaded, problems

    def goals(self) -> tuple[list[Loaded[Goal]], list[Problem]]:
        """Every goal."""
        return self.load_all(self.goals_dir, goal_from_document)

    def goal(self, goal_id: str) -> Loaded[Goal]:
        """One goal by id; raises NotFoundError or SaveError for a missing or broken file."""
        loaded, problems = load_document(self.goal_path(goal_id), goal_from_document,
                                         MAX_DATA_FILE_BYTES)
        if loaded is None:
            if problems and "does not exist" in problems[0].message:
                raise NotFoundError(f"no goal with id {goal_id!r}")
            raise SaveError(str(problems[0]))
        return loaded

    # -- saving -----------------------------------------------------------------------------
    def save_entry(self, entry: JournalEntry, expected: str | None) -> Loaded[JournalEntry]:
        """Save a new (`expected` None) or loaded entry."""
        path = self.entry_path(entry)
        return Loaded(entry, path, self.write(path, entry_to_document(entry), expected,
                                              entry_from_document))

    def save_result(self, result: AssessmentResult) -> Loaded[AssessmentResult]:
        """Save a new assessment result."""
        path = self.result_path(result)
        return Loaded(result, path, self.write(path, result_to_document(result), None,
                                               result_from_document))

    def save_goal(self, goal: Goal, expected: str | None) -> Loaded[Goal]:
        """Save a new (`expected` None) or loaded goal."""
        path = self.goal_path(goal.id)
        return Loaded(goal, path, self.write(path, goal_to_document(goal), expected,
                                             goal_from_document))

    def update_goal(self, goal_id: str, change: Callable[[Goal], Goal]) -> Loaded[Goal]:
        """Change a goal as it is on disk now, under the lock (for check-ins)."""
        return self.update(self.goal_path(goal_id), goal_from_document, change,
                           goal_to_document)

    # -- drafts -----------------------------------------------------------------------------
    def assessment_draft_path(self, bank_id: str) -> Path:
        """Where an unfinished assessment of a bank is kept."""
        return self.drafts_dir / f"assessment-{safe_id(bank_id)}.toml"

    @property
    def goal_draft_path(self) -> Path:
        """Where the new-goal form is kept when the app closes before it is saved."""
        return self.drafts_dir / "goal.toml"

    def goal_draft(self) -> Loaded[GoalDraft] | None:
        """The unfinished new goal, if there is a readable one."""
        path = self.goal_draft_path
        if not path.exists():
            return None
        loaded, _ = load_document(path, goal_draft_from_document, MAX_DATA_FILE_BYTES)
        return loaded

    def assessment_draft(self, bank_id: str) -> Loaded[AssessmentDraft] | None:
        """The unfinished assessment of a bank, if there is one."""
        path = self.assessment_draft_path(bank_id)
        if not path.exists():
            return None
        loaded, _ = load_document(path, draft_from_document, MAX_DATA_FILE_BYTES)
        return loaded

    def save_assessment_draft(self, draft: AssessmentDraft) -> None:
        """Keep an unfinished assessment (last writer wins: it is this person's own draft)."""
        path = self.assessment_draft_path(draft.bank_id)
        self.write_draft(path, draft_to_document(draft), draft_from_document)

    def write_draft(self, path: Path, document: Mapping[str, Any],
                    parser: Parser[Any] | None = None) -> None:
        """Write a draft without the changed-on-disk check."""
        if self.read_only:
            raise ReadOnlyError("this data directory is open read-only; nothing was saved")
        data = _proven(path, document, parser)
        self._commit(path, data, None, check_changed=False)

    def discard_draft(self, path: Path) -> None:
        """Remove a draft once its work is saved or thrown away."""
        if self.read_only:
            return
        with self.lock:
            fsops.unlink(path)

    # -- housekeeping -----------------------------------------------------------------------
    def tighten_permissions(self, stop: Callable[[], bool] | None = None) -> list[str]:
        """Make the data directory 0700 and its files 0600; returns what was changed.

        Symlinks are left alone (and not followed). `stop` is asked between directories:
        when it returns True the rest is left for the next start (the app calls this in the
        background and stops it when it quits).
        """
        changed: list[str] = []
        if not self.data_dir.is_dir() or self.read_only:
            return changed
        pending = [str(self.data_dir)]
        while pending:
            if stop is not None and stop():
                break
            root = pending.pop()
            _tighten(root, os.lstat, 0o700, changed)
            try:
                with os.scandir(root) as found:
                    entries = list(found)
            except OSError:
                continue
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                        continue
                except OSError:
                    continue
                _tighten(entry.path, _lstat_of(entry), 0o600, changed)
        return changed

    def sweep_temp_files(self, stop: Callable[[], bool] | None = None) -> list[Path]:
        """Remove temp files left by a save that was killed; they hold plain text.

        Only while holding the lock: a temp file of another kohtaa's save in progress is
        not swept from under it (if that kohtaa is busy, the sweep waits for the next start).
        `stop` is asked between directories, as in `tighten_permissions`.
        """
        removed: list[Path] = []
        if not self.data_dir.is_dir() or self.read_only:
            return removed
        with self.lock.attempt() as held:
            if not held:
                return removed
            for root, _dirs, files in os.walk(self.data_dir):
                if stop is not None and stop():
                    break
                for name in files:
                    if name.startswith(".") and name.endswith(".tmp"):
                        path = Path(root) / name
                        try:
                            fsops.unlink(path)
                        except OSError:
                            continue
                        removed.append(path)
        return removed


def _lstat_of(entry: os.DirEntry[str]) -> Callable[[str], os.stat_result]:
    """The lstat of a scandir entry (one system call per file)."""
    return lambda _path: entry.stat(follow_symlinks=False)


def _tighten(path: str, lstat: Callable[[str], os.stat_result], wanted: int,
             changed: list[str]) -> None:
    """chmod `path` to `wanted` if group or others have any access (never a symlink)."""
    try:
        mode = lstat(path).st_mode
        if not stat.S_ISLNK(mode) and stat.S_IMODE(mode) & 0o077:
            os.chmod(path, wanted)
            changed.append(path)
    except OSError:
        return


def _proven(path: Path, document: Mapping[str, Any], parser: Parser[Any] | None) -> bytes:
    """The bytes of `document`, proven to parse back and, with `parser`, to load back."""
    data = dump_toml(document)
    if parser is not None:
        _value, issues = parser(parse_toml(data))
        errors = [issue for issue in issues if issue.severity == "error"]
        if errors:
            raise SaveError(f"{path}: not saved: {errors[0].describe()}")
    return data


def safe_id(ident: str) -> str:
    """An id checked once more before it becomes part of a path; SaveError if it is not safe."""
    if not is_document_id(ident):
        raise SaveError(f"{ident[:40]!r} is not a valid id")
    return ident


def _inside(path: Path, directory: Path) -> bool:
    """Whether `path` names a file below `directory` (by its name: links are the save's
    business, see atomic.write_inside)."""
    try:
        relative = path.relative_to(directory)
    except ValueError:
        return False
    return bool(relative.parts) and ".." not in relative.parts


def _exists_in(dir_fd: int, name: str) -> bool:
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def _compare(path: Path, current: bytes | None, expected: str | None) -> None:
    """Refuse (ConflictError) unless the file on disk is the one the caller loaded."""
    if current is None:
        if expected is not None:
            raise ConflictError(f"{path}: the file was removed by someone else since it was "
                                "loaded; nothing was saved")
        return
    if expected is None:
        raise ConflictError(f"{path}: a file with this name already exists; nothing was "
                            "overwritten")
    if fingerprint(current) != expected:
        raise ConflictError(f"{path}: the file was changed by another program since it "
                            "was loaded; reload it (nothing was overwritten)")


def dump_for_test(document: Mapping[str, Any]) -> bytes:
    """The exact bytes a save would write (for tests and doctor)."""
    return dump_toml(document)
