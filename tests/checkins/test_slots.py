"""The planner's default: inside everyone's working hours across zones, else the best overlap, in words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mentorship.checkins.slots import Person, explain, find_slot

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def at(slot_start: datetime, zone: str) -> str:
    """The slot's start as a wall clock in a zone, with its weekday."""
    return slot_start.astimezone(ZoneInfo(zone)).strftime("%a %H:%M")


def test_earliest_time_in_both_working_days_on_the_cadence_date() -> None:
    people = [Person("Ana", "Europe/Berlin"), Person("Kenji", "Asia/Tokyo")]

    slot = find_slot(people, date(2026, 1, 13), not_before=LONG_AGO)

    assert slot.start == datetime(2026, 1, 13, 8, 0, tzinfo=UTC)
    assert (at(slot.start, "Europe/Berlin"), at(slot.start, "Asia/Tokyo")) == ("Tue 09:00", "Tue 17:00")
    assert slot.for_everyone


def test_across_the_date_line_the_slot_is_a_weekday_for_both() -> None:
    # Monday morning in Auckland is still Sunday in Los Angeles: the first common hour is a day later.
    people = [Person("Ana", "Pacific/Auckland"), Person("Lou", "America/Los_Angeles")]

    slot = find_slot(people, date(2026, 3, 16), not_before=LONG_AGO)

    assert slot.start == datetime(2026, 3, 16, 20, 0, tzinfo=UTC)
    assert at(slot.start, "Pacific/Auckland") == "Tue 09:00"
    assert at(slot.start, "America/Los_Angeles") == "Mon 13:00"


@pytest.mark.parametrize(
    ("day", "utc_hour", "london"),
    [
        (date(2026, 3, 6), 14, "Fri 14:00"),  # New York on standard time (UTC-5)
        (date(2026, 3, 9), 13, "Mon 13:00"),  # New York moved its clocks on 8 March; London did not
        (date(2026, 3, 30), 13, "Mon 14:00"),  # London moved its clocks on 29 March
    ],
)
def test_daylight_saving_changes_move_the_common_hour(day: date, utc_hour: int, london: str) -> None:
    people = [Person("Ana", "Europe/London"), Person("Ned", "America/New_York")]

    slot = find_slot(people, day, not_before=LONG_AGO)

    assert slot.start == datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=utc_hour)
    assert at(slot.start, "Europe/London") == london
    assert at(slot.start, "America/New_York").endswith("09:00")


def test_half_hour_zone_starts_on_its_own_nine_oclock() -> None:
    people = [Person("Priya", "Asia/Kolkata"), Person("Kenji", "Asia/Tokyo")]

    slot = find_slot(people, date(2026, 1, 14), not_before=LONG_AGO)

    assert at(slot.start, "Asia/Kolkata") == "Wed 09:00"
    assert at(slot.start, "Asia/Tokyo") == "Wed 12:30"


def test_the_meeting_must_end_inside_the_working_day() -> None:
    people = [Person("Priya", "Asia/Kolkata"), Person("Ana", "Europe/London")]

    slot = find_slot(people, date(2026, 1, 14), not_before=datetime(2026, 1, 14, 11, 50, tzinfo=UTC))

    # Kolkata's day ends at 12:30 UTC: a 45-minute meeting from 12:00 would run past it.
    assert slot.start == datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def test_a_weekend_cadence_date_moves_to_monday() -> None:
    people = [Person("Ana", "Europe/Lisbon"), Person("Rui", "Europe/Lisbon")]

    slot = find_slot(people, date(2026, 1, 17), not_before=LONG_AGO)

    assert at(slot.start, "Europe/Lisbon") == "Mon 09:00"


def test_the_lead_time_is_kept() -> None:
    people = [Person("Ana", "UTC"), Person("Rui", "UTC")]

    slot = find_slot(people, date(2026, 1, 13), not_before=datetime(2026, 1, 13, 10, 20, tzinfo=UTC))

    assert slot.start == datetime(2026, 1, 13, 10, 30, tzinfo=UTC)


def test_a_group_gets_a_time_inside_all_three_working_days() -> None:
    people = [
        Person("Ana", "Europe/Berlin"),
        Person("Ade", "Africa/Lagos"),
        Person("Bia", "America/Sao_Paulo"),
    ]

    slot = find_slot(people, date(2026, 1, 13), not_before=LONG_AGO)

    assert slot.start == datetime(2026, 1, 13, 12, 0, tzinfo=UTC)
    assert slot.for_everyone


def test_without_a_common_hour_the_best_overlap_is_named_in_words() -> None:
    ana, wei = Person("Ana", "America/New_York"), Person("Wei", "Asia/Shanghai")

    slot = find_slot([ana, wei], date(2026, 1, 13), not_before=LONG_AGO)

    assert not slot.for_everyone
    assert slot.outside == (wei,)
    # Ana's day ends as Wei's begins: her last quarter hour leaves Wei least early (2 h 45 min).
    assert at(slot.start, "America/New_York") == "Tue 17:15"
    assert explain(slot, [ana, wei]) == (
        "No hour falls in everyone's working day; 17:15 for Ana is 06:15 on Wednesday for Wei."
    )


def test_without_a_common_hour_for_all_most_people_keep_their_hours() -> None:
    people = [
        Person("Ana", "Europe/Berlin"),
        Person("Kenji", "Asia/Tokyo"),
        Person("Ned", "America/New_York"),
    ]

    slot = find_slot(people, date(2026, 1, 13), not_before=LONG_AGO)

    assert len(slot.outside) == 1
    assert explain(slot, people).startswith("No hour falls in everyone's working day; ")


def test_a_common_slot_needs_no_explanation() -> None:
    people = [Person("Ana", "UTC"), Person("Rui", "Europe/Lisbon")]

    assert explain(find_slot(people, date(2026, 1, 13), not_before=LONG_AGO), people) == ""


def test_another_day_is_named_when_the_clock_is_on_another_date() -> None:
    ana, leo = Person("Ana", "Pacific/Auckland"), Person("Leo", "Europe/London")

    slot = find_slot([ana, leo], date(2026, 1, 14), not_before=LONG_AGO)

    assert explain(slot, [ana, leo]) == (
        "No hour falls in everyone's working day; 09:00 for Ana is 20:00 on Tuesday for Leo."
    )


def test_an_unknown_zone_counts_as_utc() -> None:
    people = [Person("Ana", "Mars/Olympus"), Person("Rui", "UTC")]

    slot = find_slot(people, date(2026, 1, 13), not_before=LONG_AGO)

    assert slot.start == datetime(2026, 1, 13, 9, 0, tzinfo=UTC)
    assert slot.start + timedelta(minutes=45) <= datetime(2026, 1, 13, 18, 0, tzinfo=UTC)
