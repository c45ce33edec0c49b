"""`--lang fi`: every command's output and errors in Finnish, on the demo's data.

Not checked: `catalogue` (it shows every name in English too, by design).

Each command below runs in Finnish on half a year of Finnish sample data, and every word of
what it prints is checked against kohtaa's English vocabulary: the words of its English
message ids and of the English text literals in the command, service and storage modules
(an English word that is also Finnish, such as "video", does not count). Ids, option names,
commands in backticks, file paths, numbers and ALL-CAPS placeholders are left out, and a
short allow-list holds names. A word found is an English word left in Finnish output.
(JSON output is not checked: its keys are part of the format.)
"""

from __future__ import annotations

import ast
import contextlib
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kohtaa_tui.cli import main
from kohtaa_tui.domain.catalogues import CHANNELS, MISTAKES
from kohtaa_tui.domain.clock import FixedClock
from kohtaa_tui.domain.steps import STEP_IDS
from kohtaa_tui.storage.banks import load_banks
from kohtaa_tui.storage.repository import Store
from kohtaa_tui.storage.schemas import load_schemas

SOURCE = Path(__file__).resolve().parents[2] / "src" / "kohtaa_tui"
PO_FILE = SOURCE / "locale" / "fi" / "LC_MESSAGES" / "kohtaa.po"
CHECKED_SOURCES = ("commands", "services", "storage")
LEFT_OUT = ("demo.py",)
"""Sample data in both languages, not words kohtaa says."""
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)

ALLOWED = {
    # names and words that read the same in Finnish output
    "kohtaa", "markdown", "html", "json", "csv", "md", "toml", "git", "utf", "ok",
    "video", "chat", "id", "fi", "en", "l", "c", "n", "p", "f", "s", "v", "q",
}
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+(?:['’][a-z]+)?")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _english_vocabulary() -> set[str]:
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    english: set[str] = set()
    finnish: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english |= _words(re.sub(r"\{[^}]*\}", " ", text))
        for text in strs:
            finnish |= _words(_not_words(text or ""))
    for folder in CHECKED_SOURCES:
        for path in (SOURCE / folder).rglob("*.py"):
            if path.name in LEFT_OUT:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                        " " in node.value.strip()):
                    english |= _words(re.sub(r"\{[^}]*\}", " ", node.value))
    return english - finnish - _finnish_texts() - ALLOWED


def _finnish_texts() -> set[str]:
    """Every word of the Finnish texts of the steps, lists, shipped banks and schemas."""
    from kohtaa_tui.domain.text import LocalText

    words: set[str] = set()

    def walk(value: object, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(value, LocalText):
            words.update(_words(value.get("fi")))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, depth + 1)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key == "fi" and isinstance(item, str):
                    words.update(_words(item))
                walk(item, depth + 1)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name), depth + 1)

    from kohtaa_tui.domain.steps import STEPS

    store = Store(Path("/nonexistent-kohtaa"), FixedClock(NOW))
    walk([STEPS, CHANNELS, MISTAKES, [e.doc for e in load_banks(store).offered()],
          load_schemas(store).docs()])
    return words


def _not_words(text: str) -> str:
    """`text` without placeholders, commands in backticks and options."""
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", text)


