"""A coordinator runs, previews, edits and publishes a round; people accept; a relationship starts."""

from __future__ import annotations

import re

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Event, Profile, User
from tests.factories import PASSWORD
from tests.helpers import login, post_form, send_json
from tests.rounds.conftest import community, run_round

Clients = dict[str, AsyncTestClient[Litestar]]


async def sign_in_all(clients: Clients) -> None:
    for who, client in clients.items():
        await login(client, f"{who}@example.org", PASSWORD)


async def load_of(settings: Settings, email: str) -> int:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        load = await session.scalar(
            select(Profile.mentee_load).join(User, User.id == Profile.user_id).where(User.email == email)
        )
        types = list((await session.execute(select(Event.type).order_by(Event.at))).scalars())
    await config.get_engine().dispose()
    load_of.events = types  # type: ignore[attr-defined]
    return int(load or 0)


async def test_round_preview_publish_accept_starts_a_relationship(quiet: Settings, clients: Clients) -> None:
    await community(quiet)
    await sign_in_all(clients)
    coordinator = clients["coordinator"]

    started = await post_form(coordinator, "/rounds/", {"kind": "traditional", "min_score": "0"})
    round_path = started.headers["location"]
    waiting = await coordinator.get(round_path)
    await run_round(quiet, round_path.rsplit("/", 1)[1])
    preview = await coordinator.get(round_path)
    before_publish = await clients["ana"].get("/api/v1/proposals")

    assert started.status_code == 303
    assert "Waiting for a worker" in waiting.text
    assert "Proposed pairings" in preview.text and "<svg" in preview.text
    # Mia (Spanish, editathons) for Ana; Max (bots) for Ben; Cy shares no language with any mentor.
    assert "Mia Mentor" in preview.text and "Max Mentor" in preview.text
    assert re.search(r"× no shared language with any mentor</p>\s*<ul[^>]*><li>Cy", preview.text)
    assert before_publish.json() == []

    detail = (await coordinator.get(f"/api/v1/rounds/{round_path.rsplit('/', 1)[1]}")).json()
    pairs = {tuple(m["name"] for m in p["members"]): p for p in detail["proposals"]}
    assert set(pairs) == {("Mia Mentor", "Ana"), ("Max Mentor", "Ben")}
    assert any("editathon" in reason.lower() for reason in pairs["Mia Mentor", "Ana"]["reasons"])
    removed = await post_form(
        coordinator, f"{round_path}/proposals/{pairs['Max Mentor', 'Ben']['id']}/remove", {}
    )
    published = await post_form(coordinator, f"{round_path}/publish", {})
    page = await coordinator.get(round_path)

    assert removed.status_code == 303 and published.status_code == 303
    assert "published" in page.text
    assert (await clients["ben"].get("/api/v1/proposals")).json() == []

    mine = (await clients["ana"].get("/api/v1/proposals")).json()
    assert len(mine) == 1 and mine[0]["others"][0]["profile"]["name"] == "Mia Mentor"
    proposal_id = mine[0]["id"]
    shown = await clients["ana"].get(f"/proposals/{proposal_id}")
    assert "Why we think this fits" in shown.text and "Mia Mentor" in shown.text
    # Ana may now see Mia's public profile; Ben may not.
    mia_profile = mine[0]["others"][0]["profile"]["id"]
    assert (await clients["ana"].get(f"/api/v1/profiles/{mia_profile}")).status_code == 200
    assert (await clients["ben"].get(f"/api/v1/profiles/{mia_profile}")).status_code == 404

    first = await send_json(clients["ana"], "POST", f"/api/v1/proposals/{proposal_id}/accept")
    second = await send_json(clients["mia"], "POST", f"/api/v1/proposals/{proposal_id}/accept")
    again = await send_json(clients["mia"], "POST", f"/api/v1/proposals/{proposal_id}/accept")

    assert first.status_code == 200 and first.json()["relationship_id"] is None
    assert second.status_code == 200 and second.json()["status"] == "accepted"
    relationship = second.json()["relationship_id"]
    assert again.status_code == 409
    for who in ("ana", "mia"):
        listing = await clients[who].get("/relationships")
        assert f"/relationships/{relationship}" in listing.text
    assert (await clients["ben"].get(f"/relationships/{relationship}")).status_code == 404
    assert await load_of(quiet, "mia@example.org") == 1
    events = load_of.events  # type: ignore[attr-defined]
    for expected in (
        "round.queued",
        "round.ready",
        "round.proposal_removed",
        "round.published",
        "proposal.accepted",
        "relationship.started",
    ):
        assert expected in events
    notes = (await clients["ana"].get("/api/v1/notifications")).json()
    assert re.search("proposal", str(notes))


async def test_bad_round_options_are_inline_errors_and_nothing_is_queued(
    quiet: Settings, clients: Clients
) -> None:
    await community(quiet)
    await sign_in_all(clients)
    coordinator = clients["coordinator"]

    page = await post_form(
        coordinator,
        "/rounds/",
        {
            "kind": "traditional",
            "min_score": "2",
            "group_min": "5",
            "group_max": "3",
            "exclude": "ana@example.org",
        },
    )
    api = await send_json(
        coordinator, "POST", "/api/v1/rounds", {"kind": "traditional", "group_min": 6, "group_max": 3}
    )
    listing = (await coordinator.get("/api/v1/rounds")).json()

    assert page.status_code == 400
    assert "Enter a number from 0 to 1." in page.text
    assert "The largest group cannot be smaller than the smallest." in page.text
    assert "Line 1" in page.text
    assert api.status_code == 400 and api.json()["extra"][0]["key"] == "group_max"
    assert listing == []
