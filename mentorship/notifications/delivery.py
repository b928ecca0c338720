"""Email notifications after the transaction that created them commits, as each person chose."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from uuid import UUID

from litestar import Litestar
from litestar.background_tasks import BackgroundTask
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.mail import Mailer
from mentorship.config import Settings
from mentorship.lib.db import app_db_config
from mentorship.lib.zones import stamps_shown, zone
from mentorship.models import Notification, Profile, User
from mentorship.notifications.services import TYPES, wants_email

logger = logging.getLogger("mentorship.notifications")

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]
# A sweep without ids only looks this far back, so a new deployment never mails old notifications.
SWEEP_WINDOW = timedelta(days=2)
# After a failed attempt the email waits this long before the next one (the periodic sweep sends it);
# after the last attempt it is given up, about 17 hours after the first.
RETRY_DELAYS = (timedelta(minutes=15), timedelta(hours=1), timedelta(hours=4), timedelta(hours=12))
MAX_EMAIL_ATTEMPTS = len(RETRY_DELAYS) + 1


@dataclass(frozen=True)
class Delivery:
    """What one delivery run did."""

    sent: int = 0
    off: int = 0
    failed: int = 0


async def deliver_emails(
    session_factory: SessionFactory, settings: Settings, notification_ids: Iterable[UUID] | None = None
) -> Delivery:
    """Email the pending notifications given (or every recent pending one when ids is None).

    Emails whose retry is due go again too. Call it after the creating transaction commits. Each
    notification is claimed with a conditional UPDATE before sending, so two workers running this for
    the same ids send each email once.
    """
    ids = None if notification_ids is None else list(notification_ids)
    if ids == []:
        return Delivery()
    async with session_factory() as session:
        now = datetime.now(UTC)
        pending = Notification.email_status == "pending"
        if ids is None:
            pending = and_(pending, Notification.created_at >= now - SWEEP_WINDOW)
        due = and_(Notification.email_status == "retry", Notification.email_retry_at <= now)
        query = (
            select(
                Notification.id,
                Notification.type,
                Notification.email_status,
                User.email_preferences,
                User.is_active,
            )
            .join(User, User.id == Notification.user_id)
            .where(or_(pending, due))
            .order_by(Notification.created_at)
        )
        if ids is not None:
            query = query.where(Notification.id.in_(ids))
        rows = (await session.execute(query)).all()
        sent = off = failed = 0
        for row in rows:
            note_id, status = row.id, row.email_status
            if not row.is_active or not wants_email(row.email_preferences, row.type):
                off += await _set_status(session, note_id, status, "off")
                continue
            if not await _set_status(session, note_id, status, "sending"):
                continue  # another worker claimed it
            if await _send(session, settings, note_id):
                sent += 1
            else:
                failed += 1
        return Delivery(sent=sent, off=off, failed=failed)


async def _set_status(session: AsyncSession, note_id: UUID, before: str, after: str, **values: object) -> int:
    if after == "sent":
        values["emailed_at"] = datetime.now(UTC)
    result = await session.execute(
        update(Notification)
        .where(Notification.id == note_id, Notification.email_status == before)
        .values(email_status=after, **values)
        .execution_options(synchronize_session=False)
    )
    await session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


async def _send(session: AsyncSession, settings: Settings, note_id: UUID) -> bool:
    note, email, timezone = (
        await session.execute(
            select(Notification, User.email, Profile.timezone)
            .join(User, User.id == Notification.user_id)
            .outerjoin(Profile, Profile.user_id == User.id)
            .where(Notification.id == note_id)
        )
    ).one()
    attempts = note.email_attempts + 1
    tz = zone(timezone)
    try:
        await Mailer(settings, session).send(email, _subject(note, tz), _body(note, settings, tz))
    except Exception:
        await session.rollback()
        await _failed(session, note_id, attempts)
        return False
    await _set_status(session, note_id, "sending", "sent", email_attempts=attempts)
    return True


async def _failed(session: AsyncSession, note_id: UUID, attempts: int) -> None:
    """Wait before the next attempt, or give up after the last one."""
    if attempts >= MAX_EMAIL_ATTEMPTS:
        logger.exception("Could not email notification %s after %d attempts: giving up", note_id, attempts)
        await _set_status(session, note_id, "sending", "failed", email_attempts=attempts, email_retry_at=None)
        return
    delay = RETRY_DELAYS[attempts - 1]
    logger.warning(
        "Could not email notification %s (attempt %d of %d); trying again in %s",
        *(note_id, attempts, MAX_EMAIL_ATTEMPTS, delay),
        exc_info=True,
    )
    await _set_status(
        session,
        note_id,
        "sending",
        "retry",
        email_attempts=attempts,
        email_retry_at=datetime.now(UTC) + delay,
    )


def _subject(note: Notification, tz: tzinfo = UTC) -> str:
    text = _text(note.text, tz)
    first_line = text.splitlines()[0] if text else TYPES.get(note.type, "")
    return f"Mentorship: {first_line[:120]}"


def _body(note: Notification, settings: Settings, tz: tzinfo = UTC) -> str:
    lines = [_text(note.text, tz), ""]
    if note.items:
        lines += [f"- {_text(item['text'], tz)}: {settings.base_url}{item['link']}" for item in note.items]
        lines += [""]
    if note.link:
        lines += [f"Open it: {settings.base_url}/notifications/{note.id}", ""]
    lines += [
        "--",
        "You get this email because of your notification settings.",
        f"Choose which emails you get: {settings.base_url}/account/notifications",
    ]
    return "\n".join(lines)


def _text(text: str, tz: tzinfo) -> str:
    """A stored text with its times on the recipient's clock, zone named: an email has no page around it."""
    return stamps_shown(text.strip(), tz, label=True)


def email_task(app: Litestar, notification_ids: Iterable[UUID]) -> BackgroundTask:
    """A task for `Response(background=...)`: it runs after the response, so after the handler's commit."""
    return BackgroundTask(
        deliver_emails, app_db_config(app).get_session, app.state.settings, list(notification_ids)
    )
