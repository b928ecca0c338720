"""The mentor load index: known answers of the formula; overloaded mentors get no proposal and no request."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select, update

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import ActionItem, Kind, Profile, Proposal, ProposalMember, PulseAnswer, User
from mentorship.relationships.load import Load, load_of, mentor_loads
from mentorship.rounds.services import RoundOptions, RoundService, execute_round
from tests.factories import create_user
from tests.helpers import send_json
from tests.relationships.conftest import mentor_profile, start
from tests.stored_suggestions import refresh_suggestions

Clients = dict[str, AsyncTestClient[Litestar]]
MENTOR = UUID(int=1)


def test_load_formula_known_answers() -> None:
    idle = Load(MENTOR, capacity=2)
    usual = Load(MENTOR, capacity=2, active_mentees=1, checkins_per_30_days=30 / 14)
    busy = Load(
        MENTOR, 2, active_mentees=1, pending=1, checkins_per_30_days=30 / 14, overdue_items=2, pulse=4.5
    )
    calm_pulse = Load(MENTOR, 1, active_mentees=1, pulse=2.0)
    no_capacity = Load(MENTOR, 0, active_mentees=1)

    assert idle.value == 0.0
    assert usual.value == pytest.approx(0.5 + 0.05 * 30 / 14, abs=1e-3)  # 0.607
    # 0.5 occupancy + 0.25 request + 0.107 meetings + 0.2 overdue; the 0.375 strain is the mentor's alone
    assert busy.value == 1.057 and busy.personal == 1.432
    assert not busy.over(1.0 + 0.1) and busy.personally_over(1.4)
    assert calm_pulse.value == 1.0 and calm_pulse.strain == 0.0
    assert no_capacity.value == 1.0


async def make_mia_overloaded(settings: Settings, relationship_id: UUID) -> None:
    """Ten overdue action items: 0.5 + 0.107 + 1.0 = 1.607 > 1.5 (the heavy pulse is hers alone)."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        mia = await session.scalar(select(Profile).join(User).where(User.email == "mia@example.org"))
        assert mia is not None
        for i in range(10):
            session.add(
                ActionItem(
                    relationship_id=relationship_id,
                    owner_id=mia.id,
                    text=f"Send notes {i}",
                    due_on=date.today() - timedelta(days=3),
                )
            )
        session.add(PulseAnswer(profile_id=mia.id, workload=5, stress=5, created_at=datetime.now(UTC)))
        await session.commit()
    await config.get_engine().dispose()


async def test_mentor_loads_from_the_database(quiet: Settings, clients: Clients) -> None:
    rid = await start(quiet)
    await make_mia_overloaded(quiet, rid)
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        mia_id = await session.scalar(select(Profile.id).join(User).where(User.email == "mia@example.org"))
        assert mia_id is not None
        load = await load_of(session, mia_id, with_pulse=True)
        shared = await load_of(session, mia_id)
        everyone = await mentor_loads(session)
    await config.get_engine().dispose()
    mine = await clients["mia"].get("/api/v1/me/load")
    page = await clients["mia"].get("/relationships")
    not_a_mentor = await clients["ana"].get("/api/v1/me/load")

    assert load is not None
    assert (load.active_mentees, load.pending, load.overdue_items, load.pulse) == (1, 0, 10, 5.0)
    assert load.value == 1.607 and load.personal == 2.107 and set(everyone) == {mia_id}
    assert shared is not None and shared.pulse is None and everyone[mia_id].pulse is None
    assert mine.json()["over"] is True and mine.json()["terms"]["strain"] == 0.5
    assert mine.json()["personal"] == 2.107 and mine.json()["rest_advised"] is True
    assert "/profile/edit/mentoring" in page.text
    assert not_a_mentor.status_code == 404


async def test_overloaded_mentor_gets_no_proposal_in_a_round_and_no_request(
    quiet: Settings, clients: Clients
) -> None:
    await create_user(quiet, "max@example.org", name="Max Mentor", profile=mentor_profile(capacity=2))
    rid = await start(quiet)  # Mia mentors Ana and still has one free place
    await refresh_suggestions(quiet)  # Ben's list has Mia: only her load, read at once, leaves her out
    await make_mia_overloaded(quiet, rid)
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        coordinator = await session.scalar(select(User).where(User.email == "coordinator@example.org"))
        assert coordinator is not None
        started = await RoundService(session).create(
            RoundOptions(Kind.TRADITIONAL, min_score=0.0), coordinator
        )
    await execute_round(config, started.id)
    async with config.get_session() as session:
        proposed = set(
            (
                await session.execute(
                    select(User.name)
                    .join(Profile, Profile.user_id == User.id)
                    .join(ProposalMember, ProposalMember.profile_id == Profile.id)
                    .join(Proposal, Proposal.id == ProposalMember.proposal_id)
                    .where(Proposal.round_id == started.id)
                )
            ).scalars()
        )
        mia_id = await session.scalar(select(Profile.id).join(User).where(User.email == "mia@example.org"))
    await config.get_engine().dispose()

    refused = await send_json(clients["ben"], "POST", "/api/v1/requests", {"mentor_profile_id": str(mia_id)})
    suggested = (await clients["ben"].get("/api/v1/suggestions")).json()

    assert "Max Mentor" in proposed and "Mia Mentor" not in proposed
    assert refused.status_code == 409 and "full plate" in refused.json()["detail"]
    assert all(s["profile"]["name"] != "Mia Mentor" for s in suggested)

    # Once the overdue items are done the load drops and Mia takes requests again.
    async with config.get_session() as session:
        await session.execute(update(ActionItem).values(done_at=datetime.now(UTC)))
        await session.commit()
    await config.get_engine().dispose()
    accepted = await send_json(clients["ben"], "POST", "/api/v1/requests", {"mentor_profile_id": str(mia_id)})
    assert accepted.status_code in {201, 409}
    if accepted.status_code == 409:  # Ben may already hold a proposal from the round
        assert "full plate" not in accepted.json()["detail"]
