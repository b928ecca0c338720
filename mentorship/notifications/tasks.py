"""Background task: email notifications after the transaction that created them commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import Any
from uuid import UUID

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from litestar import Litestar
from saq.job import Job
from saq.queue.base import Queue
from saq.types import Context

from mentorship.config import Settings
from mentorship.jobs import enqueue
from mentorship.jobs.tasks import task
from mentorship.notifications.delivery import deliver_emails


@task(timeout=300, retries=2)
async def send_notification_emails(
    ctx: Context, *, notification_ids: list[str] | None = None
) -> dict[str, int]:
    """Email the given pending notifications (every recent pending or due retry when no ids are given)."""
    db_config: Any = ctx.get("db_config")
    settings: Any = ctx.get("settings")
    assert isinstance(db_config, SQLAlchemyAsyncConfig) and isinstance(settings, Settings)
    ids = None if notification_ids is None else [UUID(str(note_id)) for note_id in notification_ids]
    return asdict(await deliver_emails(db_config.get_session, settings, ids))


async def queue_emails(target: Litestar | Queue, notification_ids: Iterable[UUID]) -> Job | None:
    """Queue the emails of notifications just committed; call it after the commit, never before."""
    ids = [str(note_id) for note_id in notification_ids]
    if not ids:
        return None
    return await enqueue(target, send_notification_emails, notification_ids=ids)
