"""Planning across zones: a default inside both working days, each member's clock shown, pages in mine."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Checkin, MemberRole, Profile, RelationshipMember
from tests.checkins.conftest import Pair
from tests.factories import create_user
from tests.helpers import post_form

BERLIN, TOKYO = ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo")


async def set_zones(settings: Settings, pair: Pair, **zones: str) -> None:
    """Give the pair's people these time zones (by role: mentor=..., mentee=...)."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        for who, name in zones.items():
            await session.execute(
                update(Profile).where(Profile.id == pair.profiles[who]).values(timezone=name)
            )
        await session.commit()
    await config.get_engine().dispose()


async def add_checkin(settings: Settings, pair: Pair, at: datetime) -> UUID:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        checkin = Checkin(relationship_id=pair.relationship_id, scheduled_at=at)
        session.add(checkin)
        await session.commit()
        checkin_id = checkin.id
    await config.get_engine().dispose()
    return checkin_id


async def planned_at(settings: Settings, pair: Pair) -> datetime:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        at = await session.scalar(
            select(Checkin.scheduled_at).where(Checkin.relationship_id == pair.relationship_id)
        )
    await config.get_engine().dispose()
    assert at is not None
    return at


def page_text(response_text: str) -> str:
    """The page's words, tags dropped and entities decoded, spaces squeezed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response_text)))


def default_when(response_text: str) -> str:
    match = re.search(r'<input id="f-when" name="when" type="datetime-local" value="([^"]*)"', response_text)
    assert match, "no time input on the planner"
    return match.group(1)


def in_working_day(moment: datetime, zone: ZoneInfo, minutes: int = 45) -> bool:
    start, end = moment.astimezone(zone), (moment + timedelta(minutes=minutes)).astimezone(zone)
    return start.weekday() < 5 and start.hour >= 9 and (end.hour, end.minute) <= (18, 0)


def full(moment: datetime, zone: ZoneInfo) -> str:
    there = moment.astimezone(zone)
    return f"{there:%A} {there.day} {there:%B, %H:%M}"


def long(moment: datetime, zone: ZoneInfo) -> str:
    there = moment.astimezone(zone)
    return f"{there:%a} {there.day} {there:%b %Y, %H:%M}"


async def test_planner_default_falls_in_both_working_days_and_shows_the_mentees_clock(
    pair: Pair, settings: Settings
) -> None:
    await set_zones(settings, pair, mentor="Europe/Berlin", mentee="Asia/Tokyo")

    response = await pair.clients["mentor"].get(f"/relationships/{pair.relationship_id}/checkins")

    when = datetime.fromisoformat(default_when(response.text)).replace(tzinfo=BERLIN)
    assert in_working_day(when, BERLIN), when
    assert in_working_day(when, TOKYO), when.astimezone(TOKYO)
    text = page_text(response.text)
    assert f"{full(when, TOKYO)} for Mentee (Asia/Tokyo)" in text
    assert "No hour falls" not in text


async def test_the_mentee_sees_the_default_on_her_clock_and_the_mentors_beside_it(
    pair: Pair, settings: Settings
) -> None:
    await set_zones(settings, pair, mentor="Europe/Berlin", mentee="Asia/Tokyo")

    response = await pair.clients["mentee"].get(f"/relationships/{pair.relationship_id}/checkins")

    when = datetime.fromisoformat(default_when(response.text)).replace(tzinfo=TOKYO)
    assert in_working_day(when, TOKYO) and in_working_day(when, BERLIN)
    assert f"{full(when, BERLIN)} for Mentor (Europe/Berlin)" in page_text(response.text)


async def test_without_a_common_hour_the_planner_says_so_in_words(pair: Pair, settings: Settings) -> None:
    await set_zones(settings, pair, mentor="America/New_York", mentee="Asia/Shanghai")

    response = await pair.clients["mentor"].get(f"/relationships/{pair.relationship_id}/checkins")

    text = page_text(response.text)
    assert "No hour falls in everyone's working day; " in text
    assert re.search(r"\d\d:\d\d for Mentor is \d\d:\d\d( on \w+day)? for Mentee\.", text), text


async def test_a_typed_time_that_is_refused_keeps_the_other_clock_for_that_time(
    pair: Pair, settings: Settings
) -> None:
    await set_zones(settings, pair, mentor="Europe/Berlin", mentee="Asia/Tokyo")
    typed = (datetime.now(UTC) + timedelta(days=20)).astimezone(BERLIN).replace(hour=16, minute=30)

    response = await post_form(
        pair.clients["mentor"],
        f"/relationships/{pair.relationship_id}/checkins",
        {"when": typed.strftime("%Y-%m-%dT%H:%M"), "duration_minutes": "5"},
    )

    assert response.status_code == 400
    assert f"{full(typed, TOKYO)} for Mentee (Asia/Tokyo)" in page_text(response.text)


async def test_planning_by_cadence_lands_inside_both_working_days(pair: Pair, settings: Settings) -> None:
    await set_zones(settings, pair, mentor="Europe/Berlin", mentee="Asia/Tokyo")

    response = await post_form(
        pair.clients["mentor"], f"/relationships/{pair.relationship_id}/checkins", {"by_cadence": "1"}
    )

    assert response.status_code == 303
    at = await planned_at(settings, pair)
    assert in_working_day(at, BERLIN) and in_working_day(at, TOKYO), at


async def test_a_group_default_falls_in_all_three_working_days(pair: Pair, settings: Settings) -> None:
    await set_zones(settings, pair, mentor="Europe/Berlin", mentee="Africa/Lagos")
    third = await create_user(
        settings, "bia@example.org", name="Bia", profile={"is_mentee": True, "timezone": "America/Sao_Paulo"}
    )
    assert third.profile is not None
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        session.add(
            RelationshipMember(
                relationship_id=pair.relationship_id, profile_id=third.profile.id, role=MemberRole.MENTEE
            )
        )
        await session.commit()
    await config.get_engine().dispose()

    response = await pair.clients["mentor"].get(f"/relationships/{pair.relationship_id}/checkins")

    when = datetime.fromisoformat(default_when(response.text)).replace(tzinfo=BERLIN)
    for name in ("Europe/Berlin", "Africa/Lagos", "America/Sao_Paulo"):
        assert in_working_day(when, ZoneInfo(name)), (name, when)
    text = page_text(response.text)
    assert "for Mentee (Africa/Lagos)" in text and "for Bia (America/Sao_Paulo)" in text


async def test_checkin_page_shows_the_other_members_clock(pair: Pair, settings: Settings) -> None:
    await set_zones(settings, pair, mentor="Europe/Berlin", mentee="Asia/Tokyo")
    at = datetime(2030, 3, 5, 8, 0, tzinfo=UTC)
    checkin_id = await add_checkin(settings, pair, at)

    text = page_text((await pair.clients["mentee"].get(f"/checkins/{checkin_id}")).text)

    assert long(at, TOKYO) in text
    assert f"{full(at, BERLIN)} for Mentor (Europe/Berlin)" in text


async def test_the_planned_checkin_notification_reads_on_the_recipients_clock(
    pair: Pair, settings: Settings
) -> None:
    await set_zones(settings, pair, mentor="Europe/Berlin", mentee="Asia/Tokyo")
    typed = datetime(2030, 3, 5, 9, 0, tzinfo=BERLIN)

    await post_form(
        pair.clients["mentor"],
        f"/relationships/{pair.relationship_id}/checkins",
        {"when": typed.strftime("%Y-%m-%dT%H:%M"), "duration_minutes": "45"},
    )
    text = page_text((await pair.clients["mentee"].get("/notifications")).text)

    assert f"Mentor planned a check-in for {long(typed, TOKYO)}." in text
    assert "UTC" not in text
    assert "Times are in Asia/Tokyo" in text
