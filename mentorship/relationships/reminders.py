"""Missed check-ins: one definition for the dashboard and the notes; reminders and notes to coordinators.

A check-in is missed when its relationship is active, it fell within the last week, and it was marked
missed or is still unrecorded a day after its time. Members get one reminder per unrecorded check-in,
coordinators one grouped note per run listing the check-ins not reported before. Older history is
never reported, so a first run on an old database does not flood anyone's inbox; each note has a key
the database keeps unique per person, so running the job twice (or on two workers) notifies once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.services import record
from mentorship.lib.i18n import _, ngettext
from mentorship.lib.zones import stamp  # each reader sees the stamp on their own clock
from mentorship.models import (
    Checkin,
    CheckinStatus,
    Profile,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from mentorship.notifications.services import notify_once
from mentorship.relationships.access import resume_due

GRACE = timedelta(days=1)  # an unrecorded check-in is missed a day after its time
WINDOW = timedelta(days=7)  # older ones are history: counted nowhere, reported to nobody


def missed(now: datetime) -> ColumnElement[bool]:
    """The one definition of a missed check-in, for a query joining Checkin and Relationship."""
    return and_(
        Relationship.status == RelationshipStatus.ACTIVE,
        Checkin.scheduled_at >= now - WINDOW,
        or_(
            and_(Checkin.status == CheckinStatus.MISSED, Checkin.scheduled_at < now),
            and_(Checkin.is_upcoming, Checkin.scheduled_at < now - GRACE),
        ),
    )


async def _names(session: AsyncSession, relationship_ids: set[UUID]) -> dict[UUID, list[tuple[UUID, str]]]:
    """Each relationship's members as (user id, name), in one query."""
    rows = await session.execute(
        select(RelationshipMember.relationship_id, User.id, User.name)
        .join(Profile, Profile.id == RelationshipMember.profile_id)
        .join(User, User.id == Profile.user_id)
        .where(RelationshipMember.relationship_id.in_(relationship_ids))
        .order_by(User.name)
    )
    found: dict[UUID, list[tuple[UUID, str]]] = {}
    for rid, user_id, name in rows.all():
        found.setdefault(rid, []).append((user_id, name))
    return found


def _both(names: Sequence[str]) -> str:
    return (
        _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])
        if len(names) > 1
        else "".join(names)
    )


async def nudge_overdue(session: AsyncSession, now: datetime | None = None) -> dict[str, int]:
    """Resume paused relationships that are due, remind members of unrecorded check-ins, tell coordinators."""
    now = now or datetime.now(UTC)
    resumed = len(await resume_due(session, now.date()))
    checkins = list(
        (
            await session.execute(
                select(Checkin)
                .join(Relationship, Relationship.id == Checkin.relationship_id)
                .where(missed(now))
                .order_by(Checkin.scheduled_at)
            )
        ).scalars()
    )
    members = await _names(session, {c.relationship_id for c in checkins})
    reminded = await _remind(session, [c for c in checkins if c.is_upcoming], members, now)
    escalated = await _tell_coordinators(session, checkins, members, now)
    await session.commit()
    return {"resumed": resumed, "reminded": reminded, "escalated": escalated}


async def _remind(
    session: AsyncSession, checkins: list[Checkin], members: dict[UUID, list[tuple[UUID, str]]], now: datetime
) -> int:
    """One reminder per member per unrecorded check-in, naming the other people in it."""
    reminded = 0
    for checkin in checkins:
        people = members.get(checkin.relationship_id, [])
        added = False
        for user_id, _name in people:
            others = [name for other, name in people if other != user_id]
            text = _(
                "Your check-in with {others} on {day} is not recorded yet. "
                "Was it held? Mark it, or plan a new date."
            ).format(others=_both(others), day=stamp(checkin.scheduled_at))
            key = f"checkin.unrecorded:{checkin.id}"
            added |= await notify_once(session, user_id, key, "reminder", text, f"/checkins/{checkin.id}")
        if added:
            checkin.reminded_at = now
            record(
                session, "checkin.reminded", "checkin", checkin.id, None, relationship=checkin.relationship_id
            )
            reminded += 1
    return reminded


async def _tell_coordinators(
    session: AsyncSession, checkins: list[Checkin], members: dict[UUID, list[tuple[UUID, str]]], now: datetime
) -> int:
    """Claim the missed check-ins not reported yet, then send each coordinator one note listing them."""
    if not checkins:
        return 0
    # The conditional UPDATE claims each check-in once, even when two workers run at the same time.
    claimed = set(
        (
            await session.execute(
                update(Checkin)
                .where(Checkin.id.in_([c.id for c in checkins]), Checkin.escalated_at.is_(None))
                .values(escalated_at=now)
                .returning(Checkin.id)
                .execution_options(synchronize_session=False)
            )
        ).scalars()
    )
    reported = [c for c in checkins if c.id in claimed]
    if not reported:
        return 0
    entries = [
        (_both([name for _id, name in members.get(c.relationship_id, [])]), stamp(c.scheduled_at), c.id)
        for c in reported
    ]
    coordinators = (
        await session.execute(select(User.id).where(User.is_coordinator, User.is_active))
    ).scalars()
    digest = hashlib.sha256(",".join(sorted(str(c.id) for c in reported)).encode()).hexdigest()[:40]
    note = _note(entries)
    for user_id in list(coordinators):
        await notify_once(session, user_id, f"checkin.missed:{digest}", "checkin", **note)
    for checkin in reported:
        record(
            session, "checkin.escalated", "checkin", checkin.id, None, relationship=checkin.relationship_id
        )
    return len(reported)


def _note(entries: list[tuple[str, str, UUID]]) -> dict[str, Any]:
    """The coordinators' note: one check-in in a sentence, several as a list of links."""
    if len(entries) == 1:
        people, day, checkin_id = entries[0]
        text = _("The check-in of {people} on {day} was missed or not recorded; they may need a hand.")
        return {"text": text.format(people=people, day=day), "link": f"/checkins/{checkin_id}"}
    text = ngettext(
        "%(num)d check-in was missed or not recorded this week",
        "%(num)d check-ins were missed or not recorded this week",
        len(entries),
    ) % {"num": len(entries)}
    items = [
        {"text": _("{people}, {day}").format(people=people, day=day), "link": f"/checkins/{checkin_id}"}
        for people, day, checkin_id in entries
    ]
    return {"text": text, "link": "/dashboard", "items": items}
