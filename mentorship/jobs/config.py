"""Build the queue and the litestar-saq plugin from settings: SQLite, PostgreSQL or Redis as the broker."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from litestar.config.app import AppConfig
from litestar.di import Provide
from litestar.serialization import decode_json
from litestar.utils.module_loader import import_string
from litestar_saq import CronJob, QueueConfig, SAQConfig, SAQPlugin, Worker
from litestar_saq.config import serializer
from saq.queue.base import Queue
from saq.types import PartialTimersDict

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.jobs.sqlite_queue import SQLiteQueue
from mentorship.jobs.tasks import PERIODIC, job_options, resolve

if TYPE_CHECKING:
    from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
    from saq.types import Context

QUEUE_NAME = "default"


def build_queue(url: str, name: str = QUEUE_NAME) -> Queue:
    """A SAQ queue for `sqlite:///file`, `postgresql://...` (psycopg) or `redis://...`."""
    options: dict[str, Any] = {"name": name, "dump": serializer, "load": decode_json}
    if url.startswith("sqlite"):
        return SQLiteQueue.from_url(url, **options)
    if url.startswith("postgres"):
        from saq.queue.postgres import PostgresQueue

        return PostgresQueue.from_url(url, min_size=1, max_size=4, **options)
    return Queue.from_url(url, **options)


class JobsPlugin(SAQPlugin):
    """litestar-saq's plugin, plus connecting the queues and an awaited stop of the in-process worker."""

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        app_config = super().on_app_init(app_config)
        app_config.on_startup.insert(0, self.connect_queues)
        # Before litestar-saq's own shutdown hooks, which forget the workers and do not wait for them.
        app_config.on_shutdown.insert(0, self.stop_in_process_workers)
        app_config.dependencies["job_queue"] = Provide(self.provide_job_queue, use_cache=True)
        return app_config

    def get_workers(self) -> dict[str, Worker]:
        workers = super().get_workers()
        for worker in workers.values():
            # Our @task sends heartbeats itself; litestar-saq's manager thread logs a crash on every stop.
            worker._enable_heartbeat_manager = False
        return workers

    async def connect_queues(self) -> None:
        """Connect before the in-process worker starts polling (litestar-saq does not)."""
        for queue in self.get_queues().queues.values():
            await queue.connect()

    async def provide_job_queue(self) -> Queue:
        """The default queue, connected: `job_queue: NamedDependency[Queue]` in a handler."""
        queue = self.get_queue(QUEUE_NAME)
        await queue.connect()
        return queue

    async def stop_in_process_workers(self) -> None:
        """Stop the in-process worker (running jobs are cancelled and retried), then close the queues."""
        # Each step is bounded: a job that ignores its cancellation, or a queue whose pool waits for
        # a connection never given back, once held a shutdown (and a CI run) forever.
        for worker in self.get_workers().values():
            if worker.separate_process:
                continue
            await _bounded(worker.stop(), "stopping the in-process job worker")
            started = getattr(worker, "_saq_asyncio_tasks", None)
            if started is not None:
                with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
                    await asyncio.wait_for(started, 5)
        for queue in self.get_queues().queues.values():
            await _bounded(queue.disconnect(), "closing the job queue")


STOP_SECONDS = 15


async def _bounded(step: Awaitable[Any], what: str) -> None:
    """Run a shutdown step for at most STOP_SECONDS, then go on (logged: the rest still shuts down)."""
    try:
        await asyncio.wait_for(step, STOP_SECONDS)
    except TimeoutError:
        logging.getLogger(__name__).warning(
            "%s took over %s s; going on with the shutdown", what, STOP_SECONDS
        )


def job_options_for_cron(fn: Any) -> dict[str, Any]:
    """The job fields a scheduled task's runs start with (cron jobs take a subset of them)."""
    options = job_options(fn)
    return {key: options[key] for key in ("timeout", "heartbeat", "retries", "ttl")}


def build_jobs_plugin(
    settings: Settings,
    db_config: SQLAlchemyAsyncConfig | None = None,
    *,
    in_process: bool | None = None,
    concurrency: int = 4,
) -> JobsPlugin:
    """The plugin for `create_app` and for `mentorship jobs worker`; tasks come from `tasks.TASKS`."""

    db_config = db_config or build_sqlalchemy_config(settings)

    async def provide_context(ctx: Context) -> None:
        # Tasks reach the settings and the database through ctx, as handlers do through dependencies.
        ctx["settings"] = settings  # type: ignore[typeddict-unknown-key]
        ctx["db_config"] = db_config  # type: ignore[typeddict-unknown-key]

    queue = build_queue(settings.queue_url, settings.queue_name)
    run_in_process = settings.in_process_worker if in_process is None else in_process
    queue_config = QueueConfig(
        broker_instance=queue,
        name=QUEUE_NAME,
        tasks=list(resolve().values()),
        scheduled_tasks=[
            CronJob(function=fn, cron=PERIODIC[path], **job_options_for_cron(fn))
            for path, fn in ((path, import_string(path)) for path in PERIODIC)
        ],
        concurrency=concurrency,
        startup=[provide_context],
        separate_process=not run_in_process,
        timers=PartialTimersDict(schedule=1, worker_info=10, sweep=30, abort=1),
    )
    return JobsPlugin(SAQConfig(queue_configs=[queue_config], queue_instances={QUEUE_NAME: queue}))
