"""Fifty people answer at once through three server workers: a mentor with three places gets exactly three."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    ActiveSlot,
    Kind,
    MemberRole,
    Profile,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    RelationshipMember,
    Response,
    User,
)
from tests.concurrency.conftest import Server, on_several_workers, signed_in
from tests.factories import create_user, mentee, mentor

pytestmark = pytest.mark.slow

PEOPLE = 50
CAPACITY = 3
ACCEPT = r"POST /api/v1/proposals/[0-9a-f-]+/accept "


@dataclass(frozen=True)
class Community:
    """One mentor with three places and fifty mentees, their emails unique to one test."""

    mentor_email: str
    mentor_name: str
    mentee_emails: list[str]


async def seed(settings: Settings) -> Community:
    tag = uuid.uuid4().hex[:8]
    name = f"Mira {tag}"
    community = Community(
        f"mentor-{tag}@example.org", name, [f"mentee-{tag}-{i}@example.org" for i in range(PEOPLE)]
    )
    await create_user(
        settings, community.mentor_email, name=name, profile=mentor(CAPACITY, ["editathons"], ["en"])
    )
    for email in community.mentee_emails:
        await create_user(settings, email, profile=mentee(["editathons"], ["en"]))
    return community


async def profile_ids(settings: Settings, community: Community) -> dict[str, uuid.UUID]:
    """Everyone's profile id by email."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        rows = await session.execute(
            select(User.email, Profile.id)
            .join(Profile, Profile.user_id == User.id)
            .where(User.email.in_([community.mentor_email, *community.mentee_emails]))
        )
        found: dict[str, uuid.UUID] = dict(rows.all())
    await config.get_engine().dispose()
    return found


async def open_mentor_accepted_proposals(settings: Settings, community: Community) -> None:
    """Round proposals the mentor has already accepted, each waiting only for its mentee."""
    ids = await profile_ids(settings, community)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        for email in community.mentee_emails:
            proposal = Proposal(
                source=ProposalSource.ROUND,
                kind=Kind.TRADITIONAL,
                status=ProposalStatus.OPEN,
                score=0.8,
                reasons=["You both work on editathons."],
            )
            proposal.members = [
                ProposalMember(
                    profile_id=ids[community.mentor_email],
                    role=MemberRole.MENTOR,
                    response=Response.ACCEPTED,
                    responded_at=datetime.now(UTC),
                ),
                ProposalMember(profile_id=ids[email], role=MemberRole.MENTEE),
            ]
            session.add(proposal)
        await session.commit()
    await config.get_engine().dispose()


@dataclass(frozen=True)
class Booked:
    """What the database says after the rush."""

    mentee_load: int
    relationships: int
    mentee_slots: int
    accepted_proposals: int


async def booked(settings: Settings, community: Community) -> Booked:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        mentor_profile = await session.scalar(
            select(Profile).join(User, User.id == Profile.user_id).where(User.email == community.mentor_email)
        )
        assert mentor_profile is not None
        mentee_profiles = (
            select(Profile.id)
            .join(User, User.id == Profile.user_id)
            .where(User.email.in_(community.mentee_emails))
        )
        mentor_proposals = select(ProposalMember.proposal_id).where(
            ProposalMember.profile_id == mentor_profile.id
        )
        result = Booked(
            mentee_load=mentor_profile.mentee_load,
            relationships=await session.scalar(
                select(func.count())
                .select_from(RelationshipMember)
                .where(RelationshipMember.profile_id == mentor_profile.id)
            )
            or 0,
            mentee_slots=await session.scalar(
                select(func.count()).select_from(ActiveSlot).where(ActiveSlot.profile_id.in_(mentee_profiles))
            )
            or 0,
            accepted_proposals=await session.scalar(
                select(func.count())
                .select_from(Proposal)
                .where(Proposal.id.in_(mentor_proposals), Proposal.status == ProposalStatus.ACCEPTED)
            )
            or 0,
        )
    await config.get_engine().dispose()
    return result


async def sign_in_everyone(server: Server, emails: list[str]) -> list[httpx.AsyncClient]:
    return list(await asyncio.gather(*(signed_in(server.url, email) for email in emails)))


async def close(clients: list[httpx.AsyncClient]) -> None:
    await asyncio.gather(*(client.aclose() for client in clients))


def outcome(responses: list[httpx.Response]) -> Counter[tuple[int, str]]:
    """Each answer as (status, what it says): the new status when accepted, the reason when not."""
    return Counter(
        (r.status_code, r.json()["status"] if r.status_code == 200 else r.json().get("detail", r.text))
        for r in responses
    )


