"""Community-wide figures kept for a minute in the shared store, and counted again at once after a change.

The dashboard and a coordinator's home count over every relationship, check-in and mentor: hundreds
of milliseconds at 10,000 people. They are kept under a fingerprint of the data, the latest change
time of each table they read, so an edit anywhere shows on the next visit, on every worker and host.
What no edit marks (time passing, a deletion, a bulk update) shows within the minute.
"""

from __future__ import annotations

import asyncio
import hashlib
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import msgspec
from litestar.stores.base import Store
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import (
    ActionItem,
    Checkin,
    Event,
    Profile,
    ProgramMembership,
    Proposal,
    PulseAnswer,
    Relationship,
)

FIGURES_STORE = "coordinator-figures"  # a namespace of the database-backed store, shared by workers and hosts
LIFETIME = 60  # seconds
T = TypeVar("T")

# Each column is indexed, so its latest value is one index step on both databases (migration 0020).
CHANGED = (
    Relationship.updated_at,
    Checkin.updated_at,
    ActionItem.updated_at,
    Proposal.updated_at,
    Profile.updated_at,
    ProgramMembership.updated_at,
    PulseAnswer.created_at,
    Event.at,
)


async def fingerprint(session: AsyncSession) -> str:
    """A short digest of when each table the figures read last changed: one statement."""
    latest = (await session.execute(select(*(select(func.max(c)).scalar_subquery() for c in CHANGED)))).one()
    return hashlib.blake2s(repr(tuple(latest)).encode(), digest_size=8).hexdigest()


async def kept(
    store: Store | None,
    session: AsyncSession,
    key: str,
    kind: Any,  # what msgspec decodes the kept figures as: a class or a generic alias
    count: Callable[[], Awaitable[T]],
) -> T:
    """The figures under ``key`` for the data as it is now: from the store, or counted and kept."""
    if store is None:
        return await count()
    full = f"{key}:{await fingerprint(session)}"
    if (found := await store.get(full)) is not None:
        decoded: T = msgspec.json.decode(found, type=kind)
        return decoded
    # One count per worker at a time: the others wait for it rather than all counting at once
    # (eight coordinators opening the dashboard after a change would otherwise cost eight counts).
    async with _counting(key):
        if (found := await store.get(full)) is not None:
            counted: T = msgspec.json.decode(found, type=kind)
            return counted
        figures = await count()
        if not await _holds_write_lock(session):
            await store.set(full, msgspec.json.encode(figures), expires_in=LIFETIME)
        return figures


async def _holds_write_lock(session: AsyncSession) -> bool:
    """Whether this session has written on SQLite and not yet committed.

    The store writes through its own connection, which would wait on this session's lock until
    the busy timeout and fail ("database is locked"): such a request counts without keeping.
    Python's sqlite3 opens a transaction only before a write, so ``in_transaction`` means one.
    """
    if session.bind is None or session.bind.dialect.name != "sqlite" or not session.in_transaction():
        return False
    raw = await (await session.connection()).get_raw_connection()
    return bool(getattr(raw.driver_connection, "in_transaction", False))


_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)


def _counting(key: str) -> asyncio.Lock:
    """This event loop's lock for counting one kind of figures (a lock belongs to one loop)."""
    return _LOCKS.setdefault(asyncio.get_running_loop(), {}).setdefault(key, asyncio.Lock())
