"""Background tasks of imports: write a confirmed file, then invite the people it added."""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID

from saq.types import Context

from mentorship.engine.stale import suggestions_stale
from mentorship.imports.invitations import BATCH, invite
from mentorship.imports.writing import execute_import
from mentorship.jobs import enqueue
from mentorship.jobs.tasks import database, task
from mentorship.models import ImportStatus, ParticipantImport

PROGRESS_EVERY = 0.5  # seconds between progress writes


@task(timeout=1800, retries=2, heartbeat=60)
async def run_import(ctx: Context, *, import_id: str) -> dict[str, Any]:
    """Write a confirmed upload (retried from the start if cut off), then queue its invitations."""
    job = ctx.get("job")
    written = {"at": 0.0}

    async def progress(fraction: float) -> None:
        # Progress lives on the job, in the queue's store: the import's own transaction holds its rows.
        if job is not None and time.monotonic() - written["at"] > PROGRESS_EVERY:
            written["at"] = time.monotonic()
            await job.update(progress=round(fraction, 3))

    config = database(ctx)
    await execute_import(config, UUID(import_id), progress)
    async with config.get_session() as session:
        found = await session.get(ParticipantImport, UUID(import_id))
        if found is None or found.status is not ImportStatus.DONE or not found.result:
            return {}
        invited = list(found.result.get("invited", []))
        program_id = str(found.program_id)
        await suggestions_stale(session, ctx.get("queue"), programs=[found.program_id])
    queue = ctx.get("queue")
    if queue is None:
        return {"people": found.result.get("people", 0), "invited": len(invited)}
    for start in range(0, len(invited), BATCH):
        await enqueue(
            queue,
            send_import_invitations,
            key=f"import-invitations:{import_id}:{start}",
            program_id=program_id,
            user_ids=invited[start : start + BATCH],
        )
    return {"people": found.result.get("people", 0), "invited": len(invited)}


@task(timeout=600, retries=5)
async def send_import_invitations(ctx: Context, *, program_id: str, user_ids: list[str]) -> int:
    """Email new people a link to choose their password; a mail failure fails the job, which is retried."""
    settings: Any = ctx.get("settings")
    async with database(ctx).get_session() as session:
        return await invite(session, settings, UUID(program_id), [UUID(u) for u in user_ids])
