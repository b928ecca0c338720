"""The bulk demo load gives the community its usual shape, and every demo account can sign in."""

from __future__ import annotations

from collections import Counter
from datetime import date

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from mentorship.accounts.passwords import verify_password
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.demo.community import COORDINATOR_EMAIL
from mentorship.demo.loader import load_demo
from mentorship.models import (
    Checkin,
    Event,
    Goal,
    Notification,
    Profile,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from tests.helpers import login

SIZE = 60


async def test_bulk_demo_load_has_the_demo_shape_and_every_account_signs_in(
    settings: Settings, client: AsyncTestClient[Litestar]
) -> None:
    result = await load_demo(settings, size=SIZE, today=date(2026, 6, 1))
    again = await load_demo(settings, size=SIZE, if_empty=True)

    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        count = {
            model.__name__: await session.scalar(select(func.count()).select_from(model)) or 0
            for model in (User, Profile, Relationship, Checkin, Goal)
        }
        statuses = Counter((await session.execute(select(Relationship.status))).scalars())
        proposals = Counter((await session.execute(select(Proposal.status))).scalars())
        events = Counter((await session.execute(select(Event.type))).scalars())
        notes = Counter((await session.execute(select(Notification.type))).scalars())
        members = await session.scalar(select(func.count()).select_from(RelationshipMember))
        loads = sum((await session.execute(select(Profile.mentee_load))).scalars())
        hashes = set((await session.execute(select(User.password_hash))).scalars())
        people = [
            str(
                await session.scalar(
                    select(User.email)
                    .join(Profile, Profile.user_id == User.id)
                    .where(Profile.is_mentor.is_(mentor), Profile.is_mentee.is_(not mentor))
                    .order_by(User.email)
                    .limit(1)
                )
            )
            for mentor in (True, False)
        ]
    await config.get_engine().dispose()
    started = result.matches["accepted"]
    assert again.skipped
    assert count["User"] == SIZE + 1 and count["Profile"] == SIZE and result.participants == SIZE
    assert started >= 3 and count["Relationship"] == started and members == 2 * started
    assert statuses[RelationshipStatus.COMPLETED] == 2 and statuses[RelationshipStatus.ENDED] == 1
    assert proposals[ProposalStatus.ACCEPTED] == started
    assert proposals[ProposalStatus.DECLINED] == result.matches["declined"]
    assert loads == started - 3  # a place per mentee, but for the two completed and the one ended
    assert count["Checkin"] >= 3 * started  # at least two months of history and the next one planned
    assert count["Goal"] == 2 * started
    assert events["proposal.accepted"] == 2 * started and events["relationship.started"] == started
    assert events["goal.added"] == 2 * started and events["proposal.opened"] == result.matches["proposals"]
    assert notes["accepted"] == 2 * started and notes["declined"] == result.matches["declined"]
    assert len(hashes) == 1  # one hash, reused by every demo account
    assert verify_password(next(iter(hashes)), settings.demo_password, settings.password_hash_cost)
    for email in (COORDINATOR_EMAIL, *people):
        client.cookies.clear()
        await login(client, email, settings.demo_password)
        assert (await client.get("/api/v1/me")).json()["email"] == email
