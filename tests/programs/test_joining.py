"""Participants join and leave programs by each program's rule; coordinators answer for their own only."""

from __future__ import annotations

from tests.helpers import post_form, send_json
from tests.programs.conftest import People, make_coordinator, make_program


async def test_a_participant_joins_an_open_program_and_sees_it_among_hers(people: People) -> None:
    program = await make_program(people["admin"], "Newcomers", description="Bienvenue, welcome")

    before = await people["ana"].get("/programs")
    joined = await post_form(people["ana"], f"/programs/{program['slug']}/join", {})
    after = await people["ana"].get("/programs")
    page = await people["ana"].get(f"/programs/{program['slug']}")

    assert "Newcomers" in before.text and "You are not in a program yet" in before.text
    assert joined.status_code == 303
    assert "You are in “Newcomers”." in after.text  # the flash after joining
    assert "You are not in a program yet" not in after.text
    assert "Bienvenue, welcome" in page.text and "Leave" in page.text
    mine = (await people["ana"].get(f"/api/v1/programs/{program['slug']}")).json()
    assert (mine["my_status"], mine["my_roles"], mine["members"]) == ("active", ["mentee"], 1)


async def test_joining_as_a_role_not_on_the_profile_is_refused_in_words(people: People) -> None:
    program = await make_program(people["admin"], "Newcomers")

    refused = await send_json(
        people["ana"], "POST", f"/api/v1/programs/{program['slug']}/join", {"as_mentor": True}
    )

    assert refused.status_code == 400
    assert refused.json()["extra"][0]["key"] == "roles"


async def test_leaving_asks_first_and_then_the_program_counts_one_fewer(people: People) -> None:
    program = await make_program(people["admin"], "Newcomers")
    slug = program["slug"]
    await post_form(people["ana"], f"/programs/{slug}/join", {})

    asked = await people["ana"].get(f"/programs/{slug}/leave")
    left = await post_form(people["ana"], f"/programs/{slug}/leave", {})

    assert "Leave “Newcomers”?" in asked.text and "join again" in asked.text
    assert left.status_code == 303
    mine = (await people["ana"].get(f"/api/v1/programs/{slug}")).json()
    assert (mine["my_status"], mine["members"], mine["can_join"]) == ("left", 0, True)


async def test_an_approval_program_waits_for_its_own_coordinator_not_another_programs(people: People) -> None:
    admin = people["admin"]
    program = await make_program(admin, "Leadership cohort", join_policy="approval")
    other = await make_program(admin, "Peer circle")
    await make_coordinator(admin, other["slug"], "cleo@example.org")
    slug = program["slug"]

    asked = await send_json(people["ana"], "POST", f"/api/v1/programs/{slug}/join", {})
    membership = asked.json()
    stranger = await send_json(
        people["cleo"], "POST", f"/api/v1/programs/{slug}/members/{membership['id']}/approve"
    )
    stranger_list = await people["cleo"].get(f"/api/v1/programs/{slug}/members")
    await make_coordinator(admin, slug, "cleo@example.org")
    waiting_page = await people["cleo"].get(f"/programs/{slug}")
    approved = await post_form(people["cleo"], f"/programs/{slug}/members/{membership['id']}/approve", {})

    assert membership["status"] == "pending"
    assert (stranger.status_code, stranger_list.status_code) == (403, 403)
    assert "Waiting for your answer" in waiting_page.text and "Ana" in waiting_page.text
    assert approved.status_code == 303
    mine = (await people["ana"].get(f"/api/v1/programs/{slug}")).json()
    assert (mine["my_status"], mine["members"]) == ("active", 1)


async def test_a_declined_request_leaves_the_person_out(people: People) -> None:
    program = await make_program(people["admin"], "Leadership cohort", join_policy="approval")
    slug = program["slug"]
    asked = await send_json(people["ana"], "POST", f"/api/v1/programs/{slug}/join", {})

    declined = await send_json(
        people["admin"], "POST", f"/api/v1/programs/{slug}/members/{asked.json()['id']}/decline"
    )
    again = await send_json(
        people["admin"], "POST", f"/api/v1/programs/{slug}/members/{asked.json()['id']}/approve"
    )

    assert declined.status_code == 200 and declined.json()["status"] == "left"
    assert again.status_code == 409


async def test_an_invitation_program_lets_in_only_the_invited(people: People) -> None:
    program = await make_program(people["admin"], "Stewards", join_policy="invitation")
    slug = program["slug"]

    uninvited = await send_json(people["ben"], "POST", f"/api/v1/programs/{slug}/join", {})
    invited = await post_form(people["admin"], f"/programs/{slug}/invitations", {"email": "BEN@example.org"})
    page = await people["ben"].get(f"/programs/{slug}")
    accepted = await send_json(people["ben"], "POST", f"/api/v1/programs/{slug}/join", {})

    assert uninvited.status_code == 403 and "invitation" in uninvited.json()["detail"]
    assert invited.status_code == 303
    assert "Accept the invitation" in page.text
    assert accepted.status_code == 200 and accepted.json()["status"] == "active"
    assert accepted.json()["roles"] == ["mentor"]


async def test_inviting_an_unknown_address_keeps_it_with_the_error_under_the_field(people: People) -> None:
    program = await make_program(people["admin"], "Stewards", join_policy="invitation")

    page = await post_form(
        people["admin"], f"/programs/{program['slug']}/invitations", {"email": "nobody@example.org"}
    )

    assert page.status_code == 400
    assert 'value="nobody@example.org"' in page.text
    assert "Nobody with a profile has this email address." in page.text


async def test_enrolment_closed_or_archived_programs_take_nobody(people: People) -> None:
    admin = people["admin"]
    closed = await make_program(admin, "Cohort 2020", opens_on="2020-01-01", closes_on="2020-02-01")
    archived = await make_program(admin, "Old program")
    await send_json(admin, "POST", f"/api/v1/programs/{archived['slug']}/state", {"archived": True})

    late = await send_json(people["ana"], "POST", f"/api/v1/programs/{closed['slug']}/join", {})
    hidden = await send_json(people["ana"], "POST", f"/api/v1/programs/{archived['slug']}/join", {})
    listed = [p["name"] for p in (await people["ana"].get("/api/v1/programs")).json()]
    admin_listed = [p["name"] for p in (await admin.get("/api/v1/programs")).json()]

    assert late.status_code == 409 and "not taking new members" in late.json()["detail"]
    assert hidden.status_code == 404
    assert listed == ["Cohort 2020"]
    assert admin_listed == ["Cohort 2020", "Old program"]


async def test_participants_see_who_coordinates_but_not_their_addresses(people: People) -> None:
    program = await make_program(people["admin"], "Newcomers")
    await make_coordinator(people["admin"], program["slug"], "cleo@example.org")

    seen_by_ana = (await people["ana"].get(f"/api/v1/programs/{program['slug']}/coordinators")).json()
    seen_by_cleo = (await people["cleo"].get(f"/api/v1/programs/{program['slug']}/coordinators")).json()
    page = await people["ana"].get(f"/programs/{program['slug']}")

    assert [(c["name"], c["email"]) for c in seen_by_ana] == [("Cleo", "")]
    assert [c["email"] for c in seen_by_cleo] == ["cleo@example.org"]
    assert "Cleo" in page.text and "cleo@example.org" not in page.text
