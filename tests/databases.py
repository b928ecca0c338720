"""Test databases: an SQLite file and a uniquely named PostgreSQL database per run."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import asyncpg
from sqlalchemy.engine import make_url

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
T = TypeVar("T")


def postgres_admin_url() -> str:
    """The server the suite may create databases on."""
    return os.environ.get("MENTORSHIP_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def in_thread(fn: Callable[[], T]) -> T:
    """Run blocking code that starts its own event loop (Alembic) away from pytest's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


def _dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def _execute(url: str, sql: str) -> None:
    connection = await asyncpg.connect(_dsn(url), timeout=5)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def postgres_unreachable_reason() -> str | None:
    """None when the PostgreSQL server answers, else why not."""
    try:
        in_thread(lambda: asyncio.run(_execute(postgres_admin_url(), "SELECT 1")))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"PostgreSQL at {postgres_admin_url()} is unreachable: {exc!r}"
    return None


def create_postgres_database(label: str) -> str:
    """Create a uniquely named database and return its SQLAlchemy URL."""
    name = f"mentorship_test_{label}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    in_thread(lambda: asyncio.run(_execute(postgres_admin_url(), f'CREATE DATABASE "{name}"')))
    return make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    """Drop a database this run created, even if connections linger."""
    name = make_url(url).database
    assert name and name.startswith("mentorship_test_")
    in_thread(
        lambda: asyncio.run(_execute(postgres_admin_url(), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    )
