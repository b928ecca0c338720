"""Publishing and discarding a round are asked once more, with what will happen in the preview's figures."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from tests.factories import PASSWORD
from tests.helpers import login, post_form
from tests.rounds.conftest import community, run_round

Client = AsyncTestClient[Litestar]


@pytest.fixture
async def coordinator(quiet: Settings) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as client:
        yield client


async def ready_round(client: Client, settings: Settings) -> str:
    """A traditional round over the community, run to its preview: Mia-Ana and Max-Ben."""
    await community(settings)
    await login(client, "coordinator@example.org", PASSWORD)
    started = await post_form(client, "/rounds/", {"kind": "traditional", "min_score": "0"})
    path: str = started.headers["location"]
    await run_round(settings, path.rsplit("/", 1)[1])
    return path


async def status(client: Client, path: str) -> str:
    return str((await client.get("/api/v1" + path)).json()["round"]["status"])


async def test_publish_asks_first_with_how_many_proposals_go_to_how_many_people(
    quiet: Settings, coordinator: Client
) -> None:
    path = await ready_round(coordinator, quiet)
    detail = (await coordinator.get("/api/v1" + path)).json()
    ben = next(p for p in detail["proposals"] if "Ben" in {m["name"] for m in p["members"]})
    await post_form(coordinator, f"{path}/proposals/{ben['id']}/remove", {})

    preview = await coordinator.get(path)
    asked = await coordinator.get(f"{path}/publish")
    before = await status(coordinator, path)
    published = await post_form(coordinator, f"{path}/publish", {})

    shown = html.unescape(asked.text)
    assert f'href="{path}/publish"' in preview.text
    assert f'action="{path}/publish"' not in preview.text
    assert asked.status_code == 200 and "Publish this round?" in shown
    # One pairing is left after the removal: Mia and Ana hear about it.
    assert "1 proposal will be sent to 2 people" in shown
    assert "This cannot be undone." in shown
    assert f'action="{path}/publish"' in asked.text and f'href="{path}"' in asked.text
    assert before == "ready"
    assert published.status_code == 303
    assert await status(coordinator, path) == "published"


async def test_discard_asks_first_and_the_confirmation_discards(quiet: Settings, coordinator: Client) -> None:
    path = await ready_round(coordinator, quiet)

    preview = await coordinator.get(path)
    asked = await coordinator.get(f"{path}/discard")
    before = await status(coordinator, path)
    discarded = await post_form(coordinator, f"{path}/discard", {})

    shown = html.unescape(asked.text)
    assert f'href="{path}/discard"' in preview.text
    assert asked.status_code == 200 and "Discard this round?" in shown
    assert "Its 2 draft proposals are deleted; nobody in them was told about them." in shown
    assert "This cannot be undone." in shown
    assert before == "ready"
    assert discarded.status_code == 303
    assert await status(coordinator, path) == "discarded"


async def test_a_published_round_is_not_asked_about_again(quiet: Settings, coordinator: Client) -> None:
    path = await ready_round(coordinator, quiet)
    await post_form(coordinator, f"{path}/publish", {})

    publish = await coordinator.get(f"{path}/publish", follow_redirects=False)
    discard = await coordinator.get(f"{path}/discard", follow_redirects=False)

    assert publish.status_code == 303 and publish.headers["location"] == path
    assert discard.status_code == 303 and discard.headers["location"] == path