def _plain(text: str, data_dir: Path, tmp: Path) -> str:
    """`text` without what is not words to translate: paths, commands in backticks,
    options, ids, placeholders, numbers."""
    # argparse's list of subcommands: "    rebuild   lue jokainen..."
    text = re.sub(r"(?m)^    [a-z][a-z-]*(?=\s{2,}|$)", " ", text)
    # a file's problem names the key it is at: `broken.toml:5: varoitus: items[1].step: ...`
    text = re.sub(r"(\.toml(?::\d+)?: (?:varoitus: )?)[\w.\[\]]+:", r"\1", text)
    text = text.replace(str(data_dir), " ").replace(str(tmp), " ")
    text = re.sub(r"\bhttps?://\S+", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", text)
    text = re.sub(r"\\?#[\w-]+", " ", text)  # a tag, as the journal shows it
    text = re.sub(r"\{[\w,.-]+\}|'[^'\n]*'", " ", text)  # argparse's choices, values
    text = re.sub(r"\b[\w.-]+\.(?:toml|md|html|json|csv|txt|sqlite3|lock)\b", " ", text)
    text = re.sub(r"\b\d{8}-\d{6}-[0-9a-f]{6}\b", " ", text)
    text = re.sub(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b", " ", text)  # hyphenated ids
    text = re.sub(r"\b[A-Z][A-Z_]{1,}\b", " ", text)
    text = re.sub(r"[\w.-]*/[\w./-]*", " ", text)  # paths, absolute and relative
    # a command's name, as the errors and argparse's usage line start
    text = re.sub(r"\b(?:kohtaa )?(?:journal|goals|bank|schema|results|team|index|sync|"
                  r"report|doctor|feedback|coach|catalogue|assess|demo|serve)"
                  r"(?: (?:new|list|show|edit|delete|export|validate|add|remove|checkin|report|"
                  r"status|rebuild|sync|request|"
                  r"answer|form|import|publish|assign|join|init))?(?![\w.])", " ",
                  text)
    return text


@pytest.fixture(scope="module")
def vocabulary() -> set[str]:
    return _english_vocabulary()


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from kohtaa_tui.services.demo import populate

    data = tmp_path / "data"
    clock = FixedClock(NOW)
    populate(Store(data, clock), clock, lang="fi")
    monkeypatch.setenv("KOHTAA_DATA_DIR", str(data))
    return data


def _ids(data: Path, folder: str) -> list[str]:
    return sorted(p.stem for p in (data / folder).rglob("*.toml"))


def _commands(data: Path, tmp: Path, group: str) -> list[list[str]]:
    entries = _ids(data, "journal")
    goals = _ids(data, "goals")
    exports = [str(tmp / f"results-{number}.toml") for number in range(3)]
    shipped = SOURCE.parents[1] / "question_banks"
    bank = sorted(shipped.glob("*.toml"))[0]
    schema = sorted((SOURCE.parents[1] / "journal_schemas").glob("*.toml"))[0]
    return {
        "goals and results": [
            ["goals", "list"], ["goals", "list", "--all"], ["goals", "show", goals[0]],
            ["goals", "show", goals[-1]],
            ["goals", "checkin", goals[0], "--progress", "5", "--note", "Hyvin meni"],
            ["results", "list"],
            *[["results", "export", "--participant", name, "-o", path]
              for name, path in zip(("Aino", "Eero", "Liisa"), exports, strict=True)],
            ["team", "report", *exports], ["team", "report", "--min-group", "5", *exports],
            ["goals", "show", "nope"], ["results", "list", "--bank", "cor"],
            ["goals", "--help"], ["goals", "checkin", "--help"],
            ["results", "export", "--help"], ["team", "report", "--help"],
        ],
        "journal": [
            ["journal", "list"], ["journal", "list", "--include-private", "--limit", "0"],
            ["journal", "list", "--step", "listening", "--step-max", "3", "--starred"],
            ["journal", "list", "--tag", "ei-kenellakaan"],
            ["journal", "show", entries[0]],
            ["journal", "show", entries[-1], "--include-private"],
            ["journal", "export", "--format", "md"],
            ["journal", "new", "Soitto meni hyvin", "--step", "listening=4"],
            ["journal", "show", "20990101-000000-abcdef"],
            ["journal", "list", "--step", "listenin"],
            ["journal", "list", "--since", "huomenna?"],
            ["journal", "list", "--mistake", "no-plan"], ["journal", "delete", entries[1]],
            ["journal", "show"], ["journal", "list", "--format", "xml"],
            ["journal", "list", "--help"], ["journal", "new", "--help"],
            ["journal", "edit", "--help"], ["journal", "delete", "--help"],
            ["journal", "--help"],
            ["journal", "list", "--limit", "many"], ["journal", "frobnicate"],
        ],
        "files and reports": [
            ["bank", "list"], ["bank", "validate", str(bank)], ["schema", "list"],
            ["bank", "validate", str(_broken(tmp)), str(tmp / "nowhere.toml")],
            ["schema", "validate", str(_broken_schema(tmp))],
            ["schema", "validate", str(schema)], ["bank", "remove", "core"],
            ["report"], ["report", "--since", "last month"], ["report", "-o", str(_existing(tmp))],
            ["doctor"], ["index", "sync"], ["index", "rebuild"], ["sync", "status"],
            ["bank", "add", "--help"], ["schema", "--help"],
            ["report", "--help"], ["doctor", "--help"], ["index", "--help"],
            ["catalogue", "--help"],
            ["feedback", "--help"], ["feedback", "request", "--help"],
            ["feedback", "answer", "--help"], ["feedback", "show", "--help"],
            ["feedback", "request", "--bank", "development-discussion", "--role", "customer",
             "--from", "K", "-o", str(tmp / "request.toml")],
            ["feedback", "show"],
        ],
        "sync": _team_and_sync(data, tmp)[:7],
        "team": _team_and_sync(data, tmp)[7:],
    }[group]


def _team_and_sync(data: Path, tmp: Path) -> list[list[str]]:
    """The sync and team commands on real bare git repositories in `tmp`."""
    from tests.sync_devices import git

    devices, team = tmp / "devices.git", tmp / "team.git"
    for remote in (devices, team):
        if not remote.exists():
            git(tmp, "init", "-q", "--bare", "-b", "main", str(remote))
    assign = ["--due", "15.12.2026", "--by", "Valmentaja K", "--note", "Ennen kehityskeskustelua"]
    return [
        ["sync", "init"], ["sync", "status"], ["sync", "init", str(devices)], ["sync"],
        ["sync", "status"], ["sync", "init", "ei etäpää"], ["serve", "--port", "70000"],
        ["team", "assign", "core", "--repo", str(team), *assign],
        ["team", "assign", "core", "--repo", str(team), *assign],
        ["team", "assign", "core", "--repo", str(team), "--due", "joskus", "--by", "K"],
        ["team", "assign", "ei-ole", "--repo", str(team), *assign],
        ["team", "status", "--repo", str(team)],
        ["team", "status", "--repo", str(team), "--bank", "ei-ole"],
        ["team", "report", "--repo", str(team)],
        ["results", "publish", "--repo", str(team), "--participant", "Aino"],
        ["results", "publish", "--repo", str(team), "--participant", "Aino"],
        ["results", "publish", "--repo", str(team), "--participant", " "],
        ["team", "status", "--repo", str(team)],
        ["team", "report", "--repo", str(team)], ["team", "report", "--repo", str(team),
                                                  "--min-group", "1"],
        ["team", "join", str(team), "--participant", "Aino"],
        ["team", "join", str(team), "--participant", "Aino", "--no-publish"],
        ["sync"], ["sync", "status"],
        ["bank", "assign", "core", *assign, "-o", str(tmp / "assigned.toml")],
        ["bank", "assign", "core", "--due", "joskus", "--by", "K"],
        ["bank", "assign", "ei-ole", *assign],
        ["results", "export", "--participant", "Aino", "--with-feedback", "-o",
         str(tmp / "shared.toml")],
        ["team", "report", str(tmp / "shared.toml")],
        ["team", "report", "--min-group", "1", str(tmp / "shared.toml")],
    ]


def _broken(tmp: Path) -> Path:
    """A bank file with a problem of each common kind."""
    path = tmp / "broken.toml"
    path.write_text('schema_version = 1\nkind = "question_bank"\nid = "Bad Id"\n'
                    'version = "2"\nlanguages = ["fi", "sv"]\ntitel = "x"\n'
                    'description = { fi = "" }\n[[items]]\nid = "a"\n', encoding="utf-8")
    return path


def _broken_schema(tmp: Path) -> Path:
    path = tmp / "broken-schema.toml"
    path.write_text('schema_version = 1\nkind = "journal_schema"\nid = "x"\nversion = 1\n'
                    'title = "X"\ndescription = "D"\nlanguages = ["fi"]\n[[fields]]\n'
                    'id = "a"\ntype = "choice"\nrole = "title"\nprompt = "P"\nmin = 1\n'
                    '[[fields]]\nid = "b"\ntype = "choice"\noptions = "colours"\n'
                    'prompt = "Q"\n', encoding="utf-8")
    return path


def _existing(tmp: Path) -> Path:
    path = tmp / "exists.md"
    path.write_text("kept\n", encoding="utf-8")
    return path


GROUPS = ("goals and results", "journal", "files and reports", "sync", "team")


@pytest.mark.parametrize("group", GROUPS)
def test_finnish_output_has_no_english_words(group: str, demo: Path, tmp_path: Path,
                                             vocabulary: set[str],
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert len(vocabulary) > 500
    found: dict[str, set[str]] = {}
    store = Store(demo, FixedClock(NOW))
    for argv in _commands(demo, tmp_path, group):
        with contextlib.suppress(SystemExit):
            main(["--lang", "fi", *argv])
        captured = capsys.readouterr()
        text = _plain(captured.out + "\n" + captured.err, demo, tmp_path)
        english = _words(text) & vocabulary
        names = ({o.id for o in (*CHANNELS, *MISTAKES)} | set(STEP_IDS)
                 | {e.doc.id for e in load_banks(store).offered()}
                 | {s.id for s in load_schemas(store).docs()})
        english -= names
        if english:
            found[" ".join(argv[:2])] = found.get(" ".join(argv[:2]), set()) | english
    assert found == {}, "\n".join(f"{cmd}: {' '.join(sorted(words))}"
                                  for cmd, words in sorted(found.items()))
    shutil.rmtree(demo)


def test_the_check_finds_english(demo: Path, tmp_path: Path, vocabulary: set[str]) -> None:
    """The detector is not vacuous: the same command in English is flagged."""
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        main(["--lang", "en", "goals", "list"])
    assert {"status", "progress", "title", "due"} <= _words(_plain(out.getvalue(), demo,
                                                                   tmp_path)) & vocabulary


@pytest.mark.parametrize("argv", [["goals", "list"], ["journal", "list"], ["doctor"]])
def test_the_config_language_without_lang(demo: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          argv: list[str]) -> None:
    """config.toml's language is spoken without --lang, on the quick path too."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('schema_version = 1\nkind = "config"\nlang = "fi"\n',
                                        encoding="utf-8")
    main(argv)
    out = capsys.readouterr().out
    assert any(word in out for word in ("otsikko", "kunnossa")), out


@pytest.mark.parametrize("text", ['lang = "fi"\ntheme = "dark\n', 'lang = "fi\n'])
@pytest.mark.parametrize("argv", [["doctor"], ["journal", "list"]])
def test_a_config_that_does_not_parse_speaks_one_language(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch:
        pytest.MonkeyPatch, text: str, argv: list[str]) -> None:
    """A broken config.toml is not read for its language on the quick path either: the
    command speaks the locale's language throughout (its problem line too), as the
    workspace does."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(text, encoding="utf-8")
    main(argv)
    captured = capsys.readouterr()
    both = captured.out + captured.err
    assert "virheellinen" not in both and "otsikko" not in both, both
    if argv == ["doctor"]:
        assert "invalid TOML" in both, both


def _parsers(parser: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    """Every parser under `parser` (itself first), with the words that reach it."""
    import argparse

    assert isinstance(parser, argparse.ArgumentParser)
    found: list[tuple[tuple[str, ...], object]] = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _parsers(sub, (*path, name))
    return found


def test_every_help_is_finnish(demo: Path, tmp_path: Path, vocabulary: set[str]) -> None:
    """`kohtaa --help` and every command's and action's --help, in Finnish."""
    import argparse

    from kohtaa_tui.cli import build_parser
    from kohtaa_tui.commands.parser_words import speak
    from kohtaa_tui.i18n import set_language

    set_language("fi")
    speak("fi")
    try:
        parsers = _parsers(build_parser())
        found: dict[str, set[str]] = {}
        for path, parser in parsers:
            assert isinstance(parser, argparse.ArgumentParser)
            english = _words(_plain(parser.format_help(), demo, tmp_path)) & vocabulary
            english -= set(STEP_IDS)
            if english:
                found[" ".join(path) or "kohtaa"] = english
    finally:
        speak("en")
    assert len(parsers) > 40
    assert found == {}, "\n".join(f"{cmd}: {' '.join(sorted(words))}"
                                  for cmd, words in sorted(found.items()))


def test_team_report_self_and_others_is_finnish(tmp_path: Path, vocabulary: set[str],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The team report's self-versus-others part, shown and hidden, in Finnish."""
    from tests.unit.test_team_feedback import person

    files = [str(person(tmp_path, n, s, m, capsys))
             for n, s, m in (("A", 4, 3), ("B", 5, 3), ("C", 2, 4))]
    for chosen in (files, files[:2]):
        assert main(["--lang", "fi", "team", "report", *chosen]) == 0
        out = capsys.readouterr().out
        assert "## Itse ja muut" in out
        assert _words(_plain(out, tmp_path / "data", tmp_path)) & vocabulary == set()
    assert "| Kuuntelu | 2 | alle 3 henkilöä: ei näytetä |" in out


BAD_ANSWERS = (("short_text", 3), ("short_text", "two\nlines"), ("long_text", "x" * 10**6),
               ("rating", 9), ("choice", "nope"), ("multi_choice", ("nope",)),
               ("step_ratings", {"listening": 9}), ("datetime", "today"), ("yes_no", "maybe"),
               ("tags", ("",)))


@pytest.mark.parametrize(("kind", "value"), BAD_ANSWERS)
def test_answer_check_reasons_are_finnish(kind: str, value: object,
                                          vocabulary: set[str]) -> None:
    """Why an answer does not fit its field, said in Finnish (and English as before)."""
    from kohtaa_tui import i18n
    from kohtaa_tui.domain.journal import SchemaField, check_answer
    from kohtaa_tui.domain.text import LocalText

    spec = SchemaField(id="a", type=kind, prompt=LocalText.plain("A"), min=1, max=5)
    reason = check_answer(spec, value)  # type: ignore[arg-type]
    assert reason is not None
    i18n.set_language("fi")
    finnish = i18n.localized(reason)
    assert finnish != str(reason)
    assert str(reason).startswith(("must", "is longer"))
    assert _words(finnish) & vocabulary == set(), finnish


def test_serve_speaks_finnish(tmp_path: Path, vocabulary: set[str],
                              capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """`kohtaa serve`'s start line and its refusals (a taken port, no extra) in Finnish."""
    import importlib.util
    import socket

    from kohtaa_tui import i18n
    from kohtaa_tui.commands.serve import HOST, started_line

    said = []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind((HOST, 0))
        taken.listen()
        assert main(["--lang", "fi", "serve", "--port", str(taken.getsockname()[1])]) == 1
        said.append(capsys.readouterr().err)
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None
                        if name == "textual_serve" else real_find_spec(name, *a))
    assert main(["--lang", "fi", "serve"]) == 1
    said.append(capsys.readouterr().err)
    i18n.set_language("fi")
    said.append(started_line("http://127.0.0.1:8000"))
    assert "käytössä" in said[0] and "lisäosan" in said[1] and "pysäyttää" in said[2]
    for text in said:
        assert _words(_plain(text, tmp_path / "data", tmp_path)) & vocabulary == set(), text
