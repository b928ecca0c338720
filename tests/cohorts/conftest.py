"""A planted community for the cohort tests: an ended cohort, a running one, an open-ended program."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.passwords import hash_password
from mentorship.checkins.builtin import ensure_builtin_templates
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    Kind,
    MemberRole,
    Profile,
    Program,
    ProgramCoordinator,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from tests.factories import PASSWORD

TODAY = datetime.now(UTC).date()


@dataclass
class World:
    """Slugs, ids and emails the tests use."""

    programs: dict[str, UUID] = field(default_factory=dict)
    relationships: dict[str, UUID] = field(default_factory=dict)
    users: dict[str, UUID] = field(default_factory=dict)


async def add_person(session: AsyncSession, world: World, key: str, *, coordinator: bool = False) -> Profile:
    """A user with a profile; `key` is the local part of the email and the name."""
    user = User(
        email=f"{key}@example.org",
        name=key.title(),
        password_hash=hash_password(PASSWORD, "fast"),
        is_coordinator=coordinator,
    )
    user.profile = Profile(is_mentor=key.startswith("mentor"), is_mentee=not key.startswith("mentor"))
    session.add(user)
    await session.flush()
    world.users[key] = user.id
    return user.profile


async def add_pair(
    session: AsyncSession,
    world: World,
    key: str,
    program_id: UUID | None,
    status: RelationshipStatus = RelationshipStatus.ACTIVE,
    **extra: Any,
) -> Relationship:
    """A traditional relationship between a new mentor and a new mentee."""
    mentor = await add_person(session, world, f"mentor-{key}")
    mentee = await add_person(session, world, f"mentee-{key}")
    started = datetime.now(UTC) - timedelta(days=100)
    relationship = Relationship(
        kind=Kind.TRADITIONAL, started_at=started, program_id=program_id, status=status, **extra
    )
    if status in (RelationshipStatus.COMPLETED, RelationshipStatus.ENDED):
        relationship.ended_at = datetime.now(UTC) - timedelta(days=3)
    relationship.members = [
        RelationshipMember(profile_id=mentor.id, role=MemberRole.MENTOR),
        RelationshipMember(profile_id=mentee.id, role=MemberRole.MENTEE),
    ]
    session.add(relationship)
    await session.flush()
    world.relationships[key] = relationship.id
    return relationship


async def plant(settings: Settings) -> World:
    """Three programs with live relationships, their coordinators, an administrator and an outsider."""
    world = World()
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        await ensure_builtin_templates(session)
        await add_person(session, world, "admin", coordinator=True)
        await add_person(session, world, "cohort-lead")
        await add_person(session, world, "other-lead")
        await add_person(session, world, "outsider")
        ended = program("Leadership 2026", TODAY - timedelta(days=180), TODAY - timedelta(days=2))
        running = program("Leadership 2027", TODAY - timedelta(days=10), TODAY + timedelta(days=30))
        open_ended = program("Newcomers", None, None)
        session.add_all([ended, running, open_ended])
        await session.flush()
        world.programs = {"ended": ended.id, "running": running.id, "open": open_ended.id}
        session.add_all(
            [
                ProgramCoordinator(program_id=ended.id, user_id=world.users["cohort-lead"]),
                ProgramCoordinator(program_id=open_ended.id, user_id=world.users["other-lead"]),
            ]
        )
        await add_pair(session, world, "a", ended.id)
        await add_pair(
            session, world, "b", ended.id, RelationshipStatus.PAUSED, paused_until=TODAY + timedelta(days=20)
        )
        await add_pair(session, world, "done", ended.id, RelationshipStatus.COMPLETED)
        await add_pair(session, world, "running", running.id)
        await add_pair(session, world, "open", open_ended.id)
        await add_pair(session, world, "nowhere", None)
        await session.commit()
    await config.get_engine().dispose()
    return world


def program(name: str, starts_on: date | None, ends_on: date | None) -> Program:
    """A program with a term (a cohort) or without one."""
    slug = name.lower().replace(" ", "-")
    return Program(name=name, slug=slug, kinds=["traditional"], starts_on=starts_on, ends_on=ends_on)
