"""Migrations apply, match the models and revert, on both databases."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from mentorship import migrate
from mentorship.models.base import metadata
from tests.conftest import make_settings, require_postgres
from tests.databases import create_postgres_database, drop_postgres_database, in_thread


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A brand-new empty database."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"
        return
    require_postgres()
    url = create_postgres_database("migrations")
    try:
        yield url
    finally:
        drop_postgres_database(url)


def table_names(url: str) -> set[str]:
    """The tables that exist in a database."""

    async def run() -> set[str]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
        await engine.dispose()
        return names

    return in_thread(lambda: asyncio.run(run()))


def test_upgrade_check_and_downgrade_round_trip(empty_database: str, tmp_path: Path) -> None:
    settings = make_settings(empty_database, tmp_path)

    in_thread(lambda: migrate.upgrade(settings))
    assert {table.name for table in metadata.sorted_tables} <= table_names(empty_database)

    in_thread(lambda: migrate.check(settings))  # raises when the models drifted from the migrations

    in_thread(lambda: migrate.downgrade(settings, "base"))
    assert table_names(empty_database) <= {"alembic_version"}
