"""Database helpers shared by features: the app's config, child rows, duplicates, locks and retries."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any, TypeVar
from uuid import UUID

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from litestar import Litestar
from sqlalchemy import Insert, insert, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

Row = TypeVar("Row")
Result = TypeVar("Result")
RETRIES = 8
# PostgreSQL's serialization_failure and deadlock_detected: the transaction may simply run again.
CONTENTION_SQLSTATES = {"40001", "40P01"}
#: Rows per executemany in a bulk insert: big enough to amortise a statement, small enough for SQLite's
#: and asyncpg's parameter limits.
BULK_CHUNK = 4000
#: Most values one ``IN`` list binds: PostgreSQL's drivers refuse a statement of more than 32,767
#: (asyncpg) or 65,535 (psycopg) parameters, and a round at 100,000 people names more than that.
IN_CHUNK = 10_000


def chunked(values: Iterable[Row], size: int = IN_CHUNK) -> Iterator[list[Row]]:
    """The values in lists of at most ``size``, for ``IN`` lists that could outgrow a statement."""
    batch: list[Row] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def app_db_config(app: Litestar) -> SQLAlchemyAsyncConfig:
    """The app's database config; `app_db_config(app).get_session()` opens a session of its own."""
    config = app.plugins.get(SQLAlchemyPlugin).config[0]
    assert isinstance(config, SQLAlchemyAsyncConfig)
    return config


def merge_children(
    current: Iterable[Row], wanted: Sequence[Row], key: Callable[[Row], Hashable], fields: Iterable[str]
) -> list[Row]:
    """The collection to assign: rows already stored are kept (their `fields` updated) where wanted again.

    Assigning brand-new rows instead makes the unit of work insert them before it deletes the old
    ones, so a unique constraint on the key fails whenever a saved value is saved again.
    """
    stored = {key(row): row for row in current}
    names = tuple(fields)
    merged: list[Row] = []
    for row in wanted:
        kept = stored.pop(key(row), None)
        if kept is None:
            merged.append(row)
            continue
        for name in names:
            setattr(kept, name, getattr(row, name))
        merged.append(kept)
    return merged


def insert_ignoring_duplicates(session: AsyncSession, model: type[Any]) -> Insert:
    """`INSERT ... ON CONFLICT DO NOTHING` for the session's database.

    Several workers creating the same row at once then all succeed, and a SELECT afterwards finds
    the one row that won; checking first and inserting after fails for all but one of them.
    """
    statement: Insert = dialect_insert(session, model).on_conflict_do_nothing()
    return statement


def dialect_insert(session: AsyncSession, model: type[Any]) -> Any:
    """The session's database's own INSERT, which has ``on_conflict_do_nothing`` and ``_do_update``."""
    dialect = session.get_bind().dialect.name
    return (postgresql_insert if dialect == "postgresql" else sqlite_insert)(model)


async def lock_in_order(session: AsyncSession, model: type[Any], ids: Iterable[UUID]) -> None:
    """Lock these rows for the rest of the transaction, always in id order.

    Transactions that lock the people they touch first, in one order, wait for each other instead
    of deadlocking. SQLite has no row locks (its single writer already serialises).
    """
    wanted = sorted(set(ids))
    if wanted:
        query = select(model.id).where(model.id.in_(wanted)).order_by(model.id)
        await session.execute(query.with_for_update(key_share=True))


class Contended(Exception):
    """The database kept turning a transaction away because others changed the same rows at once."""


def is_contention(exc: DBAPIError) -> bool:
    """Whether the database gave up on the transaction only because of concurrent ones."""
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in CONTENTION_SQLSTATES or "database is locked" in str(exc.orig).lower()


async def retrying(
    session: AsyncSession, work: Callable[[], Awaitable[Result]], attempts: int = RETRIES
) -> Result:
    """Run a write transaction, and again from the start when it lost to a concurrent one."""
    for attempt in range(attempts):
        try:
            return await work()
        except DBAPIError as exc:
            await session.rollback()
            if not is_contention(exc):
                raise
            if attempt == attempts - 1:
                raise Contended from exc
            # Back off a random while, so the losers do not collide again in step.
            await asyncio.sleep(0.05 * (attempt + 1) * random.random())
    raise AssertionError("unreachable")


async def refresh_statistics(session: AsyncSession, *, full: bool = False) -> None:
    """Let the query planner see the tables as they are now (after a bulk load, and daily).

    Without statistics SQLite guesses, and at 10,000 people it read every open proposal to find
    twenty mentors' (27 ms instead of 0.6 ms). PostgreSQL's autovacuum analyses on its own, but
    only some time after a bulk load. ``full`` analyses every table; otherwise SQLite's
    ``PRAGMA optimize`` analyses only those whose statistics are out of date.
    """
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(text("ANALYZE" if full else "PRAGMA optimize"))
    elif full:
        await session.execute(text("ANALYZE"))
    await session.commit()


async def insert_rows(session: AsyncSession, model: Any, rows: Sequence[dict[str, Any]]) -> int:
    """Insert every row with the table's own executemany, in chunks (every row has the same keys).

    Column defaults still apply; no ORM objects or unit of work (a third more a row, and minutes
    for a round's 61,000 proposals at 100,000 people). How many rows.
    """
    table = model.__table__
    for start in range(0, len(rows), BULK_CHUNK):
        await session.execute(insert(table), list(rows[start : start + BULK_CHUNK]))
    return len(rows)
