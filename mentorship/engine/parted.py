"""Who must never be proposed to each other: earlier pairs, declines and a round's own exclusions."""

from __future__ import annotations

from collections.abc import Collection
from enum import IntEnum
from uuid import UUID

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from mentorship.engine.pool import Pool
from mentorship.engine.rows import mentee_row, mentor_row
from mentorship.lib.db import chunked
from mentorship.models import (
    Kind,
    Profile,
    Proposal,
    ProposalMember,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    Response,
    User,
)


class Parting(IntEnum):
    """Why two people are never proposed to each other again (the higher, the more it says)."""

    DECLINED = 1  # one of them declined a proposal or request the other was in
    BEFORE = 2  # they were in a relationship that has ended
    TOGETHER = 3  # they are in a relationship now


async def parted_pairs(session: AsyncSession, people: Collection[UUID]) -> dict[frozenset[UUID], Parting]:
    """Pairs among ``people`` never to propose again: in a relationship once, or one declined the other."""
    people = set(people)
    parted: dict[frozenset[UUID], Parting] = {}
    if not people:
        return parted
    groups = [*await _relationships_of(session, people), *await _declines_of(session, people)]
    for members in groups:
        for a, why in members.items():
            for b in members:
                pair = frozenset((a, b))
                if why is not None and a != b and why > parted.get(pair, 0):
                    parted[pair] = why
    return parted


async def _relationships_of(session: AsyncSession, people: set[UUID]) -> list[dict[UUID, Parting | None]]:
    """The members of each relationship these people were in: together now, or before."""
    groups: dict[UUID, dict[UUID, Parting | None]] = {}
    for chunk in chunked(people):
        rows = await session.execute(
            select(RelationshipMember.relationship_id, RelationshipMember.profile_id, Relationship.status)
            .join(Relationship, Relationship.id == RelationshipMember.relationship_id)
            .where(RelationshipMember.profile_id.in_(chunk))
        )
        for relationship_id, profile_id, status in rows.all():
            now = status in (RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED)
            groups.setdefault(relationship_id, {})[profile_id] = Parting.TOGETHER if now else Parting.BEFORE
    return list(groups.values())


async def _declines_of(session: AsyncSession, people: set[UUID]) -> list[dict[UUID, Parting | None]]:
    """The members of each declined proposal these people were in; who declined parts from the others."""
    other = aliased(ProposalMember)
    someone_declined = exists().where(other.proposal_id == Proposal.id, other.response == Response.DECLINED)
    groups: dict[UUID, dict[UUID, Parting | None]] = {}
    for chunk in chunked(people):
        rows = await session.execute(
            select(
                ProposalMember.proposal_id,
                ProposalMember.profile_id,
                ProposalMember.response,
                Proposal.status,
            )
            .join(Proposal, Proposal.id == ProposalMember.proposal_id)
            .where(
                ProposalMember.profile_id.in_(chunk),
                or_(Proposal.status == ProposalStatus.DECLINED, someone_declined),
            )
        )
        for proposal_id, profile_id, response, status in rows.all():
            # A declined proposal parts all its people; a group that went on parts only who left it.
            said_no = status is ProposalStatus.DECLINED or response is Response.DECLINED
            groups.setdefault(proposal_id, {})[profile_id] = Parting.DECLINED if said_no else None
    return list(groups.values())


async def never_rows(
    session: AsyncSession, pool: Pool, exclude: list[list[str]] | list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The engine's (seeker row, mentor or peer row) pairs never to propose in this pool.

    ``exclude`` holds a round's own (mentee email, mentor email) pairs; every pair of the pool
    parted before (see :func:`parted_pairs`) is added, both ways round.
    """
    return [*await _excluded(session, exclude), *await _parted_rows(session, pool)]


async def _excluded(
    session: AsyncSession, pairs: list[list[str]] | list[tuple[str, str]]
) -> list[tuple[str, str]]:
    emails = {email for pair in pairs for email in pair}
    if not emails:
        return []
    found = await session.execute(
        select(User.email, Profile.id).join(Profile, Profile.user_id == User.id).where(User.email.in_(emails))
    )
    ids: dict[str, UUID] = {row[0]: row[1] for row in found.all()}
    return [(mentee_row(ids[a]), mentor_row(ids[b])) for a, b in pairs if a in ids and b in ids]


async def _parted_rows(session: AsyncSession, pool: Pool) -> list[tuple[str, str]]:
    rows = []
    for pair in await parted_pairs(session, set(pool.profiles.values())):
        a, b = tuple(pair)
        for seeker, other in ((a, b), (b, a)):
            partner = mentee_row(other) if pool.kind is Kind.PEER else mentor_row(other)
            rows.append((mentee_row(seeker), partner))
    return rows
