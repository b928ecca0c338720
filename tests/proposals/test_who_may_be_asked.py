"""Suggestions and requests follow the rounds' rules: one mentor at a time, never the same pair twice."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    Kind,
    MemberRole,
    Profile,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Response,
    User,
)
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import Client, login, post_form, send_json
from tests.stored_suggestions import refresh_suggestions


async def community(settings: Settings, client: Client) -> dict[str, str]:
    """Ana (a mentee, signed in) and three mentors who fit her; returns the mentors' profile ids by name."""
    ids = {}
    for name in ("Mia", "Max", "Zoe", "Lea"):
        person = await create_user(
            settings, f"{name.lower()}@example.org", name=name, profile=mentor(2, ["editathons"], ["es"])
        )
        assert person.profile is not None
        ids[name] = str(person.profile.id)
    await create_user(settings, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["es"]))
    await refresh_suggestions(settings)
    await login(client, "ana@example.org", PASSWORD)
    return ids


async def ask(client: Client, mentor_id: str, message: str = "Hello") -> Any:
    return await send_json(
        client, "POST", "/api/v1/requests", {"mentor_profile_id": mentor_id, "message": message}
    )


async def answer(client: Client, who: str, request_id: str, verb: str) -> Any:
    """``who`` signs in and answers Ana's request, then Ana signs in again; returns the answer."""
    await login(client, f"{who.lower()}@example.org", PASSWORD)
    answered = await send_json(client, "POST", f"/api/v1/proposals/{request_id}/{verb}")
    assert answered.status_code == 200, answered.text
    await login(client, "ana@example.org", PASSWORD)
    return answered.json()


async def suggested(client: Client) -> list[str]:
    found = (await client.get("/api/v1/suggestions")).json()
    return [s["profile"]["name"] for s in found if s["kind"] == "mentor"]


async def mentored_by_mia(settings: Settings, client: Client) -> tuple[dict[str, str], str]:
    """Ana asked Mia and Mia accepted; returns the mentors' ids and the relationship's id."""
    ids = await community(settings, client)
    sent = await ask(client, ids["Mia"])
    accepted = await answer(client, "Mia", sent.json()["id"], "accept")
    return ids, accepted["relationship_id"]


async def test_a_mentee_with_a_mentor_is_offered_no_mentors_but_a_link_to_her_relationship(
    settings: Settings, client: Client
) -> None:
    _ids, relationship_id = await mentored_by_mia(settings, client)

    names = await suggested(client)
    page = await client.get("/suggestions")

    assert names == []
    assert "to mentor me" not in page.text
    assert "You already have a mentor" in page.text
    assert f'href="/relationships/{relationship_id}"' in page.text


async def test_asking_the_current_mentor_again_is_refused_by_name(settings: Settings, client: Client) -> None:
    ids, _relationship_id = await mentored_by_mia(settings, client)

    again = await ask(client, ids["Mia"])

    assert again.status_code == 409
    assert "You and Mia are already in a mentoring relationship" in again.json()["detail"]


async def test_a_past_mentor_is_not_suggested_and_cannot_be_asked_again(
    settings: Settings, client: Client
) -> None:
    ids, relationship_id = await mentored_by_mia(settings, client)
    ended = await send_json(
        client, "POST", f"/api/v1/relationships/{relationship_id}/end", {"reason": "We moved on"}
    )
    assert ended.status_code == 200, ended.text

    names = await suggested(client)
    again = await ask(client, ids["Mia"])

    assert "Mia" not in names and {"Max", "Zoe", "Lea"} <= set(names)
    assert again.status_code == 409
    assert "You and Mia were in a mentoring relationship before" in again.json()["detail"]


async def test_a_mentor_who_declined_is_not_suggested_and_cannot_be_asked_again(
    settings: Settings, client: Client
) -> None:
    ids = await community(settings, client)
    sent = await ask(client, ids["Mia"])
    await answer(client, "Mia", sent.json()["id"], "decline")

    names = await suggested(client)
    again = await ask(client, ids["Mia"])

    assert "Mia" not in names and {"Max", "Zoe", "Lea"} <= set(names)
    assert again.status_code == 409
    assert "was declined" in again.json()["detail"]


async def left_a_group_of(settings: Settings, mentor_id: str) -> None:
    """Ana declined a group proposal with this mentor that went on without her."""
    others = [
        await create_user(settings, f"{name}@example.org", profile=mentee(["editathons"], ["es"]))
        for name in ("ben", "cy", "di")
    ]
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        ana = await session.scalar(select(Profile).join(User).where(User.email == "ana@example.org"))
        assert ana is not None
        proposal = Proposal(source=ProposalSource.ROUND, kind=Kind.GROUP, status=ProposalStatus.ACCEPTED)
        proposal.members = [
            ProposalMember(profile_id=UUID(mentor_id), role=MemberRole.MENTOR, response=Response.ACCEPTED),
            ProposalMember(profile_id=ana.id, role=MemberRole.MENTEE, response=Response.DECLINED),
            *(
                ProposalMember(profile_id=o.profile.id, role=MemberRole.MENTEE, response=Response.ACCEPTED)
                for o in others
                if o.profile is not None
            ),
        ]
        session.add(proposal)
        await session.commit()
    await config.get_engine().dispose()


async def test_the_mentor_of_a_group_she_declined_is_not_suggested_to_her(
    settings: Settings, client: Client
) -> None:
    ids = await community(settings, client)
    await left_a_group_of(settings, ids["Mia"])

    names = await suggested(client)
    again = await ask(client, ids["Mia"])

    assert "Mia" not in names and {"Max", "Zoe", "Lea"} <= set(names)
    assert again.status_code == 409 and "was declined" in again.json()["detail"]


async def test_a_refused_request_shows_the_reason_next_to_the_form_and_keeps_the_message(
    settings: Settings, client: Client
) -> None:
    ids = await community(settings, client)
    for name in ("Mia", "Max", "Zoe"):
        assert (await ask(client, ids[name])).status_code == 201
    typed = "Hola Lea, I run editathons in Lima & would love your help."

    refused = await post_form(client, "/requests", {"mentor": ids["Lea"], "message": typed})

    (form,) = [f for f in refused.text.split("<form")[1:] if "Ask Lea to mentor me" in f]
    assert refused.status_code == 409
    assert "3 requests waiting" in form
    assert ">Hola Lea, I run editathons in Lima &amp; would love your help.</textarea>" in form


async def test_a_request_refused_for_a_mentor_no_longer_suggested_keeps_the_message(
    settings: Settings, client: Client
) -> None:
    ids = await community(settings, client)
    sent = await ask(client, ids["Mia"])
    await answer(client, "Mia", sent.json()["id"], "decline")

    refused = await post_form(client, "/requests", {"mentor": ids["Mia"], "message": "Please, Mia?"})

    assert refused.status_code == 409
    assert "Your request to Mia was not sent" in refused.text and "was declined" in refused.text
    assert ">Please, Mia?</textarea>" in refused.text


async def test_reloading_the_request_address_goes_back_to_the_suggestions(
    settings: Settings, client: Client
) -> None:
    await community(settings, client)

    response = await client.get("/requests", follow_redirects=False)

    assert response.status_code in (302, 303)
    assert response.headers["location"] == "/suggestions"
