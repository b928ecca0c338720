"""Apps for round tests: no in-process worker, so each test runs the round job itself, deterministically."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.rounds.services import execute_round
from tests.factories import create_user


@pytest.fixture
def quiet(settings: Settings) -> Settings:
    """Settings whose app runs no job worker."""
    return dataclasses.replace(settings, in_process_worker=False)


@pytest.fixture
async def clients(quiet: Settings) -> AsyncIterator[dict[str, AsyncTestClient[Litestar]]]:
    """A client per person, each on its own app (asyncpg connections belong to one event loop)."""
    opened: dict[str, AsyncTestClient[Litestar]] = {}
    for who in ("coordinator", "ana", "ben", "cy", "mia", "max"):
        client = AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local")
        opened[who] = await client.__aenter__()
    yield opened
    for client in opened.values():
        await client.__aexit__(None, None, None)


def mentor(
    capacity: int, offers: list[str], languages: list[str], tz: str = "Europe/Berlin"
) -> dict[str, Any]:
    return {
        "is_mentor": True,
        "capacity": capacity,
        "kinds": ["traditional"],
        "experience": "I organise " + " and ".join(offers),
        "languages": languages,
        "timezone": tz,
        "offers": offers,
    }


def mentee(seeks: list[str], languages: list[str], tz: str = "Europe/Madrid", **extra: Any) -> dict[str, Any]:
    return {
        "is_mentee": True,
        "kinds": ["traditional"],
        "goals": "I want to learn " + " and ".join(seeks),
        "languages": languages,
        "timezone": tz,
        "seeks": seeks,
        **extra,
    }


async def community(settings: Settings) -> None:
    """Two mentors with one place each, three mentees; Cy speaks only Hindi."""
    await create_user(settings, "coordinator@example.org", name="Coordinator", coordinator=True)
    await create_user(
        settings, "mia@example.org", name="Mia Mentor", profile=mentor(1, ["editathons"], ["en", "es"])
    )
    await create_user(settings, "max@example.org", name="Max Mentor", profile=mentor(1, ["bots"], ["en"]))
    await create_user(settings, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["es"]))
    await create_user(settings, "ben@example.org", name="Ben", profile=mentee(["bots"], ["en"]))
    await create_user(settings, "cy@example.org", name="Cy", profile=mentee(["bots"], ["hi"]))


async def run_round(settings: Settings, round_id: str) -> None:
    """Do what the worker does for a queued round."""
    from uuid import UUID

    config = build_sqlalchemy_config(settings)
    await execute_round(config, UUID(round_id))
    await config.get_engine().dispose()
