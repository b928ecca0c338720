"""JSON API for my notifications and my email choices."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import FromQuery, JSONBody, QueryParameter

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.lib.keyset import MAX_LIMIT, decode
from mentorship.models import Notification, User
from mentorship.notifications.deps import provide_notifications
from mentorship.notifications.services import TYPES, NotificationService


class NotificationOut(msgspec.Struct):
    """One notification; `link` is the page of the object it is about, `entries` a grouped note's list."""

    id: UUID
    type: str
    text: str
    link: str
    created_at: datetime
    read_at: datetime | None
    emailed_at: datetime | None
    entries: list[dict[str, str]] = []


class NotificationList(msgspec.Struct):
    """A page of my notifications, newest first, with my counts; ``next`` is the older page's ``before``."""

    items: list[NotificationOut]
    total: int
    unread: int
    next: str | None
    limit: int


class MarkRead(msgspec.Struct, forbid_unknown_fields=True):
    """Which notifications to mark read: listed ids, or all of mine."""

    ids: Annotated[list[UUID], msgspec.Meta(max_length=500)] = []
    all: bool = False


class MarkedRead(msgspec.Struct):
    """How many were marked, and how many stay unread."""

    marked: int
    unread: int


class EmailPreferences(msgspec.Struct):
    """Which notification types I get by email (true = on), with what each type means."""

    email: dict[str, bool]
    types: dict[str, str]


class EmailPreferencesIn(msgspec.Struct, forbid_unknown_fields=True):
    """My email choices by type; a type left out is on."""

    email: Annotated[dict[Annotated[str, msgspec.Meta(max_length=60)], bool], msgspec.Meta(max_length=50)]


def _out(note: Notification) -> NotificationOut:
    return NotificationOut(
        id=note.id,
        type=note.type,
        text=note.text,
        link=note.link,
        created_at=note.created_at,
        read_at=note.read_at,
        emailed_at=note.emailed_at,
        entries=list(note.items or []),
    )


class NotificationApiController(Controller):
    """My notifications as JSON; only ever the caller's own."""

    path = "/api/v1"
    tags = ["notifications"]
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"notifications": Provide(provide_notifications)}

    @get("/notifications", name="api:notifications")
    async def list_notifications(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        notifications: NamedDependency[NotificationService],
        unread: FromQuery[bool] = False,
        before: Annotated[str, QueryParameter(max_length=200)] = "",
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT)] = 20,
    ) -> NotificationList:
        """My notifications, newest first (only unread ones with `unread=true`).

        A page at a time: pass the answer's ``next`` as ``before`` for the older page (``limit`` rows each).
        """
        cursor = decode(before, "before")
        result = await notifications.page(me.id, cursor, limit=limit, unread_only=unread)
        return NotificationList(
            items=[_out(note) for note in result.items],
            total=result.total,
            unread=result.unread,
            next=result.older or None,
            limit=limit,
        )

    @post("/notifications/read", name="api:notifications:read", status_code=200)
    async def mark_read(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        data: JSONBody[MarkRead],
        notifications: NamedDependency[NotificationService],
    ) -> MarkedRead:
        """Mark the listed notifications read, or all of mine with `{"all": true}`."""
        user_id = me.id
        marked = await notifications.mark_read(user_id, None if data.all else data.ids)
        return MarkedRead(marked=marked, unread=await notifications.unread_count(user_id))

    @get("/me/notification-preferences", name="api:notification-preferences")
    async def preferences(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        notifications: NamedDependency[NotificationService],
    ) -> EmailPreferences:
        """Which emails I get."""
        return EmailPreferences(email=await notifications.email_choices(me.id), types=TYPES)

    @put("/me/notification-preferences", name="api:notification-preferences:update")
    async def update_preferences(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        data: JSONBody[EmailPreferencesIn],
        notifications: NamedDependency[NotificationService],
    ) -> EmailPreferences:
        """Replace my email choices; unknown types are a 400."""
        unknown = sorted(set(data.email) - set(TYPES))
        if unknown:
            raise ValidationException(
                "Unknown notification type",
                extra=[{"key": key, "message": "unknown type"} for key in unknown],
            )
        saved = await notifications.set_email_choices(me.id, data.email)
        return EmailPreferences(email=saved, types=TYPES)
