"""The one error a command raises to end with a one-line message and exit code 1."""

from __future__ import annotations


class CliError(Exception):
    """A failure to report on one line with exit code 1."""
