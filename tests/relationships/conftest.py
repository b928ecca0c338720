"""People and a started relationship for relationship tests, made through the real request-and-accept flow."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Profile, User
from mentorship.proposals.services import ProposalService
from tests.factories import PASSWORD, create_user
from tests.helpers import login

PEOPLE = ("coordinator", "mia", "ana", "ben", "out")


@pytest.fixture
async def clients(quiet: Settings) -> AsyncIterator[dict[str, AsyncTestClient[Litestar]]]:
    """A signed-in client per person, each on its own app (asyncpg connections belong to one loop)."""
    await people(quiet)
    opened: dict[str, AsyncTestClient[Litestar]] = {}
    for who in PEOPLE:
        client = AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local")
        opened[who] = await client.__aenter__()
        await login(opened[who], f"{who}@example.org", PASSWORD)
    yield opened
    for client in opened.values():
        await client.__aexit__(None, None, None)


def mentor_profile(capacity: int = 2, **extra: Any) -> dict[str, Any]:
    return {
        "is_mentor": True,
        "capacity": capacity,
        "kinds": ["traditional"],
        "experience": "I organise editathons",
        "offers": ["editathons"],
        "languages": ["en"],
        **extra,
    }


def mentee_profile(**extra: Any) -> dict[str, Any]:
    return {
        "is_mentee": True,
        "kinds": ["traditional"],
        "goals": "I want to learn editathons",
        "seeks": ["editathons"],
        "languages": ["en"],
        **extra,
    }


async def people(settings: Settings) -> None:
    """A coordinator, a mentor (Mia, two places), two mentees and an outsider mentee."""
    await create_user(settings, "coordinator@example.org", name="Coordinator", coordinator=True)
    await create_user(settings, "mia@example.org", name="Mia Mentor", profile=mentor_profile())
    await create_user(
        settings,
        "ana@example.org",
        name="Ana",
        profile=mentee_profile(self_assessment={"delegation": 2, "giving_feedback": 3}),
    )
    await create_user(settings, "ben@example.org", name="Ben", profile=mentee_profile())
    await create_user(settings, "out@example.org", name="Outsider", profile=mentee_profile())


async def start(settings: Settings, mentee: str = "ana", mentor: str = "mia") -> UUID:
    """The mentee requests the mentor, the mentor accepts: the relationship's id."""
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            users = {
                u.email.split("@")[0]: u
                for u in (
                    await session.execute(select(User).where(User.email.like("%@example.org")))
                ).scalars()
            }
            mentor_profile_id = await session.scalar(
                select(Profile.id).where(Profile.user_id == users[mentor].id)
            )
            assert mentor_profile_id is not None
            service = ProposalService(session)
            proposal = await service.request(users[mentee], mentor_profile_id, "Hello", 3, 7)
            answer = await service.respond(users[mentor], proposal.id, True)
            assert answer.relationship_id is not None
            return answer.relationship_id
    finally:
        await config.get_engine().dispose()


async def db_value(settings: Settings, query: Any) -> Any:
    """One scalar from the database, read in its own session."""
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            return await session.scalar(query)
    finally:
        await config.get_engine().dispose()


async def add_relationship(settings: Settings, mentor_id: UUID, mentee_id: UUID) -> tuple[str, str]:
    """A live traditional relationship between two profiles with one goal: (relationship id, goal id)."""
    from datetime import UTC, datetime

    from mentorship.models import Goal, MemberRole, Relationship, RelationshipMember

    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            relationship = Relationship(kind="traditional", started_at=datetime.now(UTC))
            relationship.members = [
                RelationshipMember(profile_id=mentor_id, role=MemberRole.MENTOR),
                RelationshipMember(profile_id=mentee_id, role=MemberRole.MENTEE),
            ]
            session.add(relationship)
            await session.flush()
            goal = Goal(relationship_id=relationship.id, title="Run an editathon")
            session.add(goal)
            await session.commit()
            return str(relationship.id), str(goal.id)
    finally:
        await config.get_engine().dispose()
