"""Instant suggestions: the best mentors for one person from the current model, without a round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

import pandas as pd
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.parted import parted_pairs
from mentorship.engine.pool import Pool, build_pool
from mentorship.engine.rows import profile_id_of
from mentorship.engine.suggest import Fit, mentors_of, rank_mentors, rank_peers, with_mentor
from mentorship.lib.reasons import ReasonData
from mentorship.models import Kind, Profile, Program, Proposal, ProposalMember, ProposalStatus, slot_scope
from mentorship.proposals.programs import in_any_program, programs_of
from mentorship.proposals.services import mentoring_of
from mentorship.relationships.load import DEFAULT_THRESHOLD, overloaded


@dataclass(frozen=True)
class MentorSuggestion:
    """A mentor who fits, with the score and the reasons (data, put in words when shown)."""

    profile: Profile
    score: float
    reasons: list[ReasonData]


@dataclass(frozen=True)
class ProgramSuggestions:
    """One program's suggestions for a mentee (program None: the whole community, outside programs)."""

    program: Program | None
    found: list[MentorSuggestion]
    mentoring: UUID | None = None  # the relationship with her mentor in this program, if she has one


async def _mentors(
    session: AsyncSession, mentee: Profile, load_threshold: float, program_id: UUID | None = None
) -> tuple[Pool, pd.DataFrame]:
    """The traditional pool (without this person) and its mentors' rows: who has a free place now.

    In a program, its mentors only; their room and load index are counted over every program.
    """
    busy = await overloaded(session, load_threshold, date.today())
    pool = await build_pool(
        session,
        Kind.TRADITIONAL,
        date.today(),
        excluded_profiles={mentee.id},
        overloaded=busy,
        program_id=program_id,
    )
    return pool, mentors_of(pool)


def _suggestion(profile: Profile, found: Fit) -> MentorSuggestion:
    return MentorSuggestion(profile, found.score, found.reasons)


async def _not_again(session: AsyncSession, mentee: Profile, pool: Pool) -> set[UUID]:
    """Mentors this person has asked now, or must not be paired with again (the rounds' rule)."""
    asked = (
        await session.execute(
            select(ProposalMember.profile_id)
            .join(Proposal, Proposal.id == ProposalMember.proposal_id)
            .where(
                Proposal.status == ProposalStatus.OPEN,
                Proposal.id.in_(
                    select(ProposalMember.proposal_id).where(ProposalMember.profile_id == mentee.id)
                ),
            )
        )
    ).scalars()
    people = {mentee.id, *(profile.id for profile in pool.profiles.values())}
    parted = [pair for pair in await parted_pairs(session, people) if mentee.id in pair]
    return {*asked, *(other for pair in parted for other in pair)} - {mentee.id}


async def suggest_for(
    session: AsyncSession,
    profile: Profile,
    n: int = 5,
    load_threshold: float = DEFAULT_THRESHOLD,
    program_id: UUID | None = None,
) -> list[MentorSuggestion]:
    """The ``n`` best mentors with a free place for this person, best first; none while they have one.

    Overloaded mentors are left out, and so are mentors this person was paired with or declined
    (or who declined them), as rounds never propose those pairs again. With ``program_id``, the
    program's mentors, and only while she has no mentor in that program.
    """
    scope = None if program_id is None else slot_scope(program_id)
    if await mentoring_of(session, profile.id, scope) is not None:
        return []
    pool, mentors = await _mentors(session, profile, load_threshold, program_id)
    if mentors.empty:
        return []
    skip = await _not_again(session, profile, pool)
    found = await rank_mentors(session, profile, mentors, n + len(skip))
    return [_suggestion(pool.profiles[s.row], s) for s in found if profile_id_of(s.row) not in skip][:n]


async def suggest_by_program(
    session: AsyncSession, profile: Profile, n: int = 5, load_threshold: float = DEFAULT_THRESHOLD
) -> list[ProgramSuggestions]:
    """Suggestions in each program she is a mentee in, by program name.

    Someone in no program at all (a community that runs none) gets one community-wide list.
    """
    programs = await programs_of(session, profile.id, mentor=False)
    if not programs:
        if await in_any_program(session, [profile.id]):
            return []
        mentoring = await mentoring_of(session, profile.id)
        found = [] if mentoring else await suggest_for(session, profile, n, load_threshold)
        return [ProgramSuggestions(None, found, mentoring)]
    lists = []
    for program in programs:
        mentoring = await mentoring_of(session, profile.id, slot_scope(program.id))
        found = [] if mentoring else await suggest_for(session, profile, n, load_threshold, program.id)
        lists.append(ProgramSuggestions(program, found, mentoring))
    return lists


async def fit_of(
    session: AsyncSession, mentee: Profile, mentor: Profile, load_threshold: float = DEFAULT_THRESHOLD
) -> MentorSuggestion | None:
    """How well a mentor fits a mentee in the suggestions' model; None when the engine sees no fit."""
    _pool, mentors = await _mentors(session, mentee, load_threshold)
    # Scored among the mentors with room: a mentor whose places are held (often by this very
    # request) is not one of them, so is added for this one score.
    found = await rank_mentors(session, mentee, with_mentor(mentors, mentor), 1, among=[mentor])
    return _suggestion(mentor, found[0]) if found else None


async def suggest_peers_for(session: AsyncSession, profile: Profile, n: int = 5) -> list[MentorSuggestion]:
    """The ``n`` people who chose peer mentoring and fit this person best (each can teach the other)."""
    pool = await build_pool(session, Kind.PEER, date.today())
    return [_suggestion(pool.profiles[s.row], s) for s in await rank_peers(pool, profile, n)]
