"""Saving every step again on a profile that already exists, unchanged and changed, by form and by API."""

from __future__ import annotations

from typing import Any

import pytest

from mentorship.config import Settings
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form, send_json

SAVED: dict[str, dict[str, Any]] = {
    "roles": {"roles": ["mentor", "mentee"], "kinds": ["traditional", "peer"]},
    "goals": {"goals": "Grow our Lagos user group.", "experience": "I ran twelve edit-a-thons."},
    "topics": {"offers": "Edit-a-thon, bots", "seeks": "Mediación, fundraising"},
    "practical": {"languages": "English, yo", "timezone": "Africa/Lagos", "checkin_cadence_days": "14"},
    "mentoring": {"capacity": "3", "away_from": "2026-12-01", "away_until": "2026-12-20", "away_note": "Off"},
    "private": {"skill_delegation": "2", "skill_conflict": "4"},
}

CHANGED: dict[str, dict[str, Any]] = {
    "roles": {"roles": ["mentor"], "kinds": ["peer", "group"]},
    "goals": {"goals": "Train new organisers.", "experience": "Two years of outreach."},
    "topics": {"offers": "bots, Fundraising, Lua", "seeks": "Edit-a-thon"},
    "practical": {
        "languages": "yo, French, English",
        "timezone": "Europe/Paris",
        "checkin_cadence_days": "7",
    },
    "mentoring": {"capacity": "5", "away_from": "", "away_until": "", "away_note": ""},
    "private": {"skill_delegation": "5"},
}

# What the API returns for each step after the form changed it.
EXPECTED: dict[str, dict[str, Any]] = {
    "roles": {"is_mentor": True, "is_mentee": False, "kinds": ["group", "peer"]},
    "goals": {"goals": "Train new organisers.", "experience": "Two years of outreach."},
    "topics": {"offers": ["bots", "grants-fundraising", "lua-modules"], "seeks": ["editathons"]},
    "practical": {"languages": ["yo", "fr", "en"], "timezone": "Europe/Paris", "checkin_cadence_days": 7},
    "mentoring": {"capacity": 5, "away_from": None, "away_until": None, "away_note": ""},
    "private": {"self_assessment": {"delegation": 5}},
}

# API patches: the saved values again, then changed ones (the private step has no API).
API_SAVED: dict[str, dict[str, Any]] = {
    "roles": {"is_mentor": True, "is_mentee": True, "kinds": ["traditional", "peer"]},
    "goals": {"goals": "Grow our Lagos user group.", "experience": "I ran twelve edit-a-thons."},
    "topics": {"offers": ["Edit-a-thon", "bots"], "seeks": ["Mediación", "fundraising"]},
    "practical": {"languages": ["en", "yo"], "timezone": "Africa/Lagos", "checkin_cadence_days": 14},
    "mentoring": {"capacity": 3, "away_from": "2026-12-01", "away_until": "2026-12-20", "away_note": "Off"},
}
API_CHANGED: dict[str, dict[str, Any]] = {
    "roles": {"is_mentee": False, "kinds": ["peer", "group"]},
    "goals": {"goals": "Train new organisers."},
    "topics": {"offers": ["bots", "Fundraising", "Lua"], "seeks": ["Edit-a-thon"]},
    "practical": {"timezone": "Europe/Paris"},
    "mentoring": {"capacity": 5, "away_note": "Back soon"},
}
API_EXPECTED: dict[str, dict[str, Any]] = {
    "roles": {"is_mentor": True, "is_mentee": False, "kinds": ["group", "peer"]},
    "goals": {"goals": "Train new organisers.", "experience": "I ran twelve edit-a-thons."},
    "topics": {"offers": ["bots", "grants-fundraising", "lua-modules"], "seeks": ["editathons"]},
    "practical": {"languages": ["en", "yo"], "timezone": "Europe/Paris", "checkin_cadence_days": 14},
    "mentoring": {
        "capacity": 5,
        "away_from": "2026-12-01",
        "away_until": "2026-12-20",
        "away_note": "Back soon",
    },
}


async def existing_profile(client: Client, settings: Settings) -> dict[str, Any]:
    """Sign in someone whose profile was filled in and saved through every step."""
    await create_user(settings, "existing@example.org")
    await login(client, "existing@example.org", PASSWORD)
    for step, data in SAVED.items():
        response = await post_form(client, f"/profile/edit/{step}", data)
        assert response.status_code == 303, (step, response.text)
    return await mine(client)


async def mine(client: Client) -> dict[str, Any]:
    profile: dict[str, Any] = (await send_json(client, "GET", "/api/v1/profiles/mine")).json()
    return profile


def comparable(profile: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The profile's values for these fields, topics as slugs."""
    values = {key: profile.get(key) for key in fields}
    for key in ("offers", "seeks"):
        if key in values:
            values[key] = [topic["slug"] for topic in values[key]]
    return values


@pytest.mark.parametrize("step", list(SAVED))
async def test_every_step_of_an_existing_profile_saves_again_unchanged_by_form(
    client: Client, settings: Settings, step: str
) -> None:
    before = await existing_profile(client, settings)

    response = await post_form(client, f"/profile/edit/{step}", SAVED[step])

    assert response.status_code == 303, response.text
    assert await mine(client) == before


@pytest.mark.parametrize("step", list(CHANGED))
async def test_every_step_of_an_existing_profile_saves_changes_by_form(
    client: Client, settings: Settings, step: str
) -> None:
    await existing_profile(client, settings)

    response = await post_form(client, f"/profile/edit/{step}", CHANGED[step])

    assert response.status_code == 303, response.text
    assert comparable(await mine(client), EXPECTED[step]) == EXPECTED[step]


@pytest.mark.parametrize("step", list(API_SAVED))
async def test_every_step_of_an_existing_profile_saves_again_unchanged_by_api(
    client: Client, settings: Settings, step: str
) -> None:
    before = await existing_profile(client, settings)

    response = await send_json(client, "PATCH", f"/api/v1/profiles/{before['id']}", API_SAVED[step])

    assert response.status_code == 200, response.text
    assert await mine(client) == before


@pytest.mark.parametrize("step", list(API_CHANGED))
async def test_every_step_of_an_existing_profile_saves_changes_by_api(
    client: Client, settings: Settings, step: str
) -> None:
    before = await existing_profile(client, settings)

    response = await send_json(client, "PATCH", f"/api/v1/profiles/{before['id']}", API_CHANGED[step])

    assert response.status_code == 200, response.text
    assert comparable(response.json(), API_EXPECTED[step]) == API_EXPECTED[step]
    assert comparable(await mine(client), API_EXPECTED[step]) == API_EXPECTED[step]


async def test_changing_the_time_zone_alone_keeps_the_languages(client: Client, settings: Settings) -> None:
    before = await existing_profile(client, settings)

    response = await send_json(
        client, "PATCH", f"/api/v1/profiles/{before['id']}", {"timezone": "Europe/Paris"}
    )

    assert response.status_code == 200, response.text
    assert response.json()["languages"] == ["en", "yo"]
