"""Background task of cohorts: once a day, ask the live relationships of ended cohorts to complete."""

from __future__ import annotations

from typing import Any

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from saq.types import Context

from mentorship.cohorts.closing import CohortClosing
from mentorship.jobs.tasks import task


@task(timeout=300, retries=1)
async def close_ended_cohorts(ctx: Context) -> dict[str, int]:
    """The daily sweep (each relationship is asked once, so running it again changes nothing)."""
    config: Any = ctx.get("db_config")
    assert isinstance(config, SQLAlchemyAsyncConfig)
    async with config.get_session() as session:
        return await CohortClosing(session).close_ended()
