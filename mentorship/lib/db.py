"""Database helpers shared by features: the app's config outside a handler, child rows, duplicates."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from litestar import Litestar
from sqlalchemy import Insert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

Row = TypeVar("Row")


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
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(model).on_conflict_do_nothing()
