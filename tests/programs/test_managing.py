"""Administrators create, edit and archive programs; the form keeps what was typed and says what is wrong."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Program
from mentorship.programs.forms import ProgramIn
from mentorship.programs.services import ProgramNameTaken, ProgramService
from tests.factories import create_user
from tests.helpers import post_form, send_json
from tests.programs.conftest import People, make_program

COHORT = {
    "name": "Leadership cohort 2027",
    "description": "A year of leading projects together.",
    "kinds": ["traditional", "group"],
    "join_policy": "approval",
    "opens_on": "2027-01-01",
    "closes_on": "2027-01-31",
    "starts_on": "2027-02-01",
    "ends_on": "2027-11-30",
    "checkin_cadence_days": "21",
}


async def test_an_administrator_creates_a_cohort_and_participants_see_its_term(people: People) -> None:
    created = await post_form(people["admin"], "/programs/", COHORT)
    page = await people["ana"].get("/programs/leadership-cohort-2027")

    assert created.status_code == 303
    assert created.headers["location"] == "/programs/leadership-cohort-2027"
    assert "From 2027-02-01 to 2027-11-30" in page.text
    assert "A coordinator approves each request" in page.text
    assert "Every 21 days" in page.text
    assert 'href="/programs/leadership-cohort-2027/edit"' not in page.text  # participants do not edit


async def test_a_form_with_mistakes_keeps_everything_typed_with_errors_under_the_fields(
    people: People,
) -> None:
    typed = {**COHORT, "closes_on": "2026-12-01", "checkin_cadence_days": "200", "ends_on": "someday"}

    page = await post_form(people["admin"], "/programs/", typed)

    assert page.status_code == 400
    assert 'value="Leadership cohort 2027"' in page.text and 'value="200"' in page.text
    assert 'value="someday"' not in page.text or "Enter a date like 2027-03-01." in page.text
    assert "Enrolment cannot close before it opens." in page.text
    assert "Enter a number of days from 7 to 90." in page.text
    assert 'id="f-closes_on-error"' in page.text and 'aria-invalid="true"' in page.text
    assert (await people["ana"].get("/api/v1/programs")).json() == []


async def test_the_api_names_each_wrong_field(people: People) -> None:
    response = await send_json(
        people["admin"], "POST", "/api/v1/programs", {"name": " ", "kinds": [], "checkin_cadence_days": 3}
    )

    assert response.status_code == 400
    assert {e["key"] for e in response.json()["extra"]} == {"name", "kinds", "checkin_cadence_days"}


async def test_a_taken_name_is_a_conflict_in_the_api_and_a_field_error_in_the_form(people: People) -> None:
    await make_program(people["admin"], "Newcomers")

    again = await send_json(people["admin"], "POST", "/api/v1/programs", {"name": "newcomers"})
    form = await post_form(people["admin"], "/programs/", {**COHORT, "name": "NEWCOMERS"})

    assert again.status_code == 409 and "already exists" in again.json()["detail"]
    assert form.status_code == 409 and 'id="f-name-error"' in form.text and 'value="NEWCOMERS"' in form.text


async def test_editing_keeps_the_address_and_archiving_asks_first(people: People) -> None:
    program = await make_program(people["admin"], "Newcomers")
    slug = program["slug"]

    edited = await post_form(people["admin"], f"/programs/{slug}", {**COHORT, "name": "Newcomers 2027"})
    asked = await people["admin"].get(f"/programs/{slug}/archive")
    archived = await post_form(people["admin"], f"/programs/{slug}/archive", {})
    hidden = await people["ana"].get(f"/programs/{slug}", headers={"accept": "text/html"})

    assert edited.headers["location"] == f"/programs/{slug}"
    assert "Archive “Newcomers 2027”?" in asked.text
    assert archived.status_code == 303
    assert hidden.status_code == 404


async def test_participants_and_program_coordinators_cannot_create_or_edit(people: People) -> None:
    program = await make_program(people["admin"], "Newcomers")

    for who in ("ana", "cleo"):
        created = await send_json(people[who], "POST", "/api/v1/programs", {"name": "Mine"})
        edited = await send_json(
            people[who], "PATCH", f"/api/v1/programs/{program['slug']}", {"name": "Mine"}
        )
        form = await people[who].get("/programs/new", headers={"accept": "text/html"})
        assert (created.status_code, edited.status_code, form.status_code) == (403, 403, 403)


async def test_names_that_give_the_same_address_get_different_ones(people: People) -> None:
    first = await make_program(people["admin"], "Newcomers!")
    second = await make_program(people["admin"], "Newcomers?")
    new = await make_program(people["admin"], "New")

    assert (first["slug"], second["slug"], new["slug"]) == ("newcomers", "newcomers-2", "new-2")


async def test_two_administrators_creating_one_name_at_once_get_one_program_and_a_409(
    settings: Settings,
) -> None:
    config = build_sqlalchemy_config(settings)
    admin = await create_user(settings, "admin@example.org", coordinator=True)
    form = ProgramIn(name="Peer learning circle").checked()

    async def create() -> str:
        async with config.get_session() as session:
            try:
                program = await ProgramService(session).create(form, admin)
            except ProgramNameTaken as exc:
                return "409 " + str(exc)
            return "created " + program.slug

    answers = await asyncio.gather(*(create() for _ in range(6)))

    async with config.get_session() as session:
        stored = await session.scalar(select(func.count()).select_from(Program))
    await config.get_engine().dispose()
    assert stored == 1
    assert sorted(a.split(" ")[0] for a in answers) == ["409"] * 5 + ["created"]
    assert all("Peer learning circle" in a for a in answers if a.startswith("409"))
