"""A mentor answering a request: why this mentee fits, and a decline asked once more, since it is for good."""

from __future__ import annotations

from mentorship.config import Settings
from tests.factories import PASSWORD, create_user, mentor
from tests.helpers import Client, login, post_form, send_json
from tests.proposals.test_request_message import ana_and_mia


async def request_to_mia(settings: Settings, client: Client) -> str:
    """Ana asks Mia, then Mia signs in; returns the request's id."""
    mia = await ana_and_mia(settings, client)
    sent = await send_json(client, "POST", "/api/v1/requests", {"mentor_profile_id": mia, "message": "Hi"})
    assert sent.status_code == 201, sent.text
    await login(client, "mia@example.org", PASSWORD)
    return str(sent.json()["id"])


async def test_the_mentor_sees_why_the_mentee_who_asked_fits_her(settings: Settings, client: Client) -> None:
    request_id = await request_to_mia(settings, client)

    page = await client.get(f"/proposals/{request_id}")

    assert page.status_code == 200
    assert "Why Ana fits you" in page.text
    assert 'class="fit fit-' in page.text
    assert "Edit-a-thons" in page.text.split("Why Ana fits you")[1].split("</section>")[0]


async def test_a_request_the_engine_cannot_score_opens_without_a_fit(
    settings: Settings, client: Client
) -> None:
    # Ana wrote nothing about herself and shares no language with Mia: the engine finds no fit.
    mia = await create_user(
        settings, "mia@example.org", name="Mia", profile=mentor(1, ["editathons"], ["es"])
    )
    await create_user(
        settings,
        "ana@example.org",
        name="Ana",
        profile={"is_mentee": True, "kinds": ["traditional"], "languages": ["hi"]},
    )
    await login(client, "ana@example.org", PASSWORD)
    assert mia.profile is not None
    sent = await send_json(client, "POST", "/api/v1/requests", {"mentor_profile_id": str(mia.profile.id)})
    assert sent.status_code == 201, sent.text
    await login(client, "mia@example.org", PASSWORD)

    page = await client.get(f"/proposals/{sent.json()['id']}")

    assert page.status_code == 200
    assert "Why Ana fits you" not in page.text
    assert "Decline" in page.text


async def test_decline_asks_first_saying_it_is_for_good(settings: Settings, client: Client) -> None:
    request_id = await request_to_mia(settings, client)

    detail = await client.get(f"/proposals/{request_id}")
    confirm = await client.get(f"/proposals/{request_id}/decline")

    assert f'href="/proposals/{request_id}/decline"' in detail.text
    assert f'action="/proposals/{request_id}/decline"' not in detail.text
    assert confirm.status_code == 200
    assert "This cannot be undone." in confirm.text
    assert "Ana" in confirm.text and "again" in confirm.text
    assert f'action="/proposals/{request_id}/decline"' in confirm.text
    assert 'name="reason"' in confirm.text and "Decline for good" in confirm.text


async def test_the_decline_confirmation_of_an_answered_request_says_so(
    settings: Settings, client: Client
) -> None:
    request_id = await request_to_mia(settings, client)
    await post_form(client, f"/proposals/{request_id}/decline", {})

    again = await client.get(f"/proposals/{request_id}/decline", follow_redirects=False)

    assert again.status_code in (302, 303)
    assert again.headers["location"] == f"/proposals/{request_id}"
