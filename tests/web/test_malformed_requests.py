"""Malformed requests get a clear 4xx on both databases, never a 500 (issue 13, item 12)."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.helpers import csrf_token

Client = AsyncTestClient[Litestar]


async def test_a_nul_byte_in_a_path_value_is_not_found(client: Client) -> None:
    feed = await client.get("/calendar/%00.ics")
    topic = await client.get("/api/v1/checkins/%00")
    page = await client.get("/password-reset/ab%00cd", headers={"accept": "text/html"})

    assert (feed.status_code, topic.status_code, page.status_code) == (404, 404, 404)
    assert page.headers["content-type"].startswith("text/html")


async def test_json_nested_too_deep_is_a_bad_request(client: Client) -> None:
    body = "[" * 100_000 + "]" * 100_000
    headers = {"x-csrftoken": await csrf_token(client), "content-type": "application/json"}

    response = await client.post("/api/v1/auth/login", content=body, headers=headers)

    assert response.status_code == 400


async def test_a_body_over_the_limit_is_refused_before_it_is_read(client: Client) -> None:
    headers = {"x-csrftoken": await csrf_token(client), "content-type": "application/json"}
    body = b'{"email": "' + b"a" * 2_000_000 + b'", "password": "x"}'

    response = await client.post("/api/v1/auth/login", content=body, headers=headers)

    assert response.status_code == 413
