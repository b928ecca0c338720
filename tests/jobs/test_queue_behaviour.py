"""The behaviours SAQ's own queue tests check, on the SQLite queue and on the PostgreSQL and Redis brokers."""

from __future__ import annotations

import asyncio
import time

from saq import Worker
from saq.job import Job, Status
from saq.queue.base import Queue
from saq.utils import now

from tests.jobs.conftest import QueueFactory, wait_for_status
from tests.jobs.sample_tasks import FUNCTIONS


def worker_for(queue: Queue) -> Worker:
    return Worker(queue, functions=FUNCTIONS, dequeue_timeout=2)


async def take(queue: Queue, **changes: object) -> Job:
    """Dequeue and mark the job active, as a worker does before it runs the function."""
    job = await queue.dequeue(timeout=2)
    assert job is not None
    await queue.update(job, **{"status": Status.ACTIVE, "started": now(), **changes})
    return job


async def test_enqueued_job_is_stored_and_counted(queue: Queue) -> None:
    job = await queue.enqueue("echo", a=1, timeout=3)

    assert job is not None
    stored = await queue.job(job.key)
    assert stored == job
    assert stored.kwargs == {"a": 1}
    assert stored.timeout == 3
    assert await queue.count("queued") == 1
    assert await queue.count("incomplete") == 1


async def test_dequeue_takes_the_oldest_job_and_marks_it_active(queue: Queue) -> None:
    first = await queue.enqueue("echo", a=1)
    second = await queue.enqueue("echo", a=2)

    dequeued = await queue.dequeue(timeout=2)

    assert dequeued == first
    assert await queue.count("queued") == 1
    assert await queue.count("active") == 1
    assert await queue.count("incomplete") == 2
    assert await queue.dequeue(timeout=2) == second


async def test_dequeue_on_an_empty_queue_times_out_with_none(queue: Queue) -> None:
    assert await queue.dequeue(timeout=0.3) is None


async def test_waiting_dequeue_gets_a_job_enqueued_later(queue: Queue) -> None:
    waiting = asyncio.create_task(queue.dequeue(timeout=10, poll_interval=0.1))
    await asyncio.sleep(0)

    job = await queue.enqueue("echo", a=1)

    assert await asyncio.wait_for(waiting, 10) == job


async def test_same_key_is_not_enqueued_twice_while_pending(queue: Queue) -> None:
    job = await queue.enqueue("echo", key="round:1", a=1)

    assert job is not None
    assert await queue.enqueue("echo", key="round:1", a=2) is None
    assert await queue.count("queued") == 1
    assert (await queue.job("round:1")).kwargs == {"a": 1}


async def test_two_workers_never_take_the_same_job(make_queue: QueueFactory) -> None:
    queues = [await make_queue() for _ in range(3)]
    keys = [(await queues[0].enqueue("echo", a=n)).key for n in range(30)]

    async def drain(queue: Queue) -> list[str]:
        taken = []
        while job := await queue.dequeue(timeout=0.5):
            taken.append(job.key)
        return taken

    taken = [key for batch in await asyncio.gather(*(drain(q) for q in queues)) for key in batch]

    assert sorted(taken) == sorted(keys)


async def test_failed_job_is_retried_until_its_retries_run_out(queue: Queue) -> None:
    worker = worker_for(queue)
    job = await queue.enqueue("error", retries=2)

    await worker.process()
    await job.refresh()
    assert job.status is Status.QUEUED
    assert "oops" in job.error

    await worker.process()
    await job.refresh()
    assert job.status is Status.FAILED
    assert job.attempts == 2


async def test_retry_delay_holds_the_job_back(queue: Queue) -> None:
    worker = worker_for(queue)
    job = await queue.enqueue("error", retries=2, retry_delay=100.0)

    await worker.process()
    await job.refresh()

    assert job.status is Status.QUEUED
    assert await queue.count("queued") == 0
    assert await queue.dequeue(timeout=0.3) is None


async def test_job_past_its_timeout_fails(queue: Queue) -> None:
    worker = worker_for(queue)
    job = await queue.enqueue("sleeper", seconds=60, timeout=1, retries=1)

    await asyncio.wait_for(worker.process(), 10)
    await job.refresh()

    assert job.status is Status.FAILED
    assert "TimeoutError" in job.error


async def test_successful_job_keeps_its_result(queue: Queue) -> None:
    worker = worker_for(queue)
    job = await queue.enqueue("echo", a=42)

    await worker.process()

    done = await wait_for_status(queue, job.key, Status.COMPLETE)
    assert done.result == 42
    assert await queue.count("incomplete") == 0


async def test_job_without_ttl_is_deleted_when_finished(queue: Queue) -> None:
    job = await queue.enqueue("echo", a=1, ttl=-1)
    await queue.finish(await queue.dequeue(timeout=2), Status.COMPLETE, result=1)

    assert await queue.job(job.key) is None


