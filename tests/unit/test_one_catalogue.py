"""Question banks and journal schemas are two kinds of the one catalogue: the same table of
behaviours (install, install the same again, a new version, list, remove, a hostile file,
broken TOML, a misspelt key) holds for both, through `kohtaa bank|schema ...` and through
storage.catalogue."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.storage.banks import BANKS
from kohtaa_tui.storage.catalogue import Catalogue, CatalogueKind, CatalogueRefused
from kohtaa_tui.storage.repository import Store, fingerprint
from kohtaa_tui.storage.schemas import SCHEMAS
from tests.unit.test_bank_validate import HEADER as BANK_HEADER
from tests.unit.test_bank_validate import SCALE, item

SCHEMA_HEADER = """schema_version = 1
kind = "journal_schema"
id = "tiny"
version = 1
title = { fi = "Pieni", en = "Tiny" }
description = { fi = "Kuvaus", en = "Description" }
languages = ["fi", "en"]
"""


def field(ident: str, extra: str = "", prompt: str = '{ fi = "Otsikko", en = "Title" }'
          ) -> str:
    """One [[fields]] table."""
    return f'\n[[fields]]\nid = "{ident}"\ntype = "short_text"\nprompt = {prompt}\n{extra}'


@dataclass(frozen=True)
class Kind:
    """One catalogue kind and the files of this test in it."""

    noun: str
    kind: CatalogueKind[Any]
    header: str
    body: str
    """A valid body: the header and this make a valid file of id `tiny`."""
    misspelt: str
    """The body with a misspelt key in its second part."""
    misspelt_warning: str
    broken_parts: str
    """A body with a problem in each of two parts, the later one first in no order."""
    broken_messages: tuple[str, ...]
    size_key: str
    shipped_id: str

    def text(self, version: int = 1, body: str | None = None, note: str = "") -> str:
        """A file of id `tiny` at `version` (`note`: a comment that changes the bytes)."""
        return (self.header.replace("\nversion = 1\n", f"\nversion = {version}\n")
                + (self.body if body is None else body) + note)


KINDS = [
    Kind("bank", BANKS, BANK_HEADER, SCALE + item("a") + item("b", "feedback"),
         SCALE + item("a") + item("b", "feedback", "revrse = true\n"),
         "items[2].revrse: is not a key kohtaa knows, so it is ignored; did you mean "
         "`reverse`?",
         SCALE + item("a", "listenin") + item("b", "feedback", text='{ fi = "Palaute." }'),
         ("items[1].step: 'listenin' is not a skill step", "items[2].text: has no en text"),
         "items", "core"),
    Kind("schema", SCHEMAS, SCHEMA_HEADER, field("title", 'role = "title"\n') + field("what"),
         field("title", 'role = "title"\n') + field("what", "requird = true\n"),
         "fields[2].requird: is not a key kohtaa knows, so it is ignored; did you mean "
         "`required`?",
         field("title", 'role = "title"\ntype = "long_txt"\n').replace(
             'type = "short_text"\n', "", 1) + field("what", prompt='{ fi = "Mitä?" }'),
         ("fields[1].type: 'long_txt' is not one of", "fields[2].prompt: has no en text"),
         "fields", "quick"),
]
IDS = [kind.noun for kind in KINDS]


def write(tmp_path: Path, text: str, name: str = "file.toml") -> Path:
    """A file outside the data directory."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def located(out: str, path: Path) -> list[tuple[int, str]]:
    """Each output line about `path` as (line number, the rest); the file's own as 0."""
    found = []
    for line in out.splitlines():
        if not line.startswith(str(path)):
            continue
        rest = line[len(str(path)) + 1:]
        number, _sep, message = rest.partition(": ")
        found.append((int(number), message) if number.isdigit() else (0, rest.strip()))
    return found


