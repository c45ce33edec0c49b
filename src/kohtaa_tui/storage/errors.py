"""Errors the storage layer raises to its callers, each with a message a person can act on."""

from __future__ import annotations


class StorageError(Exception):
    """Base of every storage error; `str()` is a one-line message for the user."""


class SaveError(StorageError):
    """A save failed; the file on disk is as it was before."""


class ConflictError(SaveError):
    """The file changed on disk since it was loaded (another kohtaa, a sync tool, an editor)."""


class ReadOnlyError(SaveError):
    """The data directory was opened read-only."""


class NotFoundError(StorageError):
    """A document with that id does not exist."""


class LinkRefusedError(SaveError):
    """A save met a symbolic link below the data directory and was refused."""


class UnreadableFileError(SaveError):
    """A save would replace a file kohtaa could not read (or a newer kohtaa wrote)."""
