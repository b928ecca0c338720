"""Gentle reminders for overdue and missed check-ins, then a note to the coordinators (a periodic job).

A planned check-in a day past its time gets one reminder to its members; if it is still not
recorded a week after that (or was marked missed), the coordinators get one note. Paused, completed
and ended relationships get nothing. ``reminded_at`` counts only when later than the meeting, so a
reminder sent before the meeting does not stand in for this one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.services import record
from mentorship.lib.i18n import _
from mentorship.models import (
    Checkin,
    CheckinStatus,
    Profile,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from mentorship.notifications.services import notify
from mentorship.relationships.access import resume_due

REMIND_AFTER = timedelta(days=1)
UPCOMING = (CheckinStatus.PLANNED, CheckinStatus.RESCHEDULED)  # a moved check-in is still to come
ESCALATE_AFTER = timedelta(days=7)


async def _member_users(session: AsyncSession, relationship_id: UUID) -> list[UUID]:
    found = await session.execute(
        select(Profile.user_id)
        .join(RelationshipMember, RelationshipMember.profile_id == Profile.id)
        .where(RelationshipMember.relationship_id == relationship_id)
    )
    return list(found.scalars())


async def nudge_overdue(session: AsyncSession, now: datetime | None = None) -> dict[str, int]:
    """Resume paused relationships that are due, remind members of overdue check-ins, tell coordinators."""
    now = now or datetime.now(UTC)
    resumed = len(await resume_due(session, now.date()))
    live = select(Relationship.id).where(Relationship.status == RelationshipStatus.ACTIVE)
    overdue = (
        await session.execute(
            select(Checkin).where(
                Checkin.relationship_id.in_(live),
                Checkin.status.in_(UPCOMING),
                Checkin.scheduled_at < now - REMIND_AFTER,
                or_(Checkin.reminded_at.is_(None), Checkin.reminded_at < Checkin.scheduled_at),
            )
        )
    ).scalars()
    reminded = 0
    for checkin in list(overdue):
        checkin.reminded_at = now
        for user_id in await _member_users(session, checkin.relationship_id):
            notify(
                session,
                user_id,
                "reminder",
                _(
                    "Your check-in of {day} is not recorded yet. Was it held? Mark it, or plan a new date."
                ).format(day=checkin.scheduled_at.date().isoformat()),
                f"/checkins/{checkin.id}",
            )
        record(session, "checkin.reminded", "checkin", checkin.id, None, relationship=checkin.relationship_id)
        reminded += 1
    stale = (
        await session.execute(
            select(Checkin).where(
                Checkin.relationship_id.in_(live),
                Checkin.escalated_at.is_(None),
                or_(
                    Checkin.status == CheckinStatus.MISSED,
                    Checkin.status.in_(UPCOMING)
                    & (Checkin.reminded_at >= Checkin.scheduled_at)
                    & (Checkin.reminded_at < now - ESCALATE_AFTER),
                ),
            )
        )
    ).scalars()
    coordinators = list(
        (await session.execute(select(User.id).where(User.is_coordinator, User.is_active))).scalars()
    )
    escalated = 0
    for checkin in list(stale):
        checkin.escalated_at = now
        for user_id in coordinators:
            notify(
                session,
                user_id,
                "relationship",
                _(
                    "A check-in of {day} was missed or never recorded; the relationship may need a hand."
                ).format(day=checkin.scheduled_at.date().isoformat()),
                f"/relationships/{checkin.relationship_id}",
            )
        record(
            session, "checkin.escalated", "checkin", checkin.id, None, relationship=checkin.relationship_id
        )
        escalated += 1
    await session.commit()
    return {"resumed": resumed, "reminded": reminded, "escalated": escalated}
