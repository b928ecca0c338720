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
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from uuid import uuid4

import msgspec
from advanced_alchemy.extensions.litestar.store import SQLAlchemyStore
from litestar.stores.base import Store
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session

from mentorship.lib.db import dialect_insert
from mentorship.lib.store import READ
from mentorship.models import (
    ActionItem,
    Checkin,
    Event,
    Profile,
    ProgramMembership,
    Proposal,
    PulseAnswer,
    Relationship,
    StoreItem,
    User,
)

FIGURES_STORE = "coordinator-figures"  # a namespace of the database-backed store, shared by workers and hosts
LIFETIME = 60  # seconds
T = TypeVar("T")

# Each column is indexed, so its latest value is one index step on both databases (migrations 0020, 0022).
CHANGED = (
    Relationship.updated_at,
    Checkin.updated_at,
    ActionItem.updated_at,
    Proposal.updated_at,
    Profile.updated_at,
    ProgramMembership.updated_at,
    PulseAnswer.created_at,
    Event.at,
    User.updated_at,
)


async def fingerprint(session: AsyncSession) -> str:
    """A short digest of when each table the figures read last changed: one statement per transaction.

    A page that shows two kinds of kept figures reads it once; a write or the transaction's end forgets it.
    """
    info = session.sync_session.info
    if (known := info.get(_FINGERPRINT)) is not None:
        return str(known)
    latest = (await session.execute(select(*(select(func.max(c)).scalar_subquery() for c in CHANGED)))).one()
    info[_FINGERPRINT] = digest = hashlib.blake2s(repr(tuple(latest)).encode(), digest_size=8).hexdigest()
    return digest


async def kept(
    store: Store | None,
    session: AsyncSession,
    key: str,
    kind: Any,  # what msgspec decodes the kept figures as: a class or a generic alias
    count: Callable[[], Awaitable[T]],
) -> T:
    """The figures under ``key`` for the data as it is now: from the store, or counted and kept.

    The store's rows are read and written through the request's own session: a request already
    holds a pooled connection, and asking for a second one while others wait for the count (each
    holding theirs) emptied the pool under 32 connections and every one of them answered 503.
    """
    namespace = store.namespace if isinstance(store, SQLAlchemyStore) else None
    if namespace is None:
        return await count()
    full = f"{key}:{await fingerprint(session)}"
    if (found := await _read(session, namespace, full)) is not None:
        decoded: T = msgspec.json.decode(found, type=kind)
        return decoded
    # One count per worker at a time: the others wait for it rather than all counting at once
    # (eight coordinators opening the dashboard after a change would otherwise cost eight counts).
    lock = _counting(key)
    try:
        async with lock:
            if (found := await _read(session, namespace, full)) is not None:
                counted: T = msgspec.json.decode(found, type=kind)
                return counted
            figures = await count()
            await _keep(session, namespace, full, msgspec.json.encode(figures))
            return figures
    finally:
        _release(key, lock)


async def _read(session: AsyncSession, namespace: str, key: str) -> bytes | None:
    value: bytes | None = await session.scalar(
        READ, {"key": key, "namespace": namespace, "now": datetime.now(UTC)}
    )
    return value


async def _keep(session: AsyncSession, namespace: str, key: str, value: bytes) -> None:
    """Store the figures and commit, unless the request has written: its writes are its own to commit."""
    if session.bind is None or has_written(session) or await _holds_write_lock(session):
        return
    expires_at = datetime.now(UTC) + timedelta(seconds=LIFETIME)
    statement = dialect_insert(session, StoreItem).values(
        id=uuid4(), key=key, namespace=namespace, value=value, expires_at=expires_at
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[StoreItem.key, StoreItem.namespace],
            set_={"value": value, "expires_at": expires_at},
        )
    )
    await session.commit()


def has_written(session: AsyncSession) -> bool:
    """Whether this session flushed or executed a write since its transaction began."""
    return bool(session.sync_session.info.get(_WROTE))


_WROTE = "mentorship.wrote"
_FINGERPRINT = "mentorship.fingerprint"


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    session.info[_WROTE] = True
    session.info.pop(_FINGERPRINT, None)


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True
        state.session.info.pop(_FINGERPRINT, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _ended(session: Session) -> None:
    session.info.pop(_WROTE, None)
    session.info.pop(_FINGERPRINT, None)


async def _holds_write_lock(session: AsyncSession) -> bool:
    """Whether this session has written on SQLite and not yet committed (a raw statement included).

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


def _release(key: str, lock: asyncio.Lock) -> None:
    """Forget a key's lock once nobody holds it: keys carry filters and ids, so they would pile up."""
    held = _LOCKS.get(asyncio.get_running_loop(), {})
    if held.get(key) is lock and not lock.locked():
        del held[key]
