"""SMTP: credentials and links never go out in clear text unless plain delivery is asked for."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from mentorship.accounts.mail import Mailer, MailError
from mentorship.config import Settings
from tests.accounts.conftest import Inbox, _free_port


@dataclasses.dataclass
class PlainServer:
    """An SMTP server that offers AUTH but no STARTTLS, and what reached it."""

    port: int
    inbox: Inbox
    logins: list[Any]


@pytest.fixture
def plain_server() -> Iterator[PlainServer]:
    inbox, logins, port = Inbox(), [], _free_port()

    def authenticate(_server: Any, _session: Any, _envelope: Any, mechanism: str, data: Any) -> AuthResult:
        logins.append((mechanism, data))
        return AuthResult(success=True)

    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=authenticate, auth_require_tls=False
    )
    controller.start()
    try:
        yield PlainServer(port=port, inbox=inbox, logins=logins)
    finally:
        controller.stop()


def mailer(settings: Settings, url: str) -> Mailer:
    return Mailer(dataclasses.replace(settings, smtp_url=url, debug=False), session=None)  # type: ignore[arg-type]


async def test_smtp_without_starttls_never_sends_the_password_or_the_message(
    plain_server: PlainServer, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(database_url="sqlite+aiosqlite:///:memory:", secret_key="x" * 40)
    url = f"smtp://user:s3cret@127.0.0.1:{plain_server.port}"

    with pytest.raises(MailError, match="STARTTLS"), caplog.at_level(logging.ERROR):
        await mailer(settings, url).send("ana@example.org", "Reset", "https://example.org/reset/token")

    assert plain_server.logins == []
    assert plain_server.inbox.messages == []


async def test_smtp_insecure_delivers_in_plain_when_asked_explicitly(plain_server: PlainServer) -> None:
    settings = Settings(database_url="sqlite+aiosqlite:///:memory:", secret_key="x" * 40)
    url = f"smtp+insecure://127.0.0.1:{plain_server.port}"

    await mailer(settings, url).send("ana@example.org", "Hello", "A local relay")

    assert [m["To"] for m in plain_server.inbox.messages] == ["ana@example.org"]
