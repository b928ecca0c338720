"""Dependency providers for profiles."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.figures import FIGURES_STORE
from mentorship.profiles.services import ProfileService


async def provide_profiles(
    db_session: NamedDependency[AsyncSession], request: Request[Any, Any, Any]
) -> ProfileService:
    """The profile service on the request's database session (the roster keeps its totals)."""
    return ProfileService(db_session, request.app.stores.get(FIGURES_STORE))
