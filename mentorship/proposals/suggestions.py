"""Instant suggestions: each mentee's stored candidates, checked now for room, and the best few shown.

The lists are built in the background (see :mod:`mentorship.proposals.refresh`); a request reads
the mentee's rows and checks only those few candidates, so its cost does not grow with the
community. Correctness beats freshness: a mentor who filled up since the list was built is left
out at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import cast
from uuid import UUID

import pandas as pd
from saq.queue.base import Queue
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from mentorship.engine.stale import COMMUNITY, request_refresh
from mentorship.engine.still_open import mentoring_in, mentors_with_room, not_again, open_peers
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
from mentorship.proposals.programs import in_any_program, programs_of
from mentorship.relationships.load import DEFAULT_THRESHOLD, mentor_loads


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


@dataclass(frozen=True)
class _Stored:
    candidate_id: UUID
    score: float
    reasons: list[ReasonData]


async def _stored(session: AsyncSession, mentee_id: UUID, scopes: list[str]) -> dict[str, list[_Stored]]:
    """The mentee's stored candidates in these scopes, best first: one query for all of them."""
    rows = await session.execute(
        select(
            SuggestionCandidate.scope,
            SuggestionCandidate.candidate_id,
            SuggestionCandidate.score,
            SuggestionCandidate.reasons,
        )
        .where(SuggestionCandidate.mentee_id == mentee_id, SuggestionCandidate.scope.in_(scopes))
        .order_by(SuggestionCandidate.scope, SuggestionCandidate.rank)
    )
    found: dict[str, list[_Stored]] = {}
    typed = cast("list[tuple[str, UUID, float, list[ReasonData] | None]]", rows.all())
    for scope, candidate, score, reasons in typed:
        found.setdefault(scope, []).append(_Stored(candidate, float(score), list(reasons or [])))
    return found


async def _not_ready(
    session: AsyncSession, person: Profile, scopes: list[str], stored: dict[str, list[_Stored]]
) -> set[str]:
    """Scopes without a list for her that are stale, or were built before she (or her place there) changed."""
    empty = [s for s in scopes if not stored.get(s)]
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


async def _open_mentors(
    session: AsyncSession, mentee: Profile, ids: set[UUID], load_threshold: float
) -> dict[UUID, Profile]:
    """Of these stored candidates, the mentors she may be shown now (each check bounded by these ids)."""
    today = date.today()
    mentors = await mentors_with_room(session, ids, today, shallow=True)
    loads = await mentor_loads(session, today, set(mentors))
    skip = await not_again(session, mentee.id, set(mentors))
    return {
        pid: p
        for pid, p in mentors.items()
        if pid not in skip and pid != mentee.id and not (pid in loads and loads[pid].over(load_threshold))
    }


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
    stored = await _stored(session, profile.id, waiting)
    preparing = await _not_ready(session, profile, waiting, stored)
    if preparing:
        await request_refresh(queue, peers=False)
    ids = {c.candidate_id for rows in stored.values() for c in rows}
    shown = await _open_mentors(session, profile, ids, load_threshold)
    placed = await mentoring_in(session, set(shown))
    lists = []
    for scope, program in scope_of.items():
        found = [
            MentorSuggestion(shown[c.candidate_id], c.score, c.reasons)
            for c in stored.get(scope, [])
            if c.candidate_id in shown and (scope == COMMUNITY or (scope, c.candidate_id) in placed)
        ]
        lists.append(ProgramSuggestions(program, found[:n], mentoring[scope], scope in preparing))
    await _in_full(session, {s.profile.id for group in lists for s in group.found})
    return lists


async def _in_full(session: AsyncSession, ids: set[UUID]) -> None:
    """Load the topics and languages of the few mentors shown (the others were checked for room only)."""
    if ids:
        await session.execute(
            select(Profile)
            .where(Profile.id.in_(ids))
            .options(selectinload(Profile.topics), selectinload(Profile.languages))
            .execution_options(populate_existing=True)
        )


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
    stored = await _stored(session, profile.id, [PEER_SCOPE])
    if await _not_ready(session, profile, [PEER_SCOPE], stored):
        await request_refresh(queue, mentors=False)
        return PeerSuggestions(preparing=True)
    rows = stored.get(PEER_SCOPE, [])
    still = await open_peers(session, [c.candidate_id for c in rows])
    people = await session.execute(select(Profile).where(Profile.id.in_(still)))
    by_id = {p.id: p for p in people.scalars()}
    found = [
        MentorSuggestion(by_id[c.candidate_id], c.score, c.reasons) for c in rows if c.candidate_id in by_id
    ]
    return PeerSuggestions(found[:n])
