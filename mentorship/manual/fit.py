"""The engine's score and reasons for a pairing picked by hand, on top of the engine's public functions."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

import anyio.to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.pool import build_pool
from mentorship.engine.suggest import mentors_of, rank_mentors, with_mentor
from mentorship.lib.reasons import ReasonData
from mentorship.models import Kind, Profile
from mentorship.relationships.load import overloaded

_SCORING = threading.Lock()


@dataclass(frozen=True)
class PairFit:
    """How well one person's offer meets another's needs: the engine's score and reasons."""

    seeker: Profile
    helper: Profile
    score: float
    reasons: list[ReasonData]


async def pair_fits(
    session: AsyncSession, kind: Kind, mentor: Profile | None, mentees: list[Profile], threshold: float
) -> list[PairFit]:
    """Each mentee scored with the mentor, or each peer with the other (both ways), as suggestions score."""
    today = date.today()
    busy = await overloaded(session, threshold, today)
    # Scored among the traditional model's mentors, as a request's fit is: the seekers are taken out
    # of the pool (the mentor stays, so the model fitted for suggestions is reused) and the helper
    # is added with a place when the pool has none for them.
    pool = await build_pool(
        session, Kind.TRADITIONAL, today, excluded_profiles={p.id for p in mentees}, overloaded=busy
    )
    mentors = mentors_of(pool)
    pairs = [(m, mentor) for m in mentees] if mentor else _both_ways(mentees)
    found = []
    # The engine's word stemmers are not safe to share between threads (two previews scored at once
    # in one process raised IndexError in Snowball): score one preview at a time per process.
    await anyio.to_thread.run_sync(_SCORING.acquire)
    try:
        for seeker, helper in pairs:
            ranked = await rank_mentors(session, seeker, with_mentor(mentors, helper), 1, among=[helper])
            score, reasons = (ranked[0].score, ranked[0].reasons) if ranked else (0.0, [])
            found.append(PairFit(seeker, helper, score, reasons))
    finally:
        _SCORING.release()
    return found


def _both_ways(peers: list[Profile]) -> list[tuple[Profile, Profile]]:
    a, b = peers[0], peers[1]
    return [(a, b), (b, a)]


def overall(kind: Kind, fits: list[PairFit]) -> float:
    """One score for the pairing: the mean of its pairs' (a peer pair's two directions, a group's mentees)."""
    return sum(f.score for f in fits) / len(fits) if fits else 0.0
