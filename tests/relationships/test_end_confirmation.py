"""Ending a relationship early is asked once more, on a page that says what follows and asks why."""

from __future__ import annotations

import html

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from tests.helpers import post_form
from tests.relationships.conftest import start

Clients = dict[str, AsyncTestClient[Litestar]]


async def status_of(client: AsyncTestClient[Litestar], rid: object) -> str:
    return str((await client.get(f"/api/v1/relationships/{rid}")).json()["status"])


async def test_end_asks_first_and_says_the_pair_is_not_proposed_again(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)

    page = await clients["mia"].get(f"/relationships/{rid}")
    asked = await clients["mia"].get(f"/relationships/{rid}/end")
    after_asking = await status_of(clients["ana"], rid)
    ended = await post_form(clients["mia"], f"/relationships/{rid}/end", {"reason": "We clash on every call"})

    shown = html.unescape(asked.text)
    assert f'href="/relationships/{rid}/end"' in page.text
    assert 'name="reason"' not in page.text
    assert asked.status_code == 200
    assert "End this relationship early?" in shown
    assert "Mia Mentor and Ana will not be paired again: no matching round proposes them" in shown
    assert "This cannot be undone." in shown
    assert f'action="/relationships/{rid}/end"' in asked.text and 'name="reason"' in asked.text
    assert f'href="/relationships/{rid}"' in asked.text  # Cancel
    assert after_asking == "active"
    assert ended.status_code == 303
    assert await status_of(clients["ana"], rid) == "ended"


async def test_ending_without_a_reason_shows_the_confirmation_again_with_the_error(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)

    refused = await post_form(clients["ana"], f"/relationships/{rid}/end", {"reason": "  "})

    assert refused.status_code == 400
    assert "End this relationship early?" in html.unescape(refused.text)
    assert 'id="f-reason-error"' in refused.text and 'aria-invalid="true"' in refused.text
    assert await status_of(clients["ana"], rid) == "active"


async def test_coordinators_may_be_asked_outsiders_may_not_and_a_closed_one_goes_back(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)

    coordinator = await clients["coordinator"].get(f"/relationships/{rid}/end")
    outsider = await clients["out"].get(f"/relationships/{rid}/end")
    await post_form(clients["mia"], f"/relationships/{rid}/end", {"reason": "Moving on"})
    closed = await clients["mia"].get(f"/relationships/{rid}/end", follow_redirects=False)

    assert coordinator.status_code == 200 and "End this relationship early?" in html.unescape(
        coordinator.text
    )
    assert outsider.status_code == 404
    assert closed.status_code == 303 and closed.headers["location"] == f"/relationships/{rid}"
