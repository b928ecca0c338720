"""Shared fixtures: every database test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import create_async_engine

from mentorship import migrate
from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.models.base import metadata
from tests.databases import (
    create_postgres_database,
    drop_postgres_database,
    in_thread,
    postgres_unreachable_reason,
)

BACKENDS = ["sqlite", "postgresql"]
EMPTY_SAQ_JOBS = (
    "DO $$ BEGIN IF to_regclass('saq_jobs') IS NOT NULL THEN DELETE FROM saq_jobs; END IF; END $$"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_postgres() -> None:
    """Skip loudly when PostgreSQL is missing; in CI that is a failure instead."""
    reason = postgres_unreachable_reason()
    if reason is None:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: PostgreSQL tests must run)", pytrace=False)
    pytest.skip(f"SKIPPING POSTGRESQL TESTS: {reason}")


def make_settings(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    """Settings for a test app: cheap password hashing, a fixed secret, a private data folder."""
    values: dict[str, object] = {
        "database_url": database_url,
        "data_dir": data_dir,
        "secret_key": "test-secret-key-that-is-long-enough-0123456789",
        "password_hash_cost": "fast",
        "debug": True,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def forget_config_keys() -> Iterator[None]:
    """Forget the state keys advanced-alchemy reserves per database config after each test.

    It keeps every key ever made in class-level sets and finds a free one by recursion, so a run
    that builds thousands of configs (one per helper call) would hit Python's recursion limit. An
    app only needs its keys unique among its own configs, so each test starts from empty sets.
    """
    yield
    for name in (
        "_SESSION_SCOPE_KEY_REGISTRY",
        "_ENGINE_APP_STATE_KEY_REGISTRY",
        "_SESSIONMAKER_APP_STATE_KEY_REGISTRY",
    ):
        getattr(SQLAlchemyAsyncConfig, name).clear()


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One migrated database per backend for the whole run."""
    backend = request.param
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
        in_thread(lambda: migrate.upgrade(make_settings(url, tmp_path_factory.mktemp("data"))))
        yield url
        return
    require_postgres()
    url = create_postgres_database("main")
    try:
        in_thread(lambda: migrate.upgrade(make_settings(url, tmp_path_factory.mktemp("data"))))
        yield url
    finally:
        drop_postgres_database(url)


@pytest.fixture
async def settings(migrated_database: str, tmp_path: Path) -> Settings:
    """Settings on an emptied database: every test starts from no rows."""
    engine = create_async_engine(migrated_database)
    async with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            await connection.execute(delete(table))
        if connection.dialect.name == "postgresql":
            # SAQ keeps PostgreSQL jobs in the same database, keyed without the queue's name: empty it too.
            await connection.execute(text(EMPTY_SAQ_JOBS))
    await engine.dispose()
    return make_settings(migrated_database, tmp_path)


@pytest.fixture
def app(settings: Settings) -> Litestar:
    """A fresh app for one test."""
    return create_app(settings)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """An HTTP client that keeps cookies and echoes the CSRF token like a browser form would."""
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as test_client:
        yield test_client


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last, keeping their order.

    Playwright's sync API keeps an event loop running in the main thread from its first use to
    the end of the session; async tests scheduled after it could not start their own loop.
    """
    browser = [item for item in items if item.nodeid.startswith("tests/browser/")]
    if browser:
        others = [item for item in items if not item.nodeid.startswith("tests/browser/")]
        items[:] = others + browser


@pytest.fixture
def quiet(settings: Settings) -> Settings:
    """Settings whose app runs no job worker."""
    return dataclasses.replace(settings, in_process_worker=False)


@pytest.fixture
async def quiet_client(quiet: Settings) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """A client on an app with no job worker: a test that counts statements counts only its requests'."""
    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as test_client:
        yield test_client


@pytest.fixture
async def clients(quiet: Settings) -> AsyncIterator[dict[str, AsyncTestClient[Litestar]]]:
    """A client per person, none signed in, each on its own app (asyncpg connections belong to one loop).

    Feature conftests may give their own (relationships' sign everyone in).
    """
    opened: dict[str, AsyncTestClient[Litestar]] = {}
    for who in ("coordinator", "ana", "ben", "cy", "mia", "max"):
        client = AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local")
        opened[who] = await client.__aenter__()
    yield opened
    for client in opened.values():
        await client.__aexit__(None, None, None)
