"""Background tasks of proposals: expire the unanswered ones and remind people a day before."""

from __future__ import annotations

from datetime import timedelta

from saq.types import Context

from mentorship.jobs.tasks import database, task
from mentorship.proposals.services import expire_and_remind


@task(timeout=300, retries=1)
async def expire_proposals(ctx: Context) -> dict[str, int]:
    """Expire proposals past their date and remind people a day before."""
    async with database(ctx).get_session() as session:
        return await expire_and_remind(session, timedelta(days=1))
