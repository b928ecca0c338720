"""Create notifications inside the caller's transaction; list, open and mark them; email preferences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.db import dialect_insert
from mentorship.lib.errors import NotFound
from mentorship.lib.keyset import MAX_LIMIT, Cursor, newer_than, older_than
from mentorship.models import Notification, User

# The notification types, with what each person can switch off for email (all on by default).
TYPES = {
    "proposal": "A new match is proposed to me",
    "request": "A mentee asks me to mentor them",
    "accepted": "Someone accepts, and a relationship starts",
    "declined": "Someone declines or withdraws",
    "reminder": "Reminders before a proposal expires",
    "round": "A matching round I started has finished",
    "relationship": "Changes to my relationships (pause, completion, re-match)",
    "checkin": "Check-ins planned, moved or overdue",
    "support": "Someone asks a coordinator for support (coordinators)",
}


def notify(session: AsyncSession, user_id: UUID, type_: str, text: str, link: str = "") -> Notification:
    """Add an in-app notification to the caller's transaction (its email goes out after the commit)."""
    note = Notification(
        user_id=user_id,
        type=type_,
        text=text,
        link=link,
        created_at=datetime.now(UTC),
        read_at=None,
        email_status="pending",
    )
    session.add(note)
    return note


async def notify_once(
    session: AsyncSession,
    user_id: UUID,
    key: str,
    type_: str,
    text: str,
    link: str = "",
    items: Sequence[Mapping[str, str]] | None = None,
) -> bool:
    """Add a notification for one event unless this person already has one with its key (True if added)."""
    values = {
        "id": uuid4(),
        "user_id": user_id,
        "key": key,
        "type": type_,
        "text": text,
        "link": link,
        "items": [dict(item) for item in items] if items else None,
        "created_at": datetime.now(UTC),
        "email_status": "pending",
        "email_attempts": 0,
    }
    # Insert-or-ignore: the unique (user_id, key) makes a second run, or a second worker, a no-op.
    statement = (
        dialect_insert(session, Notification)
        .values(values)
        .on_conflict_do_nothing(index_elements=["user_id", "key"])
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


def email_choices(stored: Mapping[str, Any] | None) -> dict[str, bool]:
    """Every type with whether its email is on; a type never chosen is on."""
    stored = stored or {}
    return {type_: bool(stored.get(type_, True)) for type_ in TYPES}


def wants_email(stored: Mapping[str, Any] | None, type_: str) -> bool:
    """Whether a person with these stored choices gets an email for this type."""
    return bool((stored or {}).get(type_, True))


class NotificationNotFound(NotFound):
    """No such notification for this person (someone else's looks the same as a missing one)."""


@dataclass(frozen=True)
class NotificationPage:
    """One page of a person's notifications, newest first, with the cursors either side ('' for none)."""

    items: list[Notification]
    total: int
    unread: int
    older: str = ""
    newer: str = ""


def _cursor(note: Notification) -> str:
    return Cursor(note.created_at, note.id).encode()


class NotificationService:
    """One person's notifications and email choices; every query is scoped to that person."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def unread_count(self, user_id: UUID) -> int:
        """How many notifications the person has not opened."""
        query = select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
        return await self.session.scalar(query) or 0

    async def page(
        self,
        user_id: UUID,
        before: Cursor | None = None,
        after: Cursor | None = None,
        limit: int = 20,
        unread_only: bool = False,
    ) -> NotificationPage:
        """The person's notifications, newest first: older than ``before``, or the page above ``after``."""
        where = [Notification.user_id == user_id]
        if unread_only:
            where.append(Notification.read_at.is_(None))
        limit = min(max(1, limit), MAX_LIMIT)
        # One person's count, from the (user_id, created_at, id) index: it does not grow with the community.
        total = await self.session.scalar(select(func.count()).where(*where)) or 0
        unread = await self.unread_count(user_id)
        at, row_id = Notification.created_at, Notification.id
        if after is not None:
            found = list(
                await self.session.scalars(
                    select(Notification)
                    .where(*where, newer_than(at, row_id, after))
                    .order_by(at, row_id)
                    .limit(limit + 1)
                )
            )
            if len(found) > limit:
                found = found[:limit][::-1]
                return NotificationPage(found, total, unread, _cursor(found[-1]), _cursor(found[0]))
            before = None  # fewer than a page is newer: show the first page whole
        if before is not None:
            where.append(older_than(at, row_id, before))
        found = list(
            await self.session.scalars(
                select(Notification).where(*where).order_by(at.desc(), row_id.desc()).limit(limit + 1)
            )
        )
        older = _cursor(found[limit - 1]) if len(found) > limit else ""
        found = found[:limit]
        newer = "" if before is None else (_cursor(found[0]) if found else before.encode())
        return NotificationPage(found, total, unread, older, newer)

    async def open(self, user_id: UUID, notification_id: UUID) -> Notification:
        """Mark one of the person's notifications read and return it."""
        note = await self.session.scalar(
            select(Notification).where(Notification.id == notification_id, Notification.user_id == user_id)
        )
        if note is None:
            raise NotificationNotFound
        if note.read_at is None:
            note.read_at = datetime.now(UTC)
            await self.session.commit()
        return note

    async def mark_read(self, user_id: UUID, ids: Sequence[UUID] | None = None) -> int:
        """Mark the given notifications (or all, when ids is None) read; others' ids are ignored."""
        query = (
            update(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
            .values(read_at=datetime.now(UTC))
        )
        if ids is not None:
            if not ids:
                return 0
            query = query.where(Notification.id.in_(list(ids)))
        result = await self.session.execute(query.execution_options(synchronize_session=False))
        await self.session.commit()
        return int(getattr(result, "rowcount", 0) or 0)

    async def email_choices(self, user_id: UUID) -> dict[str, bool]:
        """The person's email choices, one per type."""
        stored = await self.session.scalar(select(User.email_preferences).where(User.id == user_id))
        return email_choices(stored)

    async def set_email_choices(self, user_id: UUID, choices: Mapping[str, bool]) -> dict[str, bool]:
        """Replace the person's email choices; a type left out is on."""
        cleaned = {type_: bool(choices.get(type_, True)) for type_ in TYPES}
        await self.session.execute(update(User).where(User.id == user_id).values(email_preferences=cleaned))
        await self.session.commit()
        return cleaned
