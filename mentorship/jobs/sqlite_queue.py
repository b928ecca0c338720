"""A SAQ queue in its own SQLite file, for the embedded default: survives restarts, shared by processes."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import aiosqlite
from saq.job import Job, Status
from saq.queue.base import Queue
from saq.types import CountKind, DumpType, LoadType, QueueInfo, WorkerInfo
from saq.utils import now, now_seconds, uuid1

logger = logging.getLogger("saq")

TERMINAL = ("aborted", "complete", "failed")
SCHEMA = """
CREATE TABLE IF NOT EXISTS saq_jobs (
    queue TEXT NOT NULL,
    key TEXT NOT NULL,
    job BLOB NOT NULL,
    status TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    group_key TEXT,
    scheduled INTEGER NOT NULL,
    expire_at INTEGER,
    PRIMARY KEY (queue, key)
);
CREATE INDEX IF NOT EXISTS saq_jobs_dequeue ON saq_jobs (queue, status, priority, scheduled);
CREATE TABLE IF NOT EXISTS saq_stats (
    worker_id TEXT PRIMARY KEY,
    queue_key TEXT,
    stats TEXT,
    metadata TEXT,
    expire_at INTEGER
);
CREATE TABLE IF NOT EXISTS saq_locks (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expire_at REAL NOT NULL);
"""
DUE = """
SELECT key, job FROM saq_jobs
WHERE queue = :queue AND status = 'queued' AND scheduled <= :now
  AND (group_key IS NULL OR group_key NOT IN (
    SELECT group_key FROM saq_jobs
    WHERE queue = :queue AND status = 'active' AND group_key IS NOT NULL))
ORDER BY priority, scheduled
LIMIT 1
"""
ENQUEUE = """
INSERT INTO saq_jobs (queue, key, job, status, priority, group_key, scheduled)
VALUES (:queue, :key, :job, :status, :priority, :group_key, :scheduled)
ON CONFLICT (queue, key) DO UPDATE SET
  job = excluded.job, status = excluded.status, priority = excluded.priority,
  group_key = excluded.group_key, scheduled = excluded.scheduled, expire_at = NULL
