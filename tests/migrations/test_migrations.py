"""Migrations apply, match the models and revert, on both databases."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


OLD_REASONS = [
    "shared topics: python, pandas and sql",
    "goals meet experience in: dashboards",
    "both speak en and fr",
    "2.5 hours apart",
    "members share: python (3 of 4)",
    "Ana offers Bo: design",
]


def proposal_reasons(url: str, reasons: list[Any] | None = None) -> list[Any]:
    """Write one proposal's reasons (when given), then read them back as stored."""
    from uuid import uuid4

    from sqlalchemy import select

    from mentorship.models import Kind, ProposalSource, ProposalStatus

    table = metadata.tables["proposal"]

    async def run() -> list[Any]:
        engine = create_async_engine(url)
        async with engine.begin() as connection:
            if reasons is not None:
                row = {"id": uuid4(), "source": ProposalSource.ROUND, "kind": Kind.PEER}
                row |= {"status": ProposalStatus.DRAFT, "score": 0.5, "reasons": reasons}
                row |= {"group_label": "", "message": ""}
                await connection.execute(table.insert().values(**row))
            stored = (await connection.execute(select(table.c.reasons))).scalar_one()
        await engine.dispose()
        return list(stored)

    return in_thread(lambda: asyncio.run(run()))


def test_stored_reason_sentences_become_codes_and_come_back(empty_database: str, tmp_path: Path) -> None:
    settings = make_settings(empty_database, tmp_path)
    in_thread(lambda: migrate.upgrade(settings, "0010"))
    proposal_reasons(empty_database, OLD_REASONS)

    in_thread(lambda: migrate.upgrade(settings))

    assert proposal_reasons(empty_database) == [
        {"code": "shared_topics", "items": ["python", "pandas", "sql"], "value": None},
        {"code": "goal_terms", "items": ["dashboards"], "value": None},
        {"code": "languages", "items": ["en", "fr"], "value": None},
        {"code": "hours_apart", "items": [], "value": 2.5},
        {"code": "members_share", "items": ["python"], "value": 4.0, "counts": [3]},
        {"code": "text", "items": ["Ana offers Bo: design"], "value": None},
    ]
    in_thread(lambda: migrate.downgrade(settings, "0010"))
    assert proposal_reasons(empty_database) == OLD_REASONS


def unindexed_foreign_keys(url: str) -> list[str]:
    """Foreign key columns of the migrated schema that lead no index, unique key or primary key."""

    def scan(sync: Any) -> list[str]:
        found = inspect(sync)
        missing = []
        for table in found.get_table_names():
            keyed = [index["column_names"] for index in found.get_indexes(table)]
            keyed += [unique["column_names"] for unique in found.get_unique_constraints(table)]
            keyed.append(found.get_pk_constraint(table)["constrained_columns"])
            leading = {columns[0] for columns in keyed if columns}
            for key in found.get_foreign_keys(table):
                if key["constrained_columns"][0] not in leading:
                    missing.append(f"{table}.{key['constrained_columns'][0]}")
        return sorted(missing)

    async def run() -> list[str]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            missing = await connection.run_sync(scan)
        await engine.dispose()
        return missing

    return in_thread(lambda: asyncio.run(run()))


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_every_foreign_key_leads_an_index(empty_database: str, tmp_path: Path) -> None:
    # Reading a check-in's items, or deleting a person, scans the whole table behind an unindexed key.
    in_thread(lambda: migrate.upgrade(make_settings(empty_database, tmp_path)))

    assert unindexed_foreign_keys(empty_database) == []
