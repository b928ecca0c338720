"""Which of a few stored candidates may be suggested now: the pool's rules, asked about those ids only."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from uuid import UUID

from sqlalchemy import not_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import raiseload

from mentorship.engine.parted import parted_pairs
from mentorship.engine.pool import _chose, _has_slot, _pending
from mentorship.models import (
    Kind,
    MemberRole,
    MembershipStatus,
    Profile,
    ProgramMembership,
    Proposal,
    ProposalMember,
    ProposalStatus,
    User,
    slot_scope,
)


async def mentors_with_room(
    session: AsyncSession, ids: Collection[UUID], today: date, *, shallow: bool = False
) -> dict[UUID, Profile]:
    """Those of these mentors who are active, not away and have a place not promised in a pending request.

    ``shallow``: the profiles without topics and languages, for a caller that loads only those it shows.
    """
    if not ids:
        return {}
    query = select(Profile)
    if shallow:
        query = query.options(raiseload(Profile.topics), raiseload(Profile.languages))
    found = await session.execute(
        query.join(User, User.id == Profile.user_id).where(
            Profile.id.in_(ids),
            User.is_active,
            Profile.is_mentor,
            Profile.capacity > 0,
            Profile.mentee_load < Profile.capacity,
            not_(Profile.away_on(today)),
        )
    )
    mentors = {p.id: p for p in found.scalars()}
    held = await session.execute(
        select(ProposalMember.profile_id)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(
            ProposalMember.profile_id.in_(list(mentors)),
            ProposalMember.role == MemberRole.MENTOR,
            Proposal.kind == Kind.TRADITIONAL,
            Proposal.status == ProposalStatus.OPEN,
        )
    )
    promised: dict[UUID, int] = {}
    for pid in held.scalars():
        promised[pid] = promised.get(pid, 0) + 1
    return {pid: p for pid, p in mentors.items() if p.capacity - p.mentee_load - promised.get(pid, 0) > 0}


async def mentoring_in(session: AsyncSession, ids: Collection[UUID]) -> set[tuple[str, UUID]]:
    """(program scope, person) for each active place as a mentor these people hold in a program."""
    if not ids:
        return set()
    rows = await session.execute(
        select(ProgramMembership.program_id, ProgramMembership.profile_id).where(
            ProgramMembership.profile_id.in_(ids),
            ProgramMembership.status == MembershipStatus.ACTIVE,
            ProgramMembership.is_mentor,
        )
    )
    return {(slot_scope(program), pid) for program, pid in rows.all()}


async def not_again(session: AsyncSession, mentee_id: UUID, ids: Collection[UUID]) -> set[UUID]:
    """Of these people, those the mentee has asked now or must not be paired with again (the rounds' rule)."""
    asked = await session.execute(
        select(ProposalMember.profile_id)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(
            Proposal.status == ProposalStatus.OPEN,
            ProposalMember.profile_id.in_(list(ids)),
            Proposal.id.in_(select(ProposalMember.proposal_id).where(ProposalMember.profile_id == mentee_id)),
        )
    )
    parted = [pair for pair in await parted_pairs(session, {mentee_id, *ids}) if mentee_id in pair]
    return {*asked.scalars(), *(other for pair in parted for other in pair)} - {mentee_id}


async def open_peers(session: AsyncSession, ids: Collection[UUID]) -> set[UUID]:
    """Those of these people still in the peer pool: active, seeking a peer, not paired or waiting on one."""
    if not ids:
        return set()
    found = await session.execute(
        select(Profile.id)
        .join(User, User.id == Profile.user_id)
        .where(
            Profile.id.in_(ids),
            User.is_active,
            Profile.is_mentee,
            _chose(Kind.PEER),
            not_(_has_slot(Kind.PEER, MemberRole.PEER, slot_scope(None))),
            not_(_pending(Kind.PEER, MemberRole.PEER, None)),
        )
    )
    return set(found.scalars())
