"""`kohtaa journal new "text"`: a reflection saved at once from the shell."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaa_tui.cli import main
from kohtaa_tui.domain.journal import entry_from_document
from kohtaa_tui.domain.quick_entry import TITLE_CHARS, tags_in, title_of
from kohtaa_tui.storage.repository import load_document


def _entry_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "journal").rglob("*.toml")) if (data_dir / "journal").is_dir() \
        else []


def _saved(data_dir: Path, out: str) -> tuple[Path, object]:
    """The entry named by `saved ID to PATH`, read back from its file."""
    words = out.split()
    assert words[0] == "saved" and words[2] == "to", out
    path = Path(words[3])
    assert path.is_relative_to(data_dir / "journal") and path.stem == words[1]
    loaded, problems = load_document(path, entry_from_document)
    assert problems == [] and loaded is not None
    return path, loaded.value


def test_a_line_is_saved_at_once_with_tags_ratings_and_star(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Asked about the budget before the offer. It changed the talk @pricing @Acme."
    assert main(["journal", "new", "--type", "sales-meeting", text, "--step", "listening=4",
                 "--step", "feedback=2", "--star"]) == 0
    captured = capsys.readouterr()
    path, entry = _saved(data_dir, captured.out)
    assert entry.schema_id == "sales-meeting" and entry.starred and not entry.private
    assert entry.answers["title"] == "Asked about the budget before the offer."
    assert entry.answers["what_happened"] == text
    assert entry.answers["tags"] == ("pricing", "Acme")
    assert entry.answers["step_ratings"] == {"listening": 4, "feedback": 2}
    assert "still to answer" in captured.err  # take_forward is required and still open
    assert [p for p in path.parent.iterdir() if p.name.startswith(".")] == []
    # the index was told: the list finds it by tag and rating at once
    assert main(["journal", "list", "--format", "json", "--tag", "acme"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["id"] == entry.id and row["ratings"]["listening"] == 4 and row["starred"]


def test_words_without_quotes_make_one_line(data_dir: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "new", "Customer", "left", "happy", "--answer",
                 "now_what=Ask for the budget first", "--private"]) == 0
    captured = capsys.readouterr()
    _path, entry = _saved(data_dir, captured.out)
    assert entry.schema_id == "quick" and entry.private
    assert entry.answers == {"title": "Customer left happy", "what": "Customer left happy",
                             "now_what": "Ask for the budget first"}
    assert captured.err == ""  # every required question answered
    assert main(["journal", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # private: left out


def test_from_a_real_shell_without_the_ui(tmp_path: Path, data_dir: Path) -> None:
    code = ("import sys; from kohtaa_tui.cli import main; rc = main(sys.argv[1:]); "
            "print('LOADED' if 'textual' in sys.modules else 'CLEAN'); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, "--lang", "fi", "journal", "new",
                           "Soitto meni hyvin", "--step", "positivity=5"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "KOHTAA_DATA_DIR": str(data_dir)})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "CLEAN" and lines[0].startswith("tallennettu ")
    [path] = _entry_files(data_dir)
    assert path.stem in lines[0]
    assert "vielä vastattava" in done.stderr


@pytest.mark.parametrize(("argv", "message"), [
    (["quick line @tag"], "has no tags"),
    (["x", "--step", "listen=4"], "did you mean listening?"),
    (["x", "--step", "listening=6"], "from 1 to 5"),
    (["x", "--step", "listening"], "NAME=VALUE"),
    (["x", "--type", "sales-meeting", "--answer", "outcome=wn"], "unknown option"),
    (["x", "--type", "sales-meeting", "--answer", "outcom=deal"], "did you mean outcome?"),
    (["x", "--answer", "responsibility=maybe"], "yes or no"),
    (["x", "--type", "nope"], "unknown journal schema"),
    (["x", "--type", "../../etc"], "is not an id"),
    (["   "], "give the reflection's text"),
    (["--star"], "give the reflection's text"),
    (["bad \udcff bytes"], "not UTF-8"),
])
def test_a_wrong_command_line_saves_nothing(data_dir: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            argv: list[str], message: str) -> None:
    assert main(["journal", "new", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1, captured.err
    assert message in captured.err
    assert _entry_files(data_dir) == []


def test_an_answer_to_a_choice_and_yes_no(data_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "new", "--type", "sales-meeting", "Met them", "--answer",
                 "outcome=deal", "--answer", "responsibility=kyllä", "--answer",
                 "mistakes=jargon, no-plan-b"]) == 0
    _path, entry = _saved(data_dir, capsys.readouterr().out)
    assert entry.answers["outcome"] == "deal"
    assert entry.answers["mistakes"] == ("jargon", "no-plan-b")
    assert entry.answers["responsibility"] is True


def test_finnish_messages(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fi", "journal", "new", "rivi @tagi"]) == 2
    assert "ei ole tunnisteita" in capsys.readouterr().err


def test_without_text_the_app_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    from kohtaa_tui.ui import launch as launch_module

    started: list[object] = []
    monkeypatch.setattr(launch_module, "launch", lambda ws, start: started.append(ws) or 0)
    assert main(["journal", "new"]) == 0
    assert len(started) == 1


# -- the pieces ----------------------------------------------------------------------------

def test_title_is_the_first_sentence_cut_at_a_word() -> None:
    assert title_of("One. Two.") == "One."
    assert title_of("Is it? Yes") == "Is it?"
    assert title_of("First line\nsecond") == "First line"
    long = "word " * 40
    assert title_of(long).endswith("word…") and len(title_of(long)) <= TITLE_CHARS
    assert title_of("e.g. this stays") == "e.g. this stays"


def test_tags_are_at_words() -> None:
    assert tags_in("met @Acme and @acme about @pricing. mail me@example.com") == (
        "Acme", "pricing")
    assert tags_in("@ alone, @@double") == ()


@given(st.text(min_size=1, max_size=300))
def test_a_title_is_one_line_of_at_most_the_limit(text: str) -> None:
    title = title_of(text)
    assert "\n" not in title and len(title) <= TITLE_CHARS
