"""Background jobs: SAQ through litestar-saq, brokered by SQLite, PostgreSQL or Redis.

Register a task: decorate it with `@task(...)` and list its dotted path in `mentorship.jobs.tasks.TASKS`
(see that module). The worker passes `ctx` with `settings` and `db_config` (an advanced-alchemy config:
`async with ctx["db_config"].get_session() as session`). Run CPU-heavy work in a thread
(`await asyncio.to_thread(...)`) so the job's heartbeat and timeout keep working.

Enqueue from a handler, a service or a test::

    job = await enqueue(request.app, "run_round", key=f"round:{round_id}", round_id=str(round_id))
    job = await enqueue(job_queue, run_round, round_id=...)   # `job_queue: NamedDependency[Queue]`

Keyword arguments named like a `saq.Job` field (key, timeout, retries, heartbeat, scheduled, ttl, ...)
set the job; the others are the task's arguments. Enqueue returns None when a job with the same key
is still waiting or running (deduplication by key).

Read its status later, from any worker or process::

    job = await job_status(request.app, job.key)   # None once its ttl has passed
    job.status, job.progress, job.result, job.error   # status: saq.job.Status
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from saq.job import Job, Status
from saq.queue.base import Queue

from mentorship.jobs.tasks import JobFunction, job_options, resolve, task

if TYPE_CHECKING:
    from litestar import Litestar

__all__ = ["Job", "Status", "enqueue", "job_queue", "job_status", "task"]


async def job_queue(target: Litestar | Queue) -> Queue:
    """The app's default queue, connected."""
    from mentorship.jobs.config import QUEUE_NAME, JobsPlugin  # the web stack, only when an app is given

    queue = target if isinstance(target, Queue) else target.plugins.get(JobsPlugin).get_queue(QUEUE_NAME)
    await queue.connect()
    return queue


async def enqueue(target: Litestar | Queue, function: str | JobFunction, **kwargs: Any) -> Job | None:
    """Queue a registered task with its defaults; None if a job with the same key is already pending."""
    name = function if isinstance(function, str) else function.__qualname__
    registered = function if not isinstance(function, str) else resolve().get(name)
    queue = await job_queue(target)
    return await queue.enqueue(name, **{**job_options(registered), **kwargs})


async def job_status(target: Litestar | Queue, key: str) -> Job | None:
    """The stored job with this key: its status, progress, result and error."""
    return await (await job_queue(target)).job(key)
