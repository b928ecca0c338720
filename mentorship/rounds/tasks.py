"""Background tasks of matching: run a round; expire proposals and send reminders."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from saq.types import Context

from mentorship.jobs.tasks import task
from mentorship.proposals.services import expire_and_remind
from mentorship.relationships.load import DEFAULT_THRESHOLD
from mentorship.rounds.services import execute_round


def _db(ctx: Context) -> SQLAlchemyAsyncConfig:
    """The database config the worker put in the job context."""
    found: Any = ctx.get("db_config")
    assert isinstance(found, SQLAlchemyAsyncConfig)
    return found


@task(timeout=1800, retries=2, heartbeat=60)
async def run_round(ctx: Context, *, round_id: str) -> str:
    """Compute a round's draft proposals (retried if a restart cuts it off)."""
    settings: Any = ctx.get("settings")
    threshold = getattr(settings, "load_threshold", DEFAULT_THRESHOLD)
    await execute_round(_db(ctx), UUID(round_id), load_threshold=threshold)
    return round_id


@task(timeout=300, retries=1)
async def expire_proposals(ctx: Context) -> dict[str, int]:
    """Expire proposals past their date and remind people a day before."""
    async with _db(ctx).get_session() as session:
        return await expire_and_remind(session, timedelta(days=1))
