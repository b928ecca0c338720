"""The topic API and the curation form build one struct and check it by one rule (issue 15, item 4)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from mentorship.config import Settings
from mentorship.topics.curation import TopicIn, TopicInvalid
from tests.helpers import Client, post_form, send_json
from tests.topics.test_curation import coordinator, topic

LONG_ALIAS = "Keep each other name under 120 characters."


def refusal(check: Any) -> dict[str, str]:
    with pytest.raises(TopicInvalid) as refused:
        check()
    return refused.value.errors


@pytest.mark.parametrize(
    ("body", "form", "field", "message"),
    [
        ({"label": " "}, {"label": " "}, "label", "Give the topic a name."),
        ({"label": "!!"}, {"label": "!!"}, "label", "The name needs at least one letter or digit."),
        ({"label": "Audio", "aliases": ["a" * 121]},
         {"label": "Audio", "aliases": "a" * 121}, "aliases", LONG_ALIAS),
        ({"label": "Audio", "translations": {"e1": "Audio"}},
         {"label": "Audio", "translations": "e1: Audio"}, "translations", "'e1' is not a language code."),
    ],
)  # fmt: skip
def test_a_topic_body_and_form_are_refused_by_the_same_rule(
    body: dict[str, Any], form: dict[str, str], field: str, message: str
) -> None:
    from_api = refusal(lambda: msgspec.convert(body, TopicIn).checked())
    from_form = refusal(lambda: TopicIn.from_form(form).checked())

    assert from_api == from_form == {field: message}


def test_an_unreadable_form_line_is_reported_with_the_rules_other_findings() -> None:
    errors = refusal(lambda: TopicIn.from_form({"label": "", "translations": "es Audio"}))

    assert errors == {
        "label": "Give the topic a name.",
        "translations": 'Line 1: write "code: name", e.g. "es: Edición".',
    }


def test_a_good_topic_comes_out_the_same_from_a_body_and_a_form() -> None:
    body = {
        "label": " Podcasts ",
        "aliases": ["audio", "audio", " radio "],
        "translations": {"ES": "Pódcasts"},
    }
    form = {"label": "Podcasts", "aliases": "audio, audio\nradio", "translations": "es: Pódcasts"}

    assert msgspec.convert(body, TopicIn).checked() == TopicIn.from_form(form).checked()


async def test_api_and_form_refuse_the_same_alias_alike_and_accept_the_same_topic(
    client: Client, settings: Settings
) -> None:
    await coordinator(client, settings)

    api = await send_json(client, "POST", "/api/v1/topics", {"label": "Podcasts", "aliases": ["a" * 121]})
    form = await post_form(client, "/topics/", {"label": "Podcasts", "aliases": "a" * 121})
    assert api.status_code == form.status_code == 400
    assert api.json()["extra"] == [{"key": "aliases", "message": LONG_ALIAS}]
    assert LONG_ALIAS in form.text and "a" * 121 in form.text
    assert await topic(settings, "podcasts") is None

    api = await send_json(client, "POST", "/api/v1/topics", {"label": "Podcasts", "aliases": ["audio"]})
    form = await post_form(client, "/topics/", {"label": "Radio shows", "aliases": "radio"})
    assert api.status_code == 201 and api.json()["aliases"] == ["audio"]
    assert form.status_code == 303


async def test_the_topic_schema_still_describes_the_limits(client: Client, settings: Settings) -> None:
    await coordinator(client, settings)

    schema = (await client.get("/schema/openapi.json")).json()

    label = schema["components"]["schemas"]["TopicIn"]["properties"]["label"]
    assert label["description"] == "Up to 120 characters."
