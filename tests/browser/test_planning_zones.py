"""A mentor in Berlin plans with a mentee in Tokyo: both clocks shown, live; her note reads on her clock."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import create_async_engine

from mentorship.models import (
    Kind,
    MemberRole,
    Profile,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from tests.browser.conftest import LiveServer
from tests.browser.pages import PageProblems, horizontal_overflow, signed_in
from tests.databases import in_thread

pytestmark = pytest.mark.browser
BERLIN, TOKYO = ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo")


@dataclass(frozen=True)
class FarPair:
    """A demo relationship whose mentor now lives in Berlin and mentee in Tokyo."""

    relationship_id: str
    mentor_email: str
    mentee_email: str
    mentee_name: str


def far_pair(database_url: str) -> FarPair:
    """The newest active one-to-one demo relationship, its people moved to Berlin and Tokyo."""

    async def move() -> FarPair:
        engine = create_async_engine(database_url)
        async with engine.begin() as connection:
            query = (
                select(Relationship.id, RelationshipMember.role, Profile.id, User.email, User.name)
                .join(RelationshipMember, RelationshipMember.relationship_id == Relationship.id)
                .join(Profile, Profile.id == RelationshipMember.profile_id)
                .join(User, User.id == Profile.user_id)
                .where(
                    Relationship.status == RelationshipStatus.ACTIVE,
                    Relationship.paused_until.is_(None),
                    Relationship.kind == Kind.TRADITIONAL,
                )
                .order_by(Relationship.created_at.desc())
            )
            found: dict[UUID, dict[MemberRole, tuple[UUID, str, str]]] = {}
            for rid, role, profile_id, email, name in (await connection.execute(query)).all():
                found.setdefault(rid, {})[role] = (profile_id, email, name)
            rid, roles = next((k, v) for k, v in found.items() if len(v) == 2)
            mentor, mentee = roles[MemberRole.MENTOR], roles[MemberRole.MENTEE]
            for (profile_id, _email, _name), zone in ((mentor, "Europe/Berlin"), (mentee, "Asia/Tokyo")):
                await connection.execute(
                    update(Profile).where(Profile.id == profile_id).values(timezone=zone)
                )
        await engine.dispose()
        return FarPair(str(rid), mentor[1], mentee[1], mentee[2])

    return in_thread(lambda: asyncio.run(move()))


def inside_working_day(moment: datetime, zone: ZoneInfo) -> bool:
    start, end = moment.astimezone(zone), (moment + timedelta(minutes=45)).astimezone(zone)
    return start.weekday() < 5 and start.hour >= 9 and (end.hour, end.minute) <= (18, 0)


def full(moment: datetime, zone: ZoneInfo) -> str:
    there = moment.astimezone(zone)
    return f"{there:%A} {there.day} {there:%B, %H:%M}"


def long(moment: datetime, zone: ZoneInfo) -> str:
    there = moment.astimezone(zone)
    return f"{there:%a} {there.day} {there:%b %Y, %H:%M}"


def test_planning_across_zones_shows_both_clocks_and_the_note_reads_on_the_mentees(
    browser: Browser, live_server: LiveServer
) -> None:
    pair = far_pair(live_server.database_url)
    mentor_context, mentor = signed_in(browser, live_server, pair.mentor_email)
    problems = PageProblems().watch(mentor)

    mentor.goto(f"/relationships/{pair.relationship_id}/checkins")
    default = datetime.fromisoformat(mentor.locator("#f-when").input_value()).replace(tzinfo=BERLIN)
    clocks = mentor.locator("#f-when-clocks")

    assert inside_working_day(default, BERLIN), default
    assert inside_working_day(default, TOKYO), default.astimezone(TOKYO)
    expect(mentor.get_by_text("When (Europe/Berlin)")).to_be_visible()
    expect(clocks.locator(".clock-text")).to_have_text(
        f"{full(default, TOKYO)} for {pair.mentee_name} (Asia/Tokyo)"
    )
    expect(clocks.locator(".clock-outside")).to_be_hidden()

    # Typing another time moves the mentee's clock with it, and says when it is outside her day.
    evening = (default + timedelta(days=7)).replace(hour=17, minute=30)
    mentor.locator("#f-when").fill(evening.strftime("%Y-%m-%dT%H:%M"))
    expect(clocks.locator(".clock-text")).to_have_text(
        f"{full(evening, TOKYO)} for {pair.mentee_name} (Asia/Tokyo)"
    )
    expect(clocks.locator(".clock-outside")).to_be_visible()
    mentor.locator("#f-when").fill(default.strftime("%Y-%m-%dT%H:%M"))
    expect(clocks.locator(".clock-outside")).to_be_hidden()

    mentor.set_viewport_size({"width": 390, "height": 844})
    assert horizontal_overflow(mentor) == 0
    mentor.get_by_role("button", name="Plan it", exact=True).click()
    expect(mentor.get_by_text(f"{long(default, BERLIN)} (Europe/Berlin)")).to_be_visible()
    expect(mentor.locator(".other-clocks")).to_contain_text(f"for {pair.mentee_name} (Asia/Tokyo)")
    problems.assert_clean()
    mentor_context.close()

    mentee_context, mentee = signed_in(browser, live_server, pair.mentee_email)
    mentee.goto("/notifications")
    notes = mentee.locator("#notification-list")
    expect(notes).to_contain_text("Times are in Asia/Tokyo")
    expect(notes.locator("li.notification").first).to_contain_text(
        f"planned a check-in for {long(default, TOKYO)}."
    )
    expect(notes).not_to_contain_text("UTC")
    mentee_context.close()
