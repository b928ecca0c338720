"""A round's pairings a page at a time, its figures summed in the database, the rounds list light."""

from __future__ import annotations

import re
from uuid import UUID

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    Kind,
    MemberRole,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Round,
    RoundStatus,
)
from tests.events.test_keyset import counting
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login

Client = AsyncTestClient[Litestar]
HTML = {"accept": "text/html"}


async def ready_round(settings: Settings, pairings: int, removed: int = 0) -> UUID:
    """A finished round of `pairings` traditional proposals (scores falling), the last `removed` removed."""
    lead = await create_user(settings, "lead@example.org", name="Lead", coordinator=True)
    mia = await create_user(
        settings, "mia@example.org", name="Mia Mentor", profile=mentor(3, ["bots"], ["en"])
    )
    ana = await create_user(settings, "ana@example.org", name="Ana Mentee", profile=mentee(["bots"], ["en"]))
    assert mia.profile is not None and ana.profile is not None
    mentor_id, mentee_id = mia.profile.id, ana.profile.id
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        found = Round(
            kind=Kind.TRADITIONAL,
            status=RoundStatus.READY,
            options={},
            created_by_id=lead.id,
            stage="done",
            progress=1.0,
            summary={"proposals": pairings, "pool": {"mentees": pairings, "mentors": 1}, "total": 0.0},
            proposal_count=pairings,
        )
        session.add(found)
        await session.flush()
        for i in range(pairings):
            status = ProposalStatus.REMOVED if i >= pairings - removed else ProposalStatus.DRAFT
            proposal = Proposal(
                round_id=found.id,
                source=ProposalSource.ROUND,
                kind=Kind.TRADITIONAL,
                status=status,
                score=1 - i / 1000,
            )
            proposal.members = [
                ProposalMember(profile_id=mentor_id, role=MemberRole.MENTOR),
                ProposalMember(profile_id=mentee_id, role=MemberRole.MENTEE),
            ]
            session.add(proposal)
        await session.commit()
        round_id = found.id
    await config.get_engine().dispose()
    return round_id


def rows(html: str) -> int:
    return len(re.findall(r'action="/rounds/[^"]+/proposals/[^"]+/remove"', html))


async def test_a_round_shows_its_pairings_a_hundred_a_page(client: Client, settings: Settings) -> None:
    round_id = await ready_round(settings, 130)
    await login(client, "lead@example.org", PASSWORD)

    first = (await client.get(f"/rounds/{round_id}", headers=HTML)).text
    second = (await client.get(f"/rounds/{round_id}?page=2", headers=HTML)).text

    assert rows(first) == 100 and rows(second) == 30
    assert "Page 1 of 2" in first and f'href="/rounds/{round_id}?page=2#proposals"' in first
    assert "Page 2 of 2" in second and f'href="/rounds/{round_id}?page=1#proposals"' in second
    assert 'data-figure="proposals">130<' in first and 'data-figure="proposals">130<' in second


async def test_the_api_pages_a_rounds_proposals_with_figures_for_all(
    client: Client, settings: Settings
) -> None:
    round_id = await ready_round(settings, 130, removed=3)
    await login(client, "lead@example.org", PASSWORD)

    first = (await client.get(f"/api/v1/rounds/{round_id}")).json()
    second = (await client.get(f"/api/v1/rounds/{round_id}?page={first['next_page']}")).json()
    small = (await client.get(f"/api/v1/rounds/{round_id}?limit=50&page=3")).json()
    too_many = await client.get(f"/api/v1/rounds/{round_id}?limit=501")

    assert (len(first["proposals"]), first["page"], first["pages"], first["total_proposals"]) == (
        100,
        1,
        2,
        130,
    )
    assert (len(second["proposals"]), second["next_page"]) == (30, None)
    ids = [p["id"] for p in first["proposals"] + second["proposals"]]
    assert len(set(ids)) == 130
    scores = [p["score"] for p in first["proposals"] + second["proposals"]]
    assert scores == sorted(scores, reverse=True)
    assert len(small["proposals"]) == 30 and small["pages"] == 3
    figures = first["figures"]
    assert (figures["proposals"], figures["matched"], sum(figures["histogram"])) == (127, 127, 127)
    assert (
        figures["edited"] and abs(figures["mean_score"] - sum(1 - i / 1000 for i in range(127)) / 127) < 1e-9
    )
    assert too_many.status_code == 400 and "limit" in too_many.text


async def test_a_round_page_runs_as_many_queries_for_many_pairings(
    quiet_client: Client, quiet: Settings
) -> None:
    client, settings = quiet_client, quiet
    round_id = await ready_round(settings, 150)
    await login(client, "lead@example.org", PASSWORD)
    await client.get(f"/rounds/{round_id}", headers=HTML)
    with counting() as full_page:
        await client.get(f"/rounds/{round_id}", headers=HTML)
    with counting() as short_page:
        await client.get(f"/rounds/{round_id}?page=2", headers=HTML)

    assert len(full_page) == len(short_page)


async def test_the_rounds_list_shows_the_count_of_proposals(client: Client, settings: Settings) -> None:
    round_id = await ready_round(settings, 3)
    await login(client, "lead@example.org", PASSWORD)

    page = (await client.get("/rounds", headers=HTML)).text
    listed = (await client.get("/api/v1/rounds")).json()
    bad = await client.get("/api/v1/rounds?before=nope")

    assert f'href="/rounds/{round_id}"' in page and '<td class="num">3</td>' in page
    assert [(r["id"], r["summary"]) for r in listed] == [(str(round_id), {"proposals": 3})]
    assert bad.status_code == 400 and "before" in bad.text
