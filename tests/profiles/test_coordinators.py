"""Who coordinates: making and unmaking coordinators is asked once more, and a program keeps one."""

from __future__ import annotations

import html

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import User
from tests.factories import PASSWORD, create_user
from tests.helpers import login, post_form

Client = AsyncTestClient[Litestar]
MENTEE = {"is_mentee": True, "kinds": ["peer"]}


async def is_coordinator(settings: Settings, email: str) -> bool:
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            return bool(await session.scalar(select(User.is_coordinator).where(User.email == email)))
    finally:
        await config.get_engine().dispose()


def text(response: object) -> str:
    return html.unescape(getattr(response, "text", ""))


async def test_make_coordinator_asks_first_and_the_confirmation_does_it(
    client: Client, settings: Settings
) -> None:
    target = await create_user(settings, "next@example.org", name="Nia Next", profile=MENTEE)
    await create_user(settings, "coord@example.org", coordinator=True)
    await login(client, "coord@example.org", PASSWORD)

    roster = await client.get("/roster")
    asked = await client.get(f"/roster/{target.id}/promote")
    still_participant = await is_coordinator(settings, "next@example.org")
    done = await post_form(client, f"/roster/{target.id}/promote", {})

    assert f'href="/roster/{target.id}/promote"' in roster.text
    assert asked.status_code == 200
    assert "Make Nia Next a coordinator?" in text(asked)
    assert "can be removed again" in text(asked)
    assert f'action="/roster/{target.id}/promote"' in asked.text and "csrf" in asked.text.lower()
    assert 'href="/roster"' in asked.text  # Cancel
    assert still_participant is False
    assert done.status_code == 303
    assert await is_coordinator(settings, "next@example.org") is True


async def test_a_coordinator_removes_another_coordinators_role_after_confirming(
    client: Client, settings: Settings
) -> None:
    other = await create_user(
        settings, "other@example.org", name="Olu Other", coordinator=True, profile=MENTEE
    )
    await create_user(settings, "coord@example.org", coordinator=True)
    await login(client, "coord@example.org", PASSWORD)

    roster = await client.get("/roster")
    asked = await client.get(f"/roster/{other.id}/demote")
    still = await is_coordinator(settings, "other@example.org")
    done = await post_form(client, f"/roster/{other.id}/demote", {})
    after = await client.get(done.headers["location"])

    assert "Remove coordinator role" in roster.text and f'href="/roster/{other.id}/demote"' in roster.text
    assert asked.status_code == 200 and "Remove Olu Other's coordinator role?" in text(asked)
    assert still is True
    assert done.status_code == 303
    assert await is_coordinator(settings, "other@example.org") is False
    assert "Olu Other is no longer a coordinator." in text(after)


async def test_the_last_coordinator_cannot_remove_their_own_role(client: Client, settings: Settings) -> None:
    me = await create_user(settings, "coord@example.org", name="Cora", coordinator=True, profile=MENTEE)
    await login(client, "coord@example.org", PASSWORD)

    roster = await client.get("/roster")
    asked = await client.get(f"/roster/{me.id}/demote", follow_redirects=False)
    refused = await post_form(client, f"/roster/{me.id}/demote", {})

    assert f"/roster/{me.id}/demote" not in roster.text
    assert asked.status_code == 303
    assert refused.status_code == 409
    assert "only coordinator" in text(refused)
    assert await is_coordinator(settings, "coord@example.org") is True


async def test_a_coordinator_may_step_down_while_another_remains(client: Client, settings: Settings) -> None:
    me = await create_user(settings, "coord@example.org", name="Cora", coordinator=True, profile=MENTEE)
    await create_user(settings, "other@example.org", coordinator=True)
    await login(client, "coord@example.org", PASSWORD)

    asked = await client.get(f"/roster/{me.id}/demote")
    done = await post_form(client, f"/roster/{me.id}/demote", {})
    roster = await client.get("/roster", follow_redirects=False)

    assert "You will no longer see the roster" in text(asked)
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert await is_coordinator(settings, "coord@example.org") is False
    assert roster.status_code == 403


async def test_the_coordinators_list_offers_removal_for_coordinators_without_a_profile(
    client: Client, settings: Settings
) -> None:
    other = await create_user(settings, "other@example.org", name="Olu Other", coordinator=True)
    await create_user(settings, "coord@example.org", name="Cora", coordinator=True)
    await login(client, "coord@example.org", PASSWORD)

    roster = await client.get("/roster")

    assert "Coordinators" in roster.text
    assert f'href="/roster/{other.id}/demote"' in roster.text


async def test_removing_the_role_of_someone_who_is_no_coordinator_is_a_conflict(
    client: Client, settings: Settings
) -> None:
    participant = await create_user(settings, "ana@example.org", profile=MENTEE)
    await create_user(settings, "coord@example.org", coordinator=True)
    await create_user(settings, "other@example.org", coordinator=True)
    await login(client, "coord@example.org", PASSWORD)

    refused = await post_form(client, f"/roster/{participant.id}/demote", {})

    assert refused.status_code == 409
    assert "is not a coordinator" in text(refused)
