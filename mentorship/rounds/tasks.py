"""Background task of matching: run a round."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from saq.types import Context

from mentorship.jobs.tasks import database, task
from mentorship.relationships.load import DEFAULT_THRESHOLD
from mentorship.rounds.services import execute_round


@task(timeout=1800, retries=2, heartbeat=60)
async def run_round(ctx: Context, *, round_id: str) -> str:
    """Compute a round's draft proposals (retried if a restart cuts it off)."""
    settings: Any = ctx.get("settings")
    threshold = getattr(settings, "load_threshold", DEFAULT_THRESHOLD)
    await execute_round(database(ctx), UUID(round_id), load_threshold=threshold)
    return round_id
