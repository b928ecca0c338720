"""Dependency providers for programs."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.figures import FIGURES_STORE
from mentorship.programs.questions import QuestionService


async def provide_programs(
    db_session: NamedDependency[AsyncSession], request: Request[Any, Any, Any]
) -> QuestionService:
    """The program service on the request's database session (memberships and questions alike)."""
    return QuestionService(db_session, request.app.stores.get(FIGURES_STORE))
