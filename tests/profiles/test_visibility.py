"""Who sees what of a profile, and the coordinator roster."""

from __future__ import annotations

from mentorship.config import Settings
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form


def private_profile() -> dict[str, object]:
    return {
        "is_mentee": True,
        "kinds": ["peer"],
        "goals": "Speak at Wikimania",
        "timezone": "Asia/Manila",
        "self_assessment": {"conflict": 2},
        "fairness_attributes": {"region": "Southeast Asia"},
    }


async def test_coordinators_never_see_self_assessment_or_fairness_answers(
    client: Client, settings: Settings
) -> None:
    owner = await create_user(settings, "owner@example.org", profile=private_profile())
    await create_user(settings, "coord@example.org", coordinator=True)
    await login(client, "coord@example.org", PASSWORD)
    assert owner.profile is not None

    api = (await client.get(f"/api/v1/profiles/{owner.profile.id}")).json()
    page = await client.get(f"/profiles/{owner.profile.id}", headers={"accept": "text/html"})
    listing = (await client.get("/api/v1/profiles")).json()

    assert api["goals"] == "Speak at Wikimania"
    assert "self_assessment" not in api and "fairness_attributes" not in api
    assert "Southeast Asia" not in page.text
    assert all("fairness_attributes" not in item for item in listing["items"])


async def test_an_unconnected_participant_gets_a_404(client: Client, settings: Settings) -> None:
    owner = await create_user(settings, "owner@example.org", profile=private_profile())
    await create_user(settings, "nosy@example.org", profile=private_profile())
    await login(client, "nosy@example.org", PASSWORD)
    assert owner.profile is not None

    response = await client.get(f"/api/v1/profiles/{owner.profile.id}")

    assert response.status_code == 404


async def test_roster_filters_by_role_and_search_and_returns_a_fragment_for_htmx(
    client: Client, settings: Settings
) -> None:
    await create_user(
        settings,
        "ana@example.org",
        name="Ana Lima",
        profile={"is_mentor": True, "capacity": 3, "kinds": ["traditional"]},
    )
    await create_user(
        settings, "ben@example.org", name="Ben Okoro", profile={"is_mentee": True, "kinds": ["traditional"]}
    )
    await create_user(settings, "coord@example.org", coordinator=True)
    await login(client, "coord@example.org", PASSWORD)

    mentors = await client.get("/roster?role=mentor", headers={"accept": "text/html", "hx-request": "true"})
    search = (await client.get("/api/v1/profiles?q=okoro")).json()

    assert mentors.text.lstrip().startswith('<section id="roster-table"')
    assert "Ana Lima" in mentors.text and "Ben Okoro" not in mentors.text
    assert "0 / 3" in mentors.text
    assert [item["name"] for item in search["items"]] == ["Ben Okoro"]


async def test_coordinator_can_promote_a_participant(client: Client, settings: Settings) -> None:
    target = await create_user(settings, "next@example.org", profile={"is_mentee": True, "kinds": ["peer"]})
    await create_user(settings, "coord@example.org", coordinator=True)
    await login(client, "coord@example.org", PASSWORD)

    await post_form(client, f"/roster/{target.id}/promote", {})
    await post_form(client, "/logout", {})
    await login(client, "next@example.org", PASSWORD)

    assert (await client.get("/api/v1/me")).json()["is_coordinator"] is True


async def test_export_and_delete_my_account(client: Client, settings: Settings) -> None:
    await create_user(settings, "leaving@example.org", profile=private_profile())
    await login(client, "leaving@example.org", PASSWORD)

    export = await client.get("/account/export")
    wrong = await post_form(client, "/account/delete", {"password": "not it"})
    deleted = await post_form(client, "/account/delete", {"password": PASSWORD})

    assert export.json()["profile"]["self_assessment"] == {"conflict": 2}
    assert wrong.status_code == 400
    assert deleted.status_code == 303
    relogin = await post_form(client, "/login", {"email": "leaving@example.org", "password": PASSWORD})
    assert relogin.status_code == 400
