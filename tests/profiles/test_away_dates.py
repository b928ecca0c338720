"""Away periods take dates from ten years back to five years ahead, by form and by API."""

from __future__ import annotations

from mentorship.config import Settings
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form, send_json


async def sign_in_mentor(client: Client, settings: Settings) -> str:
    user = await create_user(
        settings, "away@example.org", profile={"is_mentor": True, "capacity": 2, "kinds": ["traditional"]}
    )
    await login(client, "away@example.org", PASSWORD)
    assert user.profile is not None
    return str(user.profile.id)


async def test_an_away_date_far_ahead_is_an_inline_error_that_keeps_what_was_typed(
    client: Client, settings: Settings
) -> None:
    await sign_in_mentor(client, settings)

    response = await post_form(
        client,
        "/profile/edit/mentoring",
        {"capacity": "2", "away_from": "2026-12-10", "away_until": "9999-12-31"},
    )

    assert response.status_code == 400
    assert 'id="f-away_until-error"' in response.text
    assert "Choose a date between" in response.text
    assert 'value="9999-12-31"' in response.text


async def test_an_away_date_far_back_is_refused_by_field_in_the_api(
    client: Client, settings: Settings
) -> None:
    profile_id = await sign_in_mentor(client, settings)

    response = await send_json(client, "PATCH", f"/api/v1/profiles/{profile_id}", {"away_from": "1900-01-01"})

    assert response.status_code == 400, response.text
    assert [item["key"] for item in response.json()["extra"]] == ["away_from"]
    mine = (await send_json(client, "GET", "/api/v1/profiles/mine")).json()
    assert mine.get("away_from") is None
