"""Dependency providers for programs."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.programs.questions import QuestionService


async def provide_programs(db_session: NamedDependency[AsyncSession]) -> QuestionService:
    """The program service on the request's database session (memberships and questions alike)."""
    return QuestionService(db_session)
