"""Which of a few stored candidates may be suggested now: the pool's rules, asked about those ids only."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import ColumnElement, and_, not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.pool import _chose, _has_slot, _pending
from mentorship.models import (
    Kind,
    MemberRole,
    MembershipStatus,
    Profile,
    ProgramMembership,
    User,
    slot_scope,
)


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


async def open_peers(session: AsyncSession, ids: Collection[UUID]) -> set[UUID]:
    """Those of these people still in the peer pool: active, seeking a peer, not paired or waiting on one."""
    if not ids:
        return set()
    found = await session.execute(
        select(Profile.id).join(User, User.id == Profile.user_id).where(Profile.id.in_(ids), in_peer_pool())
    )
    return set(found.scalars())


def in_peer_pool() -> ColumnElement[bool]:
    """The peer pool's rule, over Profile joined to User: active, seeking a peer, not paired or waiting."""
    return and_(
        User.is_active,
        Profile.is_mentee,
        _chose(Kind.PEER),
        not_(_has_slot(Kind.PEER, MemberRole.PEER, slot_scope(None))),
        not_(_pending(Kind.PEER, MemberRole.PEER, None)),
    )
