"""A mentee's message to a mentor: limited in length at the form and the API, kept on error, shown wrapped."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Proposal
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import Client, login, post_form, send_json
from tests.stored_suggestions import refresh_suggestions

TOO_LONG = "x" * 2001


async def proposals_stored(settings: Settings) -> int:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        count = await session.scalar(select(func.count()).select_from(Proposal))
    await config.get_engine().dispose()
    return count or 0


async def ana_and_mia(settings: Settings, client: Client) -> str:
    """Ana (a mentee, signed in) and Mia (a mentor who fits her); returns Mia's profile id."""
    mia = await create_user(
        settings, "mia@example.org", name="Mia", profile=mentor(1, ["editathons"], ["es"])
    )
    await create_user(settings, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["es"]))
    await refresh_suggestions(settings)
    await login(client, "ana@example.org", PASSWORD)
    assert mia.profile is not None
    return str(mia.profile.id)


async def test_an_over_long_message_is_refused_by_the_api_naming_the_field(
    settings: Settings, client: Client
) -> None:
    mia = await ana_and_mia(settings, client)

    response = await send_json(
        client, "POST", "/api/v1/requests", {"mentor_profile_id": mia, "message": TOO_LONG}
    )

    assert response.status_code == 400
    assert [e["key"] for e in response.json()["extra"]] == ["message"]
    assert await proposals_stored(settings) == 0


async def test_an_over_long_message_in_the_form_is_shown_under_the_field_and_kept(
    settings: Settings, client: Client
) -> None:
    mia = await ana_and_mia(settings, client)

    response = await post_form(client, "/requests", {"mentor": mia, "message": TOO_LONG})

    assert response.status_code == 400
    assert "Keep the message under 2000 characters." in response.text
    assert f">{TOO_LONG}</textarea>" in response.text
    assert 'aria-invalid="true"' in response.text
    assert await proposals_stored(settings) == 0


async def test_the_suggestions_form_limits_the_message_where_it_is_typed(
    settings: Settings, client: Client
) -> None:
    await ana_and_mia(settings, client)

    page = await client.get("/suggestions")

    assert 'name="message"' in page.text and 'maxlength="2000"' in page.text


async def test_a_message_of_the_longest_length_is_sent_and_shown_in_a_wrapping_paragraph(
    settings: Settings, client: Client
) -> None:
    mia = await ana_and_mia(settings, client)
    longest = "y" * 2000

    sent: Any = await send_json(
        client, "POST", "/api/v1/requests", {"mentor_profile_id": mia, "message": longest}
    )
    await login(client, "mia@example.org", PASSWORD)
    shown = await client.get(f"/proposals/{sent.json()['id']}")

    assert sent.status_code == 201
    # .message wraps an unbroken word anywhere (static/css/app.css), so it cannot widen the page.
    assert f'<p class="prose message">{longest}</p>' in shown.text
