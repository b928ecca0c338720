"""Sign-up by emailed link: the answer never says whether the address has an account."""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import cast

from litestar.testing import AsyncTestClient
from saq.types import Context
from sqlalchemy import func, select

from mentorship.accounts.services import AccountError
from mentorship.accounts.signups import SignupService
from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import SignupRequest, User
from tests.accounts.conftest import SmtpServer
from tests.accounts.test_existence import wait_for_mail
from tests.factories import create_user
from tests.helpers import Client, post_form

FORM = {"name": "Amara Okafor", "password": "a long password", "password_confirm": "a long password"}


@asynccontextmanager
async def mailing_client(settings: Settings, smtp_server: SmtpServer) -> AsyncIterator[Client]:
    """A client of an app that sends mail to the test server from its in-process worker."""
    app = create_app(replace(settings, smtp_url=smtp_server.url, in_process_worker=True))
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        yield client


def mail_body(smtp_server: SmtpServer, index: int = 0) -> str:
    return smtp_server.inbox.messages[index].get_payload(decode=True).decode()  # type: ignore[union-attr]


def confirm_path(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/signup/confirm/[\w-]+)", body)
    assert match, body
    return match.group(1)


async def count(settings: Settings, model: type[User] | type[SignupRequest]) -> int:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        total = await session.scalar(select(func.count()).select_from(model))
    await config.get_engine().dispose()
    return int(total or 0)


async def wait_until_handled(settings: Settings) -> None:
    """Wait (bounded) until the app's in-process worker has handled every sign-up request."""
    waiting = (SignupRequest.used_at.is_(None)) & (SignupRequest.token_hash.is_(None))
    config = build_sqlalchemy_config(settings)
    try:
        for _ in range(400):
            async with config.get_session() as session:
                if not await session.scalar(select(func.count()).select_from(SignupRequest).where(waiting)):
                    return
            await asyncio.sleep(0.05)
    finally:
        await config.get_engine().dispose()
    raise AssertionError("a sign-up request is still waiting for its email")


async def signup_token(settings: Settings, email: str, *, expires_in: timedelta = timedelta(hours=24)) -> str:
    """A sign-up request with a token, as the emailed link carries it."""
    token = secrets.token_urlsafe(32)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        session.add(
            SignupRequest(
                email=email,
                name="Raced",
                password_hash="x",
                token_hash=hashlib.sha256(token.encode()).hexdigest(),
                expires_at=datetime.now(UTC) + expires_in,
            )
        )
        await session.commit()
    await config.get_engine().dispose()
    return token


async def test_sign_up_with_an_existing_email_answers_exactly_like_a_new_one(
    client: Client, settings: Settings
) -> None:
    new = await post_form(client, "/signup", {**FORM, "email": "amara@example.org"})
    await create_user(settings, "amara@example.org")
    existing = await post_form(client, "/signup", {**FORM, "email": "Amara@Example.org "})

    assert new.status_code == existing.status_code == 200
    assert new.text == existing.text
    assert "Check your inbox: we sent a link to amara@example.org" in new.text


async def test_the_owner_is_told_someone_tried_and_no_second_account_exists(
    settings: Settings, smtp_server: SmtpServer
) -> None:
    await create_user(settings, "owner@example.org")
    async with mailing_client(settings, smtp_server) as client:
        await post_form(client, "/signup", {**FORM, "email": "owner@example.org"})
        await wait_for_mail(smtp_server, 1)

        await wait_until_handled(settings)  # the job spends the request after sending

    assert [m["To"] for m in smtp_server.inbox.messages] == ["owner@example.org"]
    body = mail_body(smtp_server)
    assert "Someone (hopefully you) tried to create a Mentorship account with this address" in body
    assert "/signup/confirm/" not in body
    assert await count(settings, User) == 1


