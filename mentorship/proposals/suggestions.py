"""Instant suggestions: the best mentors for one person from the current model, without a round."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import anyio.to_thread
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import Kind, Profile, Proposal, ProposalMember, ProposalStatus
from mentorship.relationships.load import DEFAULT_THRESHOLD, overloaded
from mentorship.rounds.pool import _row, build_pool, profile_id_of, row_id

# Fitted models by the mentors they were fitted on: a cache, rebuilt whenever a mentor changes.
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_CACHE_SIZE = 4
_LOCK = threading.Lock()


@dataclass(frozen=True)
class MentorSuggestion:
    """A mentor who fits, with the score and the reasons in plain words."""

    profile: Profile
    score: float
    reasons: list[str]


def _fitted(key: tuple[Any, ...], frame: Any) -> Any:
    from matching import MentorMatcher

    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    matcher = MentorMatcher().fit(frame)
    with _LOCK:
        _CACHE[key] = matcher
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return matcher


async def suggest_for(
    session: AsyncSession, profile: Profile, n: int = 5, load_threshold: float = DEFAULT_THRESHOLD
) -> list[MentorSuggestion]:
    """The ``n`` best mentors with a free place for this person, best first (overloaded mentors left out)."""
    busy = await overloaded(session, load_threshold, date.today())
    pool = await build_pool(
        session, Kind.TRADITIONAL, date.today(), excluded_profiles={profile.id}, overloaded=busy
    )
    mentors = pool.frame[pool.frame["role"] == "mentor"].reset_index(drop=True)
    if mentors.empty:
        return []
    asked = set(
        (
            await session.execute(
                select(ProposalMember.profile_id)
                .join(Proposal, Proposal.id == ProposalMember.proposal_id)
                .where(
                    Proposal.status == ProposalStatus.OPEN,
                    Proposal.id.in_(
                        select(ProposalMember.proposal_id).where(ProposalMember.profile_id == profile.id)
                    ),
                )
            )
        ).scalars()
    )
    newest = await session.scalar(select(func.max(Profile.updated_at)).where(Profile.is_mentor))
    key = (tuple(mentors["id"]), tuple(mentors["capacity"]), newest)
    person = _row(row_id("mentee", profile.id), "mentee", profile, Kind.TRADITIONAL, 0)

    def run() -> list[Any]:
        from matching import suggest_mentors

        return suggest_mentors(_fitted(key, mentors), person, n + len(asked))

    found = await anyio.to_thread.run_sync(run)
    result = []
    for suggestion in found:
        mentor_id: UUID = profile_id_of(suggestion.mentor_id)
        if mentor_id in asked:
            continue
        reasons = [part.strip() for part in suggestion.reasons.split(";") if part.strip()]
        result.append(MentorSuggestion(pool.profiles[suggestion.mentor_id], float(suggestion.score), reasons))
    return result[:n]


async def suggest_peers_for(session: AsyncSession, profile: Profile, n: int = 5) -> list[MentorSuggestion]:
    """The ``n`` people who chose peer mentoring and fit this person best (each can teach the other)."""
    pool = await build_pool(session, Kind.PEER, date.today())
    me = row_id("mentee", profile.id)
    if me not in pool.profiles or pool.mentees < 2:
        return []

    def run() -> list[Any]:
        from matching import PeerMatcher, suggest_peers

        return suggest_peers(PeerMatcher().fit(pool.frame), me, n)

    found = await anyio.to_thread.run_sync(run)
    return [
        MentorSuggestion(
            pool.profiles[s.mentor_id], float(s.score), [p.strip() for p in s.reasons.split(";") if p.strip()]
        )
        for s in found
    ]
