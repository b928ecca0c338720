"""Who is asking: the signed-in user from the session, and guards that every route declares."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, cast
from uuid import UUID

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, NotFoundException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.orm import raiseload

from mentorship.lib.i18n import _
from mentorship.models import Notification, Profile, User

SESSION_USER_KEY = "uid"
SESSION_GENERATION_KEY = "gen"
ACTIVITY_RESOLUTION = timedelta(minutes=5)


def user_middleware(db_config: SQLAlchemyAsyncConfig) -> Any:
    """Middleware factory: load the session's user (or None) into scope["user"] for every request."""

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            scope["user"] = None
            extra = cast(dict[str, Any], scope)  # the nav badge reads this; no extra query per page
            extra["unread_notifications"] = 0
            extra["timezone"] = None  # the reader's zone for every time on the page; None reads UTC
            extra["has_profile"] = False
            session = scope.get("session")
            session = session if isinstance(session, dict) else {}
            if raw_id := session.get(SESSION_USER_KEY):
                generation = session.get(SESSION_GENERATION_KEY, 0)
                (
                    user,
                    extra["unread_notifications"],
                    extra["timezone"],
                    extra["has_profile"],
                ) = await _load_user(db_config, raw_id, generation)
                if user is None:
                    # Ended by a password change or reset, or the account is gone: forget the session.
                    scope["session"] = {}
                scope["user"] = user
            await app(scope, receive, send)

        return middleware

    return factory


@cache
def _user_query() -> Select[Any]:
    """The statement every signed-in request runs, built once (building it cost more than running it)."""
    # The profile and its topics stay unloaded: services fetch what they need.
    unread = (
        select(func.count())
        .where(Notification.user_id == User.id, Notification.read_at.is_(None))
        .correlate(User)
        .scalar_subquery()
    )
    zone = select(Profile.timezone).where(Profile.user_id == User.id).correlate(User).scalar_subquery()
    has_profile = select(Profile.id).where(Profile.user_id == User.id).correlate(User).exists()
    return (
        select(User, unread, zone, has_profile)
        .where(
            User.id == bindparam("user_id"),
            User.is_active,
            User.session_generation == bindparam("generation"),
        )
        .options(raiseload(User.profile))
    )


async def _load_user(
    db_config: SQLAlchemyAsyncConfig, raw_id: str, generation: object
) -> tuple[User | None, int, str | None, bool]:
    """The active user whose sessions of this generation are valid, their unread count, zone and profile."""
    try:
        user_id = UUID(str(raw_id))
    except ValueError:
        return None, 0, None, False
    if not isinstance(generation, int):
        return None, 0, None, False
    async with db_config.get_session() as db:
        query = _user_query()
        row = (await db.execute(query, {"user_id": user_id, "generation": generation})).first()
        if row is None:
            return None, 0, None, False
        user, count, timezone, profiled = row[0], int(row[1] or 0), row[2], bool(row[3])
        now = datetime.now(UTC)
        if user.last_active_at is None or now - user.last_active_at > ACTIVITY_RESOLUTION:
            # Being seen is not an edit: updated_at stays, so kept figures (lib/figures.py) keep.
            await db.execute(
                update(User).where(User.id == user.id).values(last_active_at=now, updated_at=User.updated_at)
            )
            await db.commit()
        db.expunge(user)
        return user, count, timezone, profiled


def current_user(connection: ASGIConnection[Any, Any, Any, Any]) -> User | None:
    """The signed-in user, or None."""
    user = connection.scope.get("user")
    return user if isinstance(user, User) else None


def has_profile(connection: ASGIConnection[Any, Any, Any, Any]) -> bool:
    """Whether the signed-in user has a profile (read with the user, no query of its own)."""
    return bool(connection.scope.get("has_profile"))


def provide_me(request: Request[Any, Any, Any]) -> User:
    """Dependency: the signed-in user, for handlers behind a signed-in or coordinator guard."""
    user = current_user(request)
    if user is None:
        raise NotAuthorizedException(_("Please sign in to continue."))
    return user


def signed_in(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    """Guard: anyone signed in."""
    if current_user(connection) is None:
        raise NotAuthorizedException(_("Please sign in to continue."))


def coordinator(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    """Guard: coordinators only."""
    user = current_user(connection)
    if user is None:
        raise NotAuthorizedException(_("Please sign in to continue."))
    if not user.is_coordinator:
        raise PermissionDeniedException(_("Only coordinators can do this."))


def debug_only(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    """Guard: the route exists only in debug mode."""
    if not connection.app.state.settings.debug:
        raise NotFoundException()


# Every route declares one of these in opt["access"]; a test fails for a route without one.
PUBLIC = {"access": "public"}
SIGNED_IN = {"access": "signed-in"}
COORDINATOR = {"access": "coordinator"}
DEBUG = {"access": "debug"}
