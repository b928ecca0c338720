"""Dependency providers for the relationships."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.relationships.services import RelationshipService


async def provide_relationships(db_session: NamedDependency[AsyncSession]) -> RelationshipService:
    """The relationship service on the request's database session."""
    return RelationshipService(db_session)
