"""Every command that prints stored or foreign text makes terminal controls visible.

A bank, results, entries, goals and team exports carry the hostile corpus; no escape
sequence, C0/C1 control or bidi override reaches the terminal, and the words stay visible.
Errors are one line, without a traceback, naming the file.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.assessment import AssessmentResult
from kohtaa_tui.domain.banks import bank_from_document, bank_to_document
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.goals import CheckIn, Goal, Target
from kohtaa_tui.domain.journal import JournalEntry
from kohtaa_tui.domain.text import LocalText
from kohtaa_tui.paths import shipped_dir
from kohtaa_tui.storage.codec import dump_toml, parse_toml
from kohtaa_tui.storage.repository import Store
from tests import hostile
from tests.conftest import FIXED_NOW

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
"""What must never reach a terminal raw (tab and newline are fine)."""

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SHORT = "\x1b[2J\x85\u202e"  # fits where only 8 characters are allowed


def assert_terminal_safe(text: str) -> None:
    found = RAW.findall(text.replace("\r\n", "\n"))  # CSV ends its lines with \r\n
    assert not found, f"raw controls printed: {found[:5]!r}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert_terminal_safe(out)
    assert_terminal_safe(err)
    assert "Traceback" not in out + err
    return code, out, err


def hostile_bank_file(tmp_path: Path) -> Path:
    """The shipped core bank with every text it has replaced by hostile ones."""
    core = sorted(shipped_dir("question_banks").glob("core*.toml"))[0]
    bank, _ = bank_from_document(parse_toml(core.read_bytes()))
    assert bank is not None
    text = LocalText.of({"fi": hostile.ALL_IN_ONE, "en": hostile.ALL_IN_ONE})
    items = tuple(
        type(item)(id=item.id, type=item.type, step=item.step, text=LocalText.plain(payload),
                   reverse=item.reverse)
        for item, payload in zip(bank.items, hostile.PAYLOADS * 10, strict=False))
    from dataclasses import replace

    evil = replace(bank, id="evil", title=text, description=text,
                   author=hostile.OSC_TITLE + hostile.BIDI, items=items)
    path = tmp_path / "evil.toml"
    path.write_bytes(dump_toml(bank_to_document(evil)))
    return path


@pytest.fixture
def planted(store: Store, tmp_path: Path) -> Path:
    """Data with hostile text everywhere a person or a stranger can put text."""
    for n, payload in enumerate(hostile.PAYLOADS):
        store.save_entry(JournalEntry(id=f"e{n}", schema_id="sales-meeting", schema_version=1,
                                      created=NOW, updated=NOW, answers={
            "title": payload.replace("\n", " "), "went_well": payload,
            "take_forward": payload, "mistakes": ("interrupting",),
        }, starred=True), None)
    store.save_goal(Goal(id="g-hostile", title=hostile.ALL_IN_ONE, created=NOW,
                         start=date(2026, 11, 1),
                         target=Target(kind="manual"), why=hostile.ALL_IN_ONE,
                         check_ins=(CheckIn(id="c1", at=NOW, note=hostile.ALL_IN_ONE,
                                            progress=20),)), None)
    store.save_result(AssessmentResult(id="r1", bank_id="core", bank_version=1,
                                       bank_hash="sha256:" + hostile.ALL_IN_ONE[:150],
                                       completed=NOW, scale_min=1, scale_max=5, answers={},
                                       scores={"listening": 3.0},
                                       open_answers={"q": hostile.ALL_IN_ONE}, started=None,
                                       lang=SHORT))
    # A broken file whose name and content are hostile too.
    bad = store.data_dir / "goals" / "evil\x1b]2;PWNED-TITLE\x07.toml"
    bad.write_bytes(b"schema_version = 1\nkind = \"goal\"\n\"\\u001b]0;x\\u0007\" = 1\n")
    return hostile_bank_file(tmp_path)


def test_bank_commands(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bank", "validate", str(planted))
    assert code == 0 and "ok: evil" in out
    code, out, _ = run(capsys, "bank", "add", str(planted))
    assert code == 0
    code, out, _ = run(capsys, "bank", "list")
    assert code == 0 and "CLICK ME" in out and "evil" in out
    code, out, _ = run(capsys, "bank", "list", "--format", "json")
    listed = json.loads(out)
    assert code == 0
    assert next(b for b in listed if b["id"] == "evil")["title"] == hostile.ALL_IN_ONE


def test_bank_validate_with_hostile_problems(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown keys, bad steps and bad ids that carry escapes are reported visibly."""
    text = hostile_bank_file(tmp_path).read_text(encoding="utf-8")
    text = text.replace('id = "evil"', 'id = "\\u001b[2J"\n"\\u001b]2;PWNED-TITLE\\u0007" = 1'
                        '\n"\\u202eevil" = 2', 1)
    text = text.replace('step = "listening"', 'step = "\\u001b]52;c;x\\u0007"', 1)
    path = tmp_path / "evil\x1b[31m.toml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "bank", "validate", str(path))
    assert code == 1
    assert "is not a valid id" in out and "is not a skill step" in out
    assert "PWNED-TITLE" in out and "is not a key kohtaa knows" in out
    for line in out.splitlines():
        assert line.startswith(str(path).replace("\x1b", "\u241b"))


