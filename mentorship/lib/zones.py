"""Times as a reader reads them: in their own zone, and the UTC stamp stored texts carry instead.

Stored texts (notifications) name an instant as a stamp, "2026-03-03 09:00 UTC"; when shown, each
stamp becomes the reader's local time, so nobody reads UTC while the pages around it are local.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo

from mentorship.lib.dates import local

STAMP = "%Y-%m-%d %H:%M UTC"
STAMP_PATTERN = re.compile(r"\b(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC\b")
STYLES: dict[str, Callable[[datetime], str]] = {
    "long": lambda t: f"{t:%a} {t.day} {t:%b %Y, %H:%M}",  # Tue 3 Mar 2026, 17:00
    "full": lambda t: f"{t:%A} {t.day} {t:%B, %H:%M}",  # Tuesday 3 March, 17:00
    "minute": lambda t: f"{t:%Y-%m-%d %H:%M}",
    "second": lambda t: f"{t:%Y-%m-%d %H:%M:%S}",
    "day": lambda t: f"{t:%Y-%m-%d}",
    "time": lambda t: f"{t:%H:%M}",
}


def zone(name: str | None) -> tzinfo:
    """A time zone by name, UTC when unknown."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def zone_name(name: str | None) -> str:
    """The zone's name as we show it: the known name, else UTC."""
    return str(zone(name))


def shown(moment: datetime | date | None, tz: tzinfo, style: str = "long") -> str:
    """A time in a zone, in one of the styles; a plain date is shown as it is."""
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        return moment.isoformat()
    there = local(moment if moment.tzinfo else moment.replace(tzinfo=UTC), tz)
    return STYLES.get(style, STYLES["long"])(there)


def stamp(moment: datetime) -> str:
    """The instant as stored texts carry it."""
    return moment.astimezone(UTC).strftime(STAMP)


def stamps_shown(text: str, tz: tzinfo, style: str = "long", label: bool = False) -> str:
    """A stored text with each UTC stamp in it as a local time (labelled with the zone when asked)."""

    def one(match: re.Match[str]) -> str:
        moment = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
        return shown(moment, tz, style) + (f" ({tz})" if label else "")

    return STAMP_PATTERN.sub(one, text)
