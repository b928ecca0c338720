"""A program with mentors and mentees to pair by hand, its coordinator, and another program's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import update

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    Kind,
    MemberRole,
    MembershipStatus,
    Profile,
    Program,
    ProgramCoordinator,
    ProgramMembership,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Response,
    User,
)
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login

SLUG = "newcomers"


@dataclass
class World:
    """Who is who (profile ids by first name) and a signed-in client per coordinator."""

    ids: dict[str, UUID]
    clients: dict[str, AsyncTestClient[Litestar]]


async def seed(settings: Settings) -> dict[str, UUID]:
    """Newcomers (every kind) with Ben and Maya mentoring, Ana, Dan and Eli seeking; Zoe is elsewhere."""
    await create_user(settings, "admin@example.org", name="Ada Admin", coordinator=True)
    pia = await create_user(settings, "pia@example.org", name="Pia Coordinator")
    cleo = await create_user(settings, "cleo@example.org", name="Cleo Elsewhere")
    people = {
        "ben": await create_user(
            settings, "ben@example.org", name="Ben Mentor", profile=mentor(1, ["editathons"], ["en"])
        ),
        "maya": await create_user(
            settings,
            "maya@example.org",
            name="Maya Sato",
            profile=mentor(1, ["editathons"], ["ja"], "Pacific/Auckland"),
        ),
        "ana": await create_user(
            settings,
            "ana@example.org",
            name="Ana Lima",
            profile=mentee(["editathons"], ["en"], kinds=["traditional", "peer"]),
        ),
        "dan": await create_user(
            settings,
            "dan@example.org",
            name="Dan Reyes",
            profile=mentee(["editathons"], ["en"], kinds=["traditional", "peer"]),
        ),
        "eli": await create_user(
            settings, "eli@example.org", name="Eli Stone", profile=mentee(["editathons"], ["en"])
        ),
        "zoe": await create_user(
            settings, "zoe@example.org", name="Zoe Outside", profile=mentee(["editathons"], ["en"])
        ),
    }
    ids = {who: user.profile.id for who, user in people.items() if user.profile is not None}
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            program = Program(name="Newcomers", slug=SLUG, kinds=[k.value for k in Kind])
            other = Program(name="Peer circle", slug="peer-circle", kinds=["peer"])
            session.add_all([program, other])
            await session.flush()
            now = datetime.now(UTC)
            for who in ("ben", "maya"):
                session.add(
                    ProgramMembership(
                        program_id=program.id, profile_id=ids[who], is_mentor=True, joined_at=now
                    )
                )
            for who in ("ana", "dan", "eli"):
                session.add(
                    ProgramMembership(
                        program_id=program.id, profile_id=ids[who], is_mentee=True, joined_at=now
                    )
                )
            session.add(
                ProgramMembership(program_id=other.id, profile_id=ids["zoe"], is_mentee=True, joined_at=now)
            )
            session.add(ProgramCoordinator(program_id=program.id, user_id=pia.id))
            session.add(ProgramCoordinator(program_id=other.id, user_id=cleo.id))
            # Maya's one place is taken (in another program, say), and Ana once declined her.
            await session.execute(update(Profile).where(Profile.id == ids["maya"]).values(mentee_load=1))
            declined = Proposal(
                source=ProposalSource.ROUND, kind=Kind.TRADITIONAL, status=ProposalStatus.DECLINED
            )
            declined.members = [
                ProposalMember(profile_id=ids["maya"], role=MemberRole.MENTOR),
                ProposalMember(profile_id=ids["ana"], role=MemberRole.MENTEE, response=Response.DECLINED),
            ]
            session.add(declined)
            await session.commit()
    finally:
        await config.get_engine().dispose()
    return ids


async def deactivate(settings: Settings, email: str) -> None:
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            await session.execute(update(User).where(User.email == email).values(is_active=False))
            await session.commit()
    finally:
        await config.get_engine().dispose()


async def leave(settings: Settings, profile_id: UUID) -> None:
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            await session.execute(
                update(ProgramMembership)
                .where(ProgramMembership.profile_id == profile_id)
                .values(status=MembershipStatus.LEFT)
            )
            await session.commit()
    finally:
        await config.get_engine().dispose()


async def create_app_client(settings: Settings, email: str) -> AsyncTestClient[Litestar]:
    """A client on its own app, signed in as this person (close it with ``__aexit__``)."""
    client = await AsyncTestClient(app=create_app(settings), base_url="http://testserver.local").__aenter__()
    await login(client, email, PASSWORD)
    return client


@pytest.fixture
async def world(quiet: Settings) -> AsyncIterator[World]:
    """The seeded program and a signed-in client for the administrator, Pia, Cleo, Ana and Ben."""
    ids = await seed(quiet)
    opened: dict[str, AsyncTestClient[Litestar]] = {}
    for who, email in {
        "admin": "admin@example.org",
        "pia": "pia@example.org",
        "cleo": "cleo@example.org",
        "ana": "ana@example.org",
        "ben": "ben@example.org",
    }.items():
        client = AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local")
        opened[who] = await client.__aenter__()
        await login(opened[who], email, PASSWORD)
    yield World(ids, opened)
    for client in opened.values():
        await client.__aexit__(None, None, None)
