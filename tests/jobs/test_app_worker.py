"""An app from create_app runs its jobs: an in-process worker by default on SQLite, on request elsewhere."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from saq.job import Status

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.jobs import enqueue, job_queue, job_status, tasks
from tests.jobs.conftest import wait_for_status


@pytest.fixture(autouse=True)
def record_task(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "TASKS", [*tasks.TASKS, "tests.jobs.sample_tasks.record"])


async def test_in_process_worker_runs_a_registered_job_end_to_end(settings: Settings) -> None:
    settings = dataclasses.replace(settings, in_process_worker=True)
    app = create_app(settings)

    async with app.lifespan():
        job = await enqueue(app, "record", key="record:1", value="hello")
        assert job is not None
        assert job.retries == 2
        assert job.timeout == 30

        done = await wait_for_status(await job_queue(app), job.key, Status.COMPLETE, Status.FAILED)

        assert done.status is Status.COMPLETE, done.error
        assert done.result == {"value": "hello", "one": 1, "sqlite": settings.is_sqlite}
        assert (await job_status(app, job.key)).status is Status.COMPLETE


async def test_enqueue_applies_the_task_defaults_and_dedups_by_key(settings: Settings) -> None:
    app = create_app(dataclasses.replace(settings, in_process_worker=False))

    first = await enqueue(app, "ping", key="ping")
    again = await enqueue(app, "ping", key="ping")

    assert first is not None
    assert (first.timeout, first.retries, first.heartbeat) == (10, 1, 60)
    assert again is None
    assert (await job_status(app, "ping")).status is Status.QUEUED
    await (await job_queue(app)).disconnect()


def test_queue_follows_the_database_by_default(tmp_path: Path) -> None:
    sqlite = Settings(data_dir=tmp_path, secret_key="x")
    postgres = Settings(database_url="postgresql+asyncpg://app:pw@db:5432/mentorship", secret_key="x")

    assert sqlite.queue_url == f"sqlite:///{tmp_path / 'queue.db'}"
    assert sqlite.in_process_worker is True
    assert postgres.queue_url == "postgresql://app:pw@db:5432/mentorship"
    assert postgres.in_process_worker is False


def test_queue_settings_come_from_the_environment(tmp_path: Path) -> None:
    env = {
        "MENTORSHIP_DATA_DIR": str(tmp_path),
        "MENTORSHIP_SECRET_KEY": "x",
        "MENTORSHIP_QUEUE_URL": "redis://127.0.0.1:6379/2",
        "MENTORSHIP_IN_PROCESS_WORKER": "false",
    }

    settings = Settings.from_env(env)

    assert settings.queue_url == "redis://127.0.0.1:6379/2"
    assert settings.in_process_worker is False
