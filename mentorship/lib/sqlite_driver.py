"""SQLite through aiosqlite with one thread hop per statement instead of four.

SQLAlchemy's aiosqlite adapter makes a cursor, executes, fetches and closes the cursor as four
separate calls into aiosqlite's thread, each a queue hand-off and an event-loop wake-up: about
0.8 ms a statement, when SQLite itself answers an indexed read in microseconds. At 10,000 people
a page's dozen statements spent most of their time in those hand-offs. This cursor does all four
in one call on the connection's thread. Server-side (streaming) cursors keep the library's path.
Passed to the engine as its DBAPI ``module`` (a documented engine parameter): the dialect, URLs
and everything else stay SQLAlchemy's own. It calls aiosqlite's ``Connection._execute`` (the
one entry to its thread; aiosqlite is pinned in ``uv.lock``): ``tests/lib/test_sqlite_driver.py``
and every SQLite test fail at once if that changes.
"""

from __future__ import annotations

import collections
import sqlite3
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    """A buffered cursor whose execute, fetch and close run as one call on the connection's thread."""

    __slots__ = ("_arraysize", "_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]  # no driver cursor outlives a statement
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self._arraysize = 1

    @property
    def description(self) -> Any:
        """The last statement's columns (None for a statement without rows)."""
        return self._description

    @property
    def rowcount(self) -> int:
        """Rows the last statement changed."""
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        """The rowid of the last inserted row."""
        return self._lastrowid  # type: ignore[return-value]

    @property
    def arraysize(self) -> int:
        """Rows a bare fetchmany returns."""
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    def close(self) -> None:
        """Drop buffered rows; the driver cursor is already closed."""
        self._rows.clear()

    async def _async_soft_close(self) -> None:
        return

    def _run(self, operation: str, parameters: Any, many: bool) -> None:
        """Execute and buffer the rows, on aiosqlite's thread (its sqlite3 connection lives there)."""
        cursor = self._connection._conn.cursor()
        try:
            if many:
                cursor.executemany(operation, parameters)
            elif parameters is None:
                cursor.execute(operation)
            else:
                cursor.execute(operation, parameters)
            self._description = cursor.description
            self._rowcount = cursor.rowcount
            self._lastrowid = cursor.lastrowid
            self._rows = collections.deque(cursor.fetchall() if cursor.description else ())
        finally:
            cursor.close()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        async with self._adapt_connection._execute_mutex:
            await self._connection._execute(self._run, operation, parameters, False)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        async with self._adapt_connection._execute_mutex:
            await self._connection._execute(self._run, operation, seq_of_parameters, True)

    def nextset(self) -> None:
        """SQLite has one result set per statement."""

    def setinputsizes(self, *inputsizes: Any) -> None:
        """Nothing to do: sqlite3 ignores input sizes."""


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    """aiosqlite's adapted connection with the one-hop cursor for every buffered statement."""

    __slots__ = ()
    _cursor_cls = OneHopCursor  # type: ignore[assignment]  # a subclass; mypy reads the slot as exact

    def _idle(self) -> bool:
        # sqlite3's own commit and rollback do nothing outside a transaction; skip the thread hop.
        # The pool resets every connection it takes back, and most requests only read.
        raw: sqlite3.Connection | None = self._connection._connection
        return raw is None or not raw.in_transaction

    def rollback(self) -> None:
        """Roll back, without a trip to the connection's thread when nothing is open."""
        if not self._idle():
            super().rollback()

    def commit(self) -> None:
        """Commit, without a trip to the connection's thread when nothing is open."""
        if not self._idle():
            super().commit()


class OneHopDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """SQLAlchemy's aiosqlite DBAPI shim, handing out one-hop connections."""

    def connect(self, *arg: Any, **kw: Any) -> OneHopConnection:
        """Open an aiosqlite connection (its own thread) wrapped for one hop a statement."""
        adapted = super().connect(*arg, **kw)
        return OneHopConnection(self, adapted._connection)


def one_hop_dbapi() -> OneHopDBAPI:
    """The DBAPI module to pass as the engine's ``module`` for ``sqlite+aiosqlite`` URLs."""
    return OneHopDBAPI(aiosqlite, sqlite3)
