"""Coordinators' history page and its CSV export; there is no route that changes an event."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated
from uuid import UUID

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Stream, Template

from mentorship.accounts.auth import signed_in
from mentorship.events.deps import provide_events
from mentorship.events.export import csv_chunks
from mentorship.events.scope import PROGRAM_COORDINATOR, program_scope
from mentorship.events.services import EventFilters, EventService
from mentorship.lib.dates import out_of_range
from mentorship.lib.db import app_db_config
from mentorship.lib.htmx import page_or_fragment
from mentorship.lib.keyset import decode
from mentorship.models import User

Cursor = Annotated[str, QueryParameter(max_length=200)]


def parse_day(value: str) -> date | None:
    """A YYYY-MM-DD day from a form, or None when empty, malformed or outside the dates people may enter."""
    try:
        day = date.fromisoformat(value.strip()[:10]) if value.strip() else None
    except ValueError:
        return None
    return None if day is None or out_of_range(day) else day


def page_filters(
    type_: str,
    actor: str,
    subject_type: str,
    since: str,
    until: str,
    program_id: UUID | None = None,
) -> EventFilters:
    """Filters as the page's form sends them (bad dates are ignored, not an error page)."""
    return EventFilters(
        type=type_,
        actor=actor,
        subject_type=subject_type,
        since=parse_day(since),
        until=parse_day(until),
        program_id=program_id,
    )


class EventController(Controller):
    """Who did what, when: the append-only history."""

    include_in_schema = False
    # Administrators see the whole community's history; a program's coordinators, their programs'.
    guards = [signed_in]
    opt = PROGRAM_COORDINATOR
    dependencies = {"events": Provide(provide_events)}

    @get("/events", name="events")
    async def index(
        self,
        request: HTMXRequest,
        me: NamedDependency[User],
        events: NamedDependency[EventService],
        event_type: Annotated[str, QueryParameter(name="type")] = "",
        actor: FromQuery[str] = "",
        subject_type: FromQuery[str] = "",
        since: FromQuery[str] = "",
        until: FromQuery[str] = "",
        program: FromQuery[str] = "",
        before: Cursor = "",
        after: Cursor = "",
    ) -> Template:
        """The history, newest first, a page at a time, or its table alone when htmx refreshes it."""
        scope = await program_scope(events.session, me, program)
        filters = page_filters(event_type, actor, subject_type, since, until, scope.program_id)
        result = await events.page(filters, decode(before, "before"), decode(after, "after"))
        return page_or_fragment(
            request,
            "events/index.html",
            "events/_table.html",
            result=result,
            filters=filters,
            scope=scope,
            choices=await events.choices(),
        )

    @get("/events.csv", name="events:csv")
    async def export(
        self,
        request: HTMXRequest,
        me: NamedDependency[User],
        events: NamedDependency[EventService],
        event_type: Annotated[str, QueryParameter(name="type")] = "",
        actor: FromQuery[str] = "",
        subject_type: FromQuery[str] = "",
        since: FromQuery[str] = "",
        until: FromQuery[str] = "",
        program: FromQuery[str] = "",
    ) -> Stream:
        """The filtered history as a CSV file, streamed (one program's for its coordinators)."""
        scope = await program_scope(events.session, me, program)
        filters = page_filters(event_type, actor, subject_type, since, until, scope.program_id)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
        return Stream(
            csv_chunks(app_db_config(request.app).get_session, filters),
            media_type="text/csv",
            headers={"content-disposition": f'attachment; filename="mentorship-history-{stamp}.csv"'},
        )
