"""Background task of relationships: resume paused ones, remind about overdue check-ins, tell coordinators."""

from __future__ import annotations

from typing import Any

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from saq.types import Context

from mentorship.jobs.tasks import task
from mentorship.relationships.reminders import nudge_overdue


@task(timeout=300, retries=1)
async def nudge_relationships(ctx: Context) -> dict[str, int]:
    """The periodic nudge (hourly is plenty: each check-in is reminded and escalated once)."""
    config: Any = ctx.get("db_config")
    assert isinstance(config, SQLAlchemyAsyncConfig)
    async with config.get_session() as session:
        return await nudge_overdue(session)
