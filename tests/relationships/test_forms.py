"""Relationship forms keep what was typed on error, and their addresses never answer 405 when reloaded."""

from __future__ import annotations

import html

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from tests.helpers import post_form, send_json
from tests.relationships.conftest import start

Clients = dict[str, AsyncTestClient[Litestar]]


async def test_reloading_any_relationship_form_address_goes_back_to_the_page(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)
    goal = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/goals", {"title": "Talk"})
    base = f"/relationships/{rid}"
    goal_path = f"{base}/goals/{goal.json()['id']}"
    # Opening the end address asks for confirmation instead (see test_end_confirmation.py).
    paths = [f"{base}/{form}" for form in ("goals", "pause", "resume", "cadence", "rematch")]

    for path in [*paths, goal_path, f"{goal_path}/notes"]:
        response = await clients["ana"].get(path, follow_redirects=False)
        assert response.status_code == 303, (path, response.status_code)
        assert response.headers["location"] == base
    assert (await clients["out"].get(f"{base}/pause", follow_redirects=False)).status_code == 404


async def test_goal_error_keeps_the_typed_description(quiet: Settings, clients: Clients) -> None:
    rid = await start(quiet)
    text = "A long description of what we want, " * 20

    response = await post_form(
        clients["ana"], f"/relationships/{rid}/goals", {"form": "goal-new", "title": " ", "description": text}
    )

    assert response.status_code == 400
    assert 'id="f-title-error"' in response.text
    assert text.strip() in html.unescape(response.text)
