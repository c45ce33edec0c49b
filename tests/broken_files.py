"""Broken files, held out of the loaders' own tests: each is what a killed editor, a bad
merge, a sync tool or a newer kohtaa can leave where a document should be."""

from __future__ import annotations

from kohtaa_tui.domain.document import FORMAT_VERSION

BROKEN: dict[str, bytes] = {
    "a missing quote": b'schema_version = 1\nkind = "goal\ntitle = "x"\n',
    "cut off mid-table": b'schema_version = 1\n[keymap\n',
    "not UTF-8": b'schema_version = 1\ntitle = "\xff\xfe"\n',
    "a BOM in the middle": b'schema_version = 1\n\xef\xbb\xbftitle = "x"\n',
    "NUL bytes": b"\x00" * 64,
    "binary garbage": bytes(range(256)) * 4,
    "a duplicated key": b'schema_version = 1\nschema_version = 1\n',
    "nesting too deep": b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "an integer of 5000 digits": b"schema_version = " + b"9" * 5000 + b"\n",
    "an impossible date": b"schema_version = 1\nwhen = 2026-13-45T25:00:00Z\n",
    "a stray conflict marker": b"<<<<<<< HEAD\nschema_version = 1\n=======\n",
    "another kind of document": b'schema_version = 1\nkind = "something_else"\n',
    "no header at all": b'title = "a file without schema_version or kind"\n',
    "larger than any document": b"# " + b"x" * (9 * 1024 * 1024) + b"\n",
}
"""Fourteen ways a file is not a document kohtaa can read."""

READABLE_AS_CONFIG = {"no header at all"}
"""config.toml may leave out the header (a hand-written config), so these are readable."""


def newer(data: bytes) -> bytes:
    """A valid document's bytes as a newer kohtaa would write them."""
    return data.replace(b"schema_version = 1", f"schema_version = {FORMAT_VERSION + 1}".encode(),
                        1)
