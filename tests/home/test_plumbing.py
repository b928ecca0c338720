"""HEAD wherever GET works, one charset on downloads, links on the address served, API docs offline."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form


@pytest.mark.parametrize("path", ["/", "/login", "/healthz", "/api/v1/community", "/schema"])
async def test_head_answers_wherever_get_does(client: Client, path: str) -> None:
    got = await client.get(path)

    headed = await client.head(path)

    assert got.status_code == 200
    assert headed.status_code == 200
    assert headed.content == b""
    assert headed.headers["content-type"] == got.headers["content-type"]


async def test_head_on_a_signed_in_page_answers_like_get(client: Client, settings: Settings) -> None:
    await create_user(settings, "ada@example.org", profile={"is_mentee": True, "timezone": "UTC"})
    await login(client, "ada@example.org", PASSWORD)

    headed = await client.head("/me/calendar")

    assert headed.status_code == 200
    assert headed.content == b""


async def _feed_address(client: Client) -> str:
    await post_form(client, "/me/calendar", {})
    page = (await client.get("/me/calendar")).text
    found = re.search(r"https?://[^\"'<\s]+/calendar/[\w-]+\.ics", page)
    assert found, page
    return found.group(0)


async def test_downloads_name_their_charset_once(client: Client, settings: Settings) -> None:
    await create_user(settings, "coord@example.org", coordinator=True, profile={"is_mentor": True})
    await login(client, "coord@example.org", PASSWORD)
    feed = await client.get((await _feed_address(client)).split("testserver.local", 1)[-1])

    history = await client.get("/events.csv")

    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert history.headers["content-type"] == "text/csv; charset=utf-8"


async def test_calendar_address_is_the_one_the_app_is_served_on(client: Client, settings: Settings) -> None:
    await create_user(settings, "ada@example.org", profile={"is_mentee": True, "timezone": "UTC"})
    await login(client, "ada@example.org", PASSWORD)

    address = await _feed_address(client)

    assert address.startswith("http://testserver.local/calendar/")


async def test_configured_base_url_wins_for_the_calendar_address(settings: Settings) -> None:
    configured = replace(settings, base_url="https://mentoring.example.org")
    await create_user(configured, "ada@example.org", profile={"is_mentee": True, "timezone": "UTC"})
    async with AsyncTestClient(app=create_app(configured), base_url="http://internal:8000") as client:
        await login(client, "ada@example.org", PASSWORD)

        address = await _feed_address(client)

    assert address.startswith("https://mentoring.example.org/calendar/")


def test_base_url_is_unset_unless_the_environment_sets_it() -> None:
    unset = Settings.from_env({"MENTORSHIP_SECRET_KEY": "x"})
    configured = Settings.from_env(
        {"MENTORSHIP_SECRET_KEY": "x", "MENTORSHIP_BASE_URL": "https://m.example/"}
    )

    assert unset.link_base("http://seen.example:8080/") == "http://seen.example:8080"
    assert configured.link_base("http://seen.example:8080/") == "https://m.example"


async def test_api_docs_load_only_local_assets(client: Client) -> None:
    page = await client.get("/schema")

    assets = re.findall(r"(?:src|href)=\"([^\"]+)\"", page.text)
    answers = {asset: (await client.get(asset)).status_code for asset in assets}

    assert page.status_code == 200
    assert assets, page.text
    assert all(asset.startswith("/") and not asset.startswith("//") for asset in assets), assets
    assert set(answers.values()) == {200}, answers
    policy = page.headers["content-security-policy"]
    assert "http" not in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
