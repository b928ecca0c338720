"""Who may see and change a relationship: its members; coordinators see any and may end one."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime
from functools import cache
from uuid import UUID

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.services import record
from mentorship.lib.errors import Conflict, Forbidden, Invalid, NotFound
from mentorship.lib.i18n import _
from mentorship.models import Profile, Relationship, RelationshipMember, RelationshipStatus, User
from mentorship.notifications.services import notify


class RelationshipNotFound(NotFound):
    """No relationship with that id that this person may see (someone else's looks missing)."""


class RelationshipForbidden(Forbidden):
    """A coordinator may see the relationship but not do this; the message says why."""


class RelationshipConflict(Conflict):
    """The change cannot be made in the relationship's current state; the message says why."""


class RelationshipInvalid(Invalid):
    """A form or body with mistakes, by field, in plain words."""


def clean(text: str, limit: int) -> str:
    """Text as stored: NUL removed (PostgreSQL rejects it), trimmed and cut to the limit."""
    return text.replace("\x00", "").strip()[:limit]


class Access:
    """The relationship a person asks for, after checking they may see it."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def profile_of(self, user: User) -> Profile | None:
        """The person's profile."""
        found = await self.session.execute(
            select(Profile).where(Profile.user_id == user.id).options(*Profile.without_lists())
        )
        return found.scalar_one_or_none()

    async def people(self, relationship: Relationship) -> dict[UUID, Profile]:
        """The members' profiles by id."""
        ids = [m.profile_id for m in relationship.members]
        found = await self.session.execute(
            select(Profile).where(Profile.id.in_(ids)).options(*Profile.without_lists())
        )
        return {profile.id: profile for profile in found.scalars()}

    async def visible(
        self, user: User, relationship_id: UUID
    ) -> tuple[Relationship, RelationshipMember | None]:
        """The relationship and my place in it (None for a coordinator outside it); 404 for anyone else."""
        await resume_due(self.session, only=[relationship_id])
        relationship = await self.session.get(Relationship, relationship_id, populate_existing=True)
        if relationship is None:
            raise RelationshipNotFound(relationship_id)
        profile = await self.profile_of(user)
        me = relationship.member_of(profile.id if profile else None)
        if me is None and not user.is_coordinator:
            raise RelationshipNotFound(relationship_id)
        return relationship, me

    async def member(self, user: User, relationship_id: UUID) -> tuple[Relationship, RelationshipMember]:
        """The relationship when I am in it; coordinators outside it may only look."""
        relationship, me = await self.visible(user, relationship_id)
        if me is None:
            raise RelationshipForbidden(_("Only the people in this relationship can do this."))
        return relationship, me

    async def tell(
        self,
        relationship: Relationship,
        actor: User | None,
        text: str,
        type_: str = "relationship",
        link: str = "",
    ) -> None:
        """Notify every member but the one who acted."""
        for profile in (await self.people(relationship)).values():
            if actor is None or profile.user_id != actor.id:
                notify(
                    self.session, profile.user_id, type_, text, link or f"/relationships/{relationship.id}"
                )

    async def tell_coordinators(self, text: str, link: str, type_: str = "relationship") -> None:
        """Notify every active coordinator."""
        found = await self.session.execute(select(User.id).where(User.is_coordinator, User.is_active))
        for user_id in found.scalars():
            notify(self.session, user_id, type_, text, link)


async def resume_due(
    session: AsyncSession, today: date | None = None, *, only: Collection[UUID] | None = None
) -> Sequence[UUID]:
    """Resume paused relationships whose resume date has come.

    The periodic job sweeps them all; a page reads only its own (``only``), so a read never
    writes to relationships it does not show.
    """
    today = today or datetime.now(UTC).date()
    if only is not None and not only:
        return []
    params = {"today": today} if only is None else {"today": today, "ids": list(only)}
    due = list((await session.execute(_due_query(only is not None), params)).scalars())
    for relationship_id in due:
        resumed = await session.execute(
            update(Relationship)
            .where(Relationship.id == relationship_id, Relationship.status == RelationshipStatus.PAUSED)
            .values(status=RelationshipStatus.ACTIVE, paused_until=None)
        )
        if resumed.rowcount != 1:  # type: ignore[attr-defined]
            continue
        record(session, "relationship.resumed", "relationship", relationship_id, None, automatic=True)
        members = await session.execute(
            select(Profile.user_id)
            .join(RelationshipMember, RelationshipMember.profile_id == Profile.id)
            .where(RelationshipMember.relationship_id == relationship_id)
        )
        for user_id in members.scalars():
            notify(
                session,
                user_id,
                "relationship",
                _("Your mentoring relationship resumes today, as planned."),
                f"/relationships/{relationship_id}",
            )
    if due:
        await session.commit()
    return due


@cache
def _due_query(only: bool) -> Select[UUID]:
    """Paused relationships whose resume day has come, among bound ids when ``only``; built once.

    Every relationship page asks this first.
    """
    query = select(Relationship.id).where(
        Relationship.status == RelationshipStatus.PAUSED,
        Relationship.paused_until.is_not(None),
        Relationship.paused_until <= bindparam("today"),
    )
    return query.where(Relationship.id.in_(bindparam("ids", expanding=True))) if only else query
