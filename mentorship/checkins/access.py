"""Who may see and change a relationship's check-ins: its members; coordinators read the shared parts."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.errors import Forbidden, Invalid, NotFound
from mentorship.lib.i18n import _
from mentorship.models import Profile, Relationship, RelationshipMember, User


class CheckinNotFound(NotFound):
    """No such relationship, check-in or action item that this person may see."""


class CheckinForbidden(Forbidden):
    """Coordinators may read a relationship's shared records but not write in them."""

    def detail(self) -> str:
        """The same words for every refused change (the arguments are ids, for logs)."""
        return _("Only the people in this relationship can change it.")


class CheckinInvalid(Invalid):
    """The submitted values have field errors."""

    summary = "Invalid values"


@dataclass(frozen=True)
class Access:
    """A relationship, its people, and who is asking (their profile when they are a member)."""

    relationship: Relationship
    people: list[tuple[RelationshipMember, Profile]]
    me: Profile | None

    @property
    def is_member(self) -> bool:
        """Whether the person asking is in the relationship."""
        return self.me is not None

    def name_of(self, profile_id: UUID | None) -> str:
        """A member's display name (or an empty string for someone who left)."""
        return next((p.user.name for _m, p in self.people if p.id == profile_id), "")

    def others(self) -> list[Profile]:
        """The members other than the person asking."""
        return [p for _m, p in self.people if self.me is None or p.id != self.me.id]


async def relationship_access(
    session: AsyncSession, user: User, relationship_id: UUID, *, write: bool = False
) -> Access:
    """The relationship if this person may see it; writing needs membership."""
    relationship = await session.get(Relationship, relationship_id)
    if relationship is None:
        raise CheckinNotFound(relationship_id)
    ids = [m.profile_id for m in relationship.members]
    query = select(Profile).where(Profile.id.in_(ids)).options(*Profile.without_lists())
    profiles = {p.id: p for p in (await session.execute(query)).scalars()}
    people = [(m, profiles[m.profile_id]) for m in relationship.members if m.profile_id in profiles]
    me = next((p for _m, p in people if p.user_id == user.id), None)
    if me is None and not user.is_coordinator:
        raise CheckinNotFound(relationship_id)
    if me is None and write:
        raise CheckinForbidden(relationship_id)
    return Access(relationship, people, me)


async def my_relationship_ids(session: AsyncSession, user_id: UUID) -> list[UUID]:
    """Relationships this person is a member of."""
    query = (
        select(RelationshipMember.relationship_id)
        .join(Profile, Profile.id == RelationshipMember.profile_id)
        .where(Profile.user_id == user_id)
    )
    return list((await session.execute(query)).scalars())
