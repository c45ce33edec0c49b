"""TOML bytes <-> plain documents: safe parsing that reports problems, and validated writing."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

try:
    # tomli is the parser the standard library's tomllib was made from (same results, same
    # messages and line numbers); its wheels are compiled with mypyc and parse about three
    # times faster, which is what an index rebuild and every start spend most time on.
    import tomli as toml_parser
except ImportError:  # pragma: no cover - a platform without it: the same, slower
    import tomllib as toml_parser  # type: ignore[no-redef]

from kohtaa_tui.domain.clock import to_utc
from kohtaa_tui.domain.text import normalise_newlines
from kohtaa_tui.i18n import _
from kohtaa_tui.storage.errors import SaveError

MAX_FILE_BYTES = 1024 * 1024
"""Files larger than this are not read (banks and schemas come from other people)."""

BOM = b"\xef\xbb\xbf"
_INT64 = (-(2**63), 2**63 - 1)
_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


class ParseError(Exception):
    """A file could not be read as TOML; `line` is known for syntax errors."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, refusing files larger than `limit` before reading them."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise ParseError(_("the file is {size} bytes; the limit is {limit} bytes").format(
                    size=f"{size:,}", limit=f"{limit:,}"))
            # Ask for what the file holds (asking for `limit` bytes would allocate a
            # megabyte per small file); a file that grew meanwhile is read on to the limit.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limit + 1 - len(data))
    except FileNotFoundError:
        raise ParseError(_("the file does not exist; check the path")) from None
    except IsADirectoryError:
        raise ParseError(_("is a directory, not a file")) from None
    except PermissionError:
        raise ParseError(_("cannot be read: permission denied")) from None
    except OSError as error:
        raise ParseError(_("cannot be read: {reason}").format(
            reason=error.strerror or error)) from None
    if len(data) > limit:
        raise ParseError(_("the file is over the limit of {limit} bytes").format(
            limit=f"{limit:,}"))
    return data


def parse_toml(data: bytes) -> dict[str, Any]:
    """Parse TOML bytes; every failure becomes a ParseError with the line where known."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(_("is not valid UTF-8 text; save it as UTF-8"), line) from None
    try:
        return toml_parser.loads(text)
    except toml_parser.TOMLDecodeError as error:
        message = str(error)
        match = _AT_LINE.search(message)
        reason = _AT_LINE.sub("", message).strip()
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            raise ParseError(_("invalid TOML at column {column}: {reason}").format(
                column=column, reason=reason), line) from None
        raise ParseError(_("invalid TOML: {reason}").format(reason=reason)) from None
    except RecursionError:
        raise ParseError(_("invalid TOML: nesting is too deep")) from None
    except ValueError as error:
        if "integer string conversion" in str(error):
            # Python's own message ends with a hint for programmers (sys.set_int_...).
            raise ParseError(_("invalid TOML: a number has more than 4,300 digits; no "
                               "kohtaa file needs one that long")) from None
        raise ParseError(_("invalid TOML: {reason}").format(reason=str(error)[:120])) from None
    except MemoryError:
        raise ParseError(_("invalid TOML: the file is too complex to read")) from None


def _normalise(value: Any, where: str) -> Any:
    """The value as it must be written: UTC times, no None, finite floats, int64, \\n text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise SaveError(f"{where}: the number {value} is too large to save")
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise SaveError(f"{where}: a number is not finite")
        return value + 0.0
    if isinstance(value, str):
        return normalise_newlines(value)
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, (date, time)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _normalise(v, f"{where}.{k}" if where else str(k))
                for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_normalise(v, f"{where}[{i}]") for i, v in enumerate(value) if v is not None]
    raise SaveError(f"{where}: a value of type {type(value).__name__} cannot be saved")


def dump_toml(document: Mapping[str, Any]) -> bytes:
    """Serialise a document to TOML bytes, proven to parse back to the same values.

    Nothing touches the disk here: every failure (None, a lone surrogate, a number that
    does not fit) happens before a file is opened.
    """
    import tomli_w  # imported on the first save, not at start

    normal = _normalise(document, "")
    for multiline in (True, False):
        try:
            text = tomli_w.dumps(normal, multiline_strings=multiline)
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            raise SaveError("the text contains characters that cannot be saved "
                            "(a broken paste?); remove them and save again") from None
        except (TypeError, ValueError) as error:
            raise SaveError(f"the document cannot be saved: {error}") from None
        try:
            if toml_parser.loads(text) == normal:
                return data
        except (toml_parser.TOMLDecodeError, ValueError, RecursionError):
            continue
    raise SaveError("the document did not survive a test read-back, so it was not saved")


def now_utc() -> datetime:
    """The current time in UTC (for crash logs and file names only; logic takes a Clock)."""
    return datetime.now(UTC)
