"""Administrators creating a program of the same name at the same moment, through three workers, make one."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import pytest
from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Program
from tests.concurrency.conftest import Server, signed_in
from tests.factories import create_user

pytestmark = pytest.mark.slow

ADMINISTRATORS = 4


async def programs_named(settings: Settings, name: str) -> int:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        count = await session.scalar(select(func.count()).select_from(Program).where(Program.name == name))
    await config.get_engine().dispose()
    return int(count or 0)


async def test_administrators_creating_one_program_at_once_get_one_and_clean_409s(server: Server) -> None:
    tag = uuid.uuid4().hex[:8]
    name = f"Leadership cohort {tag}"
    people = [
        await create_user(server.settings, f"admin-{tag}-{i}@example.org", coordinator=True)
        for i in range(ADMINISTRATORS)
    ]
    clients = list(await asyncio.gather(*(signed_in(server.url, p.email) for p in people)))
    # Open a few connections per client first, so the burst lands on every worker at once.
    await asyncio.gather(*(c.get("/healthz") for c in clients for _ in range(ADMINISTRATORS)))

    answers = await asyncio.gather(*(c.post("/api/v1/programs", json={"name": name}) for c in clients))

    assert Counter(a.status_code for a in answers) == {201: 1, 409: ADMINISTRATORS - 1}
    assert all("already exists" in a.json()["detail"] for a in answers if a.status_code == 409)
    assert await programs_named(server.settings, name) == 1
    await asyncio.gather(*(c.aclose() for c in clients))
