"""Where the time comes from: injected everywhere, so that tests can fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

from kohtaa_tui.domain.zone import machine_tz


class Clock(Protocol):
    """Gives the current time as an aware datetime."""

    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        ...

    def local_tz(self) -> tzinfo:
        """The time zone in which the person lives their days."""
        ...


class SystemClock:
    """The real clock of the machine."""

    def now(self) -> datetime:
        """The current instant in UTC, to the whole second."""
        return datetime.now(UTC).replace(microsecond=0)

    def local_tz(self) -> tzinfo:
        """The machine's local time zone."""
        return machine_tz()


@dataclass
class FixedClock:
    """A clock that stands still until moved; used by tests and the demo."""

    current: datetime
    tz: tzinfo = field(default=UTC)

    def now(self) -> datetime:
        """The fixed instant."""
        return self.current

    def local_tz(self) -> tzinfo:
        """The fixed zone."""
        return self.tz

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward."""
        self.current += delta


def to_utc(moment: datetime) -> datetime:
    """An aware datetime in UTC to the whole second (naive ones are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def local_date(moment: datetime, tz: tzinfo) -> date:
    """The calendar day of `moment` for a person living in `tz`."""
    return to_utc(moment).astimezone(tz).date()
