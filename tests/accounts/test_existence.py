"""Whether an account exists never shows in an answer: mail goes out from the job queue."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import cast

from litestar.testing import AsyncTestClient
from saq.types import Context

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from tests.accounts.conftest import SmtpServer
from tests.factories import create_user
from tests.helpers import post_form


async def test_reset_request_answers_alike_for_known_and_unknown_emails_with_the_mail_server_down(
    settings: Settings,
) -> None:
    await create_user(settings, "known@example.org")
    app = create_app(replace(settings, smtp_url="smtp+insecure://127.0.0.1:1", in_process_worker=False))
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        known = await post_form(client, "/password-reset", {"email": "known@example.org"})
        unknown = await post_form(client, "/password-reset", {"email": "unknown@example.org"})

    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text


async def test_the_reset_job_mails_a_known_account_only(settings: Settings, smtp_server: SmtpServer) -> None:
    from mentorship.accounts.tasks import send_password_reset

    await create_user(settings, "known@example.org")
    mailing = replace(settings, smtp_url=smtp_server.url)
    config = build_sqlalchemy_config(mailing)
    ctx = cast(Context, {"settings": mailing, "db_config": config})

    await send_password_reset(ctx, email="unknown@example.org")
    await send_password_reset(ctx, email="known@example.org")
    await config.get_engine().dispose()

    assert [m["To"] for m in smtp_server.inbox.messages] == ["known@example.org"]


async def wait_for_mail(smtp_server: SmtpServer, count: int) -> None:
    """Wait (bounded) until the app's in-process worker has sent `count` emails."""
    for _ in range(200):
        if len(smtp_server.inbox.messages) >= count:
            return
        await asyncio.sleep(0.05)