def test_results_list(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "results", "list")
    assert code == 0 and "r1" in out
    code, out, _ = run(capsys, "results", "list", "--format", "json")
    assert code == 0
    listed = json.loads(out[: out.rindex("]") + 1])
    assert listed[0]["bank_hash"] == "sha256:" + hostile.ALL_IN_ONE[:150]
    assert listed[0]["lang"] == SHORT


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_report(planted: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "report", "--since", "2026-11-01", "--until", "2026-11-30",
                       "--format", fmt)
    assert code == 0
    assert "CLICK ME" in out and "PWNED-TITLE" in out
    if fmt == "json":
        assert hostile.ALL_IN_ONE in strings(json.loads(out))


def strings(value: object) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for inner in value for s in strings(inner)]
    return []


def test_doctor(planted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert "PWNED-TITLE" in out
    problem_lines = [line for line in out.splitlines() if "evil" in line]
    assert problem_lines and all(".toml" in line for line in problem_lines)


@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
def test_team_report(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    files = []
    for n in range(3):
        data = tmp_path / f"d{n}"
        store = Store(data, FixedClock(FIXED_NOW))
        store.save_result(AssessmentResult(id=f"r{n}", bank_id="core", bank_version=1,
                                           bank_hash="sha256:" + SHORT, completed=NOW, scale_min=1,
                                           scale_max=5,
                                           answers={}, scores={"listening": 3.0 + n}))
        out_file = tmp_path / f"p{n}.toml"
        run(capsys, "--data-dir", str(data), "results", "export", "--participant",
            hostile.OSC_TITLE + hostile.BIDI + str(n), "-o", str(out_file))
        files.append(str(out_file))
    broken = tmp_path / "broken\x1b]2;x\x07.toml"
    broken.write_bytes(b'participant = "\\u001b[2J"\n')
    code, out, err = run(capsys, "team", "report", *files, str(broken), "--format", fmt)
    assert code == 0
    assert "listening" in out.lower()
    assert "broken" in err


def test_errors_are_one_line_naming_the_file(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no\x1b]2;PWNED-TITLE\x07such.toml"
    code, out, err = run(capsys, "bank", "validate", str(missing))
    assert code == 1 and "PWNED-TITLE" in out and len(out.strip().splitlines()) == 1
    code, out, err = run(capsys, "bank", "add", str(missing))
    assert code == 1 and "does not exist" in out
    code, out, err = run(capsys, "results", "list", "--bank", "\x1b[2J\u202e")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "\x1b" not in err and "\u202e" not in err


@pytest.mark.parametrize("argv", [
    ["journal", "list"], ["journal", "list", "--format", "json"],
    ["journal", "list", "--search", "CLICK"],
    ["journal", "show", "e0"], ["journal", "show", "e5", "--format", "json"],
    ["journal", "export", "--format", "md"], ["journal", "export", "--format", "json"],
    ["goals", "list"], ["goals", "list", "--format", "json"], ["goals", "show", "g-hostile"],
    ["schema", "list"], ["schema", "list", "--format", "json"],
], ids=" ".join)
def test_journal_goals_and_schemas(planted: Path, capsys: pytest.CaptureFixture[str],
                                   argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code in (0, 1), err
    assert out.strip()
    if argv[-1] in ("e0", "g-hostile"):
        assert "CLICK ME" in out


def test_a_check_in_note_from_the_command_line(planted: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "goals", "checkin", "g-hostile", "--progress", "30",
                          "--note", hostile.ALL_IN_ONE)
    assert code == 0, err
    code, out, _ = run(capsys, "goals", "show", "g-hostile")
    assert code == 0 and out.count("CLICK ME") >= 2
