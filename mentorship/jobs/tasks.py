"""The registry of background tasks, with the retry, timeout and heartbeat defaults each job gets.

A feature adds a task in two steps:

1. decorate the coroutine in its own module, e.g. `mentorship/rounds/tasks.py`::

       @task(timeout=900)
       async def run_round(ctx: Context, *, round_id: str) -> dict[str, int]:
           async with ctx["db_config"].get_session() as session: ...

2. add its dotted path to `TASKS` below. Paths, not imports, so importing the job machinery
   imports no feature (and no feature imports back).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any, TypeVar, cast

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from saq.job import Job
from saq.types import Context

TASKS: list[str] = [
    "mentorship.jobs.tasks.ping",
    "mentorship.rounds.tasks.run_round",
    "mentorship.proposals.tasks.expire_proposals",
    "mentorship.proposals.tasks.refresh_suggestions",
    "mentorship.proposals.tasks.refresh_stale_suggestions",
    "mentorship.proposals.tasks.rebuild_suggestions",
    "mentorship.relationships.tasks.nudge_relationships",
    "mentorship.notifications.tasks.send_notification_emails",
    "mentorship.accounts.tasks.purge_expired",
    "mentorship.accounts.tasks.send_password_reset",
    "mentorship.accounts.tasks.send_signup_link",
    "mentorship.imports.tasks.run_import",
    "mentorship.imports.tasks.send_import_invitations",
    "mentorship.cohorts.tasks.close_ended_cohorts",
]

# Tasks the queue runs on a schedule (cron syntax, UTC): dotted path -> when.
PERIODIC: dict[str, str] = {
    # Expire unanswered proposals and remind people a day before.
    "mentorship.proposals.tasks.expire_proposals": "*/10 * * * *",
    # Refresh stored suggestions left stale (a change during a refresh, a job lost with its worker).
    "mentorship.proposals.tasks.refresh_stale_suggestions": "* * * * *",
    # Rebuild every suggestion list whole, weekly at a quiet hour: between rebuilds a refresh redoes
    # only what changed, scored against the fit of its day, and kept scores drift as words come and go.
    "mentorship.proposals.tasks.rebuild_suggestions": "40 2 * * 0",
    # Send the emails of notifications whose first attempt did not go out, and failed ones whose retry is due.
    "mentorship.notifications.tasks.send_notification_emails": "*/15 * * * *",
    # Resume paused relationships on their date; remind about overdue check-ins, then tell coordinators.
    "mentorship.relationships.tasks.nudge_relationships": "5 * * * *",
    # Delete expired sessions, old failed sign-ins, dead reset tokens and sign-up requests.
    "mentorship.accounts.tasks.purge_expired": "35 * * * *",
    # Ask the live relationships of cohorts whose term ended to complete (each once).
    "mentorship.cohorts.tasks.close_ended_cohorts": "20 3 * * *",
}

JobFunction = Callable[..., Awaitable[Any]]
F = TypeVar("F", bound=JobFunction)


@dataclass(frozen=True)
class JobDefaults:
    """What a job of a task gets unless the caller of `enqueue` says otherwise."""

    timeout: int = 300
    retries: int = 3
    heartbeat: int = 60
    retry_delay: float = 5.0
    retry_backoff: bool | float = 300.0
    ttl: int = 24 * 3600


def database(ctx: Context) -> SQLAlchemyAsyncConfig:
    """The database config the worker put in the job context."""
    found: Any = ctx.get("db_config")
    assert isinstance(found, SQLAlchemyAsyncConfig)
    return found


def task(**defaults: Any) -> Callable[[F], F]:
    """Mark a coroutine as a job: it gets these defaults and sends a heartbeat while it runs."""
    job_defaults = JobDefaults(**defaults)

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        async def run(ctx: Context, /, **kwargs: Any) -> Any:
            job = ctx.get("job")
            if job is None or not job.heartbeat:
                return await fn(ctx, **kwargs)
            beating = asyncio.create_task(_beat(job))
            try:
                return await fn(ctx, **kwargs)
            finally:
                beating.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await beating

        run.job_defaults = job_defaults  # type: ignore[attr-defined]
        return cast("F", run)

    return decorate


async def _beat(job: Job) -> None:
    """Touch the job well inside its heartbeat, so only a job whose worker died looks stuck to the sweeper."""
    while True:
        await asyncio.sleep(max(job.heartbeat / 3, 0.5))
        await job.update()


def register(path_or_function: str | JobFunction) -> None:
    """Add a task at run time (tests, plugins); features list their dotted path in TASKS instead."""
    path = (
        path_or_function
        if isinstance(path_or_function, str)
        else f"{path_or_function.__module__}.{path_or_function.__qualname__}"
    )
    if path not in TASKS:
        TASKS.append(path)


def resolve(paths: list[str] | None = None) -> dict[str, JobFunction]:
    """The registered functions by the name jobs carry (the function's name)."""
    functions = [_import(path) for path in (TASKS if paths is None else paths)]
    return {fn.__qualname__: fn for fn in functions}


def _import(path: str) -> JobFunction:
    module, _, name = path.rpartition(".")
    return cast("JobFunction", getattr(importlib.import_module(module), name))


def job_options(fn: JobFunction | None) -> dict[str, Any]:
    """The job fields a task's jobs start with."""
    return asdict(getattr(fn, "job_defaults", JobDefaults()))


@task(timeout=10, retries=1)
async def ping(ctx: Context) -> str:
    """Answer "pong": proves a worker is running, e.g. after a deployment."""
    return "pong"
