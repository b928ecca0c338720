"""Dependency providers for notifications."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import current_user
from mentorship.models import User
from mentorship.notifications.services import NotificationService


async def provide_notifications(db_session: NamedDependency[AsyncSession]) -> NotificationService:
    """The notification service on the request's database session."""
    return NotificationService(db_session)


def me(request: Request[Any, Any, Any]) -> User:
    """The signed-in user (routes here are guarded)."""
    user = current_user(request)
    assert user is not None
    return user
