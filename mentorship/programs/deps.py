"""Dependency providers for programs."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.programs.members import MembershipService


async def provide_programs(db_session: NamedDependency[AsyncSession]) -> MembershipService:
    """The program service on the request's database session."""
    return MembershipService(db_session)
