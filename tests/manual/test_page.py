"""The match page: search a program's members by name, see the fit, start with a reason; others refused."""

from __future__ import annotations

from tests.helpers import post_form
from tests.manual.conftest import SLUG, World

PAGE = f"/programs/{SLUG}/match"


async def test_search_finds_only_the_programs_active_members_in_that_role(world: World) -> None:
    pia = world.clients["pia"]

    mentees = await pia.get(f"{PAGE}/search", params={"box": "mentee", "mentee_q": "a"})
    mentors = await pia.get(f"{PAGE}/search", params={"box": "mentor", "mentor_q": "a"})
    nobody = await pia.get(f"{PAGE}/search", params={"box": "mentee", "mentee_q": "zoe"})

    assert mentees.status_code == 200
    assert "Ana Lima" in mentees.text and "Dan Reyes" in mentees.text
    assert "Zoe Outside" not in mentees.text and "Maya Sato" not in mentees.text
    assert "Maya Sato" in mentors.text and "Ana Lima" not in mentors.text
    assert "Nobody in this program matches that name." in nobody.text


async def test_the_page_shows_the_fit_with_reasons_and_the_warnings_in_words(world: World) -> None:
    params = {"mentee": str(world.ids["ana"]), "mentor": str(world.ids["maya"]), "show": "1"}

    page = await world.clients["pia"].get(PAGE, params=params)

    assert page.status_code == 200
    assert "The fit" in page.text and "fit-" in page.text
    assert "Maya Sato is at or over capacity" in page.text
    assert "share no language" in page.text and "was declined before" in page.text
    assert "I know the mentor is full" in page.text
    assert page.text.count(f'method="post" action="{PAGE}"') == 2  # send it, or start it


async def test_the_preview_alone_comes_back_to_htmx(world: World) -> None:
    params = {"mentee": str(world.ids["ana"]), "mentor": str(world.ids["ben"])}

    fragment = await world.clients["pia"].get(PAGE, params=params, headers={"HX-Request": "true"})

    assert fragment.text.lstrip().startswith('<section id="match-preview"')
    assert "Editathons" in fragment.text or "editathons" in fragment.text


async def test_starting_from_the_form_needs_a_reason_then_opens_the_relationship(world: World) -> None:
    pick = {"kind": "traditional", "mentee": str(world.ids["ana"]), "mentor": str(world.ids["ben"])}

    empty = await post_form(world.clients["pia"], PAGE, {**pick, "action": "start", "reason": " "})
    started = await post_form(
        world.clients["pia"], PAGE, {**pick, "action": "start", "reason": "Old friends."}
    )

    assert empty.status_code == 400 and "Say why you start this relationship directly." in empty.text
    assert started.status_code == 303 and started.headers["location"].startswith("/relationships/")
    relationship = await world.clients["ana"].get(started.headers["location"])
    assert relationship.status_code == 200 and "Ben Mentor" in relationship.text


async def test_sending_from_the_form_twice_says_why_the_second_was_not_sent(world: World) -> None:
    pick = {"kind": "traditional", "mentee": str(world.ids["ana"]), "mentor": str(world.ids["ben"])}

    sent = await post_form(world.clients["pia"], PAGE, {**pick, "action": "propose"})
    again = await post_form(world.clients["admin"], PAGE, {**pick, "action": "propose"})

    assert sent.status_code == 303
    assert again.status_code == 409 and "already waiting for their answers" in again.text


async def test_another_programs_coordinator_and_participants_are_refused(world: World) -> None:
    for who in ("cleo", "ana", "ben"):
        page = await world.clients[who].get(PAGE, headers={"accept": "text/html"})
        search = await world.clients[who].get(f"{PAGE}/search", params={"mentee_q": "a"})
        send = await post_form(world.clients[who], PAGE, {"action": "propose"})

        assert (page.status_code, search.status_code, send.status_code) == (403, 403, 403), who


async def test_a_chosen_person_stays_in_their_box_while_searching_for_someone_else(world: World) -> None:
    params = {"box": "mentor", "mentor_q": "Ben", "mentor": str(world.ids["maya"])}

    results = await world.clients["pia"].get(f"{PAGE}/search", params=params)

    assert results.text.index("Maya Sato") < results.text.index("Ben Mentor")
    assert f'value="{world.ids["maya"]}" checked' in results.text


async def test_the_program_page_links_its_coordinators_to_matching_by_hand(world: World) -> None:
    for who, linked in (("pia", True), ("admin", True), ("cleo", False)):
        page = await world.clients[who].get(f"/programs/{SLUG}")

        assert (f'href="{PAGE}"' in page.text) is linked, who


async def test_a_group_is_built_from_several_mentees_ticked_in_the_form(world: World) -> None:
    page = await world.clients["pia"].get(PAGE, params={"kind": "group", "whole": "1"})
    mentees = [str(world.ids["ana"]), str(world.ids["dan"])]
    form = [
        ("kind", "group"),
        ("mentor", str(world.ids["ben"])),
        ("action", "start"),
        ("reason", "A cohort."),
    ]
    form += [("mentee", m) for m in mentees]

    started = await world.clients["pia"].post(
        PAGE,
        content="&".join(f"{k}={v}" for k, v in form).replace(" ", "+"),
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "x-csrftoken": world.clients["pia"].cookies["csrftoken"],
        },
        follow_redirects=False,
    )

    assert 'type="checkbox" name="mentee"' in page.text
    assert started.status_code == 303, started.text
    ana = (await world.clients["ana"].get("/api/v1/relationships")).json()
    assert [r["kind"] for r in ana] == ["group"]
