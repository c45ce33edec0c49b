"""Dates given on the command line (`--since`, `--until`): read by the one parser in
domain.dates, seen from the person's day now."""

from __future__ import annotations

from kohtaa_tui.commands.errors import UsageError
from kohtaa_tui.domain.clock import local_date
from kohtaa_tui.domain.dates import parse_days
from kohtaa_tui.domain.display import one_line
from kohtaa_tui.i18n import N_, _

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date

    from kohtaa_tui.domain.clock import Clock

DATE_HELP = N_("2026-11-22, 22.11.2026, a month (2026-11, november), yesterday, last week, "
               "last month, 3d, 2w; in Finnish too (eilen, viime viikolla, marraskuu)")
"""What the date flags take, for their help."""


def day_flag(flag: str, text: str | None, today: date) -> date | None:
    """The day `flag` means, seen from `today`: the first day of a period for --since, the
    last for --until; a one-line usage error when `text` is no date."""
    if text is None:
        return None
    days = parse_days(text, today)
    if days is None:
        raise UsageError(_("{flag}: \u201c{text}\u201d is not a date; write it as 2026-11-22, "
                           "22.11.2026, 2026-11, yesterday, last week or 3d").format(
            flag=flag, text=one_line(text, 40)))
    return days[1] if flag == "--until" else days[0]


def today_of(clock: Clock) -> date:
    """The person's day now."""
    return local_date(clock.now(), clock.local_tz())
