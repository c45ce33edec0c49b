"""The registry of document kinds: where each kind lives, how it is read and written.

The store, `kohtaa doctor`, the round-trip tests and the loader fuzzers iterate `KINDS`, so
a new kind of document is one entry here. This is also the one place that decides whether
a file may be saved over (`check_saved_over`): a save over a file that exists reads it
first and refuses, leaving it byte-identical, when it does not parse, is of another kind or
was written by a newer kohtaa (a `schema_version` above the one this kohtaa knows).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from kohtaa_tui.domain.assessment import (
    draft_from_document,
    draft_to_document,
    result_from_document,
    result_to_document,
)
from kohtaa_tui.domain.banks import bank_from_document, bank_to_document
from kohtaa_tui.domain.config import settings_from_document, settings_to_document
from kohtaa_tui.domain.document import FORMAT_VERSION
from kohtaa_tui.domain.feedback import (
    request_from_document,
    request_to_document,
    response_from_document,
    response_to_document,
)
from kohtaa_tui.domain.goals import (
    goal_draft_from_document,
    goal_draft_to_document,
    goal_from_document,
    goal_to_document,
)
from kohtaa_tui.domain.journal import (
    entry_from_document,
    entry_to_document,
    schema_document,
    schema_from_document,
)
from kohtaa_tui.domain.journal_draft import draft_from_document as entry_draft_from_document
from kohtaa_tui.domain.journal_draft import draft_to_document as entry_draft_to_document
from kohtaa_tui.storage.codec import MAX_FILE_BYTES, ParseError, parse_toml
from kohtaa_tui.storage.errors import UnreadableFileError

Reader = Callable[[Mapping[str, Any]], tuple[Any, list[Any]]]
Writer = Callable[[Any], Mapping[str, Any]]

MAX_DATA_FILE_BYTES = 8 * MAX_FILE_BYTES
"""The app's own files may be larger than files from other people (long check-in histories)."""


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its name, where its files are, and how they are read and
    written."""

    name: str
    """The `kind` key inside the file (`goal`, `journal_entry`...)."""
    label: str
    """What doctor calls a number of them ("goals")."""
    folder: str
    """The folder below the data directory (or the config directory, see `root`)."""
    pattern: str
    """The files of the kind inside `folder`, as a glob of the relative path."""
    reader: Reader
    writer: Writer
    saved_over: bool = True
    """Whether kohtaa ever replaces an existing file of this kind."""
    limit: int = MAX_DATA_FILE_BYTES
    """Files larger than this are not read."""
    root: Literal["data", "config"] = "data"
    checked: bool = True
    """Whether doctor and the dashboard read these files (the trash is only counted)."""
    id_from_name: bool = False
    """Whether the file name (without .toml) is the document's `id`, so doctor can tell
    when they differ."""

    def matches(self, relative: PurePosixPath) -> bool:
        """Whether a path relative to the root is a file of this kind."""
        parts = relative.parts
        if self.folder:
            if not parts or parts[0] != self.folder:
                return False
            parts = parts[1:]
        pattern_parts = PurePosixPath(self.pattern).parts
        return len(parts) == len(pattern_parts) and all(
            fnmatch.fnmatchcase(part, pattern) for part, pattern in zip(parts, pattern_parts,
                                                                        strict=True))


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("journal_entry", "journal entries", "journal", "*/*/*.toml",
                 entry_from_document, entry_to_document, id_from_name=True),
    DocumentKind("assessment_result", "results", "results", "*/*.toml",
                 result_from_document, result_to_document, id_from_name=True),
    DocumentKind("goal", "goals", "goals", "*.toml", goal_from_document, goal_to_document,
                 id_from_name=True),
    DocumentKind("question_bank", "banks", "banks", "*/*.toml", bank_from_document,
                 bank_to_document, limit=MAX_FILE_BYTES),
    DocumentKind("question_bank", "removed banks", "banks-removed", "*/*.toml",
                 bank_from_document, bank_to_document, limit=MAX_FILE_BYTES),
    DocumentKind("journal_schema", "journal schemas", "schemas", "*/*.toml",
                 schema_from_document, schema_document, limit=MAX_FILE_BYTES),
    DocumentKind("journal_schema", "removed journal schemas", "schemas-removed", "*/*.toml",
                 schema_from_document, schema_document, limit=MAX_FILE_BYTES),
    DocumentKind("assessment_draft", "assessment drafts", "drafts", "assessment-*.toml",
                 draft_from_document, draft_to_document),
    DocumentKind("goal_draft", "goal drafts", "drafts", "goal.toml",
                 goal_draft_from_document, goal_draft_to_document),
    DocumentKind("entry_draft", "journal drafts", "drafts", "journal-*.toml",
                 entry_draft_from_document, entry_draft_to_document),
    DocumentKind("journal_entry", "entries in the trash", "trash", "*.toml",
                 entry_from_document, entry_to_document, saved_over=False, checked=False),
    DocumentKind("feedback_request", "feedback requests", "feedback-requests", "*.toml",
                 request_from_document, request_to_document, id_from_name=True),
    DocumentKind("feedback_response", "feedback responses", "feedback-responses", "*/*.toml",
                 response_from_document, response_to_document, limit=MAX_FILE_BYTES,
                 id_from_name=True),
    DocumentKind("config", "settings", "", "config.toml", settings_from_document,
                 settings_to_document, root="config"),
)
"""Every kind of document kohtaa keeps. Add an entry to add a kind."""

DATA_KINDS: tuple[DocumentKind, ...] = tuple(k for k in KINDS if k.root == "data")
CONFIG = next(k for k in KINDS if k.name == "config")


def kind_of(path: Path, root: Path, kinds: tuple[DocumentKind, ...] = DATA_KINDS
            ) -> DocumentKind | None:
    """The kind of the file at `path` below `root`, or None for a file of no known kind."""
    try:
        relative = PurePosixPath(path.relative_to(root).as_posix())
    except ValueError:
        return None
    return next((kind for kind in kinds if kind.matches(relative)), None)


def _newer_version(document: Mapping[str, Any]) -> int | None:
    version = document.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return version
    return None


def check_saved_over(path: Path, current: bytes | None, kind: DocumentKind | None) -> None:
    """Refuse (UnreadableFileError, one line) to replace `current`, the bytes now at `path`,
    when kohtaa could not read them or a newer kohtaa wrote them; None means no file.

    For a file of no known kind, the file must parse as TOML and carry no newer
    `schema_version`; for a known kind, its reader must also make a document of it.
    """
    if current is None:
        return
    if kind is not None and not kind.saved_over:
        raise UnreadableFileError(f"{path}: not saved: kohtaa never replaces this file")
    try:
        document = parse_toml(current)
    except ParseError as error:
        where = f"{path}:{error.line}" if error.line else str(path)
        raise UnreadableFileError(
            f"{where}: not saved over: the file there cannot be read ({error.message}); "
            "fix or move it, then try again") from None
    newer = _newer_version(document)
    if newer is not None:
        raise UnreadableFileError(
            f"{path}: not saved over: the file has schema_version {newer}, written by a newer "
            "kohtaa; it is left as it is (upgrade kohtaa to change it)")
    if kind is None:
        return
    try:
        value, issues = kind.reader(document)
    except RecursionError:
        value, issues = None, []
    if value is None:
        first = next((issue for issue in issues if issue.severity == "error"), None)
        reason = first.describe() if first is not None else "it could not be read"
        raise UnreadableFileError(
            f"{path}: not saved over: the file there is not a readable {kind.name} "
            f"({reason}); fix or move it, then try again")
