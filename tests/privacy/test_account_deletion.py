"""Deleting an account ends the person's relationships kindly, frees places and keeps history anonymous."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    ActiveSlot,
    Event,
    Kind,
    MemberRole,
    Profile,
    Proposal,
    Relationship,
    RelationshipMember,
    User,
)
from mentorship.models.base import metadata
from tests.factories import PASSWORD
from tests.helpers import post_form, send_json
from tests.privacy.conftest import ANA_SECRETS, add_circle, add_group_proposal, profile_ids, scalars
from tests.relationships.conftest import db_value, start

Clients = dict[str, AsyncTestClient[Litestar]]
BLAMING = ("ended your", "ended the", "declined", "abandon", "quit", "left you")


async def texts(client: AsyncTestClient[Litestar]) -> list[str]:
    """The notification texts a person sees."""
    return [item["text"] for item in (await client.get("/api/v1/notifications")).json()["items"]]


async def leave(client: AsyncTestClient[Litestar]) -> Any:
    """Delete the signed-in account, confirming with the password."""
    response = await post_form(client, "/account/delete", {"password": PASSWORD})
    assert response.status_code == 303, response.text
    return response


async def status_of(settings: Settings, relationship_id: UUID) -> str:
    return str(
        await db_value(settings, select(Relationship.status).where(Relationship.id == relationship_id))
    )


async def everything_stored(settings: Settings) -> str:
    """Every row of every table as one string, to search for what must be gone."""
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            rows = [
                str(list(row))
                for table in metadata.sorted_tables
                for row in await session.execute(table.select())
            ]
            return "\n".join(rows)
    finally:
        await config.get_engine().dispose()


async def test_a_mentee_leaving_ends_the_relationship_and_frees_the_mentors_place(
    quiet: Settings, clients: Clients
) -> None:
    ids = await profile_ids(quiet)
    rid = await start(quiet, "ana", "mia")  # Mia has one place: now full
    full = await send_json(clients["ben"], "POST", "/api/v1/requests", {"mentor_profile_id": str(ids["mia"])})
    events_before = await db_value(
        quiet, select(func.count()).select_from(Event).where(Event.subject_id == rid)
    )

    await leave(clients["ana"])
    again = await send_json(
        clients["ben"], "POST", "/api/v1/requests", {"mentor_profile_id": str(ids["mia"])}
    )
    told = await texts(clients["mia"])

    assert full.status_code == 409
    assert await status_of(quiet, rid) == "ended"
    assert again.status_code == 201, again.text
    assert (
        "Ana has left Mentorship, so your mentorship has ended. Your place is free for someone new." in told
    )
    assert not any(word in text for text in told for word in BLAMING)
    # The history stays, anonymised: both members, every event, nobody's texts or address.
    members = await scalars(
        quiet, select(RelationshipMember.id).where(RelationshipMember.relationship_id == rid)
    )
    events_after = await db_value(
        quiet, select(func.count()).select_from(Event).where(Event.subject_id == rid)
    )
    assert len(members) == 2 and events_after > events_before
    stored = await everything_stored(quiet)
    assert not [secret for secret in ANA_SECRETS if secret in stored]
    names = await scalars(quiet, select(User.name).where(User.is_active.is_(False)))
    assert names == ["Deleted participant"]


async def test_a_mentor_leaving_ends_the_relationship_and_withdraws_requests_to_them(
    quiet: Settings, clients: Clients
) -> None:
    ids = await profile_ids(quiet)
    rid = await start(quiet, "ana", "max")
    asked = await send_json(
        clients["ben"], "POST", "/api/v1/requests", {"mentor_profile_id": str(ids["max"])}
    )

    await leave(clients["max"])
    ana_told, ben_told = await texts(clients["ana"]), await texts(clients["ben"])
    elsewhere = await send_json(
        clients["ana"], "POST", "/api/v1/requests", {"mentor_profile_id": str(ids["mia"])}
    )
    request_status = await db_value(
        quiet, select(Proposal.status).where(Proposal.id == UUID(asked.json()["id"]))
    )
    pending = await db_value(quiet, select(Profile.pending_requests).where(Profile.id == ids["ben"]))

    assert await status_of(quiet, rid) == "ended"
    assert "Max has left Mentorship, so your mentorship has ended. You can ask for a new match." in ana_told
    assert elsewhere.status_code == 201, elsewhere.text
    assert str(request_status) == "withdrawn" and pending == 0
    assert (
        "Max has left Mentorship, so your request to them was withdrawn. You can ask someone else."
        in ben_told
    )
    assert not any(word in text for text in ana_told + ben_told for word in BLAMING)


async def test_a_group_goes_on_without_a_mentee_who_leaves_and_ends_without_its_mentor(
    quiet: Settings, clients: Clients
) -> None:
    members = {
        "max": MemberRole.MENTOR,
        "ana": MemberRole.MENTEE,
        "ben": MemberRole.MENTEE,
        "cy": MemberRole.MENTEE,
    }
    rid = await add_circle(quiet, Kind.GROUP, members)
    in_group = select(RelationshipMember.id).where(RelationshipMember.relationship_id == rid)

    await leave(clients["ana"])
    after_mentee = (await status_of(quiet, rid), len(await scalars(quiet, in_group)))
    ben_told = await texts(clients["ben"])
    await leave(clients["max"])
    cy_told = await texts(clients["cy"])
    slots = await scalars(quiet, select(ActiveSlot.id).where(ActiveSlot.relationship_id == rid))

    assert after_mentee == ("active", 3)
    assert "Ana has left Mentorship. Your group goes on with the others." in ben_told
    assert await status_of(quiet, rid) == "ended" and slots == []
    assert "Max has left Mentorship, so your mentorship has ended. You can ask for a new match." in cy_told


async def test_peers_go_on_while_two_remain(quiet: Settings, clients: Clients) -> None:
    rid = await add_circle(
        quiet, Kind.PEER, {"ana": MemberRole.PEER, "ben": MemberRole.PEER, "cy": MemberRole.PEER}
    )

    await leave(clients["ana"])
    after_one = await status_of(quiet, rid)
    await leave(clients["ben"])
    cy_told = await texts(clients["cy"])

    assert after_one == "active"
    assert await status_of(quiet, rid) == "ended"
    assert "Ben has left Mentorship, so your mentorship has ended. You can ask for a new match." in cy_told
    assert await scalars(quiet, select(ActiveSlot.id).where(ActiveSlot.relationship_id == rid)) == []


async def test_deleting_needs_the_password_and_changes_nothing_without_it(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet, "ana", "mia")

    wrong = await post_form(clients["ana"], "/account/delete", {"password": "not it"})
    api_wrong = await send_json(clients["ana"], "POST", "/api/v1/account/delete", {"password": "not it"})
    api_right = await send_json(clients["ana"], "POST", "/api/v1/account/delete", {"password": PASSWORD})
    afterwards = await clients["ana"].get("/api/v1/me")

    assert wrong.status_code == 400
    assert api_wrong.status_code == 400 and api_wrong.json()["extra"][0]["key"] == "password"
    assert api_right.status_code == 204
    assert afterwards.status_code == 401
    assert await status_of(quiet, rid) == "ended"


async def test_a_mentee_leaving_withdraws_their_requests_and_leaves_group_proposals(
    quiet: Settings, clients: Clients
) -> None:
    ids = await profile_ids(quiet)
    asked = await send_json(
        clients["ben"], "POST", "/api/v1/requests", {"mentor_profile_id": str(ids["max"])}
    )
    goes_on = await add_group_proposal(quiet, "mia", ["ana", "ben", "cy"], group_min=2)
    too_small = await add_group_proposal(quiet, "max", ["ben", "cy"], group_min=2)

    await leave(clients["ben"])
    statuses = {
        str(pid): str(await db_value(quiet, select(Proposal.status).where(Proposal.id == pid)))
        for pid in (UUID(asked.json()["id"]), goes_on, too_small)
    }
    max_told = await texts(clients["max"])

    assert statuses == {asked.json()["id"]: "withdrawn", str(goes_on): "open", str(too_small): "withdrawn"}
    assert "Ben has left Mentorship, so their request to you was withdrawn." in max_told
    assert "Ben has left Mentorship, so a proposal you were in was withdrawn." in await texts(clients["cy"])
