"""SQLite's one-hop cursor behaves like the library's: rows, counts, errors, transactions, streams."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from mentorship.lib.sqlite_driver import OneHopCursor, one_hop_dbapi


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'hop.db'}", module=one_hop_dbapi())
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"))
    yield engine
    await engine.dispose()


async def test_statements_run_through_the_one_hop_cursor(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        assert isinstance(raw.dbapi_connection.cursor(), OneHopCursor)  # type: ignore[union-attr]


async def test_rows_counts_and_last_row_id_are_the_statements(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        inserted = await connection.execute(text("INSERT INTO item (name) VALUES ('ada')"))
        assert inserted.lastrowid == 1
        many = await connection.execute(
            text("INSERT INTO item (name) VALUES (:name)"), [{"name": "grace"}, {"name": "hedy"}]
        )
        assert many.rowcount == 2
        changed = await connection.execute(text("UPDATE item SET name = upper(name) WHERE id > 1"))
        assert changed.rowcount == 2
    async with engine.connect() as connection:
        result = await connection.execute(text("SELECT id, name FROM item ORDER BY id"))
        assert list(result.keys()) == ["id", "name"]
        assert result.all() == [(1, "ada"), (2, "GRACE"), (3, "HEDY")]
        assert (await connection.execute(text("SELECT name FROM item WHERE id = 9"))).first() is None
        partial = await connection.execute(text("SELECT id FROM item ORDER BY id"))
        assert partial.fetchmany(2) == [(1,), (2,)]
        assert partial.fetchall() == [(3,)]


async def test_a_failing_statement_raises_and_the_connection_goes_on(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("INSERT INTO item (name) VALUES ('ada')"))
        with pytest.raises(IntegrityError):
            await connection.execute(text("INSERT INTO item (name) VALUES ('ada')"))
        await connection.rollback()
        assert (await connection.execute(text("SELECT count(*) FROM item"))).scalar() == 0


async def test_uncommitted_writes_roll_back_and_committed_ones_stay(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("INSERT INTO item (name) VALUES ('kept')"))
        await connection.commit()
        await connection.execute(text("INSERT INTO item (name) VALUES ('dropped')"))
    # Closing without a commit returns the connection to the pool, which rolls the write back.
    async with engine.connect() as connection:
        names = (await connection.execute(text("SELECT name FROM item"))).scalars().all()
    assert names == ["kept"]


async def test_streamed_results_keep_the_server_side_cursor(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            text("INSERT INTO item (name) VALUES (:name)"), [{"name": f"n{i}"} for i in range(250)]
        )
    async with engine.connect() as connection:
        stream = await connection.stream(text("SELECT id FROM item ORDER BY id"))
        seen = [row.id async for row in stream]
    assert seen == list(range(1, 251))
