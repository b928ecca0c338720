"""`mentorship jobs worker`: a worker process beside the web workers, for PostgreSQL or Redis deployments."""

from __future__ import annotations

import logging

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.jobs.config import QUEUE_NAME, build_jobs_plugin


async def run_worker(settings: Settings, *, concurrency: int = 4) -> None:
    """Process jobs until SIGINT or SIGTERM; jobs cut off by the stop are retried."""
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    db_config = build_sqlalchemy_config(settings)
    plugin = build_jobs_plugin(settings, db_config, in_process=False, concurrency=concurrency)
    worker = plugin.get_workers()[QUEUE_NAME]
    await worker.queue.connect()
    try:
        await worker.start()
    finally:
        await worker.queue.disconnect()
        await db_config.get_engine().dispose()
