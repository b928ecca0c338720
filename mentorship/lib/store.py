"""The database-backed key/value store every worker and host shares, with a lean read path."""

from __future__ import annotations

import datetime
from typing import Any

from advanced_alchemy.extensions.litestar.store import SQLAlchemyStore
from sqlalchemy import bindparam, or_, select

from mentorship.models import StoreItem

# Built once: a read binds the key, namespace and time (each request reads its session through it;
# kept figures are read through the request's own session with it).
READ = select(StoreItem.value).where(
    # Untyped parameters take their column's type (the expiry is stored the library's way).
    StoreItem.key == bindparam("key"),
    StoreItem.namespace == bindparam("namespace"),
    or_(StoreItem.expires_at.is_(None), StoreItem.expires_at > bindparam("now")),
)


class DatabaseStore(SQLAlchemyStore[Any]):
    """advanced-alchemy's store, reading on a bare connection: no ORM session, no transaction to commit.

    Every signed-in request reads its session here, and the ORM session, begin and commit cost
    about a fifth of a light request. Writes, renewals and deletes keep the library's own path.
    """

    async def get(self, key: str, renew_for: int | datetime.timedelta | None = None) -> bytes | None:
        """The value under ``key`` if it has not expired (a renewal takes the library's path)."""
        if renew_for or not self._is_async:
            return await super().get(key, renew_for)
        engine = self._config.get_engine()
        async with engine.connect() as connection:
            found = await connection.execute(
                READ,
                {"key": key, "namespace": self.namespace, "now": datetime.datetime.now(datetime.UTC)},
            )
            value: bytes | None = found.scalar_one_or_none()
        return value
