"""Dependency providers for the topic list."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.topics.curation import TopicCuration


async def provide_curation(db_session: NamedDependency[AsyncSession]) -> TopicCuration:
    """The curation service on the request's database session."""
    return TopicCuration(db_session)
