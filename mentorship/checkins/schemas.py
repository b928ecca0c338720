"""Form values to Python values, and times shown in the reader's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

from mentorship.checkins.access import CheckinInvalid
from mentorship.lib.dates import local, out_of_range
from mentorship.lib.i18n import _


def parse_when(value: str, tz: tzinfo, field: str = "when") -> datetime | None:
    """A datetime-local value ("2026-12-01T16:30") in the reader's zone; None when blank."""
    value = value.replace("\x00", "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CheckinInvalid({field: _("Give a date and time, like 2026-12-01 16:30.")}) from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    if problem := out_of_range(parsed):
        raise CheckinInvalid({field: problem})
    return parsed.astimezone(UTC)


def parse_day(value: str, field: str = "due_on") -> date | None:
    """An optional ISO date."""
    value = value.replace("\x00", "").strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise CheckinInvalid({field: _("Give a date like 2026-12-01.")}) from exc
    if problem := out_of_range(day):
        raise CheckinInvalid({field: problem})
    return day


def check_in_range(value: date | datetime | None, field: str) -> None:
    """Refuse a date from the API outside the range people may enter, naming the field."""
    if value is not None and (problem := out_of_range(value)):
        raise CheckinInvalid({field: problem})


def parse_score(value: str, field: str) -> int | None:
    """An optional 1–5 answer."""
    value = value.strip()
    if not value:
        return None
    if value not in {"1", "2", "3", "4", "5"}:
        raise CheckinInvalid({field: _("Choose a number from 1 to 5.")})
    return int(value)


class Clock:
    """A reader's zone for time inputs: typed times read in it, stored ones filled in (pages use local)."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz

    def local_input(self, moment: datetime | None) -> str:
        """A time as a datetime-local input value."""
        return local(moment, self.tz).strftime("%Y-%m-%dT%H:%M") if moment else ""

    @property
    def name(self) -> str:
        """The zone's name."""
        return str(self.tz)
