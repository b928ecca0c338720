"""People for the import tests: an administrator, the program's coordinator, another's, a mentee."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.imports.tasks import run_import, send_import_invitations
from mentorship.models import Program, ProgramCoordinator, ProgramMembership, User
from tests.factories import PASSWORD, create_user, mentee
from tests.helpers import csrf_token, login

People = dict[str, AsyncTestClient[Litestar]]
EMAILS = {
    "admin": "admin@example.org",
    "lead": "lead@example.org",  # coordinates the Leadership program
    "cleo": "cleo@example.org",  # coordinates another program only
    "ana": "ana@example.org",  # a mentee, in no program
}
HEADER = "id,email,name,role,kinds,goals,experience,offers,seeks,languages,timezone,capacity,team\n"


@pytest.fixture
async def people(quiet: Settings) -> AsyncIterator[People]:
    """A signed-in client per person, each on its own app; the programs `leadership` and `peers`."""
    admin = await create_user(quiet, EMAILS["admin"], name="Ada Admin", coordinator=True)
    lead = await create_user(quiet, EMAILS["lead"], name="Lee Lead")
    cleo = await create_user(quiet, EMAILS["cleo"], name="Cleo")
    await create_user(quiet, EMAILS["ana"], name="Ana", profile=mentee(["editathons"], ["en"]))
    assert admin
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        leadership = Program(name="Leadership", slug="leadership", kinds=["traditional"])
        peers = Program(name="Peers", slug="peers", kinds=["peer"])
        session.add_all([leadership, peers])
        await session.flush()
        session.add_all(
            [
                ProgramCoordinator(program_id=leadership.id, user_id=lead.id),
                ProgramCoordinator(program_id=peers.id, user_id=cleo.id),
            ]
        )
        await session.commit()
    await config.get_engine().dispose()
    opened: People = {}
    for who, email in EMAILS.items():
        client = AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local")
        opened[who] = await client.__aenter__()
        await login(opened[who], email, PASSWORD)
    yield opened
    for client in opened.values():
        await client.__aexit__(None, None, None)


async def upload(client: AsyncTestClient[Litestar], text: str | bytes, slug: str = "leadership") -> Any:
    """Upload a file through the API."""
    data = text.encode() if isinstance(text, str) else text
    return await client.post(
        f"/api/v1/programs/{slug}/imports",
        files={"file": ("people.csv", data, "text/csv")},
        headers={"x-csrftoken": await csrf_token(client)},
    )


async def confirm(client: AsyncTestClient[Litestar], import_id: str, slug: str = "leadership") -> Any:
    """Confirm a preview through the API."""
    return await client.post(
        f"/api/v1/programs/{slug}/imports/{import_id}/confirm",
        headers={"x-csrftoken": await csrf_token(client)},
    )


async def run_job(settings: Settings, import_id: str, queue: Any = None) -> dict[str, Any]:
    """Do what the worker does for a confirmed upload."""
    config = build_sqlalchemy_config(settings)
    ctx: Any = {"db_config": config, "settings": settings}
    if queue is not None:
        ctx["queue"] = queue
    try:
        return await run_import(ctx, import_id=import_id)
    finally:
        await config.get_engine().dispose()


async def send_invitations(settings: Settings, program_id: str, user_ids: list[str]) -> int:
    """Do what the worker does for a batch of invitations."""
    config = build_sqlalchemy_config(settings)
    try:
        return await send_import_invitations(
            {"db_config": config, "settings": settings}, program_id=program_id, user_ids=user_ids
        )  # type: ignore[arg-type]
    finally:
        await config.get_engine().dispose()


async def counts(settings: Settings) -> dict[str, int]:
    """How many accounts and memberships there are."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        users = await session.scalar(select(func.count()).select_from(User))
        places = await session.scalar(select(func.count()).select_from(ProgramMembership))
    await config.get_engine().dispose()
    return {"users": int(users or 0), "memberships": int(places or 0)}


async def program_id(settings: Settings, slug: str = "leadership") -> UUID:
    """A program's id."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        found = await session.scalar(select(Program.id).where(Program.slug == slug))
    await config.get_engine().dispose()
    assert found is not None
    return found
