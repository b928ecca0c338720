"""The API and the forms build one struct and check it by one rule, with the same words (issue 15, item 4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from mentorship.relationships.access import RelationshipInvalid
from mentorship.relationships.goals import GoalIn, NoteIn
from mentorship.relationships.lifecycle import EndIn, PauseIn, ReflectionIn
from tests.helpers import post_form, send_json
from tests.relationships.conftest import start

Clients = dict[str, AsyncTestClient[Litestar]]
TODAY = date(2026, 6, 1)
LONG_DESCRIPTION = "Keep the description under 5000 characters."
NO_REFLECTION = "Write a few words about what changed for you."
LONG_REFLECTION = "Keep the reflection under 4000 characters."
RATE = "Rate from 1 to 5."


def refusal(check: Any) -> dict[str, str]:
    with pytest.raises(RelationshipInvalid) as refused:
        check()
    return refused.value.errors


@pytest.mark.parametrize(
    ("struct", "body", "field", "message"),
    [
        (GoalIn, {"title": "  "}, "title", "Give the goal a short title."),
        (GoalIn, {"title": "x" * 201}, "title", "Keep the title under 200 characters."),
        (GoalIn, {"title": "Learn", "status": "someday"}, "status", "Choose one of the listed statuses."),
        (GoalIn, {"title": "Go", "description": "d" * 5000}, "description", LONG_DESCRIPTION),
        (NoteIn, {"text": ""}, "text", "Write a few words about the progress."),
        (NoteIn, {"text": "n" * 5001}, "text", "Keep the note under 5000 characters."),
        (EndIn, {"reason": " "}, "reason", "Tell the coordinators briefly why; only they will read it."),
        (EndIn, {"reason": "r" * 2001}, "reason", "Keep the reason under 2000 characters."),
    ],
)  # fmt: skip
def test_a_body_and_a_form_are_refused_by_the_same_rule(
    struct: Any, body: dict[str, str], field: str, message: str
) -> None:
    from_api = refusal(lambda: msgspec.convert(body, struct).checked())
    from_form = refusal(lambda: struct.from_form(body).checked())

    assert from_api == from_form == {field: message}


@pytest.mark.parametrize(
    ("until", "message"),
    [(TODAY, "Choose a day after today."), (TODAY + timedelta(days=400), "Pause for at most a year.")],
)
def test_a_pause_date_is_refused_by_the_same_rule(until: date, message: str) -> None:
    from_api = refusal(lambda: msgspec.convert({"until": until.isoformat()}, PauseIn).checked(TODAY))
    from_form = refusal(lambda: PauseIn.from_form({"until": until.isoformat()}).checked(TODAY))

    assert from_api == from_form == {"until": message}


def test_good_values_come_out_the_same_from_a_body_and_a_form() -> None:
    goal = {"title": " Learn Lua ", "description": "modules", "status": "in_progress"}
    until = {"until": (TODAY + timedelta(days=10)).isoformat()}

    assert msgspec.convert(goal, GoalIn).checked() == GoalIn.from_form(goal).checked()
    assert GoalIn.from_form(goal).checked().title == "Learn Lua"
    assert msgspec.convert(until, PauseIn).checked(TODAY) == PauseIn.from_form(until).checked(TODAY)
    assert (
        EndIn.from_form({"reason": " moved "}).checked()
        == msgspec.convert({"reason": "moved"}, EndIn).checked()
    )


@pytest.mark.parametrize(
    ("path", "body", "field", "message"),
    [
        ("goals", {"title": "x" * 201}, "title", "Keep the title under 200 characters."),
        ("end", {"reason": " "}, "reason", "Tell the coordinators briefly why; only they will read it."),
    ],
)
async def test_api_and_form_refuse_the_same_value_with_the_same_message(
    quiet: Settings, clients: Clients, path: str, body: dict[str, str], field: str, message: str
) -> None:
    rid = await start(quiet)

    api = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/{path}", body)
    form = await post_form(clients["ana"], f"/relationships/{rid}/{path}", {**body, "form": "goal-new"})

    assert api.status_code == form.status_code == 400
    assert api.json()["extra"] == [{"key": field, "message": message}]
    assert message in form.text


async def test_api_and_form_refuse_a_past_pause_alike_and_accept_a_good_one(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)
    today = datetime.now(UTC).date()
    past, soon = {"until": today.isoformat()}, {"until": (today + timedelta(days=10)).isoformat()}

    api = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/pause", past)
    form = await post_form(clients["ana"], f"/relationships/{rid}/pause", past)
    assert api.status_code == form.status_code == 400
    assert api.json()["extra"] == [{"key": "until", "message": "Choose a day after today."}]
    assert "Choose a day after today." in form.text

    api = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/pause", soon)
    form = await post_form(clients["mia"], f"/relationships/{rid}/pause", soon)
    assert api.status_code == 200 and api.json()["paused_until"] == soon["until"]
    assert form.status_code == 303


async def test_api_and_form_accept_the_same_goal(quiet: Settings, clients: Clients) -> None:
    rid = await start(quiet)
    goal = {"title": "Learn Lua", "status": "in_progress"}

    api = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/goals", goal)
    form = await post_form(clients["ana"], f"/relationships/{rid}/goals", goal)

    assert api.status_code == 201 and api.json()["status"] == "in_progress"
    assert form.status_code == 303


@pytest.mark.parametrize(
    ("body", "form", "field", "message"),
    [
        ({"reflection": " "}, {"reflection": " "}, "reflection", NO_REFLECTION),
        ({"reflection": "r" * 4001}, {"reflection": "r" * 4001}, "reflection", LONG_REFLECTION),
        (
            {"reflection": "Grew", "self_assessment": {"delegation": 9}},
            {"reflection": "Grew", "skill_delegation": "9"},
            "skill_delegation",
            "Rate from 1 to 5.",
        ),
    ],
)  # fmt: skip
def test_a_reflection_body_and_form_are_refused_by_the_same_rule(
    body: dict[str, Any], form: dict[str, str], field: str, message: str
) -> None:
    from_api = refusal(lambda: msgspec.convert(body, ReflectionIn).checked())
    from_form = refusal(lambda: ReflectionIn.from_form(form).checked())

    assert from_api == from_form == {field: message}


@pytest.mark.parametrize("typed", ["x", "²", "9" * 5000])
def test_a_rating_that_is_no_number_is_refused_like_one_out_of_range(typed: str) -> None:
    form = {"reflection": "Grew", "skill_delegation": typed}

    assert refusal(lambda: ReflectionIn.from_form(form).checked()) == {"skill_delegation": RATE}


async def test_api_and_form_refuse_the_same_rating_and_accept_the_same_reflection(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)
    typed = {"reflection": "I learned to delegate.", "skill_delegation": "7"}

    api = await send_json(
        clients["ana"],
        "POST",
        f"/api/v1/relationships/{rid}/complete",
        {"reflection": "I learned to delegate.", "self_assessment": {"delegation": 7}},
    )
    form = await post_form(clients["ana"], f"/relationships/{rid}/complete", typed)
    assert api.status_code == form.status_code == 400
    assert api.json()["extra"] == [{"key": "skill_delegation", "message": "Rate from 1 to 5."}]
    assert "Rate from 1 to 5." in form.text and "I learned to delegate." in form.text

    good = {"reflection": "I learned to delegate.", "self_assessment": {"delegation": 4}}
    api = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/complete", good)
    form = await post_form(
        clients["mia"], f"/relationships/{rid}/complete", {"reflection": "Proud.", "skill_delegation": "4"}
    )
    assert api.status_code == 200 and api.json()["status"] == "completed"
    assert form.status_code == 303
