"""Calendars: a secret, revocable iCalendar feed per person and an .ics file per check-in."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from uuid import UUID

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.access import my_relationship_ids
from mentorship.lib.dates import later
from mentorship.models import (
    CalendarFeed,
    Checkin,
    CheckinStatus,
    CheckinTemplate,
    Profile,
    RelationshipMember,
    User,
)

FEED_STATUSES = (CheckinStatus.PLANNED, CheckinStatus.RESCHEDULED, CheckinStatus.CANCELLED)
# Recent past events stay in the feed so a calendar does not drop a meeting the moment it starts.
FEED_LOOKBACK = timedelta(days=14)


async def active_feed(session: AsyncSession, user_id: UUID) -> CalendarFeed | None:
    """My current calendar feed, if I made one and did not revoke it."""
    query = select(CalendarFeed).where(CalendarFeed.user_id == user_id, CalendarFeed.revoked_at.is_(None))
    return (await session.execute(query.order_by(CalendarFeed.created_at.desc()).limit(1))).scalar()


async def revoke_feeds(session: AsyncSession, user_id: UUID) -> None:
    """Revoke every feed URL of mine (add to the caller's transaction)."""
    now = datetime.now(UTC)
    for feed in (
        await session.execute(
            select(CalendarFeed).where(CalendarFeed.user_id == user_id, CalendarFeed.revoked_at.is_(None))
        )
    ).scalars():
        feed.revoked_at = now


async def regenerate_feed(session: AsyncSession, user_id: UUID) -> CalendarFeed:
    """Revoke my old feed URL and make a new one."""
    await revoke_feeds(session, user_id)
    feed = CalendarFeed(user_id=user_id, token=secrets.token_urlsafe(32), created_at=datetime.now(UTC))
    session.add(feed)
    await session.commit()
    return feed


async def feed_owner(session: AsyncSession, token: str) -> User | None:
    """The active person whose unrevoked feed has this token."""
    if not token or len(token) > 64:
        return None
    query = (
        select(User)
        .join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token == token, CalendarFeed.revoked_at.is_(None), User.is_active)
    )
    return (await session.execute(query)).scalar()


async def _titles(session: AsyncSession, checkins: list[Checkin]) -> dict[UUID, str]:
    """A summary per check-in: the template's title and who else is in it (no private text)."""
    template_ids = {c.template_id for c in checkins if c.template_id}
    templates = {
        t.id: t.title
        for t in (
            await session.execute(select(CheckinTemplate).where(CheckinTemplate.id.in_(template_ids)))
        ).scalars()
    }
    relationship_ids = {c.relationship_id for c in checkins}
    names: dict[UUID, list[tuple[UUID, str]]] = {}
    query = (
        select(RelationshipMember.relationship_id, Profile.user_id, User.name)
        .join(Profile, Profile.id == RelationshipMember.profile_id)
        .join(User, User.id == Profile.user_id)
        .where(RelationshipMember.relationship_id.in_(relationship_ids))
    )
    for relationship_id, user_id, name in (await session.execute(query)).all():
        names.setdefault(relationship_id, []).append((user_id, name))
    return {
        c.id: f"{templates.get(c.template_id, 'Check-in') if c.template_id else 'Check-in'}: "
        + ", ".join(name for _u, name in names.get(c.relationship_id, []))
        for c in checkins
    }


def _event(checkin: Checkin, summary: str, base_url: str) -> Event:
    event = Event()
    event.add("uid", f"checkin-{checkin.id}@mentorship")
    event.add("dtstamp", checkin.updated_at or datetime.now(UTC))
    event.add("dtstart", checkin.scheduled_at)
    event.add("dtend", later(checkin.scheduled_at, timedelta(minutes=checkin.duration_minutes)))
    event.add("sequence", checkin.sequence)
    event.add("summary", summary)
    event.add("url", f"{base_url.rstrip('/')}/checkins/{checkin.id}")
    event.add("status", "CANCELLED" if checkin.status is CheckinStatus.CANCELLED else "CONFIRMED")
    return event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Mentorship//Check-ins//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


async def feed_ics(session: AsyncSession, user: User, base_url: str) -> bytes:
    """Every upcoming check-in of my relationships as one calendar."""
    relationship_ids = await my_relationship_ids(session, user.id)
    query = (
        select(Checkin)
        .where(
            Checkin.relationship_id.in_(relationship_ids),
            Checkin.status.in_(FEED_STATUSES),
            Checkin.scheduled_at >= datetime.now(UTC) - FEED_LOOKBACK,
        )
        .order_by(Checkin.scheduled_at)
    )
    checkins = list((await session.execute(query)).scalars())
    titles = await _titles(session, checkins)
    calendar = _calendar("Mentorship check-ins")
    for checkin in checkins:
        calendar.add_component(_event(checkin, titles[checkin.id], base_url))
    return bytes(calendar.to_ical())


async def checkin_ics(session: AsyncSession, checkin: Checkin, base_url: str) -> bytes:
    """One check-in as a calendar file (the caller checked access)."""
    titles = await _titles(session, [checkin])
    calendar = _calendar("Mentorship check-in")
    calendar.add("method", "PUBLISH")
    calendar.add_component(_event(checkin, titles[checkin.id], base_url))
    return bytes(calendar.to_ical())
