"""Known history rows for the event tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.events.services import record
from mentorship.models import User
from tests.factories import create_user


@dataclass
class History:
    """Who acted, and the subject ids the rows are about."""

    coordinator: User
    ana: User
    ben: User
    round_id: UUID
    proposal_id: UUID


def at(day: int, hour: int = 12) -> datetime:
    """A UTC time in March 2026."""
    return datetime(2026, 3, day, hour, 0, tzinfo=UTC)


@pytest.fixture
async def history(settings: Settings) -> History:
    """Five events over four days by a coordinator, two participants and the system."""
    coordinator = await create_user(settings, "cora@example.org", name="Cora Coordinator", coordinator=True)
    ana = await create_user(settings, "ana@example.org", name="Ana Alves", profile={"is_mentee": True})
    ben = await create_user(settings, "ben@example.org", name="=Ben Bold", profile={"is_mentor": True})
    round_id, proposal_id = uuid4(), uuid4()
    rows: list[tuple[datetime, str, str, UUID, UUID | None, dict[str, Any]]] = [
        (at(1), "round.started", "round", round_id, coordinator.id, {"kind": "traditional"}),
        (at(2), "round.published", "round", round_id, coordinator.id, {"proposals": 12}),
        (at(3, 9), "proposal.accepted", "proposal", proposal_id, ana.id, {}),
        (at(3, 15), "proposal.declined", "proposal", proposal_id, ben.id, {"reason": "no time, sorry"}),
        (at(4), "proposal.expired", "proposal", uuid4(), None, {}),
    ]
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        for when, type_, subject_type, subject_id, actor_id, data in rows:
            record(session, type_, subject_type, subject_id, actor_id=actor_id, **data).at = when
        await session.commit()
    await config.get_engine().dispose()
    return History(coordinator, ana, ben, round_id, proposal_id)
