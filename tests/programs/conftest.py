"""People and programs for the program tests: an administrator, two participants, a program coordinator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
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
