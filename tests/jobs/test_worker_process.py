"""Workers as processes: `mentorship jobs worker`, and a worker killed mid-job whose job is then retried."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from saq.job import Status

from mentorship.jobs import enqueue
from mentorship.jobs.sqlite_queue import SQLiteQueue
from tests.jobs.conftest import QueueFactory, wait_for_status

ROOT = Path(__file__).resolve().parents[2]
Processes = list[subprocess.Popen[str]]


@pytest.fixture
def spawn() -> Iterator[Processes]:
    """Start processes; kill whatever is still running at the end."""
    processes: Processes = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def start(spawn: Processes, args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        args,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    spawn.append(process)
    return process


async def test_cli_worker_runs_jobs_and_stops_on_sigterm(tmp_path: Path, spawn: Processes) -> None:
    env = {
        "MENTORSHIP_DATA_DIR": str(tmp_path / "data"),
        "MENTORSHIP_SECRET_KEY": "x" * 40,
        "MENTORSHIP_QUEUE_URL": f"sqlite:///{tmp_path / 'queue.db'}",
    }
    queue = SQLiteQueue.from_url(env["MENTORSHIP_QUEUE_URL"])
    await queue.connect()
    job = await enqueue(queue, "ping")
    assert job is not None
    worker = start(spawn, [sys.executable, "-m", "mentorship.cli", "jobs", "worker"], env)

    done = await wait_for_status(queue, job.key, Status.COMPLETE, Status.FAILED, timeout=60)
    worker.send_signal(signal.SIGTERM)

    assert done.result == "pong"
    assert worker.wait(timeout=30) == 0, worker.stderr.read() if worker.stderr else ""
    await queue.disconnect()


async def test_job_of_a_killed_worker_is_retried_by_the_next_one(
    make_queue: QueueFactory, broker_url: str, spawn: Processes
) -> None:
    queue = await make_queue()
    runner = [sys.executable, "-m", "tests.jobs.sample_tasks", broker_url, queue.name]
    first = start(spawn, runner)
    job = await queue.enqueue("sleeper", seconds=3600, timeout=3600, heartbeat=1, retries=2)
    await wait_for_status(queue, job.key, Status.ACTIVE, timeout=60)

    first.kill()  # a restart: no chance to finish the job or give it back
    first.wait(timeout=10)
    start(spawn, runner)

    retried = await wait_for_status(queue, job.key, Status.ACTIVE, timeout=60)
    while retried.attempts < 2:
        retried = await wait_for_status(queue, job.key, Status.ACTIVE, timeout=60)
    assert retried.error == "swept"
