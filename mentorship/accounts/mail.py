"""Outgoing email: SMTP when configured, otherwise the log (and the development outbox in debug mode)."""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

import anyio.to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.config import Settings
from mentorship.models import OutboxMessage

logger = logging.getLogger("mentorship.mail")


def _send_smtp(smtp_url: str, message: EmailMessage) -> None:
    """Deliver one message: smtp:// uses STARTTLS when offered, smtps:// is TLS from the start."""
    url = urlsplit(smtp_url)
    host = url.hostname or "localhost"
    if url.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            host, url.port or 465, timeout=30, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(host, url.port or 25, timeout=30)
    with client:
        if url.scheme == "smtp" and client.has_extn("starttls"):
            client.starttls(context=ssl.create_default_context())
        if url.username:
            client.login(unquote(url.username), unquote(url.password or ""))
        client.send_message(message)


class Mailer:
    """Sends the product's emails."""

    def __init__(self, settings: Settings, session: AsyncSession) -> None:
        self.settings = settings
        self.session = session

    async def send(self, to: str, subject: str, body: str) -> None:
        """Send a plain-text email, or log it when no SMTP server is configured."""
        message = EmailMessage()
        message["From"] = self.settings.mail_from
        message["To"] = to
        message["Subject"] = subject
        message.set_content(body)
        if self.settings.smtp_url:
            await anyio.to_thread.run_sync(_send_smtp, self.settings.smtp_url, message)
            return
        logger.info("Email to %s (no MENTORSHIP_SMTP_URL set): %s\n%s", to, subject, body)
        if self.settings.debug:
            self.session.add(OutboxMessage(recipient=to, subject=subject, body=body))
