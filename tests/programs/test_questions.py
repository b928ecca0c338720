"""Enrolment questions: coordinators write and order them, people answer when they join, privacy holds."""

from __future__ import annotations

from typing import Any

from tests.helpers import post_form, send_json
from tests.programs.conftest import EMAILS, People, make_coordinator, make_program

TEAM = {
    "prompt": "Which team are you in?",
    "kind": "single_choice",
    "choices": ["Outreach", "Tech"],
    "required": True,
    "visibility": "private",
    "use_in_matching": "different",
}
CONFIDENCE = {"prompt": "How confident are you with templates?", "kind": "scale", "use_in_matching": "prefer"}


async def _question(people: People, slug: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await send_json(people["admin"], "POST", f"/api/v1/programs/{slug}/questions", body)
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


async def test_a_coordinator_adds_edits_orders_and_removes_questions(people: People) -> None:
    await make_program(people["admin"], "Leadership")
    team = await _question(people, "leadership", TEAM)
    scale = await _question(people, "leadership", CONFIDENCE)

    moved = await post_form(
        people["admin"], f"/programs/leadership/questions/{scale['id']}/move", {"direction": "up"}
    )
    changed = await post_form(
        people["admin"],
        f"/programs/leadership/questions/{team['id']}",
        {"prompt": "Your team?", "kind": "single_choice", "choices": "Outreach\nTech\nDesign", "weight": "1"},
    )
    listed = (await people["admin"].get("/api/v1/programs/leadership/questions")).json()
    removed = await send_json(
        people["admin"], "DELETE", f"/api/v1/programs/leadership/questions/{scale['id']}"
    )
    after = (await people["admin"].get("/api/v1/programs/leadership/questions")).json()

    assert (moved.status_code, changed.status_code, removed.status_code) == (303, 303, 204)
    assert [q["prompt"] for q in listed] == [CONFIDENCE["prompt"], "Your team?"]
    assert listed[1]["choices"] == ["Outreach", "Tech", "Design"]
    assert [q["prompt"] for q in after] == ["Your team?"]


async def test_a_question_form_with_mistakes_keeps_what_was_typed(people: People) -> None:
    await make_program(people["admin"], "Leadership")

    response = await post_form(
        people["admin"],
        "/programs/leadership/questions",
        {
            "prompt": "Which project?",
            "kind": "single_choice",
            "choices": "",
            "use_in_matching": "prefer",
            "weight": "7",
        },
    )

    assert response.status_code == 400
    assert "A choice question needs at least two choices, one a line." in response.text
    assert "A weight is a number from 0.1 to 3." in response.text
    assert 'value="Which project?"' in response.text
    assert 'value="7"' in response.text


async def test_the_api_names_each_wrong_field_of_a_question(people: People) -> None:
    await make_program(people["admin"], "Leadership")

    response = await send_json(
        people["admin"],
        "POST",
        "/api/v1/programs/leadership/questions",
        {"prompt": "", "kind": "short_text", "use_in_matching": "same"},
    )

    assert response.status_code == 400
    assert {e["key"] for e in response.json()["extra"]} == {"prompt", "use_in_matching"}


async def test_joining_asks_the_required_questions_first_and_keeps_the_answers(people: People) -> None:
    await make_program(people["admin"], "Leadership")
    team = await _question(people, "leadership", TEAM)
    scale = await _question(people, "leadership", CONFIDENCE)

    refused = await send_json(people["ana"], "POST", "/api/v1/programs/leadership/join", {})
    missing = await post_form(
        people["ana"], "/programs/leadership/answers", {"join": "1", f"q-{scale['id']}": "4"}
    )
    bad = await post_form(
        people["ana"],
        "/programs/leadership/answers",
        {"join": "1", f"q-{team['id']}": "Design", f"q-{scale['id']}": "4"},
    )
    joined = await post_form(
        people["ana"],
        "/programs/leadership/answers",
        {"join": "1", f"q-{team['id']}": "Tech", f"q-{scale['id']}": "4"},
    )
    mine = (await people["ana"].get("/api/v1/programs/leadership/answers")).json()

    assert refused.status_code == 400
    assert missing.status_code == 400 and "This question needs an answer." in missing.text
    assert 'value="4" checked' in missing.text  # the scale answer given stays chosen
    assert bad.status_code == 400 and "“Design” is not one of the choices." in bad.text
    assert joined.status_code == 303
    assert mine["answers"] == {team["id"]: "Tech", scale["id"]: 4}


async def test_members_change_their_answers_through_the_api(people: People) -> None:
    await make_program(people["admin"], "Leadership")
    scale = await _question(people, "leadership", CONFIDENCE)
    topics = await _question(
        people,
        "leadership",
        {"prompt": "What do you edit?", "kind": "multiple_choice", "choices": ["Articles", "Images", "Data"]},
    )
    join = await send_json(people["ana"], "POST", "/api/v1/programs/leadership/join", {})

    saved = await send_json(
        people["ana"],
        "PUT",
        "/api/v1/programs/leadership/answers",
        {"answers": {scale["id"]: 9, topics["id"]: ["Data", "Articles"]}},
    )
    fixed = await send_json(
        people["ana"],
        "PUT",
        "/api/v1/programs/leadership/answers",
        {"answers": {scale["id"]: 2, topics["id"]: ["Data", "Articles"]}},
    )

    assert join.status_code in (200, 201), join.text
    assert saved.status_code == 400
    assert fixed.status_code == 200
    assert fixed.json()["answers"] == {scale["id"]: 2, topics["id"]: ["Articles", "Data"]}


async def test_private_answers_show_to_this_programs_coordinators_only(people: People) -> None:
    await make_program(people["admin"], "Leadership")
    await make_program(people["admin"], "Peer circle")
    await make_coordinator(people["admin"], "peer-circle", EMAILS["cleo"])
    team = await _question(people, "leadership", TEAM)
    await post_form(people["ana"], "/programs/leadership/answers", {"join": "1", f"q-{team['id']}": "Tech"})

    admin_page = (await people["admin"].get("/programs/leadership")).text
    cleo_questions = await people["cleo"].get("/api/v1/programs/leadership/questions")
    cleo_page = (await people["cleo"].get("/programs/leadership")).text
    ben_page = (await people["ben"].get("/programs/leadership")).text

    assert "Which team are you in?" in admin_page and "<td>Tech</td>" in admin_page
    assert cleo_questions.status_code == 403
    assert "Tech" not in cleo_page and "Tech" not in ben_page
