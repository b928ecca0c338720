"""Round tests' community, and the round job that each test runs itself (its apps have no worker)."""

from __future__ import annotations

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.rounds.services import execute_round
from tests.factories import create_user, mentee, mentor


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
