"""The app shell: home page, health check, OpenAPI, errors, security headers, CSRF."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.routes import UNSAFE, concrete, routes

Client = AsyncTestClient[Litestar]
UNKNOWN_ID = "00000000-0000-0000-0000-000000000001"


async def test_home_page_renders_with_landmarks(client: Client) -> None:
    response = await client.get("/", headers={"accept": "text/html"})

    assert response.status_code == 200
    assert "<main" in response.text
    assert 'aria-label="Main"' in response.text
    assert "The community at a glance" in response.text


async def test_health_check_pings_the_database(client: Client) -> None:
    response = await client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"


async def test_openapi_schema_is_served(client: Client) -> None:
    response = await client.get("/schema/openapi.json")

    assert response.status_code == 200
    assert "/api/v1/community" in response.json()["paths"]


async def test_unknown_page_is_a_friendly_404_for_browsers(client: Client) -> None:
    response = await client.get("/no-such-page", headers={"accept": "text/html"})

    assert response.status_code == 404
    assert "We could not find that page" in response.text
    assert "Back to the home page" in response.text


async def test_unknown_api_path_is_a_json_404(client: Client) -> None:
    response = await client.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.json()["status_code"] == 404


async def test_every_response_carries_security_headers(client: Client) -> None:
    response = await client.get("/")

    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


async def test_every_unsafe_request_without_csrf_token_is_refused(app: Litestar, client: Client) -> None:
    unsafe = [(method, path) for method, path, _ in routes(app) if method in UNSAFE]
    assert len(unsafe) >= 10

    for method, template in unsafe:
        path = concrete(template, {"profile_id": UNKNOWN_ID, "user_id": UNKNOWN_ID})
        response = await client.request(method, path, json={})
        assert response.status_code == 403, (method, path, response.status_code)
