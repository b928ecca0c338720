"""Instant suggestions: the best mentors for one person from the current model, without a round."""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import anyio.to_thread
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import Kind, Profile, Proposal, ProposalMember, ProposalStatus
from mentorship.proposals.services import mentoring_of
from mentorship.relationships.load import DEFAULT_THRESHOLD, overloaded
from mentorship.rounds.pool import Pool, _row, build_pool, parted_pairs, profile_id_of, row_id

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


def load_engine_in_background() -> None:
    """Import the matching engine (seconds of scikit-learn) beside the server, not in a first click."""
    loading = threading.Thread(target=importlib.import_module, args=("matching",), daemon=True)
    loading.start()


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


async def _mentors(
    session: AsyncSession, mentee: Profile, load_threshold: float
) -> tuple[Pool, pd.DataFrame]:
    """The traditional pool (without this person) and its mentors' rows: who has a free place now."""
    busy = await overloaded(session, load_threshold, date.today())
    pool = await build_pool(
        session, Kind.TRADITIONAL, date.today(), excluded_profiles={mentee.id}, overloaded=busy
    )
    return pool, pool.frame[pool.frame["role"] == "mentor"].reset_index(drop=True)


async def _ranked(
    session: AsyncSession, mentee: Profile, mentors: pd.DataFrame, n: int, among: list[str] | None = None
) -> list[Any]:
    """The engine's ``n`` best of these mentors for this mentee, from the model fitted on them."""
    newest = await session.scalar(select(func.max(Profile.updated_at)).where(Profile.is_mentor))
    key = (tuple(mentors["id"]), tuple(mentors["capacity"]), newest)
    person = _row(row_id("mentee", mentee.id), "mentee", mentee, Kind.TRADITIONAL, 0)

    def run() -> list[Any]:
        from matching import suggest_mentors

        return suggest_mentors(_fitted(key, mentors), person, n, among=among)

    return await anyio.to_thread.run_sync(run)


def _suggestion(profile: Profile, found: Any) -> MentorSuggestion:
    reasons = [part.strip() for part in found.reasons.split(";") if part.strip()]
    return MentorSuggestion(profile, float(found.score), reasons)


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
    session: AsyncSession, profile: Profile, n: int = 5, load_threshold: float = DEFAULT_THRESHOLD
) -> list[MentorSuggestion]:
    """The ``n`` best mentors with a free place for this person, best first; none while they have one.

    Overloaded mentors are left out, and so are mentors this person was paired with or declined
    (or who declined them), as rounds never propose those pairs again.
    """
    if await mentoring_of(session, profile.id) is not None:
        return []
    pool, mentors = await _mentors(session, profile, load_threshold)
    if mentors.empty:
        return []
    skip = await _not_again(session, profile, pool)
    found = await _ranked(session, profile, mentors, n + len(skip))
    return [
        _suggestion(pool.profiles[s.mentor_id], s) for s in found if profile_id_of(s.mentor_id) not in skip
    ][:n]


async def fit_of(
    session: AsyncSession, mentee: Profile, mentor: Profile, load_threshold: float = DEFAULT_THRESHOLD
) -> MentorSuggestion | None:
    """How well a mentor fits a mentee in the suggestions' model; None when the engine sees no fit."""
    _pool, mentors = await _mentors(session, mentee, load_threshold)
    mine = row_id("mentor", mentor.id)
    if mine not in set(mentors["id"]):
        # Scored among the mentors with room: a mentor whose places are held (often by this very
        # request) is not one of them.
        extra = pd.DataFrame([_row(mine, "mentor", mentor, Kind.TRADITIONAL, 1)], columns=mentors.columns)
        mentors = extra if mentors.empty else pd.concat([mentors, extra], ignore_index=True)
    found = await _ranked(session, mentee, mentors, 1, among=[mine])
    return _suggestion(mentor, found[0]) if found else None


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