async def test_one_address_gets_at_most_three_sign_up_emails_an_hour(
    settings: Settings, smtp_server: SmtpServer
) -> None:
    await create_user(settings, "victim@example.org")
    async with mailing_client(settings, smtp_server) as client:
        answers = [
            await post_form(client, "/signup", {**FORM, "email": "victim@example.org"}) for _ in range(6)
        ]
        await wait_until_handled(settings)

    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1
    assert [m["To"] for m in smtp_server.inbox.messages] == ["victim@example.org"] * 3


async def test_sign_up_creates_no_account_until_the_emailed_link_is_confirmed(
    settings: Settings, smtp_server: SmtpServer
) -> None:
    async with mailing_client(settings, smtp_server) as client:
        answer = await post_form(client, "/signup", {**FORM, "email": " Amara@Example.org "})
        await wait_for_mail(smtp_server, 1)
        assert answer.status_code == 200
        assert await count(settings, User) == 0
        assert (await client.get("/api/v1/me")).status_code == 401
        assert smtp_server.inbox.messages[0]["To"] == "amara@example.org"
        path = confirm_path(mail_body(smtp_server))

        # A mail scanner following the link must not use it up.
        for _ in range(2):
            page = await client.get(path, headers={"accept": "text/html"})
            assert page.status_code == 200
            assert "Create my account" in page.text
        assert await count(settings, User) == 0

        confirmed = await post_form(client, path, {})
        again = await post_form(client, path, {})

        assert confirmed.status_code == 303
        assert confirmed.headers["location"] == "/profile/edit"
        me = await client.get("/api/v1/me")
        assert me.status_code == 200
        assert me.json()["email"] == "amara@example.org"
        assert me.json()["name"] == "Amara Okafor"
        assert again.status_code == 400
        assert "/signup" in again.text
    assert await count(settings, User) == 1


async def test_an_expired_link_offers_to_sign_up_again(client: Client, settings: Settings) -> None:
    token = await signup_token(settings, "late@example.org", expires_in=timedelta(minutes=-1))

    page = await client.get(f"/signup/confirm/{token}", headers={"accept": "text/html"})
    attempt = await post_form(client, f"/signup/confirm/{token}", {})

    assert page.status_code == attempt.status_code == 400
    assert "expired or was already used" in page.text
    assert 'href="/signup"' in page.text
    assert await count(settings, User) == 0


async def test_an_account_made_meanwhile_makes_the_link_invalid(client: Client, settings: Settings) -> None:
    token = await signup_token(settings, "twice@example.org")
    await create_user(settings, "twice@example.org")

    attempt = await post_form(client, f"/signup/confirm/{token}", {})

    assert attempt.status_code == 409
    assert "no longer valid" in attempt.text
    assert 'href="/login"' in attempt.text
    assert await count(settings, User) == 1


async def test_ten_simultaneous_confirmations_create_one_account(settings: Settings) -> None:
    token = await signup_token(settings, "raced@example.org")
    config = build_sqlalchemy_config(settings)

    async def confirm() -> bool:
        async with config.get_session() as session:
            try:
                await SignupService(session, settings).confirm(token)
            except AccountError:
                return False
            return True

    outcomes = await asyncio.gather(*(confirm() for _ in range(10)))
    await config.get_engine().dispose()

    assert sorted(outcomes) == [False] * 9 + [True]
    assert await count(settings, User) == 1


async def test_the_periodic_purge_deletes_expired_sign_up_requests_only(settings: Settings) -> None:
    from mentorship.accounts.tasks import purge_expired

    await signup_token(settings, "late@example.org", expires_in=timedelta(minutes=-1))
    await signup_token(settings, "live@example.org")
    config = build_sqlalchemy_config(settings)

    result = await purge_expired(cast(Context, {"settings": settings, "db_config": config}))

    async with config.get_session() as session:
        left = list(await session.scalars(select(SignupRequest.email)))
    await config.get_engine().dispose()
    assert left == ["live@example.org"]
    assert result["signup_requests"] == 1
