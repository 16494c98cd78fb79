"""The game calendar: a date and time held as whole minutes.

Minutes since 2000-01-01 00:00 keep the state a plain integer, cheap to copy
and to save, and make "advance 2h" simple arithmetic.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from engine.core.limits import FIRST_MOMENT, LAST_MOMENT, MAX_DURATION_DAYS

EPOCH = datetime(2000, 1, 1)
_DURATION_PART = re.compile(r"\s*(\d+)\s*(w|d|h|m)\s*")
_UNIT_MINUTES = {"w": 7 * 24 * 60, "d": 24 * 60, "h": 60, "m": 1}
MAX_DURATION = MAX_DURATION_DAYS * 24 * 60


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?")


def parse_date(text: str) -> tuple[int, bool]:
    """Parse ``YYYY-MM-DD[ HH:MM]``; return (minutes, has_time).

    A regular expression rather than ``strptime``, whose first use imports
    locale machinery that the game never needs. Raises ValueError with a
    message an author can act on.
    """
    match = _DATE.fullmatch(text.strip())
    if match:
        year, month, day, hour, minute = match.groups()
        try:
            moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
        except ValueError:
            pass
        else:
            return to_minutes(moment), hour is not None
    raise ValueError(f'\'{text.strip()}\' is not a date; write it as "2022-02-24 19:00" or "2022-02-24"')


def parse_duration(text: str) -> int:
    """Parse ``"1d 6h"``, ``"45m"``, ``"2w"`` into minutes."""
    pos, total = 0, 0
    if not text.strip():
        raise ValueError('an empty duration; write it as "2h", "3d", "45m" or "1d 6h"')
    while pos < len(text):
        match = _DURATION_PART.match(text, pos)
        if not match:
            raise ValueError(f'\'{text}\' is not a duration; write it as "2h", "3d", "45m" or "1d 6h"')
        number = match.group(1).lstrip("0")
        # More digits than the longest duration has minutes is too long, and int() is not asked.
        total += MAX_DURATION + 1 if len(number) > 8 else int(number or "0") * _UNIT_MINUTES[match.group(2)]
        pos = match.end()
    if total > MAX_DURATION:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ValueError(
            f"'{shown}' is longer than {MAX_DURATION_DAYS:,} days (a hundred years), the longest a duration may be"
        )
    return total


def to_minutes(moment: datetime) -> int:
    return int((moment - EPOCH).total_seconds() // 60)


FIRST_CLOCK = to_minutes(FIRST_MOMENT)
LAST_CLOCK = to_minutes(LAST_MOMENT)
"""The clock's range: every minute :func:`format_clock` can show."""


def from_minutes(minutes: int) -> datetime:
    return EPOCH + timedelta(minutes=minutes)


def set_day(clock: int, day_minutes: int) -> int:
    """Move to the day of ``day_minutes`` and keep the clock's time of day."""
    return day_minutes - day_minutes % 1440 + clock % 1440


def format_clock(minutes: int) -> str:
    """``Thursday, 24 February 2022, 19:00``."""
    moment = from_minutes(minutes)
    return f"{moment:%A}, {moment.day} {moment:%B %Y, %H:%M}"


def format_day(minutes: int) -> str:
    """``24 February 2022``."""
    moment = from_minutes(minutes)
    return f"{moment.day} {moment:%B %Y}"
