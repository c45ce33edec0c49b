"""A survey of the data directory, kind by kind from the registry: what is there, what could
not be read, and what is in the way.

Used by `kohtaa doctor` (everything) and by the dashboard (everything but the entries and
results, whose problems the index already knows), so that both count the same files as
unreadable.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.atomic import special_kind
from kohtaa_tui.storage.kinds import DATA_KINDS, DocumentKind
from kohtaa_tui.storage.repository import load_document


@dataclass
class Survey:
    """How many documents of each kind were read, and every problem found."""

    counts: dict[str, int] = field(default_factory=dict)
    """Readable documents, by the kind's label."""
    problems: list[Problem] = field(default_factory=list)
    """Errors first found per file, then warnings (the errors are what is counted)."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that make a file unreadable."""
        return [p for p in self.problems if p.severity == "error"]


def kind_paths(kind: DocumentKind, root: Path) -> Iterator[Path]:
    """Every name below the kind's folder that should hold a document of the kind (any
    type of file, links not followed), sorted; hidden names and temp files are skipped."""
    base = root / kind.folder if kind.folder else root
    if not base.is_dir():
        return
    name_pattern = Path(kind.pattern).name
    for top, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(top)
        # A folder with a document's name is reported (and not walked into).
        named = [d for d in dirs if Path(d).match(name_pattern)]
        dirs[:] = [d for d in dirs if d not in named]
        for name in sorted([*files, *named]):
            if not name.startswith(".") and Path(name).match(name_pattern):
                yield here / name


LINK_WARNING = ("is a symbolic link: kohtaa reads through it, but never saves through a "
                "link inside the data directory; replace it with the real {what}")


def linked_folders(kind: DocumentKind, root: Path) -> Iterator[Path]:
    """The kind's folder and the folders below it that are symbolic links."""
    base = root / kind.folder if kind.folder else root
    if not kind.folder or not os.path.lexists(base):
        return
    if base.is_symlink():
        yield base
    for top, dirs, _files in os.walk(base):
        for name in sorted(dirs):
            if not name.startswith(".") and (Path(top) / name).is_symlink():
                yield Path(top) / name


def in_the_way(path: Path, kind: DocumentKind) -> Problem | None:
    """A problem when `path` is not a file kohtaa can read: a folder, a socket, a fifo, a
    device, or a link to nothing."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return Problem(str(path), "a symbolic link to nothing is where a "
                                      f"{kind.name} file should be; remove it or fix the link")
    if stat.S_ISREG(mode):
        return None
    return Problem(str(path), f"{special_kind(mode)} is where a {kind.name} file should be; "
                              "kohtaa cannot read it: move it away")


def survey(data_dir: Path, skip: Collection[str] = (),
           kinds: tuple[DocumentKind, ...] = DATA_KINDS) -> Survey:
    """Read every document of every kind below `data_dir` (those whose folder is in `skip`
    only for things in the way, not parsed). Reads only; creates nothing."""
    found = Survey()
    warnings: list[Problem] = []
    linked: set[str] = set()
    for kind in kinds:
        if not kind.checked:
            continue
        count = 0
        for folder in linked_folders(kind, data_dir):
            if str(folder) not in linked:
                linked.add(str(folder))
                warnings.append(Problem(str(folder), LINK_WARNING.format(what="folder"),
                                        severity="warning"))
        for path in kind_paths(kind, data_dir):
            blocking = in_the_way(path, kind)
            if blocking is not None:
                found.problems.append(blocking)
                continue
            if path.is_symlink():
                warnings.append(Problem(str(path), LINK_WARNING.format(what="file"),
                                        severity="warning"))
            if kind.folder in skip:
                continue
            loaded, problems = load_document(path, kind.reader, kind.limit)
            found.problems.extend(problems)
            if loaded is None:
                continue
            count += 1
            warnings.extend(loaded.warnings)
            ident = getattr(loaded.value, "id", None)
            if kind.id_from_name and isinstance(ident, str) and ident != path.stem:
                warnings.append(Problem(
                    str(path), f"the id inside is {ident[:60]!r}, but the file is named "
                               f"{path.name!r}; kohtaa finds a {kind.name} by its file name, so "
                               f"rename the file to {ident[:60]}.toml (or change the id)",
                    severity="warning"))
        found.counts[kind.label] = found.counts.get(kind.label, 0) + count
    found.problems.extend(warnings)
    return found
