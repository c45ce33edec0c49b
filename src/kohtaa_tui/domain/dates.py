"""Dates a person types, in English and Finnish: the one parser for every date field and flag.

    parse_day("22.11.2026")                       -> date(2026, 11, 22)
    parse_days("last week", today)                -> (Monday, Sunday) of the week before
    parse_days("eilen", today), ("2026-11", ...), ("3d", ...), ("marraskuu", ...)

`parse_days` answers the first and the last day a text means, so that `--since` takes the
first and `--until` the last (`--since 2026-11 --until 2026-11` is all of November). The
day "now" is given (`today`, from the injected clock in the person's zone): pure, no clock
read here. Weeks start on Monday.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

DayRange = tuple[date, date]

_MONTHS = {
    **{name: n for n, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"), start=1)},
    **{name[:3]: n for n, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"), start=1)},
    **{name: n for n, name in enumerate(
        ("tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu",
         "heinäkuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu"), start=1)},
}
"""Month names (English, its three-letter forms, Finnish); Finnish -ssa/-ta forms are
folded to these."""

_UNITS = {
    "d": "day", "day": "day", "days": "day", "pv": "day", "päivä": "day", "päivää": "day",
    "vrk": "day",
    "w": "week", "wk": "week", "week": "week", "weeks": "week", "vk": "week",
    "viikko": "week", "viikkoa": "week",
    "m": "month", "mo": "month", "month": "month", "months": "month", "kk": "month",
    "kuukausi": "month", "kuukautta": "month", "kuu": "month",
    "y": "year", "yr": "year", "year": "year", "years": "year", "v": "year",
    "vuosi": "year", "vuotta": "year",
}
"""Units of "3d", "2 weeks ago", "3 päivää sitten"."""

_NAMED = {
    "today": ("day", 0), "tänään": ("day", 0), "tänä päivänä": ("day", 0),
    "yesterday": ("day", 1), "eilen": ("day", 1),
    "day before yesterday": ("day", 2), "toissapäivänä": ("day", 2), "toissa päivänä": ("day", 2),
    "this week": ("week", 0), "tämä viikko": ("week", 0), "tällä viikolla": ("week", 0),
    "last week": ("week", 1), "viime viikko": ("week", 1), "viime viikolla": ("week", 1),
    "this month": ("month", 0), "tämä kuu": ("month", 0), "tässä kuussa": ("month", 0),
    "tämä kuukausi": ("month", 0), "tässä kuukaudessa": ("month", 0),
    "last month": ("month", 1), "viime kuu": ("month", 1), "viime kuussa": ("month", 1),
    "viime kuukausi": ("month", 1), "viime kuukautena": ("month", 1),
    "this year": ("year", 0), "tämä vuosi": ("year", 0), "tänä vuonna": ("year", 0),
    "last year": ("year", 1), "viime vuosi": ("year", 1), "viime vuonna": ("year", 1),
}
"""Named periods: (unit, how many back); a week, month or year means all of it."""

_AGO = re.compile(r"(\d{1,4})\s*([a-zäö]+)(?:\s+(?:ago|sitten))?")


def parse_day(text: str) -> date | None:
    """A date written out, 2026-11-22 or 22.11.2026; None when it is neither."""
    text = text.strip()
    try:
        if "." in text:
            day, month, year = (int(part) for part in text.strip(".").split("."))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        return None


def _month_back(today: date, months: int) -> date:
    """The first day of the month `months` before today's."""
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(first: date) -> date:
    following = _month_back(first, -1)
    return following - timedelta(days=1)


def _period(unit: str, back: int, today: date) -> DayRange:
    """All of the day, week, month or year `back` of them before today's."""
    if unit == "day":
        day = today - timedelta(days=back)
        return day, day
    if unit == "week":
        monday = today - timedelta(days=today.weekday() + 7 * back)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = _month_back(today, back)
        return first, _month_end(first)
    year = today.year - back
    return date(year, 1, 1), date(year, 12, 31)


def _ago(count: int, unit: str, today: date) -> date:
    """The day `count` units before today (a month back keeps the day where it can)."""
    if unit == "day":
        return today - timedelta(days=count)
    if unit == "week":
        return today - timedelta(weeks=count)
    months = count * (12 if unit == "year" else 1)
    first = _month_back(today, months)
    return first.replace(day=min(today.day, _month_end(first).day))


def _month_name(word: str) -> int | None:
    for ending in ("ssa", "ssä", "ta", "tä", "n"):
        if word.endswith(ending) and word[: -len(ending)] in _MONTHS and \
                len(word) - len(ending) > 3:
            return _MONTHS[word[: -len(ending)]]
    return _MONTHS.get(word)


def parse_days(text: str, today: date) -> DayRange | None:
    """The first and last day that `text` means, seen from `today`; None when it means no
    date. Accepts a date (2026-11-22, 22.11.2026, 22.11. for this year), a month (2026-11,
    11.2026, november, marraskuu, marraskuussa: the latest one not after today), a year
    (2026), named periods in English and Finnish (today, yesterday, this/last week,
    month, year; tänään, eilen, toissapäivänä, tällä/viime viikolla, tässä/viime kuussa,
    tänä/viime vuonna) and a count back (3d, 2w, 1m, 1y, "3 days ago", "2 viikkoa
    sitten", "3 pv"), which is one day."""
    words = " ".join(text.strip().casefold().split())
    if not words or len(words) > 40:
        return None
    if words in _NAMED:
        return _period(*_NAMED[words], today)
    if (day := parse_day(words)) is not None:
        return day, day
    if (match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.?", words)) is not None:
        try:
            day = date(today.year, int(match[2]), int(match[1]))
        except ValueError:
            return None
        return day, day
    month = (re.fullmatch(r"(\d{4})-(\d{1,2})", words)
             or re.fullmatch(r"(\d{1,2})[./](\d{4})", words))
    if month is not None:
        year, number = (int(month[1]), int(month[2])) if len(month[1]) == 4 else (
            int(month[2]), int(month[1]))
        if not 1 <= number <= 12 or year < 1:
            return None
        first = date(year, number, 1)
        return first, _month_end(first)
    if re.fullmatch(r"\d{4}", words) and int(words) >= 1:
        return date(int(words), 1, 1), date(int(words), 12, 31)
    if (named := _month_name(words)) is not None:
        year = today.year if named <= today.month else today.year - 1
        first = date(year, named, 1)
        return first, _month_end(first)
    if (match := _AGO.fullmatch(words)) is not None and match[2] in _UNITS:
        try:
            day = _ago(int(match[1]), _UNITS[match[2]], today)
        except (OverflowError, ValueError):
            return None
        return day, day
    return None
