"""A participant in two programs sees each program's relationships under its own heading, on a phone too."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from mentorship.accounts.passwords import hash_password
from mentorship.demo.community import COORDINATOR_EMAIL
from mentorship.models import (
    ActiveSlot,
    Kind,
    MemberRole,
    MembershipStatus,
    Profile,
    Program,
    ProgramMembership,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
    slot_scope,
)
from tests.browser.conftest import DEMO_PASSWORD, PROJECT_ROOT, LiveServer
from tests.browser.pages import PageProblems, axe_violations, horizontal_overflow, sign_in
from tests.databases import in_thread

pytestmark = pytest.mark.browser
SHOTS = PROJECT_ROOT / "var" / "screenshots" / "programs"  # for a person to look at
EMAIL = "two.programs@example.org"


async def _participant_in_two_programs(database_url: str) -> list[tuple[str, str]]:
    """A new mentee in two demo programs with a relationship in each; (program name, mentor name) each."""
    engine = create_async_engine(database_url)
    made: list[tuple[str, str]] = []
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session:
            if await session.scalar(select(User.id).where(User.email == EMAIL)) is None:
                everyone = (await session.execute(select(Program).order_by(Program.name))).scalars()
                programs = [p for p in everyone if "traditional" in p.kinds and not p.archived][:2]
                user = User(
                    email=EMAIL, name="Tova Twoprograms", password_hash=hash_password(DEMO_PASSWORD, "fast")
                )
                user.profile = Profile(is_mentee=True, kinds=["traditional"], timezone="Europe/Lisbon")
                session.add(user)
                await session.flush()
                for program in programs:
                    mentor = await session.scalar(
                        select(Profile)
                        .join(ProgramMembership, ProgramMembership.profile_id == Profile.id)
                        .where(
                            ProgramMembership.program_id == program.id,
                            ProgramMembership.is_mentor,
                            Profile.mentee_load < Profile.capacity,
                        )
                        .order_by(Profile.id)
                        .limit(1)
                    )
                    assert mentor is not None, program.name
                    mentor.mentee_load += 1
                    session.add(
                        ProgramMembership(
                            program_id=program.id,
                            profile_id=user.profile.id,
                            is_mentee=True,
                            status=MembershipStatus.ACTIVE,
                            joined_at=datetime.now(UTC),
                        )
                    )
                    relationship = Relationship(
                        kind=Kind.TRADITIONAL,
                        status=RelationshipStatus.ACTIVE,
                        program_id=program.id,
                        cadence_days=program.checkin_cadence_days,
                        started_at=datetime.now(UTC),
                    )
                    relationship.members = [
                        RelationshipMember(profile_id=mentor.id, role=MemberRole.MENTOR),
                        RelationshipMember(profile_id=user.profile.id, role=MemberRole.MENTEE),
                    ]
                    session.add(relationship)
                    await session.flush()
                    session.add(
                        ActiveSlot(
                            profile_id=user.profile.id,
                            kind=Kind.TRADITIONAL,
                            role=MemberRole.MENTEE,
                            relationship_id=relationship.id,
                            scope=slot_scope(program.id),
                        )
                    )
                await session.commit()
            rows = await session.execute(
                select(Program.name, func.min(User.name))
                .select_from(Relationship)
                .join(Program, Program.id == Relationship.program_id)
                .join(RelationshipMember, RelationshipMember.relationship_id == Relationship.id)
                .join(Profile, Profile.id == RelationshipMember.profile_id)
                .join(User, User.id == Profile.user_id)
                .where(
                    RelationshipMember.role == MemberRole.MENTOR,
                    Relationship.id.in_(
                        select(RelationshipMember.relationship_id)
                        .join(Profile, Profile.id == RelationshipMember.profile_id)
                        .join(User, User.id == Profile.user_id)
                        .where(User.email == EMAIL)
                    ),
                )
                .group_by(Program.name)
                .order_by(Program.name)
            )
            made = [(name, mentor) for name, mentor in rows.all()]
    finally:
        await engine.dispose()
    return made


@pytest.mark.parametrize("width", [1280, 390])
def test_a_participant_in_two_programs_sees_each_programs_relationships_apart(
    browser: Browser, live_server: LiveServer, width: int
) -> None:
    made = in_thread(lambda: asyncio.run(_participant_in_two_programs(live_server.database_url)))
    assert len(made) == 2
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = PageProblems().watch(page)
    sign_in(page, live_server.url, EMAIL)
    SHOTS.mkdir(parents=True, exist_ok=True)

    for path, shot in (("/relationships", "relationships"), ("/", "home")):
        page.goto(path)
        for program, mentor in made:
            heading = page.get_by_role("heading", name=f"In {program}")
            expect(heading).to_be_visible()
            # The mentor's relationship is listed under its program's heading, not under the other's.
            listed = page.locator(
                f"xpath=//h2[normalize-space()='In {program}']/following-sibling::*"
                f" | //h3[normalize-space()='In {program}']/following-sibling::ul[1]"
            )
            expect(listed.filter(has_text=mentor).first).to_be_visible()
        assert horizontal_overflow(page) == 0
        assert axe_violations(page) == []
        page.screenshot(path=str(SHOTS / f"participant-{shot}-{width}.png"), full_page=True)
    problems.assert_clean()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_coordinator_pages_per_program_fit_the_screen(
    browser: Browser, live_server: LiveServer, width: int
) -> None:
    made = in_thread(lambda: asyncio.run(_participant_in_two_programs(live_server.database_url)))
    program = made[0][0]
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = PageProblems().watch(page)
    sign_in(page, live_server.url, COORDINATOR_EMAIL)
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto("/dashboard")
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    page.get_by_label("Show").select_option(label=program)
    slug = page.get_by_label("Show").input_value()
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name=f"Dashboard: {program}")).to_be_visible()
    page.goto("/events")
    page.get_by_label("Program").select_option(label=program)
    expect(page).to_have_url(re.compile(f"program={slug}"))
    for name in ("dashboard", "events"):
        page.goto(f"/{name}?program={slug}")
        assert horizontal_overflow(page) == 0
        assert axe_violations(page) == []
        page.screenshot(path=str(SHOTS / f"coordinator-{name}-{width}.png"), full_page=True)
    context.close()
    mentee = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = mentee.new_page()
    sign_in(page, live_server.url, EMAIL)
    page.goto("/suggestions")
    assert horizontal_overflow(page) == 0
    assert axe_violations(page) == []
    page.screenshot(path=str(SHOTS / f"participant-suggestions-{width}.png"), full_page=True)
    problems.assert_clean()
    mentee.close()
