"""Twelve people name the same new topic at the same moment, through three server workers."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Topic
from mentorship.topics.catalog import normalise_tag
from tests.concurrency.conftest import Server, signed_in
from tests.factories import create_user, mentee

pytestmark = pytest.mark.slow

PEOPLE = 12


async def topics_named(settings: Settings, slug: str) -> int:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        count = await session.scalar(select(func.count()).select_from(Topic).where(Topic.slug == slug))
    await config.get_engine().dispose()
    return int(count or 0)


async def test_twelve_people_creating_one_new_topic_at_once_all_save_it(server: Server) -> None:
    tag = uuid.uuid4().hex[:8]
    label = f"Quilting {tag}"
    emails = [f"quilter-{tag}-{i}@example.org" for i in range(PEOPLE)]
    for email in emails:
        await create_user(server.settings, email, profile=mentee(["editathons"], ["en"]))
    clients = list(await asyncio.gather(*(signed_in(server.url, email) for email in emails)))
    mine = await asyncio.gather(*(client.get("/api/v1/profiles/mine") for client in clients))
    ids = [response.json()["id"] for response in mine]
    # Open a second connection per client first, so the saves land on every worker at once.
    await asyncio.gather(*(client.get("/healthz") for client in clients for _ in range(2)))

    saved = await asyncio.gather(
        *(
            client.patch(f"/api/v1/profiles/{profile_id}", json={"seeks": [label]})
            for client, profile_id in zip(clients, ids, strict=True)
        )
    )

    assert [r.status_code for r in saved] == [200] * PEOPLE, [r.text for r in saved if r.status_code != 200]
    assert {r.json()["seeks"][0]["slug"] for r in saved} == {normalise_tag(label)}
    assert await topics_named(server.settings, normalise_tag(label)) == 1
    await asyncio.gather(*(client.aclose() for client in clients))
