"""Bulk writes for the demo: rows as dicts, inserted a few thousand per statement (batched executemany)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.db import insert_rows
from mentorship.models import Event, Notification

__all__ = ["Row", "event_row", "fast_sqlite", "insert_rows", "notification_row", "write_history"]

Row = dict[str, Any]


async def fast_sqlite(session: AsyncSession) -> None:
    """On SQLite, skip the fsync per commit for this load's connection (a lost demo is simply reloaded)."""
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(text("PRAGMA synchronous=OFF"))


def event_row(
    type_: str, subject_type: str, subject_id: UUID | None, actor_id: UUID | None = None, **data: Any
) -> Row:
    """The row `events.services.record` would add."""
    return {
        "id": uuid4(),
        "at": datetime.now(UTC),
        "actor_id": actor_id,
        "type": type_,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "data": {key: (str(value) if isinstance(value, UUID) else value) for key, value in data.items()},
    }


def notification_row(user_id: UUID, type_: str, text_: str, link: str = "") -> Row:
    """The row `notifications.services.notify` would add."""
    return {
        "id": uuid4(),
        "user_id": user_id,
        "type": type_,
        "text": text_,
        "link": link,
        "created_at": datetime.now(UTC),
        "read_at": None,
        "email_status": "pending",
    }


async def write_history(session: AsyncSession, events: Iterable[Row], notes: Iterable[Row]) -> None:
    """Insert events and notifications gathered while building a stage."""
    await insert_rows(session, Event, list(events))
    await insert_rows(session, Notification, list(notes))
