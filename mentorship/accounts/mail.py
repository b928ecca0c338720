"""Outgoing email: SMTP over TLS when configured, else the log (and the development outbox in debug mode)."""

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


class MailError(Exception):
    """The message could not be sent safely; the job that sends it fails and is retried later."""


def _send_smtp(smtp_url: str, message: EmailMessage) -> None:
    """Deliver one message over TLS: smtps:// from the start, smtp:// by STARTTLS or not at all.

    smtp+insecure:// (a local relay) is the only way to send in clear text.
    """
    url = urlsplit(smtp_url)
    host = url.hostname or "localhost"
    if url.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            host, url.port or 465, timeout=30, context=ssl.create_default_context()
        )
    elif url.scheme in {"smtp", "smtp+insecure"}:
        client = smtplib.SMTP(host, url.port or 25, timeout=30)
    else:
        raise MailError(f"Unknown mail URL scheme {url.scheme!r}: use smtp, smtps or smtp+insecure.")
    with client:
        if url.scheme == "smtp":
            client.ehlo()
            if not client.has_extn("starttls"):
                # Credentials and reset links would otherwise cross the network in clear text.
                raise MailError(
                    f"The mail server {host} does not offer STARTTLS: nothing was sent. Use smtps://, "
                    "or smtp+insecure:// only for a relay on a trusted network."
                )
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
            try:
                await anyio.to_thread.run_sync(_send_smtp, self.settings.smtp_url, message)
            except MailError:
                logger.error("Email to %s not sent: %s", to, subject, exc_info=True)
                raise
            return
        logger.info("Email to %s (no MENTORSHIP_SMTP_URL set): %s\n%s", to, subject, body)
        if self.settings.debug:
            self.session.add(OutboxMessage(recipient=to, subject=subject, body=body))
