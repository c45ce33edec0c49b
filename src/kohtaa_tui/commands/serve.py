"""`kohtaa serve`: the same app in a local web browser, through textual-serve.

For the coach or manager who does not live in a terminal. The server listens on 127.0.0.1
only, so no other machine can reach it; each browser tab runs its own `kohtaa` process on
the same data directory (two windows on the same data are safe, as in the terminal).
textual-serve is an optional extra (`pip install 'kohtaa-tui[serve]'`): the terminal install
stays small.
"""

from __future__ import annotations

import argparse
import errno
import importlib.util
import shlex
import socket
import sys
from typing import Any

from kohtaa_tui import paths
from kohtaa_tui.commands.errors import CliError
from kohtaa_tui.commands.output import say
from kohtaa_tui.i18n import _

HOST = "127.0.0.1"
"""The only address served: this machine's loopback."""
DEFAULT_PORT = 8000
EXTRA_HINT = "`pip install 'kohtaa-tui[serve]'`"


def register(commands: Any, _banks: Any, _schemas: Any) -> None:
    """Add the `serve` command."""
    serve = commands.add_parser(
        "serve", help=_("open the app in a web browser on this machine (needs the 'serve' extra)"))
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N",
                       help=_("the port on {host} (default {port})").format(
                           host=HOST, port=DEFAULT_PORT))
    serve.set_defaults(handler=run)


def app_command(args: argparse.Namespace) -> str:
    """The shell command each browser session runs: this kohtaa, on the same data, config
    and language (resolved now, so a session never falls back to other defaults)."""
    argv = [sys.executable, "-m", "kohtaa_tui",
            "--data-dir", str(paths.data_dir(args.data_dir)),
            "--config-dir", str(paths.config_dir(args.config_dir))]
    if args.lang:
        argv += ["--lang", args.lang]
    return shlex.join(argv)


def check_port(port: int) -> None:
    """Refuse a port that is out of range or already taken, in one line."""
    if not 1 <= port <= 65535:
        raise CliError(_("--port {port}: a port is a number from 1 to 65535").format(port=port))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise CliError(_("port {port} on {host} is already in use; choose another "
                                 "with --port N").format(port=port, host=HOST)) from None
            if error.errno == errno.EACCES:
                raise CliError(_("port {port} needs special rights on this machine; choose "
                                 "one above 1024 with --port N").format(port=port)) from None
            raise


def started_line(address: str) -> str:
    """What `kohtaa serve` says once the server listens."""
    return _("kohtaa is served at {address} (only this machine can open it); Ctrl+C stops "
             "the server").format(address=address)


def run(args: argparse.Namespace) -> int:
    """Serve the app on HOST:PORT until Ctrl+C."""
    if importlib.util.find_spec("textual_serve") is None:
        raise CliError(_("`kohtaa serve` needs the optional extra 'serve': {hint}").format(
            hint=EXTRA_HINT))
    check_port(args.port)
    from textual_serve.server import Server

    address = f"http://{HOST}:{args.port}"

    class KohtaaServer(Server):
        """textual-serve's server with kohtaa's own start line instead of its banner."""

        async def on_startup(self, app: Any) -> None:
            say(started_line(address))
            sys.stdout.flush()

    KohtaaServer(app_command(args), host=HOST, port=args.port, title="kohtaa").serve()
    return 0
