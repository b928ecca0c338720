"""A coordinator sees a pairing's fit, its reasons and every warning; impossible ones are refused."""

from __future__ import annotations

from mentorship.config import Settings
from tests.helpers import send_json
from tests.manual.conftest import SLUG, World, deactivate, leave

PREVIEW = f"/api/v1/programs/{SLUG}/match/preview"


def pick(world: World, mentor: str | None, *mentees: str, kind: str = "traditional") -> dict[str, object]:
    body: dict[str, object] = {"kind": kind, "mentee_ids": [str(world.ids[m]) for m in mentees]}
    if mentor:
        body["mentor_id"] = str(world.ids[mentor])
    return body


async def test_a_good_pairing_shows_the_engines_reasons_and_no_warning(world: World) -> None:
    response = await send_json(world.clients["pia"], "POST", PREVIEW, pick(world, "ben", "ana"))

    assert response.status_code == 200, response.text
    found = response.json()
    assert found["score"] > 0
    assert any("Editathons" in reason or "editathons" in reason for reason in found["reasons"])
    assert found["reason_codes"] and all("code" in r for r in found["reason_codes"])
    assert found["warnings"] == []


async def test_a_full_mentor_far_away_without_a_shared_language_and_a_past_decline_are_all_named(
    world: World,
) -> None:
    response = await send_json(world.clients["admin"], "POST", PREVIEW, pick(world, "maya", "ana"))

    found = response.json()
    codes = {w["code"] for w in found["warnings"]}
    assert {"capacity_full", "no_shared_language", "hours_apart", "declined"} <= codes
    words = " ".join(w["message"] for w in found["warnings"])
    assert "Maya Sato is at or over capacity: 1 of 1 places taken" in words
    assert "Ana Lima and Maya Sato share no language." in words
    assert "A pairing of Ana Lima and Maya Sato was declined before." in words
    assert found["mentor_is_full"] is True


async def test_someone_outside_the_program_the_same_person_twice_and_a_closed_account_are_refused(
    world: World, quiet: Settings
) -> None:
    pia = world.clients["pia"]

    outside = await send_json(pia, "POST", PREVIEW, pick(world, "ben", "zoe"))
    twice = await send_json(pia, "POST", PREVIEW, pick(world, None, "ana", "ana", kind="peer"))
    await deactivate(quiet, "dan@example.org")
    closed = await send_json(pia, "POST", PREVIEW, pick(world, "ben", "dan"))
    await leave(quiet, world.ids["eli"])
    left = await send_json(pia, "POST", PREVIEW, pick(world, "ben", "eli"))

    assert outside.status_code == 400
    assert outside.json()["extra"] == [
        {"key": "mentee_ids", "message": "Zoe Outside is not in this program."}
    ]
    assert twice.status_code == 400 and twice.json()["extra"][0]["key"] == "mentee_ids"
    assert closed.status_code == 400 and "deactivated" in closed.json()["extra"][0]["message"]
    assert left.status_code == 400 and "not in this program" in left.json()["extra"][0]["message"]


async def test_a_coordinator_of_another_program_and_a_participant_are_refused(world: World) -> None:
    for who in ("cleo", "ana"):
        response = await send_json(world.clients[who], "POST", PREVIEW, pick(world, "ben", "ana"))

        assert response.status_code == 403, who


async def test_a_peer_not_choosing_peer_and_a_mentee_as_mentor_are_warned_not_refused(world: World) -> None:
    peers = await send_json(
        world.clients["pia"], "POST", PREVIEW, pick(world, None, "ana", "eli", kind="peer")
    )
    upside_down = await send_json(world.clients["pia"], "POST", PREVIEW, pick(world, "dan", "ana"))

    assert peers.status_code == 200
    assert [w["code"] for w in peers.json()["warnings"]] == ["kind_not_chosen"]
    assert "Eli Stone did not choose peer mentoring." in peers.json()["warnings"][0]["message"]
    assert "not_in_role" in {w["code"] for w in upside_down.json()["warnings"]}
