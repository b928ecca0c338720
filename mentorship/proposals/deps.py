"""Dependency providers for the proposals and requests."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.proposals.services import ProposalService


async def provide_proposals(db_session: NamedDependency[AsyncSession]) -> ProposalService:
    """The proposal service on the request's database session."""
    return ProposalService(db_session)
