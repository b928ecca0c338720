"""Coordinators removing each other's role at the same moment, through three server workers, keep one."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import httpx
import pytest
from sqlalchemy import select, update

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import User
from tests.concurrency.conftest import Server, signed_in
from tests.factories import create_user

pytestmark = pytest.mark.slow

COORDINATORS = 4
TRIALS = 3


async def only_these_coordinate(settings: Settings, count: int) -> list[User]:
    """Nobody coordinates any more except ``count`` new coordinators, returned."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        await session.execute(update(User).values(is_coordinator=False))
        await session.commit()
    await config.get_engine().dispose()
    tag = uuid.uuid4().hex[:8]
    return [
        await create_user(settings, f"coord-{tag}-{i}@example.org", name=f"Coord {tag} {i}", coordinator=True)
        for i in range(count)
    ]


async def coordinators(settings: Settings) -> list[str]:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        emails = list((await session.execute(select(User.email).where(User.is_coordinator))).scalars())
    await config.get_engine().dispose()
    return emails


async def demote(client: httpx.AsyncClient, user_id: uuid.UUID) -> httpx.Response:
    """Confirm a role removal the way the confirmation page's form does."""
    return await client.post(f"/roster/{user_id}/demote", data={}, headers={"accept": "text/html"})


async def test_coordinators_removing_each_other_at_once_leave_exactly_one(server: Server) -> None:
    for _trial in range(TRIALS):
        people = await only_these_coordinate(server.settings, COORDINATORS)
        clients = list(await asyncio.gather(*(signed_in(server.url, p.email) for p in people)))
        # Open a few connections per client first, so the burst lands on every worker at once.
        await asyncio.gather(*(c.get("/healthz") for c in clients for _ in range(COORDINATORS)))

        answers = await asyncio.gather(
            *(
                demote(client, other.id)
                for client, me in zip(clients, people, strict=True)
                for other in people
                if other.id != me.id
            )
        )

        statuses = Counter(answer.status_code for answer in answers)
        # Everyone asked to remove everyone else: all but one lose the role. Every other answer is a
        # refusal: 409 when the demotion would leave nobody (or came too late), 403 when the asker had
        # already lost the role before their request arrived.
        assert statuses[303] == COORDINATORS - 1, statuses
        assert set(statuses) <= {303, 409, 403}, statuses
        assert len(await coordinators(server.settings)) == 1
        refused = [a.text for a in answers if a.status_code == 409]
        assert refused and all("coordinator" in text for text in refused)
        await asyncio.gather(*(client.aclose() for client in clients))
