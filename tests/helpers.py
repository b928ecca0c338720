"""Helpers for HTTP tests: CSRF-aware requests and signing in like a browser."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

Client = AsyncTestClient[Litestar]


async def csrf_token(client: Client) -> str:
    """The CSRF token a browser would echo, fetching a page first if no cookie is set yet."""
    token = client.cookies.get("csrftoken")
    if not token:
        await client.get("/login")
        token = client.cookies.get("csrftoken")
    assert token, "the app did not set a csrftoken cookie"
    return token


async def post_form(client: Client, path: str, data: dict[str, Any]) -> Any:
    """Submit a form with the CSRF token, without following redirects."""
    headers = {"x-csrftoken": await csrf_token(client), "accept": "text/html"}
    return await client.post(path, data=data, headers=headers, follow_redirects=False)


async def send_json(client: Client, method: str, path: str, body: Any = None) -> Any:
    """Send a JSON API request with the CSRF token."""
    headers = {"x-csrftoken": await csrf_token(client)}
    return await client.request(method, path, json=body, headers=headers)


async def login(client: Client, email: str, password: str) -> Any:
    """Sign in through the login form."""
    response = await post_form(client, "/login", {"email": email, "password": password})
    assert response.status_code == 303, response.text
    return response
