"""Relationships as their members see them (check-ins and goals build on this)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import Profile, Relationship, RelationshipMember, User


class RelationshipNotFound(LookupError):
    """No relationship with that id that this person may see."""


@dataclass(frozen=True)
class RelationshipItem:
    """A relationship with its members' profiles."""

    relationship: Relationship
    people: list[tuple[RelationshipMember, Profile]]


class RelationshipService:
    """Relationships on one database session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _item(self, relationship: Relationship) -> RelationshipItem:
        ids = [m.profile_id for m in relationship.members]
        profiles = {
            p.id: p
            for p in (await self.session.execute(select(Profile).where(Profile.id.in_(ids)))).scalars()
        }
        return RelationshipItem(relationship, [(m, profiles[m.profile_id]) for m in relationship.members])

    async def mine(self, user: User) -> list[RelationshipItem]:
        """Relationships I am in, newest first."""
        found = await self.session.execute(
            select(Relationship)
            .join(RelationshipMember, RelationshipMember.relationship_id == Relationship.id)
            .join(Profile, Profile.id == RelationshipMember.profile_id)
            .where(Profile.user_id == user.id)
            .order_by(Relationship.started_at.desc())
        )
        return [await self._item(r) for r in found.scalars()]

    async def get(self, user: User, relationship_id: UUID) -> RelationshipItem:
        """A relationship I am in; coordinators may see any."""
        relationship = await self.session.get(Relationship, relationship_id)
        if relationship is None:
            raise RelationshipNotFound(relationship_id)
        item = await self._item(relationship)
        if not user.is_coordinator and all(profile.user_id != user.id for _m, profile in item.people):
            raise RelationshipNotFound(relationship_id)
        return item
