"""Dependency providers and the request helper the rounds pages and API share."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.jobs import enqueue
from mentorship.lib.figures import FIGURES_STORE
from mentorship.models import Round, User
from mentorship.rounds.services import RoundOptions, RoundService


async def provide_rounds(
    db_session: NamedDependency[AsyncSession], request: Request[Any, Any, Any]
) -> RoundService:
    """The round service on the request's database session (a round's figures are kept)."""
    return RoundService(db_session, request.app.stores.get(FIGURES_STORE))


async def start_round(
    request: Request[Any, Any, Any], rounds: RoundService, me: User, options: RoundOptions
) -> Round:
    """Store the round and queue its job."""
    created = await rounds.create(options, me)
    await enqueue(request.app, "run_round", key=f"round:{created.id}", round_id=str(created.id))
    return created
