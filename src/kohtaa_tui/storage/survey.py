"""A survey of the data directory, kind by kind from the registry: what is there, what could
not be read, and what is in the way.

Used by `kohtaa doctor` (everything) and by the dashboard (everything but the entries and
results, whose problems the index already knows), so that both count the same files as
unreadable.
"""

from __future__ import annotations

import fnmatch
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


def kind_paths(kind: DocumentKind, root: Path, links: list[Path] | None = None,
               plain_files: bool = True) -> Iterator[os.DirEntry[str]]:
    """Every name below the kind's folder that should hold a document of the kind (any
    type of file, links not followed), sorted per folder; hidden names and temp files are
    skipped. With `plain_files` False, only what is not a plain file (what is in the way).

    One scandir per folder and no system call per plain file (its type comes with the
    folder's listing). Folders on the way that are symbolic links are added to `links`
    (and not walked into, as the loaders do not)."""
    base = root / kind.folder if kind.folder else root
    if not base.is_dir():
        return
    if links is not None and kind.folder and base.is_symlink():
        links.append(base)
    name_pattern = Path(kind.pattern).name
    pending = [str(base)]
    while pending:
        top = pending.pop()
        found: list[os.DirEntry[str]] = []
        below: list[os.DirEntry[str]] = []
        try:
            with os.scandir(top) as listing:
                for item in listing:
                    if item.is_file(follow_symlinks=False):
                        if plain_files:
                            found.append(item)
                        continue
                    if item.is_dir(follow_symlinks=False):
                        below.append(item)
                    else:
                        found.append(item)  # a link, a fifo, a socket, a device
        except OSError:
            continue
        for item in sorted(found, key=lambda entry: entry.name):
            if item.name.startswith("."):
                continue
            if fnmatch.fnmatchcase(item.name, name_pattern):
                yield item
            elif links is not None and item.is_symlink() and os.path.isdir(item.path):
                links.append(Path(item.path))
        walk_into: list[str] = []
        for folder in sorted(below, key=lambda entry: entry.name):
            if folder.name.startswith("."):
                continue
            if fnmatch.fnmatchcase(folder.name, name_pattern):
                yield folder  # a folder with a document's name is in the way
            else:
                walk_into.append(folder.path)
        pending.extend(reversed(walk_into))


LINK_WARNING = ("is a symbolic link: kohtaa reads through it, but never saves through a "
                "link inside the data directory; replace it with the real {what}")


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
            return Problem(file=str(path), message="a symbolic link to nothing is where a "
                                      f"{kind.name} file should be; remove it or fix the link")
    if stat.S_ISREG(mode):
        return None
    return Problem(file=str(path),
                   message=f"{special_kind(mode)} is where a {kind.name} file should be; "
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
        links: list[Path] = []
        for item in kind_paths(kind, data_dir, links, plain_files=kind.folder not in skip):
            path = Path(item.path)
            if not item.is_file(follow_symlinks=False):  # no system call for a plain file
                blocking = in_the_way(path, kind)
                if blocking is not None:
                    found.problems.append(blocking)
                    continue
                warnings.append(Problem(file=str(path), message=LINK_WARNING.format(what="file"),
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
                    file=str(path),
                    message=f"the id inside is {ident[:60]!r}, but the file is named "
                               f"{path.name!r}; kohtaa finds a {kind.name} by its file name, so "
                               f"rename the file to {ident[:60]}.toml (or change the id)",
                    severity="warning"))
        for folder in links:
            if str(folder) not in linked:
                linked.add(str(folder))
                warnings.append(Problem(file=str(folder),
                                        message=LINK_WARNING.format(what="folder"),
                                        severity="warning"))
        found.counts[kind.label] = found.counts.get(kind.label, 0) + count
    found.problems.extend(warnings)
    return found
