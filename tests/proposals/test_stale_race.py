"""People saving at the same moment on a new database all mark the same, not yet built, scopes stale."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine.stale import COMMUNITY, suggestions_stale
from mentorship.models import PEER_SCOPE, SuggestionScope
from tests.factories import create_user, mentee

PEOPLE = 12


async def test_twelve_first_saves_at_once_create_each_scope_row_once(settings: Settings) -> None:
    people = [
        await create_user(settings, f"first-{i}@example.org", profile=mentee(["editathons"], ["en"]))
        for i in range(PEOPLE)
    ]
    config = build_sqlalchemy_config(settings)
    ready = asyncio.Barrier(PEOPLE)

    async def save(profile_id: object) -> None:
        async with config.get_session() as session:
            # Every session holds its own connection before any of them writes.
            await session.execute(select(1))
            await ready.wait()
            await suggestions_stale(session, None, people=[profile_id])  # type: ignore[list-item]

    await asyncio.gather(*(save(user.profile.id) for user in people))
    async with config.get_session() as session:
        rows = (await session.execute(select(SuggestionScope.scope, SuggestionScope.stale_since))).all()
    await config.get_engine().dispose()
    assert sorted(scope for scope, _ in rows) == sorted([COMMUNITY, PEER_SCOPE])
    assert all(stale is not None for _, stale in rows)
