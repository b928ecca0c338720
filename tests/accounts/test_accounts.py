"""Sign-up form errors, sign-in, sessions, rate limits and password changes."""

from __future__ import annotations

from litestar import Litestar

from mentorship.config import Settings
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form


async def test_sign_up_shows_errors_inline_next_to_each_field(client: Client) -> None:
    response = await post_form(
        client,
        "/signup",
        {"name": "", "email": "not-an-email", "password": "short", "password_confirm": "short"},
    )

    assert response.status_code == 400
    assert 'id="f-name-error"' in response.text
    assert "Enter a valid email address" in response.text
    assert "Use at least 10 characters." in response.text
    assert 'value="not-an-email"' in response.text  # what was typed stays


async def test_failed_login_does_not_say_whether_the_email_exists(client: Client, settings: Settings) -> None:
    await create_user(settings, "known@example.org")

    known = await post_form(client, "/login", {"email": "known@example.org", "password": "wrong password"})
    unknown = await post_form(client, "/login", {"email": "nobody@example.org", "password": "wrong password"})

    assert known.status_code == unknown.status_code == 400
    assert "That email and password do not match an account." in known.text
    assert "That email and password do not match an account." in unknown.text


async def test_login_rotates_the_session_id(client: Client, settings: Settings) -> None:
    await create_user(settings, "rotate@example.org")
    await client.get("/login")
    client.cookies.set("session", "attacker-chosen-session-id", domain="testserver.local")

    await login(client, "rotate@example.org", PASSWORD)

    issued = [cookie.value for cookie in client.cookies.jar if cookie.name == "session"]
    assert issued and "attacker-chosen-session-id" not in issued


async def test_session_is_shared_by_two_app_instances(client: Client, settings: Settings) -> None:
    await create_user(settings, "worker@example.org")
    await login(client, "worker@example.org", PASSWORD)
    from litestar.testing import AsyncTestClient

    from mentorship.app import create_app

    second_worker = create_app(settings)
    async with AsyncTestClient(app=second_worker, base_url="http://testserver.local") as other:
        other.cookies.set("session", client.cookies["session"])
        response = await other.get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["email"] == "worker@example.org"


async def test_login_is_rate_limited_per_account(client: Client, settings: Settings) -> None:
    await create_user(settings, "target@example.org")
    for _ in range(5):
        await post_form(client, "/login", {"email": "target@example.org", "password": "guess"})

    response = await post_form(client, "/login", {"email": "target@example.org", "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.text


async def test_logout_ends_the_session(client: Client, settings: Settings) -> None:
    await create_user(settings, "bye@example.org")
    await login(client, "bye@example.org", PASSWORD)

    await post_form(client, "/logout", {})

    assert (await client.get("/api/v1/me")).status_code == 401


async def test_change_password_requires_the_current_one(
    client: Client, settings: Settings, app: Litestar
) -> None:
    await create_user(settings, "change@example.org")
    await login(client, "change@example.org", PASSWORD)

    wrong = await post_form(
        client,
        "/account/password",
        {"current_password": "nope", "password": "new password 1", "password_confirm": "new password 1"},
    )
    right = await post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "password": "new password 1", "password_confirm": "new password 1"},
    )

    assert wrong.status_code == 400
    assert "Your current password is not correct." in wrong.text
    assert right.status_code == 303
    await post_form(client, "/logout", {})
    await login(client, "change@example.org", "new password 1")
