"""Files from strangers: sizes, counts, lengths and ids are limited, each with a clear problem
that names the file (and the line where it is known); no id ever becomes a path outside the
data directory."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.banks import bank_from_document
from kohtaa_tui.domain.document import MAX_OPTIONS, MAX_PARTS, MAX_TEXT
from kohtaa_tui.domain.goals import Goal, Target
from kohtaa_tui.domain.ids import is_document_id, is_part_id
from kohtaa_tui.domain.journal import JournalEntry, schema_from_document
from kohtaa_tui.domain.problems import Problem
from kohtaa_tui.storage.codec import MAX_FILE_BYTES
from kohtaa_tui.storage.errors import SaveError
from kohtaa_tui.storage.repository import MAX_PROBLEMS_PER_FILE, Store, load_document
from tests.unit.test_bank_validate import GOOD, HEADER, SCALE, item

SCHEMA = """schema_version = 1
kind = "journal_schema"
id = "mine"
version = 1
title = "Mine"
description = "My own form"
languages = []

[[fields]]
id = "what"
type = "long_text"
prompt = "What happened?"
"""

HOSTILE_IDS = ["../x", "a/b", "CON", "con", "x\x00", "", "-x", "a" * 65, "ä", " x",
               "x.toml", "..", "/etc/passwd", "a\\b", "x\n", "nul", "com1", "Ab"]


def load(tmp_path: Path, text: str | bytes, parser=bank_from_document) -> list[Problem]:  # type: ignore[no-untyped-def]
    path = tmp_path / "from-a-stranger.toml"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    loaded, problems = load_document(path, parser)
    assert loaded is None, "a file over a limit must not load"
    assert problems
    for problem in problems:
        assert problem.file == str(path)
        assert str(problem).startswith(str(path))
    return problems


def messages(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def test_a_file_over_one_mebibyte_is_not_read(tmp_path: Path) -> None:
    padding = "# " + "x" * 1000 + "\n"
    text = GOOD + padding * (MAX_FILE_BYTES // len(padding) + 1)
    problems = load(tmp_path, text)
    assert "the limit is 1,048,576 bytes" in messages(problems)
    assert len(problems) == 1


def test_just_under_the_limit_is_read(tmp_path: Path) -> None:
    padding = "# " + "x" * 1000 + "\n"
    text = GOOD + padding * ((MAX_FILE_BYTES - len(GOOD)) // len(padding) - 1)
    path = tmp_path / "big.toml"
    path.write_text(text)
    loaded, problems = load_document(path, bank_from_document)
    assert loaded is not None and problems == []


def test_bank_add_refuses_an_oversized_file(tmp_path: Path, data_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(GOOD + "#" * MAX_FILE_BYTES)
    assert main(["bank", "add", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: the file is" in out and "not installed" in out
    assert not (data_dir / "banks").exists()


def test_too_many_items(tmp_path: Path) -> None:
    text = HEADER + SCALE + "".join(item(f"i{n}") for n in range(MAX_PARTS + 1))
    problems = load(tmp_path, text)
    found = next(p for p in problems if "entries; the limit is" in p.message)
    assert found.message == f"items: has {MAX_PARTS + 1} entries; the limit is {MAX_PARTS}"
    assert found.line == text.split("\n").index("[[items]]") + 1


def test_too_many_fields_and_options(tmp_path: Path) -> None:
    fields = "".join(f'\n[[fields]]\nid = "f{n}"\ntype = "yes_no"\nprompt = "?"\n'
                     for n in range(MAX_PARTS))
    assert "fields: has 501 entries; the limit is 500" in messages(
        load(tmp_path, SCHEMA + fields, schema_from_document))
    options = ", ".join(f'{{ id = "o{n}", label = "O" }}' for n in range(MAX_OPTIONS + 1))
    field = f'\n[[fields]]\nid = "pick"\ntype = "choice"\nprompt = "?"\noptions = [{options}]\n'
    problems = load(tmp_path, SCHEMA + field, schema_from_document)
    assert "fields[2].options: has 101 entries; the limit is 100" in messages(problems)
    lines = (SCHEMA + field).split("\n")
    assert problems[0].line == next(n for n, line in enumerate(lines, 1)
                                    if line.startswith("options = "))


def test_too_long_texts(tmp_path: Path) -> None:
    long = "y" * (MAX_TEXT + 1)
    problems = load(tmp_path, HEADER + SCALE + item("a", text=f'{{ fi = "{long}", en = "x" }}'))
    assert f"items[1].text: the fi text is {MAX_TEXT + 1} characters long; the limit is " \
           f"{MAX_TEXT}" in messages(problems)
    problems = load(tmp_path, GOOD.replace('author = "test"', f'author = "{"a" * 201}"'))
    assert "author: is 201 characters long; the limit is 200" in messages(problems)
    assert problems[0].line == 7
    tags = ", ".join('"t"' for _ in range(MAX_OPTIONS + 1))
    problems = load(tmp_path, HEADER + SCALE + item("a", extra=f"tags = [{tags}]\n"))
    assert "items[1].tags: has 101 entries; the limit is 100" in messages(problems)


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_hostile_document_ids(tmp_path: Path, bad: str) -> None:
    """A bank id that could leave the data directory (or name a device) is refused."""
    assert not is_document_id(bad)
    escaped = bad.replace("\\", "\\\\").replace("\x00", "\\u0000").replace("\n", "\\n")
    text = GOOD.replace('id = "tiny"', f'id = "{escaped}"')
    problems = load(tmp_path, text)
    found = next(p for p in problems if p.message.startswith("id:"))
    assert "is not a valid id" in found.message and found.line == 3
    assert "\x00" not in found.message and "\n" not in found.message


@pytest.mark.parametrize("bad", ["../x", "a/b", "x\x00", "", "A", "a b", "a" * 65])
def test_hostile_item_ids(tmp_path: Path, bad: str) -> None:
    assert not is_part_id(bad)
    escaped = bad.replace("\x00", "\\u0000")
    problems = load(tmp_path, HEADER + SCALE + item("ok") + item(escaped))
    assert any(p.message.startswith("items[2].id:") and "is not a valid id" in p.message
               for p in problems), messages(problems)


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_the_store_never_builds_a_path_from_a_bad_id(store: Store, data_dir: Path,
                                                     bad: str) -> None:
    """Even a value built in code, never validated, cannot name a path."""
    now = datetime(2026, 11, 20, tzinfo=UTC)
    attempts = [
        lambda: store.goal_path(bad),
        lambda: store.goal(bad),
        lambda: store.save_goal(Goal(id=bad, title="t", created=now, start=date(2026, 1, 1),
                                     target=Target(kind="manual")), None),
        lambda: store.save_entry(JournalEntry(id=bad, schema_id="quick", schema_version=1,
                                              created=now, updated=now, answers={"a": "b"}), None),
        lambda: store.save_result(AssessmentResult(id="r1", bank_id=bad, bank_version=1,
                                                   bank_hash="h", completed=now, scale_min=1,
                                                   scale_max=5, answers={}, scores={})),
        lambda: store.save_result(AssessmentResult(id=bad, bank_id="core", bank_version=1,
                                                   bank_hash="h", completed=now, scale_min=1,
                                                   scale_max=5, answers={}, scores={})),
        lambda: store.assessment_draft_path(bad),
    ]
    for attempt in attempts:
        with pytest.raises(SaveError, match="is not a valid id"):
            attempt()
    assert not data_dir.exists() or not any(p.is_file() for p in data_dir.rglob("*.toml"))


def test_installing_uses_only_a_checked_id(store: Store) -> None:
    from dataclasses import replace

    from kohtaa_tui.storage.banks import load_banks

    catalogue = load_banks(store)
    bank = replace(catalogue.entries[0].doc, id="../escape", version=99)
    with pytest.raises(SaveError, match="is not a valid id"):
        catalogue.install(b"x", bank)


def test_installing_a_schema_uses_only_a_checked_id(store: Store) -> None:
    from dataclasses import replace

    from kohtaa_tui.storage.schemas import load_schemas

    catalogue = load_schemas(store)
    schema = replace(catalogue.entries[0].doc, id="../../escape", version=99)
    with pytest.raises(SaveError, match="is not a valid id"):
        catalogue.install(b"x", schema)
    assert not store.data_dir.exists() or not any(store.data_dir.rglob("*.toml"))


def test_thousands_of_unknown_keys_are_counted_not_listed(tmp_path: Path) -> None:
    """A stranger's file with 30,000 unknown keys: the real error still shows, the rest is
    counted (its time is measured in benchmarks/hostile_files.py)."""
    junk = "".join(f"junk{n} = 1\n" for n in range(30_000))
    text = junk + GOOD.replace("\nversion = 1", "\nversion = 0")
    problems = load(tmp_path, text)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[0].message.startswith("version: is 0")
    assert problems[0].line == 30_004
    assert problems[-1].message.startswith("and 29901 more problems")


def test_deep_nesting_and_huge_numbers(tmp_path: Path) -> None:
    deep = GOOD + "deep = " + "[" * 5000 + "]" * 5000 + "\n"
    assert "nesting is too deep" in messages(load(tmp_path, deep)) or \
        "invalid TOML" in messages(load(tmp_path, deep))
    inline = GOOD + "deep = " + "{ a = " * 3000 + "1" + " }" * 3000 + "\n"
    assert "invalid TOML" in messages(load(tmp_path, inline))
    assert "version: is 1" in messages(load(tmp_path, GOOD.replace(
        "version = 1", "version = 100000000000000000000000000000")))
    huge = messages(load(tmp_path, GOOD.replace("version = 1", "version = " + "9" * 5000)))
    assert "invalid TOML: a number has more than 4,300 digits" in huge
    assert "sys." not in huge and "set_int_max_str_digits" not in huge


def test_broken_encoding_names_the_line(tmp_path: Path) -> None:
    problems = load(tmp_path, GOOD.encode() + b'\nnote = "\xff\xfe"\n')
    assert problems[0].line == GOOD.count("\n") + 2
    assert "not valid UTF-8" in problems[0].message
    problems = load(tmp_path, GOOD + 'x = "unclosed\n')
    assert problems[0].line == GOOD.count("\n") + 1 and "invalid TOML" in problems[0].message
