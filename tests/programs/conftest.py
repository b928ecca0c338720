"""People and programs for the program tests: an administrator, two participants, a program coordinator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import JoinPolicy, MembershipStatus, Program, ProgramCoordinator, ProgramMembership
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login, send_json

People = dict[str, AsyncTestClient[Litestar]]
EMAILS = {
    "admin": "admin@example.org",
    "ana": "ana@example.org",  # a mentee
    "ben": "ben@example.org",  # a mentor
    "cleo": "cleo@example.org",  # coordinates another program only
}


@pytest.fixture
async def people(quiet: Settings) -> AsyncIterator[People]:
    """A signed-in client per person, each on its own app (asyncpg connections belong to one loop)."""
    await create_user(quiet, EMAILS["admin"], name="Ada Admin", coordinator=True)
    await create_user(quiet, EMAILS["ana"], name="Ana", profile=mentee(["editathons"], ["en"]))
    await create_user(quiet, EMAILS["ben"], name="Ben", profile=mentor(2, ["editathons"], ["en"]))
    await create_user(quiet, EMAILS["cleo"], name="Cleo")
    opened: People = {}
    for who, email in EMAILS.items():
        client = AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local")
        opened[who] = await client.__aenter__()
        await login(opened[who], email, PASSWORD)
    yield opened
    for client in opened.values():
        await client.__aexit__(None, None, None)


async def make_program(admin: AsyncTestClient[Litestar], name: str, **settings: Any) -> dict[str, Any]:
    """Create a program through the API as an administrator and return it."""
    response = await send_json(admin, "POST", "/api/v1/programs", {"name": name, **settings})
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def make_coordinator(admin: AsyncTestClient[Litestar], slug: str, email: str) -> None:
    response = await send_json(admin, "POST", f"/api/v1/programs/{slug}/coordinators", {"email": email})
    assert response.status_code == 201, response.text


async def add_program_world(
    settings: Settings, member_id: UUID, asking_id: UUID, other_program_coordinator: UUID
) -> dict[str, str]:
    """A program one profile is in and another asked to join, and a second program with its own coordinator.

    Returns the ids the access matrix fills paths with: the first program's slug and the waiting request.
    """
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            program = Program(name="Leadership", slug="leadership", kinds=["traditional"])
            program.join_policy = JoinPolicy.APPROVAL
            other = Program(name="Peer circle", slug="peer-circle", kinds=["peer"])
            session.add_all([program, other])
            await session.flush()
            waiting = ProgramMembership(
                program_id=program.id, profile_id=asking_id, is_mentee=True, status=MembershipStatus.PENDING
            )
            session.add_all(
                [
                    ProgramMembership(
                        program_id=program.id,
                        profile_id=member_id,
                        is_mentee=True,
                        status=MembershipStatus.ACTIVE,
                        joined_at=datetime.now(UTC),
                    ),
                    waiting,
                    ProgramCoordinator(program_id=other.id, user_id=other_program_coordinator),
                ]
            )
            await session.commit()
            return {"slug": program.slug, "membership_id": str(waiting.id)}
    finally:
        await config.get_engine().dispose()
