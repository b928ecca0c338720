"""Opening a relationship: the one place its members and their active slots are written."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import (
    ActiveSlot,
    Kind,
    MemberRole,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    slot_scope,
)


async def open_relationship(
    session: AsyncSession,
    kind: Kind,
    proposal_id: UUID,
    members: Iterable[tuple[UUID, MemberRole]],
    cadence_days: int,
    program_id: UUID | None = None,
) -> Relationship:
    """An active relationship of ``members`` (profile, role) in a program and everyone's one slot of its kind.

    The unique slot per person, kind and program is the guard against two at once: a second raises
    ``IntegrityError`` at the flush. A traditional mentor takes no slot (their places are
    counted on the profile instead).
    """
    relationship = Relationship(
        kind=kind,
        status=RelationshipStatus.ACTIVE,
        proposal_id=proposal_id,
        program_id=program_id,
        cadence_days=cadence_days,
        started_at=datetime.now(UTC),
    )
    relationship.members = [RelationshipMember(profile_id=pid, role=role) for pid, role in members]
    session.add(relationship)
    await session.flush()
    for member in relationship.members:
        if member.role is MemberRole.MENTOR and kind is Kind.TRADITIONAL:
            continue
        session.add(
            ActiveSlot(
                profile_id=member.profile_id,
                kind=kind,
                role=member.role,
                relationship_id=relationship.id,
                scope=slot_scope(program_id),
            )
        )
    await session.flush()
    return relationship
