"""The rounds API and the rounds form build one struct and check it by one rule (issue 15, item 4)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from mentorship.models import Kind
from mentorship.rounds.forms import RoundIn, RoundInvalid
from mentorship.rounds.services import RoundOptions
from tests.factories import PASSWORD
from tests.helpers import login, post_form, send_json
from tests.rounds.conftest import community

Clients = dict[str, AsyncTestClient[Litestar]]
SCORE = "Enter a number from 0 to 1."
HOURS = "Enter a number from 0 to 26."
LINE = 'Line 2: write "mentee email, mentor email".'


def refusal(check: Any) -> dict[str, str]:
    with pytest.raises(RoundInvalid) as refused:
        check()
    return refused.value.errors


@pytest.mark.parametrize(
    ("body", "form", "field", "message"),
    [
        ({"kind": "solo"}, {"kind": "solo"}, "kind", "Choose traditional, group or peer."),
        ({"min_score": 2}, {"min_score": "2"}, "min_score", SCORE),
        ({"max_hours_apart": 30}, {"max_hours_apart": "30"}, "max_hours_apart", HOURS),
        ({"group_min": 5, "group_max": 3}, {"group_min": "5", "group_max": "3"},
         "group_max", "The largest group cannot be smaller than the smallest."),
        ({"exclude": [["a@x.org", "m@x.org"], ["a@x.org"]]}, {"exclude": "a@x.org, m@x.org\na@x.org"},
         "exclude", LINE),
    ],
)  # fmt: skip
def test_round_options_from_a_body_and_a_form_are_refused_by_the_same_rule(
    body: dict[str, Any], form: dict[str, str], field: str, message: str
) -> None:
    from_api = refusal(lambda: msgspec.convert(body, RoundIn).checked())
    from_form = refusal(lambda: RoundIn.from_form(form).checked())

    assert from_api == from_form == {field: message}


def test_good_round_options_come_out_the_same_from_a_body_and_a_form() -> None:
    body = {
        "kind": "group",
        "min_score": 0.1,
        "group_min": 3,
        "group_max": 4,
        "exclude": [["Ana@x.org", "m@x.org"]],
    }
    form = {
        "kind": "group",
        "min_score": "0.1",
        "group_min": "3",
        "group_max": "4",
        "exclude": "ana@x.org, m@x.org\n",
    }

    expected = RoundOptions(Kind.GROUP, 0.1, None, 3, 4, (("ana@x.org", "m@x.org"),))
    assert msgspec.convert(body, RoundIn).checked() == RoundIn.from_form(form).checked() == expected


@pytest.mark.parametrize("size", ["1e400", "nan", "-inf"])
def test_a_group_size_beyond_any_number_is_refused_by_the_range_rule(size: str) -> None:
    errors = refusal(lambda: RoundIn.from_form({"group_min": size}).checked())

    assert errors == {"group_min": "Enter a number from 2 to 20."}


def test_a_form_number_that_is_no_number_is_reported_with_the_rules_other_findings() -> None:
    errors = refusal(lambda: RoundIn.from_form({"min_score": "high", "kind": "solo"}))

    assert errors == {"min_score": "Enter a number.", "kind": "Choose traditional, group or peer."}


async def test_api_and_form_refuse_the_same_score_alike_and_accept_the_same_options(
    quiet: Settings, clients: Clients
) -> None:
    await community(quiet)
    coordinator = clients["coordinator"]
    await login(coordinator, "coordinator@example.org", PASSWORD)

    api = await send_json(coordinator, "POST", "/api/v1/rounds", {"kind": "traditional", "min_score": 2})
    form = await post_form(
        coordinator, "/rounds/", {"kind": "traditional", "min_score": "2", "group_max": "5"}
    )
    assert api.status_code == form.status_code == 400
    assert api.json()["extra"] == [{"key": "min_score", "message": SCORE}]
    assert SCORE in form.text and 'value="5"' in form.text
    assert (await coordinator.get("/api/v1/rounds")).json() == []

    api = await send_json(coordinator, "POST", "/api/v1/rounds", {"kind": "traditional", "min_score": 0.5})
    form = await post_form(coordinator, "/rounds/", {"kind": "traditional", "min_score": "0.5"})
    assert api.status_code == 202 and api.json()["options"]["min_score"] == 0.5
    assert form.status_code == 303


async def test_the_round_schema_still_lists_the_kinds(quiet: Settings, clients: Clients) -> None:
    schema = (await clients["coordinator"].get("/schema/openapi.json")).json()

    kind = schema["components"]["schemas"]["RoundIn"]["properties"]["kind"]
    assert kind["enum"] == ["traditional", "group", "peer"]
