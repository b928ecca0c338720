"""JSON API for the history (coordinators); read-only by design."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import FromQuery, QueryParameter

from mentorship.accounts.auth import signed_in
from mentorship.events.deps import provide_events
from mentorship.events.scope import PROGRAM_COORDINATOR, program_scope
from mentorship.events.services import EventFilters, EventRow, EventService
from mentorship.lib.dates import out_of_range
from mentorship.lib.keyset import MAX_LIMIT, PAGE_SIZE, decode
from mentorship.models import User

Filter = Annotated[str, QueryParameter(max_length=100)]


class EventOut(msgspec.Struct):
    """One history event: who (actor), when (UTC), what (type, subject, description, data)."""

    id: UUID
    at: datetime
    type: str
    actor_id: UUID | None
    actor_name: str
    subject_type: str
    subject_id: UUID | None
    description: str
    data: dict[str, Any]


class EventList(msgspec.Struct):
    """A page of events, newest first; ``next`` is the ``before`` of the older page (null at the end)."""

    items: list[EventOut]
    next: str | None
    limit: int


def _out(row: EventRow) -> EventOut:
    event = row.event
    return EventOut(
        id=event.id,
        at=event.at,
        type=event.type,
        actor_id=event.actor_id,
        actor_name=row.actor_name,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        description=row.description,
        data=dict(event.data or {}),
    )


class EventApiController(Controller):
    """The append-only history as JSON."""

    path = "/api/v1/events"
    tags = ["history"]
    # Administrators read the whole community's history; a program's coordinators, their programs'.
    guards = [signed_in]
    opt = PROGRAM_COORDINATOR
    dependencies = {"events": Provide(provide_events)}

    @get("/", name="api:events")
    async def list_events(
        self,
        me: NamedDependency[User],
        events: NamedDependency[EventService],
        event_type: Annotated[str, QueryParameter(name="type", max_length=100)] = "",
        actor: Filter = "",
        actor_id: FromQuery[UUID | None] = None,
        subject_type: Filter = "",
        subject_id: FromQuery[UUID | None] = None,
        since: FromQuery[date | None] = None,
        until: FromQuery[date | None] = None,
        before: Annotated[str, QueryParameter(max_length=200)] = "",
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT)] = PAGE_SIZE,
        program: Annotated[str, QueryParameter(max_length=80)] = "",
    ) -> EventList:
        """Events newest first, filtered by type, actor (name or email part, or id), subject and UTC days.

        A page at a time: pass the answer's ``next`` as ``before`` for the older page (``limit`` rows each).

        ``program=<slug>``: that program's events only (a program's coordinators always see one program).
        """
        bad = [
            {"key": name, "message": problem}
            for name, day in (("since", since), ("until", until))
            if day is not None and (problem := out_of_range(day))
        ]
        if bad:
            raise ValidationException("Invalid dates", extra=bad)
        scope = await program_scope(events.session, me, program)
        filters = EventFilters(
            type=event_type,
            actor=actor,
            actor_id=actor_id,
            subject_type=subject_type,
            subject_id=subject_id,
            since=since,
            until=until,
            limit=limit,
            program_id=scope.program_id,
        )
        result = await events.page(filters, decode(before, "before"))
        return EventList(items=[_out(row) for row in result.rows], next=result.older or None, limit=limit)
