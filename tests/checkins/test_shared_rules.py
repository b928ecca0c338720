"""The template API and the template form build one struct and check it by one rule (issue 15, item 4)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from mentorship.checkins.agendas import TemplateIn, TemplateInvalid
from tests.checkins.conftest import Pair
from tests.helpers import post_form, send_json

KIND = "Choose what the template is for."
LONG_TITLE = "Keep the title under 200 characters."
NO_SECTIONS = "Add at least one section: a title, then a colon and a prompt."
LONG_SECTION = "Give each section a title under 200 characters and a prompt under 1000."


def refusal(body: Any) -> dict[str, str]:
    with pytest.raises(TemplateInvalid) as refused:
        body.checked()
    return refused.value.errors


@pytest.mark.parametrize(
    ("body", "form", "field", "message"),
    [
        ({"title": "Debrief", "kind": "someday", "sections": [{"title": "What"}]},
         {"title": "Debrief", "kind": "someday", "sections": "What"}, "kind", KIND),
        ({"title": "t" * 201, "sections": [{"title": "What"}]},
         {"title": "t" * 201, "sections": "What"}, "title", LONG_TITLE),
        ({"title": "Debrief", "sections": []},
         {"title": "Debrief", "sections": " \n"}, "sections", NO_SECTIONS),
        ({"title": "Debrief", "sections": [{"title": "What", "prompt": "p" * 1001}]},
         {"title": "Debrief", "sections": "What: " + "p" * 1001}, "sections", LONG_SECTION),
    ],
)  # fmt: skip
def test_a_template_body_and_form_are_refused_by_the_same_rule(
    body: dict[str, Any], form: dict[str, str], field: str, message: str
) -> None:
    from_api = refusal(msgspec.convert(body, TemplateIn))
    from_form = refusal(TemplateIn.from_form(form))

    assert from_api == from_form == {field: message}


def test_a_good_template_comes_out_the_same_from_a_body_and_a_form() -> None:
    body = {
        "title": " Debrief ",
        "kind": "closing",
        "sections": [{"title": "Wins", "prompt": "what went well"}],
    }
    form = {"title": "Debrief", "kind": "closing", "sections": "Wins: what went well\n\n"}

    assert msgspec.convert(body, TemplateIn).checked() == TemplateIn.from_form(form).checked()


async def test_api_and_form_refuse_the_same_kind_alike_and_accept_the_same_template(pair: Pair) -> None:
    coordinator = pair.clients["coordinator"]
    body = {"title": "Hackathon debrief", "kind": "someday", "sections": [{"title": "What"}]}
    typed = {"title": "Hackathon debrief", "kind": "someday", "sections": "What"}

    api = await send_json(coordinator, "POST", "/api/v1/checkin-templates", body)
    form = await post_form(coordinator, "/checkin-templates/", typed)
    assert api.status_code == form.status_code == 400
    assert api.json()["extra"] == [{"key": "kind", "message": KIND}]
    assert KIND in form.text and "Hackathon debrief" in form.text

    api = await send_json(coordinator, "POST", "/api/v1/checkin-templates", {**body, "kind": "closing"})
    form = await post_form(coordinator, "/checkin-templates/", {**typed, "title": "Retro", "kind": "closing"})
    assert api.status_code == 201 and api.json()["kind"] == "closing"
    assert form.status_code == 303


async def test_the_template_schema_still_lists_the_kinds(pair: Pair) -> None:
    schema = (await pair.clients["coordinator"].get("/schema/openapi.json")).json()

    kind = schema["components"]["schemas"]["TemplateIn"]["properties"]["kind"]
    assert kind["enum"] == ["first", "regular", "closing", "topic"]
