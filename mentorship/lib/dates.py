"""The one range of dates people may enter anywhere, in forms and in the API, and safe local times.

Ten years back to five years ahead of today covers every real plan and history; a date past that
is a typo, and one near year 9999 overflows as soon as it is shown in a zone ahead of UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from mentorship.lib.i18n import _

YEARS_BACK = 10
YEARS_AHEAD = 5


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def date_range(today: date | None = None) -> tuple[date, date]:
    """The first and last day anyone may enter."""
    today = today or datetime.now(UTC).date()
    return _years_from(today, -YEARS_BACK), _years_from(today, YEARS_AHEAD)


def out_of_range(value: date | datetime, today: date | None = None) -> str | None:
    """Why the date may not be entered, in the reader's words; None when it may."""
    earliest, latest = date_range(today)
    day = value.astimezone(UTC).date() if isinstance(value, datetime) and value.tzinfo else value
    if isinstance(day, datetime):
        day = day.date()
    if earliest <= day <= latest:
        return None
    return _("Choose a date between {earliest} and {latest}.").format(
        earliest=earliest.isoformat(), latest=latest.isoformat()
    )


def local(moment: datetime, tz: tzinfo) -> datetime:
    """The moment in a zone, or in UTC when the zone would carry it past the calendar's ends."""
    try:
        return moment.astimezone(tz)
    except OverflowError:
        return moment.astimezone(UTC)


def later(moment: datetime, delta: timedelta) -> datetime:
    """The moment plus a span, stopping at the calendar's end instead of overflowing."""
    try:
        return moment + delta
    except OverflowError:
        return datetime.max.replace(tzinfo=moment.tzinfo)
