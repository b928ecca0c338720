"""People for the account deletion and export tests: a full mentor, a mentor with room, three mentees."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    ActiveSlot,
    Kind,
    MemberRole,
    Profile,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    Round,
    RoundStatus,
    User,
)
from tests.factories import PASSWORD, create_user
from tests.helpers import login
from tests.relationships.conftest import mentee_profile, mentor_profile

PEOPLE = ("coordinator", "mia", "max", "ana", "ben", "cy")
# What only Ana wrote: none of it may be left anywhere once she deletes her account.
ANA_SECRETS = ("ana@example.org", "Ana's own goals", "Ana's own experience")


@pytest.fixture
def quiet(settings: Settings) -> Settings:
    """Settings whose app runs no job worker."""
    return dataclasses.replace(settings, in_process_worker=False)


@pytest.fixture
async def clients(quiet: Settings) -> AsyncIterator[dict[str, AsyncTestClient[Litestar]]]:
    """A signed-in client per person, each on its own app (asyncpg connections belong to one loop)."""
    await create_user(quiet, "coordinator@example.org", name="Coordinator", coordinator=True)
    await create_user(quiet, "mia@example.org", name="Mia", profile=mentor_profile(capacity=1))
    await create_user(quiet, "max@example.org", name="Max", profile=mentor_profile(capacity=2))
    await create_user(
        quiet,
        "ana@example.org",
        name="Ana",
        profile=mentee_profile(
            goals="Ana's own goals",
            experience="Ana's own experience",
            kinds=["traditional", "group", "peer"],
            self_assessment={"delegation": 2},
        ),
    )
    await create_user(quiet, "ben@example.org", name="Ben", profile=mentee_profile())
    await create_user(quiet, "cy@example.org", name="Cy", profile=mentee_profile())
    opened: dict[str, AsyncTestClient[Litestar]] = {}
    for who in PEOPLE:
        client = AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local")
        opened[who] = await client.__aenter__()
        await login(opened[who], f"{who}@example.org", PASSWORD)
    yield opened
    for client in opened.values():
        await client.__aexit__(None, None, None)


async def profile_ids(settings: Settings) -> dict[str, UUID]:
    """Each person's profile id, by first name in lower case."""
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            rows = await session.execute(
                select(User.email, Profile.id).join(Profile, Profile.user_id == User.id)
            )
            return {email.split("@")[0]: profile_id for email, profile_id in rows}
    finally:
        await config.get_engine().dispose()


async def add_circle(settings: Settings, kind: Kind, members: dict[str, MemberRole]) -> UUID:
    """A live group or peer relationship with every member's active slot, as starting one leaves it."""
    ids = await profile_ids(settings)
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            relationship = Relationship(kind=kind, started_at=datetime.now(UTC))
            relationship.members = [
                RelationshipMember(profile_id=ids[who], role=role) for who, role in members.items()
            ]
            session.add(relationship)
            await session.flush()
            for who, role in members.items():
                session.add(
                    ActiveSlot(profile_id=ids[who], kind=kind, role=role, relationship_id=relationship.id)
                )
            await session.commit()
            return relationship.id
    finally:
        await config.get_engine().dispose()


async def scalars(settings: Settings, query: Any) -> list[Any]:
    """All values of a one-column query, read in its own session."""
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            return list((await session.execute(query)).scalars())
    finally:
        await config.get_engine().dispose()


async def add_group_proposal(settings: Settings, mentor: str, mentees: list[str], group_min: int) -> UUID:
    """An open group proposal from a published round that allows groups of `group_min` mentees."""
    ids = await profile_ids(settings)
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            round_ = Round(kind=Kind.GROUP, status=RoundStatus.PUBLISHED, options={"group_min": group_min})
            session.add(round_)
            await session.flush()
            proposal = Proposal(
                round_id=round_.id, source=ProposalSource.ROUND, kind=Kind.GROUP, status=ProposalStatus.OPEN
            )
            proposal.members = [ProposalMember(profile_id=ids[mentor], role=MemberRole.MENTOR)] + [
                ProposalMember(profile_id=ids[who], role=MemberRole.MENTEE) for who in mentees
            ]
            session.add(proposal)
            await session.commit()
            return proposal.id
    finally:
        await config.get_engine().dispose()
