"""Password reset end to end through a real SMTP server: single use, expiring."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from litestar.testing import AsyncTestClient
from sqlalchemy import update

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import PasswordResetToken
from tests.accounts.conftest import SmtpServer
from tests.accounts.test_existence import wait_for_mail
from tests.factories import create_user
from tests.helpers import login, post_form


def reset_path(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/password-reset/[\w-]+)", body)
    assert match, body
    return match.group(1)


async def test_reset_link_arrives_by_smtp_and_works_once(settings: Settings, smtp_server: SmtpServer) -> None:
    await create_user(settings, "forgetful@example.org")
    app = create_app(replace(settings, smtp_url=smtp_server.url, in_process_worker=True))
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        answer = await post_form(client, "/password-reset", {"email": "Forgetful@example.org"})
        assert answer.status_code == 200
        await wait_for_mail(smtp_server, 1)  # sent by the queue's worker, after the answer
        assert len(smtp_server.inbox.messages) == 1
        mail = smtp_server.inbox.messages[0]
        assert mail["To"] == "forgetful@example.org"
        path = reset_path(mail.get_payload(decode=True).decode())  # type: ignore[union-attr]

        first = await post_form(
            client, path, {"password": "brand new secret", "password_confirm": "brand new secret"}
        )
        second = await post_form(
            client, path, {"password": "another secret!", "password_confirm": "another secret!"}
        )

        assert first.status_code == 303
        assert second.status_code == 400
        await post_form(client, "/logout", {})
        await login(client, "forgetful@example.org", "brand new secret")


async def test_unknown_email_gets_the_same_answer_and_no_mail(
    settings: Settings, smtp_server: SmtpServer
) -> None:
    app = create_app(replace(settings, smtp_url=smtp_server.url, in_process_worker=True))
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        answer = await post_form(client, "/password-reset", {"email": "stranger@example.org"})

    assert answer.status_code == 200
    assert "If an account exists for that address" in answer.text
    assert smtp_server.inbox.messages == []


async def test_expired_reset_link_is_refused(settings: Settings, smtp_server: SmtpServer) -> None:
    await create_user(settings, "late@example.org")
    app = create_app(replace(settings, smtp_url=smtp_server.url, in_process_worker=True))
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        await post_form(client, "/password-reset", {"email": "late@example.org"})
        await wait_for_mail(smtp_server, 1)
        path = reset_path(smtp_server.inbox.messages[0].get_payload(decode=True).decode())  # type: ignore[union-attr]
        config = build_sqlalchemy_config(settings)
        async with config.get_session() as session:
            await session.execute(
                update(PasswordResetToken).values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
            )
            await session.commit()
        await config.get_engine().dispose()

        page = await client.get(path, headers={"accept": "text/html"})
        attempt = await post_form(
            client, path, {"password": "too late now!", "password_confirm": "too late now!"}
        )

    assert page.status_code == 400
    assert "expired or was already used" in page.text
    assert attempt.status_code == 400
