"""Two programs sharing a mentor, for the tests of requests, suggestions and views per program."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import MembershipStatus, Profile, Program, ProgramCoordinator, ProgramMembership, User
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login, send_json

Client = AsyncTestClient[Litestar]

# Mia mentors (one place) in both programs, Max in Newcomers only; Ana seeks in Leadership (and,
# with ``ana_in_both``, in Newcomers too), Ben in Newcomers; Cleo coordinates Newcomers only.
EMAILS = {
    "admin": "admin@example.org",
    "mia": "mia@example.org",
    "max": "max@example.org",
    "ana": "ana@example.org",
    "ben": "ben@example.org",
    "cleo": "cleo@example.org",
}


async def enrol(settings: Settings, program: Program, members: dict[str, str], **extra: Any) -> None:
    """Add a program and its members (email -> "mentor" or "mentee")."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        session.add(program)
        await session.flush()
        for email, role in members.items():
            profile = await session.scalar(select(Profile).join(User).where(User.email == email))
            assert profile is not None
            session.add(
                ProgramMembership(
                    program_id=program.id,
                    profile_id=profile.id,
                    is_mentor=role == "mentor",
                    is_mentee=role == "mentee",
                    status=MembershipStatus.ACTIVE,
                    joined_at=datetime.now(UTC),
                )
            )
        for email in extra.get("coordinators", []):
            user = await session.scalar(select(User).where(User.email == email))
            assert user is not None
            session.add(ProgramCoordinator(program_id=program.id, user_id=user.id))
        await session.commit()
    await config.get_engine().dispose()


async def two_programs(settings: Settings, *, ana_in_both: bool = False, cadence: int = 21) -> None:
    """The people and the two programs (Newcomers' check-ins every ``cadence`` days)."""
    await create_user(settings, EMAILS["admin"], name="Ada Admin", coordinator=True)
    await create_user(settings, EMAILS["mia"], name="Mia Mentor", profile=mentor(1, ["editathons"], ["en"]))
    await create_user(settings, EMAILS["max"], name="Max Mentor", profile=mentor(1, ["editathons"], ["en"]))
    await create_user(settings, EMAILS["ana"], name="Ana", profile=mentee(["editathons"], ["en"]))
    await create_user(settings, EMAILS["ben"], name="Ben", profile=mentee(["editathons"], ["en"]))
    await create_user(settings, EMAILS["cleo"], name="Cleo")
    leadership = Program(name="Leadership", slug="leadership", kinds=["traditional"], checkin_cadence_days=30)
    newcomers = Program(
        name="Newcomers", slug="newcomers", kinds=["traditional"], checkin_cadence_days=cadence
    )
    await enrol(settings, leadership, {EMAILS["mia"]: "mentor", EMAILS["ana"]: "mentee"})
    members = {EMAILS["mia"]: "mentor", EMAILS["max"]: "mentor", EMAILS["ben"]: "mentee"}
    if ana_in_both:
        members[EMAILS["ana"]] = "mentee"
    await enrol(settings, newcomers, members, coordinators=[EMAILS["cleo"]])


@contextlib.asynccontextmanager
async def signed_in(settings: Settings, *who: str) -> AsyncIterator[dict[str, Client]]:
    """A signed-in client per person, each on its own app (asyncpg connections belong to one loop)."""
    async with contextlib.AsyncExitStack() as stack:
        clients: dict[str, Client] = {}
        for name in who:
            client = AsyncTestClient(app=create_app(settings), base_url="http://testserver.local")
            clients[name] = await stack.enter_async_context(client)
            await login(clients[name], EMAILS[name], PASSWORD)
        yield clients


async def profile_id(client: Client) -> str:
    """The signed-in person's profile id."""
    found: str = (await client.get("/api/v1/profiles/mine")).json()["id"]
    return found


async def match(mentee: Client, mentor: Client, program: str = "") -> dict[str, Any]:
    """The mentee asks the mentor (in ``program`` when given) and the mentor accepts; the answer's JSON."""
    body: dict[str, Any] = {"mentor_profile_id": await profile_id(mentor)}
    if program:
        body["program"] = program
    asked = await send_json(mentee, "POST", "/api/v1/requests", body)
    assert asked.status_code == 201, asked.text
    accepted = await send_json(mentor, "POST", f"/api/v1/proposals/{asked.json()['id']}/accept", {})
    assert accepted.status_code == 200, accepted.text
    result: dict[str, Any] = accepted.json()
    return result
