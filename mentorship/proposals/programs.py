"""Which programs a request or a suggestion is made in: those the mentee and the mentor are both in."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import MembershipStatus, Program, ProgramMembership


async def programs_of(session: AsyncSession, profile_id: UUID, *, mentor: bool) -> list[Program]:
    """The running programs a person is an active member of as a mentor (or as a mentee), by name."""
    role = ProgramMembership.is_mentor if mentor else ProgramMembership.is_mentee
    query = (
        select(Program)
        .join(ProgramMembership, ProgramMembership.program_id == Program.id)
        .where(
            ProgramMembership.profile_id == profile_id,
            ProgramMembership.status == MembershipStatus.ACTIVE,
            role,
            ~Program.archived,
        )
        .order_by(Program.name)
    )
    return list((await session.execute(query)).scalars())


async def shared_programs(session: AsyncSession, mentee_id: UUID, mentor_id: UUID) -> list[Program]:
    """Programs where the mentee is a mentee and the mentor a mentor, by name."""
    theirs = {program.id for program in await programs_of(session, mentor_id, mentor=True)}
    return [p for p in await programs_of(session, mentee_id, mentor=False) if p.id in theirs]


async def in_any_program(session: AsyncSession, profile_ids: list[UUID]) -> bool:
    """Whether any of these people has a place in a program (a community without programs has none)."""
    query = select(ProgramMembership.id).where(
        ProgramMembership.profile_id.in_(profile_ids), ProgramMembership.status == MembershipStatus.ACTIVE
    )
    return (await session.execute(query.limit(1))).first() is not None


async def program_names(session: AsyncSession, ids: set[UUID | None]) -> dict[UUID, Program]:
    """Programs by id, for labelling proposals and relationships."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(select(Program).where(Program.id.in_(wanted)))
    return {program.id: program for program in rows.scalars()}