def installed(data_dir: Path, kind: Kind) -> list[Path]:
    """The installed files of the kind, sorted."""
    return sorted((data_dir / kind.kind.folder).rglob("*.toml"))


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_the_files_of_this_test_are_valid(kind: Kind, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The base file passes `validate` (so the cases below test what they say)."""
    assert main([kind.noun, "validate", str(write(tmp_path, kind.text()))]) == 0
    assert "ok: tiny version 1, 2 " in capsys.readouterr().out


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_install_reinstall_and_a_new_version(kind: Kind, tmp_path: Path, data_dir: Path,
                                             store: Store,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Install copies the bytes; the same again changes nothing; other bytes under the same
    version and an older version are refused; a new version sits beside the old one."""
    first = write(tmp_path, kind.text(note="\n# kept as written\n"))
    assert main([kind.noun, "add", str(first)]) == 0
    assert "installed tiny version 1 (" in capsys.readouterr().out
    v1 = data_dir / kind.kind.folder / "tiny" / "1.toml"
    assert installed(data_dir, kind) == [v1]
    assert v1.read_bytes() == first.read_bytes()

    assert main([kind.noun, "add", str(first)]) == 0
    assert "tiny version 1 is already installed" in capsys.readouterr().out
    assert installed(data_dir, kind) == [v1]

    other = write(tmp_path, kind.text(note="\n# other bytes\n"), "other.toml")
    assert main([kind.noun, "add", str(other)]) == 1
    err = capsys.readouterr().err
    assert "already installed with other content" in err and len(err.splitlines()) == 1
    assert v1.read_bytes() == first.read_bytes()

    second = write(tmp_path, kind.text(2), "v2.toml")
    assert main([kind.noun, "add", str(second)]) == 0
    assert "installed tiny version 2 as the latest" in capsys.readouterr().out
    v2 = data_dir / kind.kind.folder / "tiny" / "2.toml"
    assert installed(data_dir, kind) == [v1, v2]

    assert main([kind.noun, "add", str(first)]) == 0  # the same bytes as version 1
    assert main([kind.noun, "add", str(other)]) == 1
    assert "already installed with other content" in capsys.readouterr().err
    assert installed(data_dir, kind) == [v1, v2]

    catalogue = Catalogue.load(kind.kind, store)
    assert [e.doc.version for e in catalogue.versions("tiny")] == [1, 2]
    latest = catalogue.latest("tiny")
    assert latest is not None and latest.doc.version == 2 and latest.source == "installed"
    exact = catalogue.get("tiny", 1, fingerprint(first.read_bytes()))
    assert exact is not None and exact.path == v1


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_an_older_version_is_refused(kind: Kind, tmp_path: Path, data_dir: Path,
                                     store: Store) -> None:
    """Once version 2 is installed, a version 1 never seen is not installed."""
    assert main([kind.noun, "add", str(write(tmp_path, kind.text(2)))]) == 0
    data, loaded, _problems = kind.kind.read(write(tmp_path, kind.text(1), "v1.toml"))
    assert data is not None and loaded is not None
    with pytest.raises(CatalogueRefused, match="newer than version 1"):
        Catalogue.load(kind.kind, store).install(data, loaded.value)
    assert [p.name for p in installed(data_dir, kind)] == ["2.toml"]


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_list_shows_every_version_and_the_latest(kind: Kind, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Shipped and installed versions, each with its size; only the newest is the latest."""
    assert main([kind.noun, "add", str(write(tmp_path, kind.text(1)))]) == 0
    assert main([kind.noun, "add", str(write(tmp_path, kind.text(2), "v2.toml"))]) == 0
    capsys.readouterr()
    assert main([kind.noun, "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    tiny = [(r["version"], r["latest"], r["source"], r[kind.size_key]) for r in rows
            if r["id"] == "tiny"]
    assert tiny == [(1, False, "installed", 2), (2, True, "installed", 2)]
    assert any(r["id"] == kind.shipped_id and r["source"] == "shipped" for r in rows)
    assert main([kind.noun, "list"]) == 0
    out = capsys.readouterr().out
    assert any(line.split()[:2] == ["tiny", "1"] and "(old)" in line
               for line in out.splitlines())


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_remove_moves_the_versions_aside(kind: Kind, tmp_path: Path, data_dir: Path,
                                         store: Store,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A removed id is no longer offered; what was made with it still finds it; a shipped
    or unknown id is refused."""
    source = write(tmp_path, kind.text())
    assert main([kind.noun, "add", str(source)]) == 0
    assert main([kind.noun, "remove", "tiny"]) == 0
    removed = data_dir / kind.kind.removed / "tiny" / "1.toml"
    assert f"1 version moved to {removed.parent}" in capsys.readouterr().out
    assert installed(data_dir, kind) == [] and removed.read_bytes() == source.read_bytes()
    catalogue = Catalogue.load(kind.kind, store)
    assert catalogue.latest("tiny") is None and catalogue.versions("tiny") == []
    kept = catalogue.get("tiny", 1)
    assert kept is not None and kept.source == "removed"
    assert main([kind.noun, "list", "--format", "json"]) == 0
    assert "tiny" not in [r["id"] for r in json.loads(capsys.readouterr().out)]

    assert main([kind.noun, "remove", "tiny"]) == 2
    assert main([kind.noun, "remove", kind.shipped_id]) == 1
    assert "shipped with kohtaa and cannot be removed" in capsys.readouterr().err
    with pytest.raises(CatalogueRefused, match="no installed"):
        catalogue.remove("tiny")

    assert main([kind.noun, "add", str(source)]) == 0  # installed again, removed again
    assert main([kind.noun, "remove", "tiny"]) == 0
    assert list(removed.parent.glob("*.toml")) == [removed]


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_a_hostile_file_is_refused(kind: Kind, tmp_path: Path, data_dir: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """An id that would leave the folder is named with its line; nothing is written."""
    hostile = write(tmp_path, kind.text().replace('id = "tiny"', 'id = "../../escape"'))
    assert main([kind.noun, "add", str(hostile)]) == 1
    found = located(capsys.readouterr().out, hostile)
    assert (3, "id: '../../escape' is not a valid id: use 1-64 lowercase letters, digits "
               "and dashes, starting with a letter or digit") in found
    assert found[-1] == (0, "not installed; fix the problems above and try again")
    assert not data_dir.exists() and not (tmp_path.parent / "escape").exists()


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_broken_toml_is_one_line_naming_file_and_line(kind: Kind, tmp_path: Path,
                                                      data_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    """A file that is not TOML: one line with the file and line, for add and validate."""
    broken = write(tmp_path, kind.text().replace('id = "tiny"', 'id = "tiny'))
    assert main([kind.noun, "add", str(broken)]) == 1
    assert main([kind.noun, "validate", str(broken)]) == 1
    out = capsys.readouterr().out
    problems = [line for line in out.splitlines() if line.startswith(f"{broken}:3: ")]
    assert len(problems) == 2 and "invalid TOML" in problems[0]
    assert "Traceback" not in out and not data_dir.exists()


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_a_misspelt_key_is_a_warning_with_a_suggestion(kind: Kind, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    """The file is still valid; the warning names the line of the misspelt key."""
    text = kind.text(body=kind.misspelt)
    path = write(tmp_path, text)
    assert main([kind.noun, "validate", str(path)]) == 0
    found = located(capsys.readouterr().out, path)
    line, message = next((n, m) for n, m in found if "did you mean" in m)
    assert message == "warning: " + kind.misspelt_warning
    misspelt = kind.misspelt_warning.split(": ")[0].rsplit(".", 1)[1]
    assert text.split("\n")[line - 1].startswith(misspelt + " = ")


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_every_problem_in_one_run_sorted_by_line(kind: Kind, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Validate names every problem of a file at once, in the order of the file, parts
    numbered from 1; add names the same before refusing."""
    path = write(tmp_path, kind.text(body=kind.broken_parts))
    assert main([kind.noun, "validate", str(path)]) == 1
    validated = located(capsys.readouterr().out, path)
    numbers = [n for n, _m in validated]
    assert numbers == sorted(numbers) and all(numbers), validated
    for expected in kind.broken_messages:
        assert any(m.startswith(expected) for _n, m in validated), (expected, validated)
    assert main([kind.noun, "add", str(path)]) == 1
    assert located(capsys.readouterr().out, path)[:-1] == validated
