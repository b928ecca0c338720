"""Requests, relationships, the dashboard and the history per program (issue 17, item 3)."""

from __future__ import annotations

import csv
import io

from mentorship.config import Settings
from tests.helpers import post_form, send_json
from tests.programs.program_world import match, profile_id, signed_in, two_programs
from tests.stored_suggestions import refresh_suggestions


async def test_a_request_names_its_program_when_the_two_share_several(quiet: Settings) -> None:
    await two_programs(quiet, ana_in_both=True)
    await refresh_suggestions(quiet)
    async with signed_in(quiet, "ana", "mia") as people:
        mia = await profile_id(people["mia"])
        unsure = await send_json(people["ana"], "POST", "/api/v1/requests", {"mentor_profile_id": mia})
        elsewhere = await send_json(
            people["ana"], "POST", "/api/v1/requests", {"mentor_profile_id": mia, "program": "peer-circle"}
        )
        page = await post_form(people["ana"], "/requests", {"mentor": mia, "message": "Hello Mia"})
        chosen = await send_json(
            people["ana"], "POST", "/api/v1/requests", {"mentor_profile_id": mia, "program": "newcomers"}
        )
        suggestions = (await people["ana"].get("/suggestions")).text
        detail = (await people["mia"].get(f"/proposals/{chosen.json()['id']}")).text

    assert unsure.status_code == 400
    assert [e["key"] for e in unsure.json()["extra"]] == ["program"]
    assert elsewhere.status_code == 400
    # The page keeps the message and says what to do next to the mentor.
    assert page.status_code == 400
    assert "Choose the program this request is for." in page.text
    assert "Hello Mia" in page.text
    assert chosen.status_code == 201, chosen.text
    assert chosen.json()["program_slug"] == "newcomers"
    assert 'Program: <a href="/programs/newcomers">Newcomers</a>' in detail
    # Suggestions come per program, each asking in its own program.
    assert "In Leadership" in suggestions and "In Newcomers" in suggestions
    assert 'name="program" value="newcomers"' in suggestions


async def test_a_mentee_and_a_mentor_with_no_program_in_common_are_told_so(quiet: Settings) -> None:
    await two_programs(quiet)
    async with signed_in(quiet, "ana", "max") as people:
        asked = await send_json(
            people["ana"], "POST", "/api/v1/requests", {"mentor_profile_id": await profile_id(people["max"])}
        )

    assert asked.status_code == 409
    assert "not in a program together" in asked.json()["detail"]


async def test_one_mentor_per_program_and_the_programs_cadence(quiet: Settings) -> None:
    await two_programs(quiet, ana_in_both=True, cadence=21)
    async with signed_in(quiet, "ana", "mia", "max") as people:
        first = await match(people["ana"], people["mia"], "leadership")
        again = await send_json(
            people["ana"],
            "POST",
            "/api/v1/requests",
            {"mentor_profile_id": await profile_id(people["mia"]), "program": "leadership"},
        )
        second = await match(people["ana"], people["max"], "newcomers")
        mine = (await people["ana"].get("/api/v1/relationships/")).json()
        only = (await people["ana"].get("/api/v1/relationships/?program=newcomers")).json()

    assert first["program_slug"] == "leadership" and second["program_slug"] == "newcomers"
    assert again.status_code == 409
    cadences = {r["program_slug"]: r["cadence_days"] for r in mine}
    assert cadences == {"leadership": 30, "newcomers": 21}
    assert [(r["program_slug"], r["program_name"]) for r in only] == [("newcomers", "Newcomers")]


async def test_a_participant_in_two_programs_sees_each_programs_relationships_apart(quiet: Settings) -> None:
    await two_programs(quiet, ana_in_both=True)
    async with signed_in(quiet, "ana", "mia", "max") as people:
        await match(people["ana"], people["mia"], "leadership")
        started = await match(people["ana"], people["max"], "newcomers")
        listing = (await people["ana"].get("/relationships")).text
        home = (await people["ana"].get("/")).text
        detail = (await people["ana"].get(f"/relationships/{started['relationship_id']}")).text

    for page in (listing, home):
        leadership, newcomers = page.index("In Leadership"), page.index("In Newcomers")
        # Each relationship under its program's heading (names may appear earlier, in notifications).
        assert (
            leadership
            < page.index("Mia Mentor", leadership)
            < newcomers
            < page.index("Max Mentor", newcomers)
        )
        assert "Max Mentor" not in page[leadership:newcomers]
    assert 'Program: <a href="/programs/newcomers">Newcomers</a>' in detail


async def test_the_dashboard_per_program(quiet: Settings) -> None:
    await two_programs(quiet)
    async with signed_in(quiet, "admin", "cleo", "ana", "ben", "mia", "max") as people:
        await match(people["ana"], people["mia"])
        await match(people["ben"], people["max"])
        whole = (await people["admin"].get("/api/v1/dashboard")).json()
        leadership = (await people["admin"].get("/api/v1/dashboard?program=leadership")).json()
        cleo = (await people["cleo"].get("/api/v1/dashboard")).json()
        refused = await people["cleo"].get("/api/v1/dashboard?program=leadership")
        page = (await people["cleo"].get("/dashboard")).text
        admin_page = (await people["admin"].get("/dashboard?program=newcomers")).text
        mentee = await people["ana"].get("/api/v1/dashboard")

    assert (whole["program"], whole["active"]) == ("", 2)
    assert (leadership["program"], leadership["active"]) == ("leadership", 1)
    assert [row["name"] for row in leadership["busiest"]] == ["Mia Mentor"]
    # Cleo coordinates Newcomers only: she sees it by default and nothing else.
    assert (cleo["program"], cleo["active"]) == ("newcomers", 1)
    assert refused.status_code == 403
    assert "Dashboard: Newcomers" in page and "The whole community" not in page
    assert "Dashboard: Newcomers" in admin_page and "The whole community" in admin_page
    assert mentee.status_code == 403


async def test_the_history_and_its_export_per_program(quiet: Settings) -> None:
    await two_programs(quiet)
    async with signed_in(quiet, "admin", "cleo", "ana", "ben", "mia", "max") as people:
        in_leadership = await match(people["ana"], people["mia"])
        in_newcomers = await match(people["ben"], people["max"])
        events = (await people["admin"].get("/api/v1/events/?program=newcomers&limit=200")).json()
        everything = (await people["admin"].get("/api/v1/events/?limit=200")).json()
        exported = (await people["cleo"].get("/events.csv")).text
        page = await people["cleo"].get("/events")
        refused = await people["cleo"].get("/events.csv?program=leadership")

    subjects = {e["subject_id"] for e in events["items"]}
    assert str(in_newcomers["id"]) in subjects and str(in_newcomers["relationship_id"]) in subjects
    assert str(in_leadership["id"]) not in subjects
    assert str(in_leadership["relationship_id"]) not in subjects
    assert len(everything["items"]) > len(events["items"])
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {r["subject_id"] for r in rows} == subjects
    assert page.status_code == 200 and "History of Newcomers" in page.text
    assert refused.status_code == 403
