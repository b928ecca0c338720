"""The planner's default time: the earliest inside everyone's working hours, else the best overlap.

Working hours are 09:00 to 18:00, Monday to Friday, in each person's own zone (profiles have no
hours of their own yet). The search walks the cadence date and the days after it in quarter hours,
which meets every zone's nine o'clock, half-hour and 45-minute zones included.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from mentorship.lib.i18n import _
from mentorship.lib.zones import zone

WORK_START, WORK_END, MIDDAY = time(9), time(18), time(12)
STEP = timedelta(minutes=15)
SEARCH_DAYS = 14
DURATION = timedelta(minutes=45)
WEEKEND = 24 * 60  # a weekend counts as a whole day outside, so any weekday beats it


@dataclass(frozen=True)
class Person:
    """Someone in the check-in: a name and the name of their time zone."""

    name: str
    zone: str

    def local(self, moment: datetime) -> datetime:
        """The moment on this person's clock."""
        return moment.astimezone(zone(self.zone))

    def minutes_outside(self, start: datetime, duration: timedelta = DURATION) -> int:
        """How many minutes of a meeting fall outside this person's working day (0: all inside)."""
        begin = self.local(start).replace(tzinfo=None)
        if begin.weekday() >= 5:
            return WEEKEND
        end = self.local(start + duration).replace(tzinfo=None)
        opens, closes = datetime.combine(begin.date(), WORK_START), datetime.combine(begin.date(), WORK_END)
        early, late = max(opens - begin, timedelta(0)), max(end - closes, timedelta(0))
        return int((early + late).total_seconds() // 60)


@dataclass(frozen=True)
class Slot:
    """A proposed start (UTC) and the people for whom it falls outside working hours."""

    start: datetime
    outside: tuple[Person, ...] = ()

    @property
    def for_everyone(self) -> bool:
        """Whether it is inside everyone's working hours."""
        return not self.outside


def find_slot(
    people: Sequence[Person], day: date, *, not_before: datetime, duration: timedelta = DURATION
) -> Slot:
    """The earliest start from `day` (the first person's date) inside everyone's working hours.

    Where no such start exists in the next two weeks: the start that keeps the most people inside
    their hours, then leaves the others least outside, then falls earliest and nearest the first
    person's midday.
    """
    anchor = people[0]
    candidates = list(_candidates(anchor, day, not_before))
    for _day, start in candidates:
        if all(p.minutes_outside(start, duration) == 0 for p in people):
            return Slot(start)

    def rank(candidate: tuple[int, datetime]) -> tuple[int, int, int, float]:
        index, start = candidate
        away = [p.minutes_outside(start, duration) for p in people]
        wall = anchor.local(start).replace(tzinfo=None)
        from_midday = abs((wall - datetime.combine(wall.date(), MIDDAY)).total_seconds())
        return (away.count(0) * -1, sum(away), index, from_midday)

    _index, start = min(candidates, key=rank)
    return Slot(start, tuple(p for p in people if p.minutes_outside(start, duration)))


def _candidates(anchor: Person, day: date, not_before: datetime) -> Iterator[tuple[int, datetime]]:
    """Every quarter hour of the anchor's days from `day`, not before `not_before`, with its day's index."""
    tz = zone(anchor.zone)
    for index in range(SEARCH_DAYS):
        start = datetime.combine(day + timedelta(days=index), time(0), tzinfo=tz).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=index + 1), time(0), tzinfo=tz).astimezone(UTC)
        while start < end:
            if start >= not_before:
                yield index, start
            start += STEP


def explain(slot: Slot, people: Sequence[Person]) -> str:
    """Why the slot is not inside everyone's hours, as each person's clock reads it; empty when it is."""
    if slot.for_everyone:
        return ""
    anchor_day = people[0].local(slot.start).date()

    def clock(person: Person) -> str:
        there = person.local(slot.start)
        at = f"{there:%H:%M}"
        if there.date() != anchor_day:
            at = _("{time} on {weekday}").format(time=at, weekday=f"{there:%A}")
        return _("{time} for {name}").format(time=at, name=person.name)

    others = [clock(p) for p in people[1:]]
    joined = (
        _("{first} and {last}").format(first=", ".join(others[:-1]), last=others[-1])
        if len(others) > 1
        else "".join(others)
    )
    return _("No hour falls in everyone's working day; {first} is {others}.").format(
        first=clock(people[0]), others=joined
    )
