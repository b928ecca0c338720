"""A notification email that cannot be sent is tried again later, a bounded number of times."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Notification
from mentorship.notifications.delivery import MAX_EMAIL_ATTEMPTS, deliver_emails
from tests.accounts.conftest import Inbox, SmtpServer, serving
from tests.factories import create_user
from tests.notifications.conftest import add_notifications


@dataclasses.dataclass
class FlakyInbox(Inbox):
    """Refuses the first `failures` messages with a temporary error, then accepts."""

    failures: int = 1

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.failures > 0:
            self.failures -= 1
            return "451 Try again later"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def flaky_smtp_server() -> Iterator[SmtpServer]:
    """A loopback SMTP server that fails once and then works."""
    with serving(FlakyInbox()) as server:
        yield server


async def make_retry_due(settings: Settings) -> None:
    """Move every waiting retry to the past, as if its backoff had passed."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        await session.execute(
            update(Notification).values(email_retry_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        await session.commit()
    await config.get_engine().dispose()


async def email_state(settings: Settings) -> tuple[str, int, datetime | None]:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        row = (
            await session.execute(
                select(Notification.email_status, Notification.email_attempts, Notification.email_retry_at)
            )
        ).one()
    await config.get_engine().dispose()
    return row.email_status, row.email_attempts, row.email_retry_at


async def test_a_failed_email_is_sent_by_a_later_sweep_once_the_server_works(
    settings: Settings, flaky_smtp_server: SmtpServer
) -> None:
    ana = await create_user(settings, "ana@example.org")
    ids = await add_notifications(settings, ana.id, [("request", "Carla asks you", "/r/2")])
    mailing = dataclasses.replace(settings, smtp_url=flaky_smtp_server.url)
    config = build_sqlalchemy_config(mailing)

    first = await deliver_emails(config.get_session, mailing, ids)
    too_soon = await deliver_emails(config.get_session, mailing)
    status, attempts, retry_at = await email_state(settings)
    await make_retry_due(settings)
    later = await deliver_emails(config.get_session, mailing)
    await config.get_engine().dispose()

    assert (first.failed, too_soon.sent, too_soon.failed, later.sent) == (1, 0, 0, 1)
    assert (status, attempts) == ("retry", 1)
    assert retry_at is not None and retry_at > datetime.now(UTC)
    assert [m["To"] for m in flaky_smtp_server.inbox.messages] == ["ana@example.org"]
    assert (await email_state(settings))[:2] == ("sent", 2)


async def test_an_email_that_keeps_failing_is_given_up_with_a_logged_error(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    ana = await create_user(settings, "ana@example.org")
    await add_notifications(settings, ana.id, [("request", "Carla asks you", "/r/2")])
    mailing = dataclasses.replace(settings, smtp_url="smtp+insecure://127.0.0.1:1")
    config = build_sqlalchemy_config(mailing)

    failures = []
    for _ in range(MAX_EMAIL_ATTEMPTS + 2):
        failures.append((await deliver_emails(config.get_session, mailing)).failed)
        await make_retry_due(settings)
    await config.get_engine().dispose()

    assert failures == [1] * MAX_EMAIL_ATTEMPTS + [0, 0]
    assert (await email_state(settings))[:2] == ("failed", MAX_EMAIL_ATTEMPTS)
    given_up = [r for r in caplog.records if r.levelno == logging.ERROR and "giving up" in r.getMessage()]
    assert len(given_up) == 1
