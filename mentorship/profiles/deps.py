"""Dependency providers for profiles."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.profiles.services import ProfileService


async def provide_profiles(db_session: NamedDependency[AsyncSession]) -> ProfileService:
    """The profile service on the request's database session."""
    return ProfileService(db_session)
