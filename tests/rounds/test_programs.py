"""Rounds run within a program, over its members only; a mentor's room counts every program."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.models import Program
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login, post_form, send_json
from tests.programs.program_world import enrol
from tests.rounds.conftest import run_round

Client = AsyncTestClient[Litestar]


@pytest.fixture
async def admin(quiet: Settings) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as client:
        yield client


async def _community(settings: Settings) -> None:
    """Mia mentors (one place) in Leadership and Newcomers; Max only in Newcomers; Ana and Ben seek."""
    await create_user(settings, "coordinator@example.org", name="Coordinator", coordinator=True)
    await create_user(
        settings, "mia@example.org", name="Mia Mentor", profile=mentor(1, ["editathons"], ["en"])
    )
    await create_user(settings, "max@example.org", name="Max Mentor", profile=mentor(1, ["bots"], ["en"]))
    await create_user(settings, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["en"]))
    await create_user(settings, "ben@example.org", name="Ben", profile=mentee(["editathons"], ["en"]))
    await create_user(settings, "cy@example.org", name="Cy", profile=mentee(["editathons"], ["en"]))
    leadership = Program(name="Leadership", slug="leadership", kinds=["traditional"])
    newcomers = Program(name="Newcomers", slug="newcomers", kinds=["traditional", "group"])
    await enrol(settings, leadership, {"mia@example.org": "mentor", "ana@example.org": "mentee"})
    await enrol(
        settings,
        newcomers,
        {"mia@example.org": "mentor", "max@example.org": "mentor", "ben@example.org": "mentee"},
    )


async def _round(client: Client, settings: Settings, program: str) -> dict[str, Any]:
    response = await post_form(
        client, "/rounds/", {"min_score": "0", "kind": "traditional", "program": program}
    )
    assert response.status_code == 303, response.text
    path = response.headers["location"]
    await run_round(settings, path.rsplit("/", 1)[1])
    detail: dict[str, Any] = (await client.get("/api/v1" + path)).json()
    return detail


def _pairs(detail: dict[str, Any]) -> set[frozenset[str]]:
    return {frozenset(m["name"] for m in p["members"]) for p in detail["proposals"]}


async def test_a_round_in_a_program_matches_its_members_only(quiet: Settings, admin: Client) -> None:
    await _community(quiet)
    await login(admin, "coordinator@example.org", PASSWORD)

    detail = await _round(admin, quiet, "leadership")
    page = (await admin.get(f"/rounds/{detail['round']['id']}")).text
    listing = (await admin.get("/rounds/")).text

    assert _pairs(detail) == {frozenset({"Ana", "Mia Mentor"})}  # Ben and Cy are not in Leadership
    assert detail["round"]["program"] == "leadership"
    assert detail["round"]["program_name"] == "Leadership"
    assert 'href="/programs/leadership">Leadership</a>' in page
    assert "<td>Leadership<br>" in listing


async def test_a_mentor_full_in_one_program_is_not_proposed_in_another(
    quiet: Settings, admin: Client
) -> None:
    await _community(quiet)
    await login(admin, "coordinator@example.org", PASSWORD)

    first = await _round(admin, quiet, "leadership")
    published = await send_json(admin, "POST", f"/api/v1/rounds/{first['round']['id']}/publish", {})
    second = await _round(admin, quiet, "newcomers")

    assert published.status_code in (200, 201), published.text
    # Mia's one place is held by her proposal to Ana in Leadership: Ben gets Max, never Mia.
    assert _pairs(second) == {frozenset({"Ben", "Max Mentor"})}


async def test_a_round_over_everyone_still_matches_the_whole_community(
    quiet: Settings, admin: Client
) -> None:
    await _community(quiet)
    await login(admin, "coordinator@example.org", PASSWORD)

    detail = await _round(admin, quiet, "")

    assert len(_pairs(detail)) == 2  # two mentors with one place each, three mentees
    assert detail["round"]["program"] == ""


async def test_a_program_that_does_not_offer_the_kind_is_refused_and_the_form_keeps_the_choice(
    quiet: Settings, admin: Client
) -> None:
    await _community(quiet)
    await login(admin, "coordinator@example.org", PASSWORD)

    page = await post_form(admin, "/rounds/", {"kind": "group", "program": "leadership", "min_score": "0.2"})
    api = await send_json(admin, "POST", "/api/v1/rounds", {"kind": "traditional", "program": "nowhere"})
    started = await send_json(
        admin, "POST", "/api/v1/rounds", {"kind": "traditional", "program": "leadership"}
    )

    assert page.status_code == 400
    assert "Leadership does not offer this kind of mentoring." in page.text
    assert '<option value="leadership" selected>Leadership</option>' in page.text
    assert 'value="0.2"' in page.text
    assert api.status_code == 400
    assert [e["key"] for e in api.json()["extra"]] == ["program"]
    assert started.status_code == 202, started.text
    assert (started.json()["program"], started.json()["program_name"]) == ("leadership", "Leadership")
