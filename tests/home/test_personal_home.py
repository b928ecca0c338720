"""The personal home: what needs me now, my relationships, the program for coordinators, links to each."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    ActionItem,
    Checkin,
    Kind,
    MemberRole,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    Response,
    Round,
    RoundStatus,
)
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login

COMPLETE = {"kinds": ["traditional"], "goals": "Grow", "experience": "Some", "timezone": "Europe/Oslo"}
MENTOR = {"is_mentor": True, "capacity": 2, "topics": [], "offers": ["Python"], **COMPLETE}
MENTEE = {"is_mentee": True, "seeks": ["Python"], **COMPLETE}


async def insert(settings: Settings, *rows: Any) -> list[UUID]:
    """Add rows in one transaction and return their ids."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        session.add_all(rows)
        await session.commit()
        ids = [row.id for row in rows]
    await config.get_engine().dispose()
    return ids


async def person(settings: Settings, who: str, profile: dict[str, Any] | None, **extra: Any) -> UUID | None:
    profile = {k: v for k, v in (profile or {}).items() if k != "topics"} if profile is not None else None
    user = await create_user(settings, f"{who}@example.org", name=who.title(), profile=profile, **extra)
    return user.profile.id if user.profile else None


async def home_of(client: Client, who: str) -> str:
    await login(client, f"{who}@example.org", PASSWORD)
    response = await client.get("/")
    assert response.status_code == 200
    return str(response.text)


async def test_mentee_with_a_pending_proposal_sees_it_with_a_link(client: Client, settings: Settings) -> None:
    mentee = await person(settings, "mia", MENTEE)
    mentor = await person(settings, "otto", MENTOR)
    proposal = Proposal(source=ProposalSource.ROUND, kind=Kind.TRADITIONAL, status=ProposalStatus.OPEN)
    proposal.members = [
        ProposalMember(profile_id=mentee, role=MemberRole.MENTEE, response=Response.PENDING),
        ProposalMember(profile_id=mentor, role=MemberRole.MENTOR, response=Response.PENDING),
    ]
    [proposal_id] = await insert(settings, proposal)

    page = await home_of(client, "mia")

    assert "What needs me now" in page
    assert f'href="/proposals/{proposal_id}"' in page
    assert "Answer a proposal to start mentoring with Otto" in page
    assert "The community at a glance</h2>" not in page


async def test_mentor_sees_a_checkin_to_record_and_an_overdue_action_item(
    client: Client, settings: Settings
) -> None:
    mentor = await person(settings, "otto", MENTOR)
    mentee = await person(settings, "mia", MENTEE)
    relationship = Relationship(kind=Kind.TRADITIONAL, started_at=datetime.now(UTC) - timedelta(days=20))
    relationship.members = [
        RelationshipMember(profile_id=mentor, role=MemberRole.MENTOR),
        RelationshipMember(profile_id=mentee, role=MemberRole.MENTEE),
    ]
    [relationship_id] = await insert(settings, relationship)
    checkin = Checkin(relationship_id=relationship_id, scheduled_at=datetime.now(UTC) - timedelta(days=2))
    item = ActionItem(
        relationship_id=relationship_id,
        owner_id=mentor,
        text="Send the reading list",
        due_on=date.today() - timedelta(days=3),
    )
    [checkin_id, _item] = await insert(settings, checkin, item)

    page = await home_of(client, "otto")

    assert f'href="/checkins/{checkin_id}#record"' in page
    assert "Record the check-in of" in page
    assert "Action item with Mia: Send the reading list" in page
    assert f'href="/relationships/{relationship_id}#actions"' in page
    assert "overdue since" in page
    assert "My relationships at a glance" in page
    assert f'href="/relationships/{relationship_id}"' in page


async def test_coordinator_sees_a_round_in_progress_and_the_program(
    client: Client, settings: Settings
) -> None:
    await person(settings, "cora", MENTOR, coordinator=True)
    await person(settings, "mia", MENTEE)
    [round_id] = await insert(settings, Round(kind=Kind.TRADITIONAL, status=RoundStatus.READY))

    page = await home_of(client, "cora")

    assert f'href="/rounds/{round_id}"' in page
    assert "rounds in progress" in page
    assert "mentees waiting for a match" in page
    assert "relationships at risk" in page
    assert "mentors above the load threshold" in page


async def test_participant_sees_no_program_figures(client: Client, settings: Settings) -> None:
    await person(settings, "mia", MENTEE)
    await insert(settings, Round(kind=Kind.TRADITIONAL, status=RoundStatus.READY))

    page = await home_of(client, "mia")

    assert "rounds in progress" not in page
    assert "Nothing needs you right now." in page


async def test_incomplete_profile_sees_its_next_step(client: Client, settings: Settings) -> None:
    await person(settings, "mia", {"is_mentee": True, "kinds": ["traditional"], "timezone": "UTC"})

    page = await home_of(client, "mia")

    assert 'href="/profile/edit/goals"' in page
    assert "Finish your profile" in page


async def test_person_without_a_profile_is_sent_to_start_it(client: Client, settings: Settings) -> None:
    await person(settings, "newcomer", None)

    page = await home_of(client, "newcomer")

    assert 'href="/profile/edit"' in page


async def test_complete_profile_sees_no_profile_step(client: Client, settings: Settings) -> None:
    await person(settings, "mia", {**MENTEE, "languages": ["en"]})

    page = await home_of(client, "mia")

    assert "Finish your profile" not in page


async def test_visitors_still_see_the_community_at_home_and_members_at_community(
    client: Client, settings: Settings
) -> None:
    await person(settings, "mia", MENTEE)

    anonymous = await client.get("/")
    await login(client, "mia@example.org", PASSWORD)
    community = await client.get("/community")

    assert "The community at a glance" in anonymous.text
    assert "What needs me now" not in anonymous.text
    assert "The community at a glance" in community.text
    assert 'href="/community" aria-current="page"' in community.text


async def test_signing_in_lands_on_the_personal_home(settings: Settings) -> None:
    await person(settings, "mia", MENTEE)
    async with AsyncTestClient(app=create_app(settings), base_url="http://testserver.local") as client:
        landed = await login(client, "mia@example.org", PASSWORD)
        page = await client.get(landed.headers["location"])

    assert "What needs me now" in page.text


async def test_coordinator_who_takes_no_part_is_not_asked_to_finish_a_profile(
    client: Client, settings: Settings
) -> None:
    await person(settings, "cora", {"timezone": "UTC"}, coordinator=True)

    page = await home_of(client, "cora")

    assert "Finish your profile" not in page
    assert "My relationships at a glance" not in page
    assert "The program" in page


async def test_profile_step_is_named(client: Client, settings: Settings) -> None:
    await person(settings, "mia", {"is_mentee": True, "kinds": ["traditional"], "timezone": "UTC"})

    page = await home_of(client, "mia")

    assert "Next: your goals and experience" in page


async def test_community_page_is_headed_like_its_navigation_link(client: Client) -> None:
    page = await client.get("/community")

    assert '<h1 id="hero-title">Community</h1>' in page.text