async def test_fifty_requests_accepted_at_once_fill_exactly_three_places(server: Server) -> None:
    community = await seed(server.settings)
    mentees = await sign_in_everyone(server, community.mentee_emails)
    mentor_client = await signed_in(server.url, community.mentor_email)
    mentor_profile_id = str((await profile_ids(server.settings, community))[community.mentor_email])
    sent = await asyncio.gather(
        *(
            client.post("/api/v1/requests", json={"mentor_profile_id": mentor_profile_id, "message": "Hi!"})
            for client in mentees
        )
    )
    assert [r.status_code for r in sent] == [201] * PEOPLE, [r.text for r in sent if r.status_code != 201]
    waiting = (await mentor_client.get("/api/v1/proposals")).json()
    assert len(waiting) == PEOPLE
    # Open one connection per request first, so the burst lands on several workers at once.
    (mentor_client,) = await on_several_workers(server, [mentor_client], each=PEOPLE)
    log_mark = server.log_size()

    answers = await asyncio.gather(
        *(mentor_client.post(f"/api/v1/proposals/{p['id']}/accept") for p in waiting)
    )

    full = f"{community.mentor_name} has no free mentoring place left."
    assert outcome(answers) == {(200, "accepted"): CAPACITY, (409, full): PEOPLE - CAPACITY}
    assert await booked(server.settings, community) == Booked(CAPACITY, CAPACITY, CAPACITY, CAPACITY)
    assert len(server.pids_answering(ACCEPT, since=log_mark)) >= 2
    mine = Counter(p["status"] for p in (await mentor_client.get("/api/v1/proposals")).json())
    assert mine == {"accepted": CAPACITY, "open": PEOPLE - CAPACITY}
    await close([*mentees, mentor_client])


async def test_fifty_mentees_accepting_at_once_get_exactly_three_places(server: Server) -> None:
    community = await seed(server.settings)
    await open_mentor_accepted_proposals(server.settings, community)
    mentees = await on_several_workers(server, await sign_in_everyone(server, community.mentee_emails))
    mine = await asyncio.gather(*(client.get("/api/v1/proposals") for client in mentees))
    proposal_ids = [response.json()[0]["id"] for response in mine]
    log_mark = server.log_size()

    answers = await asyncio.gather(
        *(
            client.post(f"/api/v1/proposals/{proposal_id}/accept")
            for client, proposal_id in zip(mentees, proposal_ids, strict=True)
        )
    )

    full = f"{community.mentor_name} has no free mentoring place left."
    assert outcome(answers) == {(200, "accepted"): CAPACITY, (409, full): PEOPLE - CAPACITY}
    assert await booked(server.settings, community) == Booked(CAPACITY, CAPACITY, CAPACITY, CAPACITY)
    assert len(server.pids_answering(ACCEPT, since=log_mark)) >= 2
    await close(mentees)


async def test_three_mentors_accepting_a_mentees_requests_at_once_start_one_relationship_each(
    server: Server,
) -> None:
    tag = uuid.uuid4().hex[:8]
    mentors = [f"mentor-{tag}-{i}@example.org" for i in range(3)]
    mentees = [f"mentee-{tag}-{i}@example.org" for i in range(6)]
    for email in mentors:
        await create_user(server.settings, email, profile=mentor(len(mentees), ["editathons"], ["en"]))
    for email in mentees:
        await create_user(server.settings, email, profile=mentee(["editathons"], ["en"]))
    mentor_clients = await sign_in_everyone(server, mentors)
    mentee_clients = await sign_in_everyone(server, mentees)
    mentor_ids = [(await c.get("/api/v1/profiles/mine")).json()["id"] for c in mentor_clients]
    for client in mentee_clients:
        for mentor_id in mentor_ids:
            sent = await client.post(
                "/api/v1/requests", json={"mentor_profile_id": mentor_id, "message": "Hi"}
            )
            assert sent.status_code == 201, sent.text
    waiting = [[p["id"] for p in (await c.get("/api/v1/proposals")).json()] for c in mentor_clients]
    await asyncio.gather(*(c.get("/healthz") for c in mentor_clients for _ in range(len(mentees))))

    answers = await asyncio.gather(
        *(
            client.post(f"/api/v1/proposals/{proposal_id}/accept")
            for client, ids in zip(mentor_clients, waiting, strict=True)
            for proposal_id in ids
        )
    )

    statuses = Counter(r.status_code for r in answers)
    assert statuses == {200: len(mentees), 409: 2 * len(mentees)}, [
        r.text for r in answers if r.status_code >= 500
    ]
    for client in mentee_clients:
        relationships = (await client.get("/api/v1/relationships")).json()
        assert len(relationships) == 1
    await close([*mentor_clients, *mentee_clients])
