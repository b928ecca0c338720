"""Queues on every broker the app supports: an SQLite file, PostgreSQL and Redis, one fresh name per test."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from saq.job import Job, Status
from saq.queue.base import Queue

from mentorship.jobs.config import build_queue
from tests.conftest import IN_CI, require_postgres
from tests.databases import create_postgres_database, drop_postgres_database, in_thread

REDIS_URL = "redis://127.0.0.1:6379/0"
BROKERS = ["sqlite", "postgresql", "redis"]
QueueFactory = Callable[[], Awaitable[Queue]]


def require_redis() -> None:
    """Skip loudly when Redis is missing; in CI that is a failure instead."""

    async def ping() -> None:
        client = aioredis.from_url(REDIS_URL, socket_connect_timeout=2)
        try:
            await client.ping()
        finally:
            await client.aclose()

    try:
        in_thread(lambda: asyncio.run(ping()))
    except (OSError, aioredis.RedisError) as exc:
        if IN_CI:
            pytest.fail(f"Redis at {REDIS_URL} is unreachable: {exc!r} (CI=true: Redis tests must run)")
        pytest.skip(f"SKIPPING REDIS TESTS: Redis at {REDIS_URL} is unreachable: {exc!r}")


@pytest.fixture(scope="session")
def postgres_queue_url() -> Iterator[str]:
    """One database for the run's PostgreSQL queues; each test uses its own queue name in it."""
    require_postgres()
    url = create_postgres_database("jobs")
    try:
        yield url.replace("postgresql+asyncpg://", "postgresql://", 1)
    finally:
        drop_postgres_database(url)


@pytest.fixture(scope="session")
def redis_available() -> None:
    require_redis()


@pytest.fixture(params=BROKERS)
def broker_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of one broker; PostgreSQL and Redis are shared, so names keep tests apart."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'queue.db'}"
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_queue_url"))
    request.getfixturevalue("redis_available")
    return REDIS_URL


@pytest.fixture
async def make_queue(broker_url: str) -> AsyncIterator[QueueFactory]:
    """Connected queues on one broker under one fresh name: several stand for several worker processes."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    queues: list[Queue] = []

    async def make() -> Queue:
        queue = build_queue(broker_url, name)
        await queue.connect()
        queues.append(queue)
        return queue

    yield make
    if broker_url.startswith("redis"):
        await _delete_redis_keys(name)
    for queue in queues:
        await queue.disconnect()


@pytest.fixture
async def queue(make_queue: QueueFactory) -> Queue:
    return await make_queue()


async def _delete_redis_keys(name: str) -> None:
    client = aioredis.from_url(REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter(match=f"*{name}*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


async def wait_for_status(queue: Queue, key: str, *statuses: Status, timeout: float = 15) -> Job:  # noqa: ASYNC109
    """Poll the stored job until it reaches one of the statuses (no fixed sleeps in tests)."""
    deadline = time.monotonic() + timeout
    job = None
    while time.monotonic() < deadline:
        job = await queue.job(key)
        if job is not None and job.status in statuses:
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {key} is {job.status if job else 'missing'}, expected one of {statuses}")
