"""Filling in the profile step by step, with inline errors, and what it saves."""

from __future__ import annotations

from mentorship.config import Settings
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form, send_json


async def sign_in_new(client: Client, settings: Settings, email: str = "new@example.org") -> None:
    await create_user(settings, email)
    await login(client, email, PASSWORD)


async def test_a_new_participant_fills_in_every_step(client: Client, settings: Settings) -> None:
    await sign_in_new(client, settings)
    steps = [
        ("roles", {"roles": ["mentor", "mentee"], "kinds": ["traditional", "peer"]}, "/profile/edit/goals"),
        (
            "goals",
            {"goals": "Grow our Lagos user group.", "experience": "I ran twelve edit-a-thons."},
            "/profile/edit/topics",
        ),
        (
            "topics",
            {"offers": "Edit-a-thon, bots", "seeks": "Mediación, fundraising"},
            "/profile/edit/practical",
        ),
        (
            "practical",
            {"languages": "English, yo", "timezone": "Africa/Lagos", "checkin_cadence_days": "14"},
            "/profile/edit/mentoring",
        ),
        (
            "mentoring",
            {"capacity": "3", "away_from": "", "away_until": "", "away_note": ""},
            "/profile/edit/private",
        ),
        ("private", {"skill_delegation": "2", "skill_conflict": "4"}, "/profile"),
    ]
    for step, data, next_location in steps:
        response = await post_form(client, f"/profile/edit/{step}", data)
        assert response.status_code == 303, (step, response.text)
        assert response.headers["location"] == next_location

    me = (await client.get("/api/v1/me")).json()
    profile = (await send_json(client, "GET", "/api/v1/profiles/mine")).json()
    assert me["has_profile"]
    assert profile["languages"] == ["en", "yo"]
    assert profile["seeks"][0]["slug"] == "conflict-resolution"
    assert profile["capacity"] == 3
    assert profile["self_assessment"] == {"delegation": 2, "conflict": 4}
    page = await client.get("/profile", headers={"accept": "text/html"})
    assert "100%" in page.text


async def test_step_errors_are_shown_inline_and_keep_what_was_typed(
    client: Client, settings: Settings
) -> None:
    await sign_in_new(client, settings)

    response = await post_form(
        client,
        "/profile/edit/practical",
        {"languages": "Klingonese", "timezone": "Mars/Olympus", "checkin_cadence_days": "14"},
    )

    assert response.status_code == 400
    assert 'id="f-languages-error"' in response.text
    assert "Klingonese" in response.text
    assert "Choose your time zone from the list." in response.text


async def test_mentees_skip_the_mentor_capacity_step(client: Client, settings: Settings) -> None:
    await sign_in_new(client, settings)
    await post_form(client, "/profile/edit/roles", {"roles": ["mentee"], "kinds": ["group"]})

    response = await post_form(
        client,
        "/profile/edit/practical",
        {"languages": "es", "timezone": "America/Lima", "checkin_cadence_days": "7"},
    )

    assert response.headers["location"] == "/profile/edit/private"


async def test_away_period_must_end_after_it_starts(client: Client, settings: Settings) -> None:
    await sign_in_new(client, settings)

    response = await post_form(
        client,
        "/profile/edit/mentoring",
        {"capacity": "2", "away_from": "2026-12-10", "away_until": "2026-12-01"},
    )

    assert response.status_code == 400
    assert "must be after its start" in response.text


async def test_fairness_answers_need_consent(client: Client, settings: Settings) -> None:
    await sign_in_new(client, settings)

    refused = await post_form(client, "/profile/edit/private", {"fair_region": "West Africa"})
    accepted = await post_form(
        client, "/profile/edit/private", {"fair_region": "West Africa", "fairness_consent": "yes"}
    )

    assert refused.status_code == 400
    assert accepted.status_code == 303


async def test_a_mentee_sees_no_mentor_step_when_a_step_fails(client: Client, settings: Settings) -> None:
    await sign_in_new(client, settings)
    await post_form(client, "/profile/edit/roles", {"roles": ["mentee"], "kinds": ["group"]})

    failed = await post_form(client, "/profile/edit/practical", {"languages": "Klingonese", "timezone": "x"})

    assert failed.status_code == 400
    assert 'href="/profile/edit/mentoring"' not in failed.text
