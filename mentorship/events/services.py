"""Write history lines and read them back filtered; nothing here updates or deletes one."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.describe import Part, Ref, describe, parts, subject_label, type_label
from mentorship.events.names import page_names
from mentorship.lib.keyset import MAX_LIMIT, PAGE_SIZE, Cursor, newer_than, older_than
from mentorship.models import ActionItem, Checkin, Event, Proposal, Relationship, Round, User


def record(
    session: AsyncSession,
    type_: str,
    subject_type: str,
    subject_id: UUID | None,
    actor_id: UUID | None = None,
    **data: Any,
) -> Event:
    """Add one event to the session; it is written with the caller's transaction (all or nothing)."""
    event = Event(
        at=datetime.now(UTC),
        actor_id=actor_id,
        type=type_,
        subject_type=subject_type,
        subject_id=subject_id,
        data={key: (str(value) if isinstance(value, UUID) else value) for key, value in data.items()},
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class EventFilters:
    """The history's filters: dates are UTC days, both ends included."""

    type: str = ""
    actor: str = ""  # part of the actor's name or email
    actor_id: UUID | None = None
    subject_type: str = ""
    subject_id: UUID | None = None
    since: date | None = None
    until: date | None = None
    limit: int = PAGE_SIZE
    program_id: UUID | None = None  # one program's objects only: itself, its rounds, proposals, relationships

    def __post_init__(self) -> None:
        # NUL never matches anything and PostgreSQL rejects it in a query.
        for name in ("type", "actor", "subject_type"):
            object.__setattr__(self, name, getattr(self, name).replace("\x00", "").strip()[:100])


@dataclass(frozen=True)
class EventRow:
    """An event with its actor's name and a one-line description."""

    event: Event
    actor_name: str
    description: str
    parts: list[Part] = field(default_factory=list)  # the description with names linked (pages only)
    actor: Ref | None = None


@dataclass(frozen=True)
class EventPage:
    """One page of the history, newest first, with the cursors of the pages either side ('' for none)."""

    rows: list[EventRow]
    older: str = ""
    newer: str = ""


Found = Row[Event, str | None]


def in_program(program_id: UUID) -> ColumnElement[bool]:
    """Events about a program's objects: the program, its rounds, proposals and relationships and theirs."""
    relationships = select(Relationship.id).where(Relationship.program_id == program_id)
    subjects = {
        "round": select(Round.id).where(Round.program_id == program_id),
        "proposal": select(Proposal.id).where(Proposal.program_id == program_id),
        "relationship": relationships,
        "checkin": select(Checkin.id).where(Checkin.relationship_id.in_(relationships)),
        "action_item": select(ActionItem.id).where(ActionItem.relationship_id.in_(relationships)),
    }
    return or_(
        and_(Event.subject_type == "program", Event.subject_id == program_id),
        *(and_(Event.subject_type == kind, Event.subject_id.in_(ids)) for kind, ids in subjects.items()),
    )


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


class EventService:
    """Read the history; there is deliberately no method that changes an event."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _query(self, filters: EventFilters) -> Select[Event, str | None]:
        query = select(Event, User.name).outerjoin(User, User.id == Event.actor_id)
        if filters.type:
            query = query.where(Event.type == filters.type)
        if filters.subject_type:
            query = query.where(Event.subject_type == filters.subject_type)
        if filters.subject_id:
            query = query.where(Event.subject_id == filters.subject_id)
        if filters.actor_id:
            query = query.where(Event.actor_id == filters.actor_id)
        if filters.actor:
            like = f"%{filters.actor.lower()}%"
            query = query.where(or_(func.lower(User.name).like(like), func.lower(User.email).like(like)))
        if filters.program_id:
            query = query.where(in_program(filters.program_id))
        if filters.since:
            query = query.where(Event.at >= _day_start(filters.since))
        if filters.until:
            query = query.where(Event.at < _day_start(filters.until + timedelta(days=1)))
        return query

    async def page(
        self, filters: EventFilters, before: Cursor | None = None, after: Cursor | None = None
    ) -> EventPage:
        """A filtered page of events, newest first: older than ``before``, or the page above ``after``."""
        limit = min(max(1, filters.limit), MAX_LIMIT)
        if after is not None:
            query = self._query(filters).where(newer_than(Event.at, Event.id, after))
            found = (await self.session.execute(query.order_by(Event.at, Event.id).limit(limit + 1))).all()
            if len(found) > limit:
                found = found[:limit][::-1]
                return await self._page(found, older=_cursor(found[-1][0]), newer=_cursor(found[0][0]))
            # Fewer than a page is newer: that is the first page, shown whole.
            before = None
        query = self._query(filters)
        if before is not None:
            query = query.where(older_than(Event.at, Event.id, before))
        found = (
            await self.session.execute(query.order_by(Event.at.desc(), Event.id.desc()).limit(limit + 1))
        ).all()
        older = _cursor(found[limit - 1][0]) if len(found) > limit else ""
        found = found[:limit]
        newer = "" if before is None else (_cursor(found[0][0]) if found else before.encode())
        return await self._page(found, older=older, newer=newer)

    async def _page(self, found: Sequence[Found], older: str, newer: str) -> EventPage:
        names = await page_names(self.session, [event for event, _name in found])
        rows = []
        for event, name in found:
            actor = (names.get(("user", str(event.actor_id))) or Ref(name)) if name else None
            line = parts(event.type, event.subject_type, event.subject_id, event.data, actor, names)
            rows.append(
                EventRow(
                    event, name or "", describe(event.type, event.subject_type, event.data, name), line, actor
                )
            )
        return EventPage(rows, older, newer)

    async def batches(self, filters: EventFilters, size: int = 1000) -> AsyncIterator[list[EventRow]]:
        """Every matching event, newest first, in batches (keyset paging keeps memory flat)."""
        after: Cursor | None = None
        while True:
            query = self._query(filters)
            if after is not None:
                query = query.where(older_than(Event.at, Event.id, after))
            result = await self.session.execute(query.order_by(Event.at.desc(), Event.id.desc()).limit(size))
            rows = [_row(event, name) for event, name in result.all()]
            if not rows:
                return
            yield rows
            after = Cursor(rows[-1].event.at, rows[-1].event.id)
            self.session.expunge_all()

    async def choices(self) -> dict[str, list[tuple[str, str]]]:
        """The event types and subject types that occur, as (code, words), for the filter menus."""
        types = await self.session.scalars(distinct_values(Event.type))
        subjects = await self.session.scalars(distinct_values(Event.subject_type))
        return {
            "types": [(code, type_label(code)) for code in types],
            "subject_types": [(code, subject_label(code)) for code in subjects],
        }


def distinct_values(column: Any) -> Select[str]:
    """An indexed column's distinct values in order, one index probe per value (a loose index scan).

    ``SELECT DISTINCT`` reads the whole index, a cost that grows with the history (neither database
    skips ahead by itself); a couple of dozen values take a couple of dozen probes at any size.
    """
    found = select(func.min(column).label("value")).cte("found", recursive=True)
    following = select(func.min(column)).where(column > found.c.value).scalar_subquery()
    found = found.union_all(select(following).where(found.c.value.is_not(None)))
    return select(found.c.value).where(found.c.value.is_not(None)).order_by(found.c.value)


def _cursor(event: Event) -> str:
    return Cursor(event.at, event.id).encode()


def _row(event: Event, actor_name: str | None) -> EventRow:
    return EventRow(event, actor_name or "", describe(event.type, event.subject_type, event.data, actor_name))
