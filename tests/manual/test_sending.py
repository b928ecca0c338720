"""A hand-made pairing goes out as a proposal everyone answers, or starts now with a reason in the history."""

from __future__ import annotations

from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Event, Profile
from tests.helpers import send_json
from tests.manual.conftest import SLUG, World, create_app_client
from tests.manual.test_preview import pick

MATCH = f"/api/v1/programs/{SLUG}/match"


async def events(settings: Settings, type_: str) -> list[Event]:
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            return list((await session.execute(select(Event).where(Event.type == type_))).scalars())
    finally:
        await config.get_engine().dispose()


async def load_of(settings: Settings, profile_id: object) -> int:
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            found = await session.get(Profile, profile_id)
            assert found is not None
            return found.mentee_load
    finally:
        await config.get_engine().dispose()


async def test_a_sent_proposal_notifies_both_and_starts_when_both_accept(world: World) -> None:
    sent = await send_json(
        world.clients["pia"], "POST", MATCH, {**pick(world, "ben", "ana"), "action": "propose"}
    )

    assert sent.status_code == 201, sent.text
    proposal_id = sent.json()["proposal_id"]
    for who in ("ana", "ben"):
        notes = (await world.clients[who].get("/api/v1/notifications")).json()["items"]
        assert any(f"/proposals/{proposal_id}" in str(note) for note in notes), who
        accepted = await world.clients[who].post(
            f"/api/v1/proposals/{proposal_id}/accept",
            headers={"x-csrftoken": world.clients[who].cookies["csrftoken"]},
        )
        assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"


async def test_the_same_proposal_twice_is_a_conflict(world: World) -> None:
    body = {**pick(world, "ben", "ana"), "action": "propose"}
    await send_json(world.clients["pia"], "POST", MATCH, body)

    again = await send_json(world.clients["admin"], "POST", MATCH, body)

    assert again.status_code == 409
    assert "already waiting" in again.json()["detail"]


async def test_starting_directly_records_the_reason_and_who_and_creates_the_relationship(
    world: World, quiet: Settings
) -> None:
    body = {**pick(world, "ben", "ana"), "action": "start", "reason": "They met at the editathon."}

    started = await send_json(world.clients["pia"], "POST", MATCH, body)

    assert started.status_code == 201, started.text
    relationship_id = started.json()["relationship_id"]
    mine = (await world.clients["ana"].get("/api/v1/relationships")).json()
    assert [r["id"] for r in mine] == [relationship_id]
    (event,) = await events(quiet, "match.started")
    assert event.data["reason"] == "They met at the editathon." and str(event.subject_id) == relationship_id
    history = (await world.clients["admin"].get("/events")).text
    assert "Pia Coordinator started" in history and "They met at the editathon." in history
    assert await load_of(quiet, world.ids["ben"]) == 1


async def test_starting_needs_a_reason_and_a_full_mentor_needs_the_say_so(
    world: World, quiet: Settings
) -> None:
    pia = world.clients["pia"]
    no_reason = await send_json(pia, "POST", MATCH, {**pick(world, "ben", "ana"), "action": "start"})
    full = {**pick(world, "maya", "dan"), "action": "start", "reason": "Maya asked for Dan."}
    refused = await send_json(pia, "POST", MATCH, full)
    confirmed = await send_json(pia, "POST", MATCH, {**full, "mentor_is_full_ok": True})

    assert no_reason.status_code == 400 and no_reason.json()["extra"][0]["key"] == "reason"
    assert refused.status_code == 409 and "I know the mentor is full" in refused.json()["detail"]
    assert confirmed.status_code == 201
    assert await load_of(quiet, world.ids["maya"]) == 2
    (event,) = await events(quiet, "match.started")
    assert event.data["over_capacity"] is True


async def test_a_mentee_with_a_mentor_cannot_be_started_again(world: World) -> None:
    pia = world.clients["pia"]
    first = {**pick(world, "ben", "ana"), "action": "start", "reason": "Known pair."}
    await send_json(pia, "POST", MATCH, first)

    again = await send_json(pia, "POST", MATCH, first)
    other = await send_json(
        pia,
        "POST",
        MATCH,
        {**pick(world, "maya", "ana"), "action": "start", "reason": "x", "mentor_is_full_ok": True},
    )

    assert again.status_code == 409 and "already in a relationship together" in again.json()["detail"]
    assert other.status_code == 409 and "already in an active relationship" in other.json()["detail"]


async def test_a_group_and_a_peer_pair_start_directly(world: World) -> None:
    pia = world.clients["pia"]
    group = {**pick(world, "ben", "dan", "eli", kind="group"), "action": "start", "reason": "A cohort."}
    peers = {**pick(world, None, "ana", "dan", kind="peer"), "action": "start", "reason": "Study buddies."}

    made = [await send_json(pia, "POST", MATCH, body) for body in (group, peers)]

    assert [r.status_code for r in made] == [201, 201], [r.text for r in made]
    for who, kind in (("ben", "group"), ("ana", "peer")):
        theirs = (await world.clients[who].get("/api/v1/relationships")).json()
        assert [r["kind"] for r in theirs] == [kind], who


async def test_a_group_of_two_sent_by_hand_starts_when_all_three_accept(
    world: World, quiet: Settings
) -> None:
    body = {**pick(world, "ben", "ana", "dan", kind="group"), "action": "propose"}
    sent = await send_json(world.clients["pia"], "POST", MATCH, body)
    proposal_id = sent.json()["proposal_id"]
    dan = await create_app_client(quiet, "dan@example.org")

    answers = []
    for client in (world.clients["ben"], world.clients["ana"], dan):
        answers.append(await send_json(client, "POST", f"/api/v1/proposals/{proposal_id}/accept"))
    await dan.__aexit__(None, None, None)

    assert [a.status_code for a in answers] == [200, 200, 200], [a.text for a in answers]
    assert answers[-1].json()["status"] == "accepted"
    theirs = (await world.clients["ana"].get("/api/v1/relationships")).json()
    assert [r["kind"] for r in theirs] == ["group"]
