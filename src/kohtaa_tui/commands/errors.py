"""The errors a command raises to end with a one-line message."""

from __future__ import annotations


class CliError(Exception):
    """A failure to report on one line with exit code 1."""


class UsageError(CliError):
    """A wrong command line (an id that is not one, or names nothing): one line, exit code 2."""
