"""Dependency providers for notifications."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.notifications.services import NotificationService


async def provide_notifications(db_session: NamedDependency[AsyncSession]) -> NotificationService:
    """The notification service on the request's database session."""
    return NotificationService(db_session)