async def test_aborting_a_queued_job_removes_it_from_the_queue(queue: Queue) -> None:
    job = await queue.enqueue("echo", a=1, retries=2)

    await queue.abort(job, "no longer needed")

    assert (await queue.job(job.key)).status is Status.ABORTED
    assert await queue.count("queued") == 0
    assert await queue.count("incomplete") == 0
    assert await queue.dequeue(timeout=0.3) is None


async def test_aborting_a_running_job_cancels_it_in_the_worker(queue: Queue) -> None:
    # The worker sweeps as it starts, and a job it has just taken (not yet marked active)
    # looks stuck to that sweep. Sweeping first takes Redis's sweep lock for a minute, so
    # the worker's own sweep finds nothing; a first job (retried if swept all the same on
    # the other queues) finishing shows the startup sweep is over.
    await queue.sweep(abort=0.1)
    worker = Worker(queue, functions=FUNCTIONS, timers={"abort": 0.1})
    running = asyncio.create_task(worker.start())
    try:
        first = await queue.enqueue("echo", a=1, retries=3)
        await wait_for_status(queue, first.key, Status.COMPLETE)
        job = await queue.enqueue("sleeper", seconds=60, timeout=120)
        await wait_for_status(queue, job.key, Status.ACTIVE)

        await queue.abort(job, "stop")

        aborted = await wait_for_status(queue, job.key, Status.ABORTED)
        assert aborted.error == "stop"
    finally:
        await worker.stop()
        await running


async def test_sweep_retries_a_job_whose_worker_died(make_queue: QueueFactory) -> None:
    dead, alive = await make_queue(), await make_queue()
    job = await dead.enqueue("echo", a=7, timeout=1, retries=2)
    # The worker died long ago, mid-job: nothing finished it and its timeout has passed.
    await take(dead, started=1000)

    await alive.sweep(abort=0.1)

    swept = await alive.job(job.key)
    assert swept.status is Status.QUEUED
    assert swept.error == "swept"
    await worker_for(alive).process()
    assert (await wait_for_status(alive, job.key, Status.COMPLETE)).result == 7


async def test_sweep_aborts_a_stuck_job_without_retries_left(queue: Queue) -> None:
    job = await queue.enqueue("echo", a=1, timeout=1, retries=0)
    await take(queue, started=1000)

    await queue.sweep(abort=0.1)

    assert (await queue.job(job.key)).status is Status.ABORTED


async def test_sweep_leaves_running_jobs_alone(queue: Queue) -> None:
    job = await queue.enqueue("echo", a=1, timeout=60)
    await take(queue)

    assert await queue.sweep(abort=0.1) == []
    assert (await queue.job(job.key)).status is Status.ACTIVE


async def test_scheduled_job_waits_until_its_time(queue: Queue) -> None:
    later = await queue.enqueue("echo", a=1, scheduled=int(time.time()) + 3600)

    assert await queue.count("queued") == 0
    assert await queue.count("incomplete") == 1
    await queue.schedule()
    assert await queue.dequeue(timeout=0.3) is None
    assert (await queue.job(later.key)).status is Status.QUEUED


async def test_worker_runs_a_scheduled_job_once_it_is_due(queue: Queue) -> None:
    due = int(time.time()) + 1
    worker = Worker(queue, functions=FUNCTIONS)
    running = asyncio.create_task(worker.start())
    try:
        job = await queue.enqueue("echo", a=5, scheduled=due)

        done = await wait_for_status(queue, job.key, Status.COMPLETE)

        assert done.result == 5
        assert done.started >= due * 1000
    finally:
        await worker.stop()
        await running


async def test_jobs_and_iter_jobs_read_stored_jobs(queue: Queue) -> None:
    jobs = [await queue.enqueue("echo", a=n) for n in range(3)]
    await take(queue)

    found = await queue.jobs([jobs[2].key, "missing", jobs[0].key])
    queued = [job async for job in queue.iter_jobs(statuses=[Status.QUEUED], batch_size=1)]

    assert found == [jobs[2], None, jobs[0]]
    assert sorted(job.key for job in queued) == sorted(job.key for job in jobs[1:])


async def test_info_lists_live_workers_and_queued_jobs(queue: Queue) -> None:
    worker = Worker(queue, functions=FUNCTIONS, id="worker-1")
    await queue.enqueue("echo", a=1)

    await worker.worker_info(ttl=60)
    info = await queue.info(jobs=True)

    assert set(info["workers"]) == {"worker-1"}
    assert info["queued"] == 1
    assert [job["function"] for job in info["jobs"]] == ["echo"]


async def test_apply_runs_a_job_and_returns_its_result(queue: Queue) -> None:
    worker = Worker(queue, functions=FUNCTIONS)
    running = asyncio.create_task(worker.start())
    try:
        assert await queue.apply("echo", a=3, timeout=10, poll_interval=0.05) == 3
        assert isinstance(await queue.job((await queue.enqueue(Job("echo", kwargs={"a": 1}))).key), Job)
    finally:
        await worker.stop()
        await running
