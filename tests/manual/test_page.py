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
