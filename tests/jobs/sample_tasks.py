"""Tasks the job tests run: in the test process, in a worker subprocess, and in an app's in-process worker."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from saq import Queue, Worker
from sqlalchemy import text

from mentorship.jobs import task
from mentorship.jobs.sqlite_queue import SQLiteQueue


async def echo(_ctx: Any, *, a: int) -> int:
    return a


async def error(_ctx: Any) -> None:
    raise ValueError("oops")


async def sleeper(_ctx: Any, *, seconds: float = 60) -> None:
    await asyncio.sleep(seconds)


FUNCTIONS = [echo, error, sleeper]


@task(timeout=30, retries=2)
async def record(ctx: Any, *, value: str) -> dict[str, Any]:
    """Prove the worker's context reaches the database and the settings."""
    async with ctx["db_config"].get_session() as session:
        one = (await session.execute(text("SELECT 1"))).scalar_one()
    return {"value": value, "one": one, "sqlite": ctx["settings"].is_sqlite}


async def _run_worker(url: str, name: str) -> None:
    # Not build_queue: a worker process that starts fast, without the web stack.
    sqlite = url.startswith("sqlite")
    queue = SQLiteQueue.from_url(url, name=name) if sqlite else Queue.from_url(url, name=name)
    await queue.connect()
    timers = {"sweep": 1, "schedule": 1, "worker_info": 1, "abort": 1}
    worker = Worker(queue, functions=FUNCTIONS, timers=timers)  # type: ignore[arg-type]
    print("ready", flush=True)
    await worker.start()


if __name__ == "__main__":
    asyncio.run(_run_worker(sys.argv[1], sys.argv[2]))
