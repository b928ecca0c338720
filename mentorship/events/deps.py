"""Dependency providers for the history."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.services import EventService


async def provide_events(db_session: NamedDependency[AsyncSession]) -> EventService:
    """The history service on the request's database session."""
    return EventService(db_session)
