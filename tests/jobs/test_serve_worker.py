"""`mentorship serve` on SQLite runs background jobs in one process of its own, not inside the web workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from saq.job import Status

from mentorship import migrate
from mentorship.jobs import enqueue
from mentorship.jobs.sqlite_queue import SQLiteQueue
from tests.browser.conftest import _free_port, _wait_until_healthy
from tests.conftest import make_settings
from tests.databases import in_thread
from tests.jobs.conftest import wait_for_status

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Served:
    """A running `mentorship serve` and where its queue is."""

    process: subprocess.Popen[bytes]
    queue_url: str
    log: Path


def children(pid: int) -> list[int]:
    """The direct children of a process, from /proc."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def command_line(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")


def job_workers(served: Served) -> list[int]:
    """The job-worker processes serve started (there should be exactly one)."""
    return [pid for pid in children(served.process.pid) if "worker" in command_line(pid)[3:5]]


def environment(pid: int) -> list[bytes]:
    return Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return state != "Z"


def wait_until(check: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Poll a condition (readiness, not a timed effect)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def start_serving(tmp_path: Path, workers: int) -> Served:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_url = f"sqlite+aiosqlite:///{data_dir / 'mentorship.db'}"
    in_thread(lambda: migrate.upgrade(make_settings(database_url, data_dir)))
    env = {key: value for key, value in os.environ.items() if key != "MENTORSHIP_IN_PROCESS_WORKER"}
    env |= {
        "MENTORSHIP_DATABASE_URL": database_url,
        "MENTORSHIP_DATA_DIR": str(data_dir),
        "MENTORSHIP_SECRET_KEY": "x" * 40,
    }
    port, log = _free_port(), tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mentorship.cli", "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    _wait_until_healthy(f"http://127.0.0.1:{port}", process, log)
    return Served(process, f"sqlite:///{data_dir / 'queue.db'}", log)


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[list[Served]]:
    started: list[Served] = []
    yield started
    for served in started:
        if served.process.poll() is None:
            served.process.kill()
        served.process.wait(timeout=30)


def start_with_worker(tmp_path: Path, serving: list[Served], workers: int) -> tuple[Served, int]:
    """A running server and the pid of the one job worker it started."""
    served = start_serving(tmp_path, workers)
    serving.append(served)
    wait_until(lambda: len(job_workers(served)) == 1, "the job worker")
    return served, job_workers(served)[0]


async def ping(served: Served) -> None:
    """A job enqueued now is run (by somebody) and succeeds."""
    queue = SQLiteQueue.from_url(served.queue_url)
    await queue.connect()
    try:
        job = await enqueue(queue, "ping")
        assert job is not None
        done = await wait_for_status(queue, job.key, Status.COMPLETE, Status.FAILED, timeout=120)
        assert done.result == "pong"
    finally:
        await queue.disconnect()


async def test_serve_runs_jobs_in_one_worker_process_beside_web_workers_that_run_none(
    tmp_path: Path, serving: list[Served]
) -> None:
    served, worker = start_with_worker(tmp_path, serving, workers=2)
    web = [pid for pid in children(served.process.pid) if pid != worker]

    await ping(served)

    assert command_line(worker)[3:6] == ["jobs", "worker", "--parent"]
    for pid in web:  # the web workers were told not to run jobs themselves
        assert b"MENTORSHIP_IN_PROCESS_WORKER=false" in environment(pid)

    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=60) == 0, served.log.read_text()
    assert not alive(worker)


async def test_a_job_worker_that_dies_is_replaced_and_jobs_go_on(
    tmp_path: Path, serving: list[Served]
) -> None:
    served, first = start_with_worker(tmp_path, serving, workers=1)

    os.kill(first, signal.SIGKILL)
    wait_until(lambda: job_workers(served) not in ([], [first]), "a new job worker")

    await ping(served)
    assert served.process.poll() is None


def test_the_job_worker_stops_when_the_server_is_killed(tmp_path: Path, serving: list[Served]) -> None:
    served, worker = start_with_worker(tmp_path, serving, workers=1)

    served.process.kill()  # no chance to stop its worker itself
    served.process.wait(timeout=30)

    wait_until(lambda: not alive(worker), "the orphaned job worker to stop")
