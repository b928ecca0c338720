"""Fixtures for notification tests: the loopback SMTP server and rows made through the services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.notifications.services import notify
from tests.accounts.conftest import smtp_server

__all__ = ["add_notifications", "smtp_server"]


async def add_notifications(
    settings: Settings, user_id: UUID, items: list[tuple[str, str, str]], *, read: int = 0
) -> list[UUID]:
    """Insert (type, text, link) notifications a minute apart, oldest first; the first `read` are read."""
    config = build_sqlalchemy_config(settings)
    start = datetime.now(UTC) - timedelta(hours=1)
    async with config.get_session() as session:
        notes = []
        for i, (type_, text, link) in enumerate(items):
            note = notify(session, user_id, type_, text, link)
            note.created_at = start + timedelta(minutes=i)
            if i < read:
                note.read_at = start + timedelta(minutes=i, seconds=30)
            notes.append(note)
        await session.commit()
        ids = [note.id for note in notes]
    await config.get_engine().dispose()
    return ids
