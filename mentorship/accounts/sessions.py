"""Server-side sessions in the database, with a fresh session id after every sign-in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advanced_alchemy.extensions.litestar._utils import get_aa_scope_state
from advanced_alchemy.extensions.litestar.plugins.init.config.common import SESSION_SCOPE_KEY
from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.types import Message, ScopeSession

ROTATE_KEY = "_rotate"
NEW_ID_SCOPE_KEY = "mentorship.new_session_id"


class RotatingSessionBackend(ServerSideSessionBackend):
    """Stores sessions like Litestar's backend, but issues a new id when the session asks to rotate."""

    def get_session_id(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        """The rotated id when one was issued during this request, else the usual id."""
        new_id: str | None = connection.scope.get(NEW_ID_SCOPE_KEY)  # type: ignore[assignment]
        return new_id or super().get_session_id(connection)

    async def store_in_message(
        self, scope_session: ScopeSession, message: Message, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> None:
        """Drop the old session row and switch ids when a sign-in asked to rotate (stops session fixation)."""
        # Saving the session takes a pooled connection of its own. Release the handler's first: with
        # as many requests in flight as the pool has connections, each holding one and waiting for a
        # second, a worker's pool deadlocked until its timeout and answered 500.
        db_session = get_aa_scope_state(connection.scope, SESSION_SCOPE_KEY)
        if db_session is not None:
            await db_session.close()
        if isinstance(scope_session, dict) and scope_session.pop(ROTATE_KEY, False):
            old_id = connection.cookies.get(self.config.key)
            if old_id:
                await self.delete(old_id, store=self.config.get_store_from_app(connection.scope["app"]))
            connection.scope[NEW_ID_SCOPE_KEY] = self.generate_session_id()  # type: ignore[literal-required]
        await super().store_in_message(scope_session, message, connection)


@dataclass
class RotatingSessionConfig(ServerSideSessionConfig):
    """Server-side session config using the rotating backend."""

    _backend_class = RotatingSessionBackend


def rotate_session(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    """Ask for a new session id when the response is sent."""
    connection.session[ROTATE_KEY] = True
