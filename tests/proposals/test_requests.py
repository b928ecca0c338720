"""Instant suggestions and requests: a limit on pending requests, the others withdrawn on acceptance."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login, post_form, send_json
from tests.stored_suggestions import refresh_suggestions

Clients = dict[str, AsyncTestClient[Litestar]]


async def test_suggestions_requests_limit_and_withdrawal(quiet: Settings, clients: Clients) -> None:
    limited = quiet
    for name, offers, languages in (
        ("mia", ["editathons"], ["es"]),
        ("max", ["editathons", "workshops"], ["es", "en"]),
        ("cy", ["bots"], ["en"]),
        ("ben", ["editathons"], ["fr"]),
    ):
        await create_user(
            limited, f"{name}@example.org", name=name.title(), profile=mentor(1, offers, languages)
        )
    await create_user(limited, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["es", "en"]))
    ana = clients["ana"]
    await login(ana, "ana@example.org", PASSWORD)
    await refresh_suggestions(limited)

    found = (await ana.get("/api/v1/suggestions")).json()
    page = await ana.get("/suggestions")
    names = [s["profile"]["name"] for s in found]
    # Ben speaks only French: never suggested. Editathon mentors come first.
    assert "Ben" not in names and set(names[:2]) == {"Mia", "Max"}
    assert "Ask Mia to mentor me" in page.text

    ids = {s["profile"]["name"]: s["profile"]["id"] for s in found}
    sent = [
        await send_json(ana, "POST", "/api/v1/requests", {"mentor_profile_id": ids[n], "message": "Hello"})
        for n in ("Mia", "Max", "Cy")
    ]
    fourth = await create_user(
        limited, "zoe@example.org", name="Zoe", profile=mentor(1, ["editathons"], ["es"])
    )
    assert fourth.profile is not None
    over = await send_json(ana, "POST", "/api/v1/requests", {"mentor_profile_id": str(fourth.profile.id)})
    twice = await post_form(ana, "/requests", {"mentor": ids["Mia"]})

    assert [r.status_code for r in sent] == [201, 201, 201]
    assert over.status_code == 409 and "3 requests waiting" in over.json()["detail"]
    assert twice.status_code == 409 and "3 requests waiting" in twice.text

    max_client = clients["max"]
    await login(max_client, "max@example.org", PASSWORD)
    request_id = sent[1].json()["id"]
    accepted = await send_json(max_client, "POST", f"/api/v1/proposals/{request_id}/accept")
    mine = {
        p["others"][0]["profile"]["name"]: p["status"] for p in (await ana.get("/api/v1/proposals")).json()
    }
    after = await send_json(ana, "POST", "/api/v1/requests", {"mentor_profile_id": str(fourth.profile.id)})

    assert accepted.status_code == 200 and accepted.json()["relationship_id"]
    assert mine == {"Mia": "withdrawn", "Max": "accepted", "Cy": "withdrawn"}
    assert after.status_code == 409 and "already have an active mentor" in after.json()["detail"]


async def test_people_who_chose_peer_mentoring_also_see_fitting_peers(
    quiet: Settings, clients: Clients
) -> None:
    def peer(offers: list[str], seeks: list[str], languages: list[str]) -> dict[str, object]:
        return {
            "is_mentee": True,
            "kinds": ["peer", "traditional"],
            "offers": offers,
            "seeks": seeks,
            "languages": languages,
        }

    await create_user(quiet, "ana@example.org", name="Ana", profile=peer(["bots"], ["editathons"], ["en"]))
    await create_user(quiet, "ben@example.org", name="Ben", profile=peer(["editathons"], ["bots"], ["en"]))
    await create_user(quiet, "cy@example.org", name="Cy", profile=peer(["editathons"], ["bots"], ["hi"]))
    await create_user(quiet, "mia@example.org", name="Mia", profile=mentor(1, ["editathons"], ["en"]))
    ana = clients["ana"]
    await login(ana, "ana@example.org", PASSWORD)
    await refresh_suggestions(quiet)

    found = (await ana.get("/api/v1/suggestions")).json()
    page = await ana.get("/suggestions")

    assert [(s["kind"], s["profile"]["name"]) for s in found] == [("mentor", "Mia"), ("peer", "Ben")]
    assert "Peers who fit you" in page.text and "Ben" in page.text and "Cy" not in page.text
