"""The machine's time zone, in a module of its own: `kohtaa journal list` needs it without
importing domain.clock (whose FixedClock dataclass costs several milliseconds to import)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


def machine_tz() -> tzinfo:
    """The machine's local time zone (UTC when it has none)."""
    tz = datetime.now().astimezone().tzinfo
    return tz if tz is not None else UTC
