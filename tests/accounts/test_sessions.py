"""Server-side sessions: stored only when there is something to keep, under ids the server chose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import cast

import pytest
from saq.types import Context
from sqlalchemy import func, insert, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import StoreItem
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form

INVENTED = "b" * 64


async def session_keys(settings: Settings) -> list[str]:
    """The ids of every stored session row."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        keys = list(await session.scalars(select(StoreItem.key).where(StoreItem.namespace == "sessions")))
    await config.get_engine().dispose()
    return keys


def session_cookies(response: object) -> list[str]:
    """The session cookies a response sets."""
    headers = response.headers
    return [value for value in headers.get_list("set-cookie") if value.startswith("session=")]


async def test_anonymous_requests_store_no_session(client: Client, settings: Settings) -> None:
    for _ in range(20):
        health = await client.get("/healthz")
        page = await client.get("/login", headers={"accept": "text/html"})
        assert health.status_code == page.status_code == 200
        assert session_cookies(health) == session_cookies(page) == []

    assert await session_keys(settings) == []


async def test_a_session_id_the_client_invents_is_never_stored_or_sent_back(
    client: Client, settings: Settings
) -> None:
    await create_user(settings, "fixed@example.org")
    client.cookies.set("session", INVENTED, domain="testserver.local")

    anonymous = await client.get("/login", headers={"accept": "text/html"})
    await login(client, "fixed@example.org", PASSWORD)

    assert not any(INVENTED in cookie for cookie in session_cookies(anonymous))
    keys = await session_keys(settings)
    assert len(keys) == 1 and INVENTED not in keys
    assert client.cookies.get("session") == keys[0]


async def test_a_failed_sign_in_with_an_invented_id_stores_nothing(
    client: Client, settings: Settings
) -> None:
    client.cookies.set("session", INVENTED, domain="testserver.local")

    await post_form(client, "/login", {"email": "nobody@example.org", "password": "wrong password"})

    assert INVENTED not in await session_keys(settings)


async def test_malformed_session_cookies_count_as_no_session(client: Client, settings: Settings) -> None:
    await create_user(settings, "cookie@example.org")
    for bad in ("a" * 300, "abc%00def", "%00", "0" * 63 + "%00", "null"):
        client.cookies.clear()
        client.cookies.set("session", bad, domain="testserver.local")

        health = await client.get("/healthz")
        home = await client.get("/", headers={"accept": "text/html"})
        me = await client.get("/api/v1/me")

        assert (health.status_code, home.status_code, me.status_code) == (200, 200, 401), bad
    client.cookies.clear()
    await login(client, "cookie@example.org", PASSWORD)
    assert (await client.get("/api/v1/me")).status_code == 200


async def test_signing_out_deletes_the_session_row(client: Client, settings: Settings) -> None:
    await create_user(settings, "out@example.org")
    await login(client, "out@example.org", PASSWORD)
    assert len(await session_keys(settings)) == 1

    await post_form(client, "/logout", {})

    assert await session_keys(settings) == []


async def test_the_periodic_purge_deletes_expired_sessions_only(settings: Settings) -> None:
    from mentorship.accounts.tasks import purge_expired

    config = build_sqlalchemy_config(settings)
    now = datetime.now(UTC)
    async with config.get_session() as session:
        for key, expires_at in (("old", now - timedelta(minutes=1)), ("live", now + timedelta(days=1))):
            await session.execute(
                insert(StoreItem).values(key=key, namespace="sessions", value=b"{}", expires_at=expires_at)
            )
        await session.commit()

    result = await purge_expired(cast(Context, {"settings": settings, "db_config": config}))

    async with config.get_session() as session:
        left = list(await session.scalars(select(StoreItem.key)))
        count = await session.scalar(select(func.count()).select_from(StoreItem))
    await config.get_engine().dispose()
    assert left == ["live"] and count == 1
    assert result["sessions"] == 1


async def _session_row(settings: Settings) -> tuple[bytes, datetime | None]:
    """The one stored session's value and expiry."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        row = (
            await session.execute(
                select(StoreItem.value, StoreItem.expires_at).where(StoreItem.namespace == "sessions")
            )
        ).one()
    await config.get_engine().dispose()
    return bytes(row[0]), row[1]


async def test_reading_pages_does_not_write_the_session(client: Client, settings: Settings) -> None:
    await create_user(settings, "reader@example.org")
    await login(client, "reader@example.org", PASSWORD)
    before = await _session_row(settings)

    for path in ("/", "/api/v1/me", "/profile", "/api/v1/me"):
        response = await client.get(path, headers={"accept": "text/html"})
        assert response.status_code == 200, path
        # No write means no new cookie either: the one the browser holds stays valid.
        assert session_cookies(response) == [], path

    assert await _session_row(settings) == before
    assert (await client.get("/api/v1/me")).json()["email"] == "reader@example.org"


async def test_an_unchanged_session_slides_its_expiry_once_an_hour(
    client: Client, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time as clock

    from mentorship.accounts import sessions

    await create_user(settings, "slider@example.org")
    await login(client, "slider@example.org", PASSWORD)
    _, expires = await _session_row(settings)
    later = clock.time() + sessions.RENEW_EVERY + 60
    monkeypatch.setattr(sessions.time, "time", lambda: later)

    response = await client.get("/api/v1/me")

    assert response.status_code == 200 and len(session_cookies(response)) == 1
    _, renewed = await _session_row(settings)
    assert expires is not None and renewed is not None and renewed > expires
