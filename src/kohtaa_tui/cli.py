"""The `kohtaa` command: starts the TUI, or runs a headless command.

Headless commands never import Textual; the UI is imported only to run it.
"""

from __future__ import annotations

import os
import sys

from kohtaa_tui import __version__
from kohtaa_tui.commands.errors import CliError, UsageError
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.storage.errors import StorageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from kohtaa_tui.domain.clock import Clock

# argparse is imported when a parser is built: `journal list` and `journal export` usually
# do without one (commands.journal.quick_args).


QUICK_COMMANDS = {"journal": "journal", "index": "journal"}
"""Commands whose parser is built alone (from the named module in kohtaa_tui.commands),
without importing every other command module."""

_GLOBAL_WITH_VALUE = ("--data-dir", "--config-dir", "--lang")


def quick_command(argv: Sequence[str]) -> str | None:
    """The module of the command named in `argv` when it is one of QUICK_COMMANDS."""
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token in _GLOBAL_WITH_VALUE:
            skip = True
            continue
        if token.startswith("-"):
            continue
        return QUICK_COMMANDS.get(token)
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand (or, with `only`, just the commands of
    that module)."""
    import argparse

    from kohtaa_tui.i18n import _

    parser = argparse.ArgumentParser(
        prog="kohtaa",
        description=_("Get better at customer encounters: self-assessments across five skill "
                    "steps, a reflection journal and personal goals. Without a command, the "
                    "app starts."),
    )
    parser.add_argument("--version", action="version", version=f"kohtaa {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--data-dir", metavar="DIR",
                        help=_("where your data lives (default: $KOHTAA_DATA_DIR, then the "
                             "platform's data directory)"))
    parser.add_argument("--config-dir", metavar="DIR",
                        help=_("where config.toml lives (default: $KOHTAA_CONFIG_DIR, then the "
                             "platform's config directory)"))
    parser.add_argument("--lang", choices=("fi", "en"),
                        help=_("language of the app (default: config.toml, then the locale)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only is not None:
        from kohtaa_tui.commands import register_all

        register_all(commands, None, None, only=(only,))
        return parser

    doctor = commands.add_parser("doctor", help=_("check every file in the data directory"))
    doctor.add_argument("--empty-trash", action="store_true",
                        help=_("delete the entries in the trash for good"))

    bank = commands.add_parser("bank", help=_("question banks: validate, add, list, remove"))
    bank_commands = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    validate = bank_commands.add_parser("validate", help=_("check question bank files"))
    validate.add_argument("files", nargs="+", metavar="FILE")
    bank_add = bank_commands.add_parser("add", help=_("validate a bank file and install it"))
    bank_add.add_argument("file", metavar="FILE")
    bank_list = bank_commands.add_parser("list", help=_("list shipped and installed banks"))
    bank_list.add_argument("--format", choices=("table", "json"), default="table")
    bank_remove = bank_commands.add_parser(
        "remove", help=_("stop offering an installed bank (results keep their questions)"))
    bank_remove.add_argument("doc_id", metavar="ID")

    assess = commands.add_parser("assess", help=_("answer a question bank in the app"))
    assess.add_argument("bank", nargs="?", metavar="BANK",
                        help=_("the id of the bank to open (default: choose in the app)"))

    results = commands.add_parser("results", help=_("assessment results: list, export"))
    results_commands = results.add_subparsers(dest="results_command", metavar="ACTION",
                                              required=True)
    results_list = results_commands.add_parser("list", help=_("list saved assessment results"))
    results_list.add_argument("--bank", metavar="ID", help=_("only the results of this bank"))
    results_list.add_argument("--format", choices=("table", "json"), default="table")

    schema = commands.add_parser("schema", help=_("journal schemas: validate, add, list, remove"))
    schema_commands = schema.add_subparsers(dest="schema_command", metavar="ACTION",
                                            required=True)
    schema_validate = schema_commands.add_parser("validate", help=_("check journal schema files"))
    schema_validate.add_argument("files", nargs="+", metavar="FILE")

    from kohtaa_tui.commands.exports import add_export_parser

    add_export_parser(results_commands)

    from kohtaa_tui.commands import register_all

    register_all(commands, bank_commands, schema_commands)
    return parser


def _refuse_file_dirs(args: argparse.Namespace) -> None:
    """Every command refuses a data or config directory that exists but is not one (the
    default config directory is checked where the config is read: finding it costs an
    import that quick commands do without)."""
    from kohtaa_tui import paths

    checks = [(paths.data_dir_text(args.data_dir), "data")]
    if args.config_dir or os.environ.get(paths.CONFIG_ENV):
        checks.append((paths.config_dir_text(args.config_dir), "config"))
    for directory, what in checks:
        if found := paths.not_a_directory(directory, what):
            raise CliError(found)


def _parser_language(argv: Sequence[str]) -> None:
    """Let argparse's own words (usage, its errors) speak the language the command will:
    --lang, else config.toml's, else the locale's; read before the parser is built."""
    flags: dict[str, str | None] = {"--lang": None, "--config-dir": None}
    tokens = iter(argv)
    for token in tokens:
        name, sep, value = token.partition("=")
        if name in flags:
            flags[name] = value if sep else next(tokens, None)
    lang = flags["--lang"]
    if lang not in ("fi", "en"):
        from types import SimpleNamespace

        from kohtaa_tui.commands.journal import quick_language

        lang = quick_language(SimpleNamespace(config_dir=flags["--config-dir"]))  # type: ignore[arg-type]
    if lang and lang != "en":
        from kohtaa_tui.commands.parser_words import speak

        speak(lang)


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Run kohtaa; returns the exit code (0 ok, 1 failed or found problems, 2 usage).

    `clock` is the time the commands go by (the machine's when None); tests fix it."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    quick = quick_command(arguments)
    args = None
    if quick == "journal":
        from kohtaa_tui.commands.journal import quick_args

        args = quick_args(arguments)
    if args is None:
        _parser_language(arguments)
        args = build_parser(quick).parse_args(arguments)
    from kohtaa_tui.commands import run_command

    args.clock = clock

    lang = args.lang
    if lang is None and quick == "journal" and getattr(args, "handler", None) is not None:
        # the quick path opens no workspace: config.toml's language, else the locale's
        from kohtaa_tui.commands.journal import quick_language

        lang = quick_language(args)
    if lang:
        from kohtaa_tui import i18n

        i18n.set_language(lang)
    try:
        _refuse_file_dirs(args)
        return run_command(args)
    except UsageError as error:
        print(f"kohtaa: {one_line(str(error), 2000)}", file=sys.stderr)
        return 2
    except (CliError, StorageError) as error:
        print(f"kohtaa: {one_line(str(error), 2000)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"kohtaa: {one_line(where + (error.strerror or str(error)), 2000)}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
