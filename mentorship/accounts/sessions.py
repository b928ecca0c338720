"""Server-side sessions in the database: stored only when they hold something, under ids the server chose."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from advanced_alchemy.extensions.litestar._utils import get_aa_scope_state
from advanced_alchemy.extensions.litestar.plugins.init.config.common import SESSION_SCOPE_KEY
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.types import Message, ScopeSession
from litestar.utils.dataclass import extract_dataclass_items

ROTATE_KEY = "_rotate"
NEW_ID_SCOPE_KEY = "mentorship.new_session_id"
LOADED_ID_SCOPE_KEY = "mentorship.loaded_session_id"
LOADED_DATA_SCOPE_KEY = "mentorship.loaded_session_data"
# When the row was last written (seconds since the epoch), kept inside the session itself.
RENEWED_KEY = "_renewed"
# An unchanged session is written again (sliding its expiry) at most this often: reading a page
# must not be a database write, which on SQLite is the one writer every worker waits for.
RENEW_EVERY = 3600
_HEX = re.compile(r"[0-9a-f]+")


class RotatingSessionBackend(ServerSideSessionBackend):
    """Litestar's server-side backend, hardened: no empty rows, no adopted ids, a new id after sign-in."""

    def cookie_session_id(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
        """The cookie's session id if it has the shape of one we issue; anything else is no session."""
        value = connection.cookies.get(self.config.key) or ""
        # A long or NUL-bearing value would reach the database (and fail there on PostgreSQL).
        if len(value) == 2 * self.config.session_id_bytes and _HEX.fullmatch(value):
            return value
        return None

    async def load_from_connection(self, connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any]:
        """The stored session for a well-formed cookie, remembering that its row exists."""
        session_id = self.cookie_session_id(connection)
        if session_id is None:
            return {}
        data = await self.get(session_id, store=self.config.get_store_from_app(connection.scope["app"]))
        if data is None:
            return {}
        connection.scope[LOADED_ID_SCOPE_KEY] = session_id  # type: ignore[literal-required]
        connection.scope[LOADED_DATA_SCOPE_KEY] = data  # type: ignore[literal-required]
        return self.deserialize_data(data)

    def get_session_id(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        """The id of the stored session this request loaded, else a fresh one (never the client's guess)."""
        scope: dict[str, Any] = connection.scope  # type: ignore[assignment]
        if new_id := scope.get(NEW_ID_SCOPE_KEY):
            return str(new_id)
        if loaded := scope.get(LOADED_ID_SCOPE_KEY):
            return str(loaded)
        scope[NEW_ID_SCOPE_KEY] = self.generate_session_id()
        return str(scope[NEW_ID_SCOPE_KEY])

    async def store_in_message(
        self, scope_session: ScopeSession, message: Message, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> None:
        """Save a session that holds something; delete one that became empty; rotate after sign-in."""
        # Saving the session takes a pooled connection of its own. Release the handler's first: with
        # as many requests in flight as the pool has connections, each holding one and waiting for a
        # second, a worker's pool deadlocked until its timeout and answered 500.
        db_session = get_aa_scope_state(connection.scope, SESSION_SCOPE_KEY)
        if db_session is not None:
            await db_session.close()
        scope: dict[str, Any] = connection.scope  # type: ignore[assignment]
        data = scope_session if isinstance(scope_session, dict) else {}
        store = self.config.get_store_from_app(connection.scope["app"])
        loaded: str | None = scope.get(LOADED_ID_SCOPE_KEY)
        if data.pop(ROTATE_KEY, False):
            # A sign-in drops the old row and switches ids (stops session fixation).
            if loaded:
                await self.delete(loaded, store=store)
            scope[LOADED_ID_SCOPE_KEY] = loaded = None
            scope[NEW_ID_SCOPE_KEY] = self.generate_session_id()
        if any(key != RENEWED_KEY for key in data):
            if loaded and not self._needs_writing(data, scope.get(LOADED_DATA_SCOPE_KEY)):
                return
            data[RENEWED_KEY] = int(time.time())
            await super().store_in_message(data, message, connection)
            return
        # Nothing to keep: anonymous requests store no row; a session emptied by sign-out loses its row.
        if loaded:
            await self.delete(loaded, store=store)
        if connection.cookies.get(self.config.key):
            self._expire_cookie(message)

    def _needs_writing(self, data: dict[str, Any], loaded_raw: object) -> bool:
        """Whether the session changed since it was read, or its expiry is due to slide forward."""
        renewed = data.get(RENEWED_KEY)
        if not isinstance(renewed, int) or time.time() - renewed >= min(RENEW_EVERY, self.config.max_age / 2):
            return True
        return not isinstance(loaded_raw, bytes | str) or self.deserialize_data(loaded_raw) != data

    def _expire_cookie(self, message: Message) -> None:
        params = dict(extract_dataclass_items(self.config, exclude_none=True, include=Cookie.__dict__.keys()))
        cookie = Cookie(value="null", key=self.config.key, expires=0, **params)
        MutableScopeHeaders.from_message(message).add("Set-Cookie", cookie.to_header(header=""))


@dataclass
class RotatingSessionConfig(ServerSideSessionConfig):
    """Server-side session config using the rotating backend."""

    _backend_class = RotatingSessionBackend


def rotate_session(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    """Ask for a new session id when the response is sent."""
    connection.session[ROTATE_KEY] = True
