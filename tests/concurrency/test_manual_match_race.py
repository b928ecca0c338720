"""Coordinators pairing by hand at the same moment, through three workers: one pairing, clean 409s."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    Kind,
    Profile,
    Program,
    ProgramCoordinator,
    ProgramMembership,
    Proposal,
    ProposalMember,
    ProposalStatus,
    RelationshipMember,
)
from tests.concurrency.conftest import Server, signed_in
from tests.factories import create_user, mentee, mentor

pytestmark = pytest.mark.slow

COORDINATORS = 4


async def seed(settings: Settings, mentees: int) -> tuple[str, list[str], str, list[str]]:
    """A program (its slug returned) with one mentor with one place, mentees, and its coordinators."""
    tag = uuid.uuid4().hex[:8]
    slug = f"race-{tag}"
    boss = await create_user(settings, f"mentor-{tag}@example.org", profile=mentor(1, ["editathons"], ["en"]))
    seekers = [
        await create_user(settings, f"mentee-{tag}-{i}@example.org", profile=mentee(["editathons"], ["en"]))
        for i in range(mentees)
    ]
    coordinators = [
        await create_user(settings, f"coordinator-{tag}-{i}@example.org", coordinator=i == 0)
        for i in range(COORDINATORS)
    ]
    assert boss.profile is not None
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        program = Program(name=f"Race {tag}", slug=slug, kinds=[kind.value for kind in Kind])
        session.add(program)
        await session.flush()
        now = datetime.now(UTC)
        session.add(
            ProgramMembership(
                program_id=program.id, profile_id=boss.profile.id, is_mentor=True, joined_at=now
            )
        )
        for person in seekers:
            assert person.profile is not None
            session.add(
                ProgramMembership(
                    program_id=program.id, profile_id=person.profile.id, is_mentee=True, joined_at=now
                )
            )
        session.add_all([ProgramCoordinator(program_id=program.id, user_id=c.id) for c in coordinators[1:]])
        await session.commit()
    await config.get_engine().dispose()
    ids = [str(p.profile.id) for p in seekers if p.profile is not None]
    return slug, [c.email for c in coordinators], str(boss.profile.id), ids


async def count(settings: Settings, query: Any) -> int:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        found = await session.scalar(query)
    await config.get_engine().dispose()
    return int(found or 0)


async def burst(
    server: Server, emails: list[str], path: str, bodies: list[dict[str, Any]]
) -> list[httpx.Response]:
    clients = list(await asyncio.gather(*(signed_in(server.url, email) for email in emails)))
    # Open a few connections per client first, so the burst lands on every worker at once.
    await asyncio.gather(*(c.get("/healthz") for c in clients for _ in range(len(clients))))
    answers = list(
        await asyncio.gather(*(c.post(path, json=b) for c, b in zip(clients, bodies, strict=True)))
    )
    await asyncio.gather(*(c.aclose() for c in clients))
    return answers


async def test_coordinators_starting_the_same_pairing_at_once_start_it_once(server: Server) -> None:
    slug, emails, mentor_id, (mentee_id,) = await seed(server.settings, 1)
    body = {"mentor_id": mentor_id, "mentee_ids": [mentee_id], "action": "start", "reason": "Known pair."}

    answers = await burst(server, emails, f"/api/v1/programs/{slug}/match", [body] * COORDINATORS)

    assert Counter(a.status_code for a in answers) == {201: 1, 409: COORDINATORS - 1}, [
        a.text for a in answers
    ]
    together = (
        select(func.count())
        .select_from(RelationshipMember)
        .where(RelationshipMember.profile_id == uuid.UUID(mentor_id))
    )
    assert await count(server.settings, together) == 1


async def test_coordinators_proposing_the_same_pairing_at_once_send_one_proposal(server: Server) -> None:
    slug, emails, mentor_id, (mentee_id,) = await seed(server.settings, 1)
    body = {"mentor_id": mentor_id, "mentee_ids": [mentee_id], "action": "propose"}

    answers = await burst(server, emails, f"/api/v1/programs/{slug}/match", [body] * COORDINATORS)

    assert Counter(a.status_code for a in answers) == {201: 1, 409: COORDINATORS - 1}, [
        a.text for a in answers
    ]
    assert all("already waiting" in a.json()["detail"] for a in answers if a.status_code == 409)
    open_ones = (
        select(func.count())
        .select_from(ProposalMember)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(ProposalMember.profile_id == uuid.UUID(mentee_id), Proposal.status == ProposalStatus.OPEN)
    )
    assert await count(server.settings, open_ones) == 1


async def test_a_mentors_last_place_taken_by_several_coordinators_at_once_goes_once(server: Server) -> None:
    slug, emails, mentor_id, mentee_ids = await seed(server.settings, COORDINATORS)
    bodies = [
        {"mentor_id": mentor_id, "mentee_ids": [m], "action": "start", "reason": "Urgent."}
        for m in mentee_ids
    ]

    answers = await burst(server, emails, f"/api/v1/programs/{slug}/match", bodies)

    assert Counter(a.status_code for a in answers) == {201: 1, 409: COORDINATORS - 1}, [
        a.text for a in answers
    ]
    assert all("no free mentoring place" in a.json()["detail"] for a in answers if a.status_code == 409)
    load = select(Profile.mentee_load).where(Profile.id == uuid.UUID(mentor_id))
    assert await count(server.settings, load) == 1
