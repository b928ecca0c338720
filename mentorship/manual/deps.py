"""Dependency providers for manual matching."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.manual.services import MatchService


async def provide_matches(db_session: NamedDependency[AsyncSession]) -> MatchService:
    """The manual matching service on the request's database session."""
    return MatchService(db_session)
