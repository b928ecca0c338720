"""The check-in cadence has one rule, weekly to quarterly, for the API and the form (issue 15, item 4)."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from mentorship.relationships.access import RelationshipInvalid
from mentorship.relationships.lifecycle import check_cadence, parse_cadence
from tests.helpers import post_form, send_json
from tests.relationships.conftest import start

Clients = dict[str, AsyncTestClient[Litestar]]
MESSAGE = "Enter a number of days from 7 to 90."


@pytest.mark.parametrize("days", [0, 6, 91, 365])
def test_out_of_range_cadence_is_refused_by_the_one_rule(days: int) -> None:
    with pytest.raises(RelationshipInvalid) as refused:
        check_cadence(days)
    with pytest.raises(RelationshipInvalid) as typed:
        parse_cadence({"days": str(days)})

    assert refused.value.errors == typed.value.errors == {"days": MESSAGE}


def test_in_range_cadence_is_the_same_number_from_the_form() -> None:
    assert check_cadence(7) == parse_cadence({"days": "7"}) == 7
    assert check_cadence(90) == parse_cadence({"days": " 90 "}) == 90


async def test_api_and_form_refuse_the_same_cadence_with_the_same_message(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)

    api = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/cadence", {"days": 200})
    form = await post_form(clients["ana"], f"/relationships/{rid}/cadence", {"days": "200"})

    assert api.status_code == form.status_code == 400
    assert api.json()["extra"] == [{"key": "days", "message": MESSAGE}]
    assert MESSAGE in form.text


async def test_api_and_form_accept_the_same_cadence(quiet: Settings, clients: Clients) -> None:
    rid = await start(quiet)

    api = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/cadence", {"days": 30})
    form = await post_form(clients["ana"], f"/relationships/{rid}/cadence", {"days": "45"})

    assert api.status_code == 200 and api.json()["cadence_days"] == 30
    assert form.status_code == 303
