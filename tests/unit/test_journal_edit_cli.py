"""`journal new --edit`, `journal edit ID` and `journal delete ID`, with a real editor
process (a small Python script standing in for $EDITOR)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pytest

from kohtaa_tui.cli import main
from kohtaa_tui.domain.journal import entry_from_document
from kohtaa_tui.storage.repository import load_document

EDITOR_SCRIPT = r'''
import json, os, re, shutil, sys
path = sys.argv[1]
plan = json.load(open(os.environ["FAKE_EDITOR_PLAN"], encoding="utf-8"))
shutil.copyfile(path, plan["seen"])
text = open(path, encoding="utf-8").read()
for field, answer in plan.get("answers", {}).items():
    text = re.sub(r"(?m)^(## " + re.escape(field) + r":[^\n]*\n(?:#[^\n]*\n)*)",
                  lambda m: m.group(1) + answer + "\n", text, count=1)
for old, new in plan.get("replace", []):
    text = text.replace(old, new)
if "touch" in plan:
    with open(plan["touch"], "a", encoding="utf-8") as f:
        f.write("\n")
open(path, "w", encoding="utf-8").write(text)
sys.exit(plan.get("status", 0))
'''


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Set the editor's plan; returns a function taking the plan and giving the text the
    editor was shown (after the command ran)."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    plan_file = tmp_path / "plan.json"
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("FAKE_EDITOR_PLAN", str(plan_file))

    def plan(**what: object) -> Path:
        plan_file.write_text(json.dumps({"seen": str(seen), **what}), encoding="utf-8")
        return seen
    plan.temp = temp  # type: ignore[attr-defined]
    return plan


def _entries(data_dir: Path) -> list[Path]:
    folder = data_dir / "journal"
    return sorted(folder.rglob("*.toml")) if folder.is_dir() else []


def _read(path: Path):  # type: ignore[no-untyped-def]
    loaded, problems = load_document(path, entry_from_document)
    assert problems == [] and loaded is not None
    return loaded.value


def test_new_in_the_editor_saves_what_was_written(data_dir: Path, editor,  # type: ignore[no-untyped-def]
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    seen = editor(answers={"what": "They wanted it cheaper\n# a note: not saved",
                           "now_what": "Ask what the budget is for",
                           "mistakes": "jargon, no-plan-b"},
                  replace=[["listening:\n", "listening: 2\n"], ["starred: no", "starred: yes"]])
    assert main(["journal", "new", "--edit", "Call with Acme", "--step",
                 "feedback=4"]) == 0
    captured = capsys.readouterr()
    shown = seen.read_text(encoding="utf-8")
    # what the command line gave is in the form shown, every question is there
    assert "Call with Acme" in shown and "feedback: 4" in shown
    assert "## so_what:" in shown and "## step_ratings:" in shown
    [path] = _entries(data_dir)
    entry = _read(path)
    assert entry.starred and not entry.private and entry.schema_id == "quick"
    assert entry.answers["what"] == "They wanted it cheaper\nCall with Acme"
    assert entry.answers["step_ratings"] == {"listening": 2, "feedback": 4}
    assert entry.answers["mistakes"] == ("jargon", "no-plan-b")
    assert captured.out.startswith(f"saved {entry.id} to ")
    assert list(editor.temp.iterdir()) == []  # the temporary text is gone once saved
    assert main(["journal", "list", "--format", "json", "--starred"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == [entry.id]


def test_a_bad_edit_is_one_line_and_the_text_is_kept(data_dir: Path, editor,  # type: ignore[no-untyped-def]
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    editor(answers={"what": "Long story,\nkept safe", "responsibility": "perhaps"})
    assert main(["journal", "new", "--edit", "--type", "quick"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "responsibility: write yes or no" in err, err
    [kept] = list(editor.temp.iterdir())
    assert f"{kept}, line " in err and f"--file {kept}" in err
    assert kept.stat().st_mode & 0o077 == 0  # private text: only the owner reads it
    text = kept.read_text(encoding="utf-8")
    assert "Long story,\nkept safe" in text
    assert _entries(data_dir) == []
    # fixed, and read again from the file without an editor
    kept.write_text(text.replace("perhaps", "no"), encoding="utf-8")
    assert main(["journal", "new", "--type", "quick", "--file", str(kept)]) == 0
    [path] = _entries(data_dir)
    assert _read(path).answers["responsibility"] is False
    assert kept.exists()  # a --file is the person's own: never removed


def test_an_editor_that_fails_saves_nothing_and_keeps_the_text(
        data_dir: Path, editor, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    editor(answers={"what": "half written"}, status=3)
    assert main(["journal", "new", "--edit"]) == 1
    err = capsys.readouterr().err
    assert "stopped with status 3" in err and err.count("\n") == 1
    [kept] = list(editor.temp.iterdir())
    assert "half written" in kept.read_text(encoding="utf-8")
    assert _entries(data_dir) == []


def test_an_empty_form_saves_nothing(data_dir: Path, editor,  # type: ignore[no-untyped-def]
                                     capsys: pytest.CaptureFixture[str]) -> None:
    editor()
    assert main(["journal", "new", "--edit"]) == 1
    assert "every answer is empty" in capsys.readouterr().err
    assert _entries(data_dir) == [] and list(editor.temp.iterdir()) == []


def test_no_editor_found(monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    assert main(["journal", "new", "--edit"]) == 1
    assert "no editor found: set $EDITOR" in capsys.readouterr().err


def _new(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["journal", "new", *argv]) == 0
    return capsys.readouterr().out.split()[1]


def test_edit_changes_answers_and_flags_in_the_same_file(
        data_dir: Path, editor, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    ident = _new(capsys, "--type", "sales-meeting", "Met Acme @acme", "--step",
                 "listening=3")
    [path] = _entries(data_dir)
    before = _read(path)
    seen = editor(replace=[["listening: 3", "listening: 5"], ["private: no", "private: yes"],
                           ["Met Acme @acme\n", "Met Acme and Beta @acme\n"]],
                  answers={"outcome": "deal"})
    assert main(["journal", "edit", ident]) == 0
    assert capsys.readouterr().out.startswith(f"saved {ident} to {path}")
    assert f"kohtaa reflection {ident}" in seen.read_text(encoding="utf-8")
    after = _read(path)
    assert _entries(data_dir) == [path]
    assert after.id == before.id and after.created == before.created and after.private
    assert after.answers["step_ratings"] == {"listening": 5}
    assert after.answers["what_happened"] == "Met Acme and Beta @acme"
    assert after.answers["outcome"] == "deal" and after.answers["tags"] == ("acme",)
    # private now: edited again only when asked
    editor()
    assert main(["journal", "edit", ident]) == 1
    assert "is marked private; add --include-private" in capsys.readouterr().err
    assert main(["journal", "edit", ident, "--include-private"]) == 0
    assert capsys.readouterr().out == f"nothing changed in {ident}\n"
    assert _read(path) == after


def test_edit_keeps_an_answer_the_form_no_longer_has(
        data_dir: Path, editor, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    ident = _new(capsys, "A talk")
    [path] = _entries(data_dir)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "[answers]", '[answers]\nold_question = "from an older form"'), encoding="utf-8")
    assert _read(path).answers["old_question"] == "from an older form"
    seen = editor(answers={"so_what": "It went well"})
    assert main(["journal", "edit", ident]) == 0
    assert "old_question" not in seen.read_text(encoding="utf-8")
    after = _read(path)
    assert after.answers["old_question"] == "from an older form"
    assert after.answers["so_what"] == "It went well"


def test_edit_when_the_file_changes_meanwhile(data_dir: Path, editor,  # type: ignore[no-untyped-def]
                                              capsys: pytest.CaptureFixture[str]) -> None:
    ident = _new(capsys, "A talk")
    [path] = _entries(data_dir)
    editor(answers={"so_what": "typed while it changed"}, touch=str(path))
    changed = path.read_text(encoding="utf-8") + "\n"
    assert main(["journal", "edit", ident]) == 1
    err = capsys.readouterr().err
    assert "changed while you edited it" in err and "--file" in err
    assert path.read_text(encoding="utf-8") == changed  # nothing saved over it
    [kept] = list(editor.temp.iterdir())
    assert "typed while it changed" in kept.read_text(encoding="utf-8")


def test_edit_an_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    _new(capsys, "A talk")
    assert main(["journal", "edit", "20261203-000000-abcdef"]) == 2
    assert "unknown journal entry" in capsys.readouterr().err
    assert main(["journal", "edit", "../x"]) == 2
    assert "is not an id" in capsys.readouterr().err


class _Answers:
    """stdin as a terminal that answers `reply`."""

    def __init__(self, reply: str) -> None:
        self.reply = reply

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        return self.reply + "\n"


def test_delete_asks_or_takes_yes(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    ident = _new(capsys, "A talk about prices")
    [path] = _entries(data_dir)
    monkeypatch.setattr(sys, "stdin", _Answers("n"))
    assert main(["journal", "delete", ident]) == 1
    captured = capsys.readouterr()
    assert "Delete \u201cA talk about prices\u201d" in captured.err
    assert "nothing was deleted" in captured.out and path.exists()
    monkeypatch.setattr(sys, "stdin", _Answers("y"))
    assert main(["journal", "delete", ident]) == 0
    assert "moved " + ident + " to the trash" in capsys.readouterr().out
    assert not path.exists() and (data_dir / "trash" / path.name).exists()
    assert main(["journal", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_delete_without_a_terminal_needs_yes(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    ident = _new(capsys, "A talk")
    monkeypatch.setattr(sys, "stdin", open("/dev/null", encoding="utf-8"))  # noqa: SIM115
    assert main(["journal", "delete", ident]) == 2
    assert "add --yes" in capsys.readouterr().err
    assert main(["journal", "delete", ident, "--yes"]) == 0
    assert _entries(data_dir) == []


def test_delete_respects_starred_and_private(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    starred = _new(capsys, "Keep this one", "--star")
    private = _new(capsys, "Secret", "--private")
    assert main(["journal", "delete", starred, "--yes"]) == 2
    assert "is starred" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", _Answers("n"))
    assert main(["journal", "delete", starred]) == 1
    assert "It is starred." in capsys.readouterr().err
    assert main(["journal", "delete", private, "--yes"]) == 1
    err = capsys.readouterr().err
    assert "is marked private" in err and "Secret" not in err
    assert len(_entries(data_dir)) == 2
    assert main(["journal", "delete", starred, "--yes", "--force"]) == 0
    assert main(["journal", "delete", private, "--yes", "--include-private"]) == 0
    assert _entries(data_dir) == []


def test_finnish(data_dir: Path, editor, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    editor(answers={"responsibility": "ehkä"})
    assert main(["--lang", "fi", "journal", "new", "--edit", "Soitto"]) == 1
    err = capsys.readouterr().err
    assert "kirjoita kyllä tai ei" in err and "tekstisi on tallessa" in err, err
    [kept] = list(editor.temp.iterdir())
    text = kept.read_text(encoding="utf-8")
    assert "starred: ei" in text and "kyllä tai ei" in text
