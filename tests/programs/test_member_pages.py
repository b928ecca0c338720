"""A program's members a page at a time: a program of thousands opens as fast as one of ten."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import MembershipStatus, Profile, Program, ProgramMembership, User
from tests.programs.program_world import signed_in, two_programs

EXTRA_MEMBERS = 105  # with Mia, Max and Ben: 108 in Newcomers, two pages of 100
WAITING = 52


async def crowd(settings: Settings) -> None:
    """Many more people in Newcomers, in and waiting, added straight to the database."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        program_id = await session.scalar(select(Program.id).where(Program.slug == "newcomers"))
        for i in range(EXTRA_MEMBERS + WAITING):
            waiting = i >= EXTRA_MEMBERS
            user = User(email=f"p{i:03d}@example.org", name=f"{'Wanda' if waiting else 'Person'} {i:03d}")
            profile = Profile(user=user, is_mentee=True, kinds=["traditional"], timezone="UTC")
            session.add_all([user, profile])
            await session.flush()
            session.add(
                ProgramMembership(
                    program_id=program_id,
                    profile_id=profile.id,
                    is_mentee=True,
                    status=MembershipStatus.PENDING if waiting else MembershipStatus.ACTIVE,
                    joined_at=None if waiting else datetime.now(UTC),
                )
            )
        await session.commit()
    await config.get_engine().dispose()


def member_names(html: str) -> list[str]:
    """The names in the members' table, in order."""
    table = html.split('id="members"', 1)[1]
    return re.findall(r'<th scope="row"><a href="/profiles/[^"]+">([^<]+)</a>', table)


async def test_the_members_table_shows_a_hundred_at_a_time_by_name(quiet: Settings) -> None:
    await two_programs(quiet)
    await crowd(quiet)
    async with signed_in(quiet, "cleo") as people:
        first = await people["cleo"].get("/programs/newcomers")
        second = await people["cleo"].get("/programs/newcomers?page=2")
        beyond = await people["cleo"].get("/programs/newcomers?page=99")
        bad = await people["cleo"].get("/programs/newcomers?page=many")

    assert first.status_code == second.status_code == 200
    on_first, on_second = member_names(first.text), member_names(second.text)
    assert len(on_first) == 100 and len(on_second) == 8
    everyone = on_first + on_second
    assert everyone == sorted(everyone, key=str.lower) and len(set(everyone)) == 108
    assert "Page 1 of 2" in first.text and 'href="/programs/newcomers?page=2#members"' in first.text
    assert "1–100 of 108, by name." in first.text and "101–108 of 108, by name." in second.text
    assert member_names(beyond.text) == on_second  # past the end: the last page
    assert bad.status_code == 400
    # Requests to join: the first fifty by name, and how many wait in all.
    waiting = first.text.split('id="waiting"', 1)[1].split("</section>", 1)[0]
    assert waiting.count("/approve") == 50 and "(52)" in waiting
    assert "The first 50 of 52 requests" in waiting


async def test_the_api_pages_members_waiting_ones_first(quiet: Settings) -> None:
    await two_programs(quiet)
    await crowd(quiet)
    async with signed_in(quiet, "cleo", "ben") as people:
        first = (await people["cleo"].get("/api/v1/programs/newcomers/members?per_page=60")).json()
        last = (await people["cleo"].get("/api/v1/programs/newcomers/members?per_page=60&page=3")).json()
        too_many = await people["cleo"].get("/api/v1/programs/newcomers/members?per_page=501")
        member = await people["ben"].get("/api/v1/programs/newcomers/members")

    assert (first["total"], first["page"], first["pages"]) == (160, 1, 3)
    assert [m["status"] for m in first["items"][:WAITING]] == ["pending"] * WAITING
    assert len(first["items"]) == 60 and len(last["items"]) == 40
    assert {m["id"] for m in first["items"]}.isdisjoint(m["id"] for m in last["items"])
    assert too_many.status_code == 400 and "per_page" in too_many.text
    assert member.status_code == 403  # a member is not a coordinator of the program