WHERE saq_jobs.status IN ('aborted', 'complete', 'failed') AND excluded.scheduled > saq_jobs.scheduled
RETURNING 1
"""


class SQLiteQueue(Queue):
    """SAQ's Queue over an SQLite file: WAL, a busy timeout, and BEGIN IMMEDIATE around every write.

    Workers in other processes see new jobs by polling every `poll_interval` seconds; a worker in the
    same process is woken at once.
    """

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> SQLiteQueue:
        """Open `sqlite:///relative/path.db` or `sqlite:////absolute/path.db`."""
        parsed = urlparse(url)
        if parsed.scheme != "sqlite" or not parsed.path.startswith("/"):
            raise ValueError(f"Not an SQLite queue URL: {url!r}")
        return cls(Path(parsed.path[1:]), **kwargs)

    def __init__(
        self,
        path: str | Path,
        name: str = "default",
        dump: DumpType | None = None,
        load: LoadType | None = None,
        swept_error_message: str | None = None,
        poll_interval: float = 0.5,
        busy_timeout: float = 30.0,
    ) -> None:
        super().__init__(name=name, dump=dump, load=load, swept_error_message=swept_error_message)
        self.path = Path(path)
        self.poll_interval = poll_interval
        self.busy_timeout = busy_timeout
        self.uuid = uuid1()
        self._db: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        self._holder: asyncio.Task[Any] | None = None
        self._connect_lock = asyncio.Lock()
        self._poll_lock = asyncio.Lock()
        self._wakeup = asyncio.Event()

    def __repr__(self) -> str:
        return f"SQLiteQueue<path={self.path}, name={self.name}>"

    async def connect(self) -> None:
        async with self._connect_lock:
            if self._db is not None:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = await aiosqlite.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.executescript(f"BEGIN IMMEDIATE;{SCHEMA}COMMIT;")
            self._db = db
            await super().connect()

    async def disconnect(self) -> None:
        async with self._connect_lock:
            if self._db is not None:
                await self._db.close()
                self._db = None

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction at a time; nested calls from the same task join the open one."""
        if self._db is None:
            await self.connect()
        assert self._db is not None
        db = self._db
        task = asyncio.current_task()
        if self._holder is task:
            yield db
            return
        async with self._lock:
            self._holder = task
            try:
                await db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                except BaseException:
                    if db.in_transaction:  # SQLite may already have rolled back (e.g. disk full)
                        await db.execute("ROLLBACK")
                    raise
                await db.execute("COMMIT")
            finally:
                self._holder = None

    async def _fetch(self, sql: str, params: dict[str, Any] | list[Any]) -> list[Any]:
        """Run one writing statement in its own transaction and return its rows."""
        async with self._transaction() as db, db.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def _read(self, sql: str, params: dict[str, Any] | list[Any]) -> list[Any]:
        """Read without taking SQLite's write lock (WAL readers never block writers in other processes)."""
        if self._holder is not None and self._holder is asyncio.current_task():
            assert self._db is not None
            async with self._db.execute(sql, params) as cursor:
                return list(await cursor.fetchall())
        if self._db is None:
            await self.connect()
        assert self._db is not None
        async with self._lock, self._db.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def info(self, jobs: bool = False, offset: int = 0, limit: int = 10) -> QueueInfo:
        rows = await self._read(
            "SELECT worker_id, stats, queue_key, metadata FROM saq_stats"
            " WHERE expire_at >= :now AND queue_key = :queue",
            {"now": now_seconds(), "queue": self.name},
        )
        workers: dict[str, WorkerInfo] = {
            worker_id: {"stats": json.loads(stats), "queue_key": queue_key, "metadata": json.loads(metadata)}
            for worker_id, stats, queue_key, metadata in rows
        }
        queued, active, incomplete = [
            await self.count("queued"),
            await self.count("active"),
            await self.count("incomplete"),
        ]
        job_rows = []
        if jobs:
            job_rows = await self._read(
                "SELECT job, status FROM saq_jobs"
                " WHERE queue = :queue AND status IN ('new', 'queued', 'active')"
                " ORDER BY scheduled LIMIT :limit OFFSET :offset",
                {"queue": self.name, "limit": limit, "offset": offset},
            )
        return {
            "workers": workers,
            "name": self.name,
            "queued": queued,
            "active": active,
            "scheduled": incomplete - queued - active,
            "jobs": [job.to_dict() for job in (self.deserialize(*row) for row in job_rows) if job],
        }

    async def count(self, kind: CountKind) -> int:
        where = {
            "queued": "status = 'queued' AND scheduled <= :now",
            "active": "status = 'active'",
            "incomplete": "status IN ('new', 'queued', 'active')",
        }.get(kind)
        if where is None:
            raise ValueError(f"Can't count unknown type {kind}")
        rows = await self._read(
            f"SELECT count(*) FROM saq_jobs WHERE queue = :queue AND {where}",  # noqa: S608
            {"queue": self.name, "now": now_seconds()},
        )
        return int(rows[0][0])

    async def schedule(self, lock: int = 1) -> list[str]:
        # Scheduled jobs wait in the table with a future `scheduled`; dequeue takes them once due.
        self._wakeup.set()
        return []

    async def _take_sweep_lease(self, seconds: float) -> bool:
        """Only one sweeper per queue at a time, across processes; the lease lapses if its holder dies."""
        current = now_seconds()
        rows = await self._fetch(
            "INSERT INTO saq_locks (name, holder, expire_at) VALUES (:name, :holder, :expire)"
            " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expire_at = excluded.expire_at"
            " WHERE saq_locks.holder = :holder OR saq_locks.expire_at < :now RETURNING 1",
            {"name": f"sweep:{self.name}", "holder": self.uuid, "expire": current + seconds, "now": current},
        )
        return bool(rows)

    async def sweep(self, lock: int = 60, abort: float = 5.0) -> list[str]:
        if not await self._take_sweep_lease(lock * 2):
            return []
        current = now_seconds()
        async with self._transaction() as db:
            await db.execute(
                "DELETE FROM saq_jobs WHERE queue = :queue AND status IN ('aborted', 'complete', 'failed')"
                " AND expire_at IS NOT NULL AND expire_at <= :now",
                {"queue": self.name, "now": current},
            )
            await db.execute("DELETE FROM saq_stats WHERE expire_at < :now", {"now": current})
        rows = await self._read(
            "SELECT job, status FROM saq_jobs WHERE queue = :queue AND status IN ('active', 'aborting')",
            {"queue": self.name},
        )
        swept = []
        for payload, status in rows:
            job = self.deserialize(payload, status)
            if not job or not job.stuck:
                continue
            swept.append(job.key)
            logger.info("Sweeping %s", job.info(logger.isEnabledFor(logging.DEBUG)))
            await self.abort(job, error=self.swept_error_message)
            # A live worker that still runs the job cancels it and marks it aborted; a dead one never answers.
            with suppress(asyncio.TimeoutError):
                await job.refresh(abort)
            if job.retryable:
                await self.retry(job, error=self.swept_error_message)
            else:
                await self.finish(job, Status.ABORTED, error=self.swept_error_message)
        return swept

    async def notify(self, job: Job) -> None:
        if job.status is Status.QUEUED:
            self._wakeup.set()

    async def _update(self, job: Job, status: Status | None = None, **kwargs: Any) -> None:
        expire_at = kwargs.pop("expire_at", -1)
        async with self._transaction() as db:
            if status is None:
                async with db.execute(
                    "SELECT status FROM saq_jobs WHERE queue = ? AND key = ?", (self.name, job.key)
                ) as cursor:
                    row = await cursor.fetchone()
                status = Status(row[0]) if row else None
            job.status = status or job.status
            set_expiry = ", expire_at = :expire_at" if expire_at != -1 else ""
            await db.execute(
                f"UPDATE saq_jobs SET job = :job, status = :status, scheduled = :scheduled{set_expiry}"  # noqa: S608
                " WHERE queue = :queue AND key = :key",
                {
                    "job": self.serialize(job),
                    "status": job.status.value,
                    "scheduled": job.scheduled,
                    "expire_at": expire_at,
                    "queue": self.name,
                    "key": job.key,
                },
            )
        await self.notify(job)

    async def job(self, job_key: str) -> Job | None:
        rows = await self._read(
            "SELECT job, status FROM saq_jobs WHERE queue = ? AND key = ?", [self.name, job_key]
        )
        return self.deserialize(*rows[0]) if rows else None

    async def jobs(self, job_keys: Iterable[str]) -> list[Job | None]:
        keys = list(job_keys)
        found: dict[str, Job | None] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = await self._read(
                "SELECT key, job, status FROM saq_jobs"  # noqa: S608
                f" WHERE queue = ? AND key IN ({','.join('?' * len(chunk))})",
                [self.name, *chunk],
            )
            found.update({key: self.deserialize(payload, status) for key, payload, status in rows})
        return [found.get(key) for key in keys]

    async def iter_jobs(
        self,
        statuses: list[Status] = list(Status),  # noqa: B006
        batch_size: int = 100,
    ) -> AsyncIterator[Job]:
        wanted = [Status(status).value for status in statuses]
        last_key = ""
        while True:
            rows = await self._read(
                f"SELECT key, job, status FROM saq_jobs WHERE queue = ? AND key > ?"  # noqa: S608
                f" AND status IN ({','.join('?' * len(wanted))}) ORDER BY key LIMIT ?",
                [self.name, last_key, *wanted, batch_size],
            )
            if not rows:
                return
            for key, payload, status in rows:
                last_key = key
                job = self.deserialize(payload, status)
                if job:
                    yield job

    async def abort(self, job: Job, error: str, ttl: float = 5) -> None:
        # One transaction: a worker in another process cannot take the job between the check and the write.
        async with self._transaction() as db:
            async with db.execute(
                "SELECT status FROM saq_jobs WHERE queue = ? AND key = ?", (self.name, job.key)
            ) as cursor:
                row = await cursor.fetchone()
            if not row or row[0] == Status.QUEUED.value:
                await self.finish(job, Status.ABORTED, error=error)
            else:
                await self.update(job, status=Status.ABORTING, error=error)

    async def dequeue(self, timeout: float = 0.0, poll_interval: float = 0.0) -> Job | None:  # noqa: ASYNC109
        try:
            return await asyncio.wait_for(self._poll(poll_interval or self.poll_interval), timeout or None)
        except TimeoutError:
            return None

    async def _poll(self, interval: float) -> Job:
        # One poller per process; the other waiting coroutines queue up behind it.
        async with self._poll_lock:
            while True:
                self._wakeup.clear()
                job = await self._claim()
                if job is not None:
                    return job
                with suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), interval)

    async def _claim(self) -> Job | None:
        params = {"queue": self.name, "now": now_seconds()}
        if not await self._read(DUE, params):  # idle polls take no write lock
            return None
        async with self._transaction() as db:
            async with db.execute(DUE, params) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            job = self.deserialize(row[1], Status.ACTIVE)
            assert job is not None
            job.started = job.touched = now()
            await self._update(job, status=Status.ACTIVE)
        return job

    async def write_worker_info(self, worker_id: str, info: WorkerInfo, ttl: int) -> None:
        await self._fetch(
            "INSERT INTO saq_stats (worker_id, queue_key, stats, metadata, expire_at)"
            " VALUES (:worker_id, :queue_key, :stats, :metadata, :expire_at)"
            " ON CONFLICT (worker_id) DO UPDATE SET queue_key = excluded.queue_key, stats = excluded.stats,"
            " metadata = excluded.metadata, expire_at = excluded.expire_at",
            {
                "worker_id": worker_id,
                "queue_key": info["queue_key"],
                "stats": json.dumps(info["stats"]),
                "metadata": json.dumps(info["metadata"]),
                "expire_at": now_seconds() + ttl,
            },
        )

    async def _retry(self, job: Job, error: str | None) -> None:
        delay = job.next_retry_delay()
        scheduled = time.time() + delay if delay else (job.scheduled or now_seconds())
        await self.update(job, status=Status.QUEUED, scheduled=int(scheduled), expire_at=None)

    async def _finish(
        self, job: Job, status: Status, *, result: Any = None, error: str | None = None
    ) -> None:
        if job.ttl >= 0:
            expire_at = now_seconds() + job.ttl if job.ttl > 0 else None
            await self.update(job, status=status, expire_at=expire_at)
            return
        async with self._transaction() as db:
            await db.execute("DELETE FROM saq_jobs WHERE queue = ? AND key = ?", (self.name, job.key))

    async def _enqueue(self, job: Job) -> Job | None:
        rows = await self._fetch(
            ENQUEUE,
            {
                "queue": self.name,
                "key": job.key,
                "job": self.serialize(job),
                "status": job.status.value,
                "priority": job.priority,
                "group_key": job.group_key,
                "scheduled": job.scheduled or int(now_seconds()),
            },
        )
        if not rows:
            return None
        self._wakeup.set()
        logger.info("Enqueuing %s", job.info(logger.isEnabledFor(logging.DEBUG)))
        return job
