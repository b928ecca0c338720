"""A mentor's capacity is one across programs: full in Leadership, Mia is offered nowhere in Newcomers."""

from __future__ import annotations

from typing import Any

from mentorship.config import Settings
from tests.helpers import post_form, send_json
from tests.programs.program_world import Client, match, profile_id, signed_in, two_programs
from tests.rounds.conftest import run_round
from tests.stored_suggestions import refresh_suggestions


async def _round_pairs(admin: Client, settings: Settings, program: str) -> set[frozenset[str]]:
    form = {"min_score": "0", "kind": "traditional", "program": program}
    response = await post_form(admin, "/rounds/", form)
    assert response.status_code == 303, response.text
    path = response.headers["location"]
    await run_round(settings, path.rsplit("/", 1)[1])
    detail: dict[str, Any] = (await admin.get("/api/v1" + path)).json()
    return {frozenset(m["name"] for m in p["members"]) for p in detail["proposals"]}


async def test_a_mentor_at_capacity_in_program_a_is_not_proposed_in_program_b(quiet: Settings) -> None:
    await two_programs(quiet)
    await refresh_suggestions(quiet)
    async with signed_in(quiet, "admin", "mia", "ana", "ben") as people:
        # Mia's one place goes to Ana in Leadership (the only program they share).
        started = await match(people["ana"], people["mia"])
        assert started["program_slug"] == "leadership"

        suggestions = (await people["ben"].get("/api/v1/suggestions")).json()
        asked = await send_json(
            people["ben"], "POST", "/api/v1/requests", {"mentor_profile_id": await profile_id(people["mia"])}
        )
        pairs = await _round_pairs(people["admin"], quiet, "newcomers")

    # Suggestions in Newcomers: Max, never Mia.
    assert [(s["profile"]["name"], s["program_slug"]) for s in suggestions] == [("Max Mentor", "newcomers")]
    # A request in Newcomers: refused with the reason.
    assert asked.status_code == 409
    assert "Mia Mentor has no free mentoring place" in asked.json()["detail"]
    # A round in Newcomers over Newcomers' members: Ben gets Max.
    assert pairs == {frozenset({"Ben", "Max Mentor"})}


async def test_with_a_free_place_the_same_mentor_is_offered_in_both_programs(quiet: Settings) -> None:
    await two_programs(quiet, ana_in_both=True)
    await refresh_suggestions(quiet)
    async with signed_in(quiet, "ana") as people:
        suggestions = (await people["ana"].get("/api/v1/suggestions")).json()

    offered = {(s["profile"]["name"], s["program_slug"]) for s in suggestions}
    assert offered == {("Mia Mentor", "leadership"), ("Mia Mentor", "newcomers"), ("Max Mentor", "newcomers")}
