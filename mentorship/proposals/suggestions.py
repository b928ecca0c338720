"""Instant suggestions: each mentee's stored candidates, checked now for room, and the best few shown.

The lists are built in the background (see :mod:`mentorship.proposals.refresh`); a request reads
the mentee's rows and checks only those few candidates, so its cost does not grow with the
community. Correctness beats freshness: a mentor who filled up since the list was built is left
out at once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

import pandas as pd
from saq.queue.base import Queue
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from mentorship.engine.stale import COMMUNITY, request_refresh
from mentorship.engine.still_open import mentoring_in, open_peers
from mentorship.engine.suggest import rank_mentors
from mentorship.engine.table import participant, participants
from mentorship.lib.reasons import ReasonData
from mentorship.models import (
    PEER_SCOPE,
    ActiveSlot,
    Kind,
    MemberRole,
    Profile,
    Program,
    ProgramMembership,
    SuggestionCandidate,
    SuggestionScope,
    slot_scope,
)
from mentorship.proposals.candidates import StoredFit, stored_mentors, stored_peers
from mentorship.proposals.programs import in_any_program, programs_of
from mentorship.relationships.load import DEFAULT_THRESHOLD


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
    preparing: bool = False  # no list for her yet: the refresh is on its way


@dataclass(frozen=True)
class PeerSuggestions:
    """The peers who fit a person, or that her list is still being prepared."""

    found: list[MentorSuggestion] = field(default_factory=list)
    preparing: bool = False


async def _not_ready(
    session: AsyncSession, person: Profile, scopes: list[str], stored: Collection[str]
) -> set[str]:
    """Scopes without a list for her that are stale, or were built before she (or her place there) changed."""
    empty = [s for s in scopes if s not in stored]
    if not empty:
        return set()
    joined = await session.scalar(
        select(func.max(ProgramMembership.updated_at)).where(ProgramMembership.profile_id == person.id)
    )
    since = max(t for t in (person.updated_at, joined) if t is not None)
    fresh = await session.execute(
        select(SuggestionScope.scope).where(
            SuggestionScope.scope.in_(empty),
            SuggestionScope.stale_since.is_(None),
            SuggestionScope.built_at >= since,
        )
    )
    return set(empty) - set(fresh.scalars())


async def _mentoring(session: AsyncSession, mentee_id: UUID) -> dict[str, UUID]:
    """Her traditional mentoring by program scope (one query)."""
    rows = await session.execute(
        select(ActiveSlot.scope, ActiveSlot.relationship_id).where(
            ActiveSlot.profile_id == mentee_id,
            ActiveSlot.kind == Kind.TRADITIONAL,
            ActiveSlot.role == MemberRole.MENTEE,
        )
    )
    return {str(scope): relationship for scope, relationship in rows.all()}


async def suggest_by_program(
    session: AsyncSession,
    profile: Profile,
    n: int = 5,
    load_threshold: float = DEFAULT_THRESHOLD,
    queue: Queue | None = None,
) -> list[ProgramSuggestions]:
    """Suggestions in each program she is a mentee in, by program name; none where she has a mentor.

    Someone in no program at all (a community that runs none) gets one community-wide list.
    Overloaded, full or away mentors are left out, and so are mentors she has asked now or was
    paired with or declined (or who declined her), as rounds never propose those pairs again.
    Where her list is not ready yet, the group says so and the refresh is queued.
    """
    programs: list[Program | None] = list(await programs_of(session, profile.id, mentor=False))
    if not programs:
        if await in_any_program(session, [profile.id]):
            return []
        programs = [None]
    slots = await _mentoring(session, profile.id)
    scope_of = {slot_scope(p.id if p else None): p for p in programs}
    mentoring = {s: next(iter(slots.values()), None) if s == COMMUNITY else slots.get(s) for s in scope_of}
    waiting = [s for s, rel in mentoring.items() if rel is None]
    fits = await stored_mentors(session, profile.id, waiting, date.today(), load_threshold)
    preparing = await _not_ready(session, profile, waiting, {f.scope for f in fits})
    placed = await mentoring_in(session, {f.candidate_id for f in fits if f.open})
    found: dict[str, list[StoredFit]] = {}
    for fit in fits:
        if fit.open and (fit.scope == COMMUNITY or (fit.scope, fit.candidate_id) in placed):
            found.setdefault(fit.scope, []).append(fit)
    if preparing:
        await request_refresh(queue, peers=False)
    shown = await _in_full(session, {f.candidate_id for s in found.values() for f in s[:n]})
    return [
        ProgramSuggestions(
            program,
            [MentorSuggestion(shown[f.candidate_id], f.score, f.reasons) for f in found.get(scope, [])[:n]],
            mentoring[scope],
            scope in preparing,
        )
        for scope, program in scope_of.items()
    ]


async def _in_full(session: AsyncSession, ids: set[UUID]) -> dict[UUID, Profile]:
    """The few mentors shown, with their topics and languages (the others were only checked in SQL)."""
    if not ids:
        return {}
    found = await session.execute(
        select(Profile)
        .where(Profile.id.in_(ids))
        .options(selectinload(Profile.topics), selectinload(Profile.languages))
    )
    return {p.id: p for p in found.scalars()}


async def fit_of(
    session: AsyncSession, mentee: Profile, mentor: Profile, load_threshold: float = DEFAULT_THRESHOLD
) -> MentorSuggestion | None:
    """How well a mentor fits a mentee: her stored score when the mentor is on her list, else scored alone."""
    del load_threshold  # a request's fit is shown whatever the mentor's load now
    kept = await session.execute(
        select(SuggestionCandidate.score, SuggestionCandidate.reasons)
        .where(SuggestionCandidate.mentee_id == mentee.id, SuggestionCandidate.candidate_id == mentor.id)
        .order_by(SuggestionCandidate.score.desc())
        .limit(1)
    )
    row = kept.first()
    if row is not None:
        return MentorSuggestion(mentor, float(row[0]), list(row[1] or []))
    # Not on her list (it was full then, or the list is older): a model of this one mentor scores the pair.
    alone: pd.DataFrame = participants([participant("mentor", mentor, Kind.TRADITIONAL, 1)])
    found = await rank_mentors(session, mentee, alone, 1, among=[mentor])
    return MentorSuggestion(mentor, found[0].score, found[0].reasons) if found else None


async def suggest_peers_for(
    session: AsyncSession, profile: Profile, n: int = 5, queue: Queue | None = None
) -> PeerSuggestions:
    """The ``n`` people who chose peer mentoring and fit this person best (each can teach the other)."""
    if not await open_peers(session, [profile.id]):
        return PeerSuggestions()
    fits = await stored_peers(session, profile.id)
    if await _not_ready(session, profile, [PEER_SCOPE], {f.scope for f in fits}):
        await request_refresh(queue, mentors=False)
        return PeerSuggestions(preparing=True)
    best = [f for f in fits if f.open][:n]
    shown = await _in_full(session, {f.candidate_id for f in best})
    return PeerSuggestions(
        [MentorSuggestion(shown[f.candidate_id], f.score, f.reasons) for f in best if f.candidate_id in shown]
    )
