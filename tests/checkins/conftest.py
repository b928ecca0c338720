"""A relationship with a mentor and a mentee, an outsider, a coordinator, and the built-in templates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.app import create_app
from mentorship.checkins.builtin import ensure_builtin_templates
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Kind, MemberRole, Relationship, RelationshipMember
from tests.factories import PASSWORD, create_user
from tests.helpers import login

PEOPLE = {
    "mentor": {"is_mentor": True, "capacity": 2, "kinds": ["traditional"], "timezone": "UTC"},
    "mentee": {"is_mentee": True, "kinds": ["traditional"], "goals": "Run events", "timezone": "UTC"},
    "outsider": {"is_mentee": True, "kinds": ["traditional"], "goals": "Write bots", "timezone": "UTC"},
}


@dataclass
class Pair:
    """The relationship, each person's profile id, and a signed-in client per person."""

    relationship_id: UUID
    profiles: dict[str, UUID]
    clients: dict[str, AsyncTestClient[Litestar]]


async def add_relationship(settings: Settings, mentor_id: UUID, mentee_id: UUID, **extra: Any) -> UUID:
    """Insert an active traditional relationship between two profiles and seed the templates."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        await ensure_builtin_templates(session)
        relationship = Relationship(kind=Kind.TRADITIONAL, started_at=datetime.now(UTC), **extra)
        relationship.members = [
            RelationshipMember(profile_id=mentor_id, role=MemberRole.MENTOR),
            RelationshipMember(profile_id=mentee_id, role=MemberRole.MENTEE),
        ]
        session.add(relationship)
        await session.commit()
        relationship_id = relationship.id
    await config.get_engine().dispose()
    return relationship_id


@pytest.fixture
async def pair(settings: Settings) -> AsyncIterator[Pair]:
    """Mentor and mentee in a relationship; an outsider and a coordinator who are not in it."""
    profiles: dict[str, UUID] = {}
    for who, profile in PEOPLE.items():
        user = await create_user(settings, f"{who}@example.org", name=who.title(), profile=profile)
        assert user.profile is not None
        profiles[who] = user.profile.id
    await create_user(settings, "coordinator@example.org", name="Coordinator", coordinator=True)
    relationship_id = await add_relationship(settings, profiles["mentor"], profiles["mentee"])
    clients: dict[str, AsyncTestClient[Litestar]] = {}
    for who in ("mentor", "mentee", "outsider", "coordinator"):
        client = AsyncTestClient(app=create_app(settings), base_url="http://testserver.local")
        clients[who] = await client.__aenter__()
        await login(clients[who], f"{who}@example.org", PASSWORD)
    yield Pair(relationship_id, profiles, clients)
    for client in clients.values():
        await client.__aexit__(None, None, None)


async def add_checkin_world(settings: Settings, relationship_id: str | UUID) -> dict[str, str]:
    """A check-in with an action item in a relationship, and a template id (for the access matrix)."""
    from mentorship.models import ActionItem, Checkin, CheckinTemplate

    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        await ensure_builtin_templates(session)
        template = (
            await session.execute(select(CheckinTemplate).where(CheckinTemplate.key == "regular"))
        ).scalar_one()
        checkin = Checkin(
            relationship_id=UUID(str(relationship_id)),
            template_id=template.id,
            scheduled_at=datetime.now(UTC) + timedelta(days=3),
        )
        session.add(checkin)
        await session.flush()
        item = ActionItem(relationship_id=checkin.relationship_id, checkin_id=checkin.id, text="Write it up")
        session.add(item)
        await session.commit()
        ids = {"checkin_id": str(checkin.id), "action_item_id": str(item.id), "template_id": str(template.id)}
    await config.get_engine().dispose()
    return ids
