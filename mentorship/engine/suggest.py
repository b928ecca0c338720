"""Instant suggestions for one person, from a model fitted on the mentors with room and kept in a cache."""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.pool import Pool
from mentorship.engine.reasons import stored
from mentorship.engine.rows import MENTEE, MENTOR, mentee_row, mentor_row
from mentorship.engine.table import TopicNames, participant, topic_names, with_topics
from mentorship.lib.reasons import ReasonData
from mentorship.models import Kind, Profile

# Fitted models by the mentors they were fitted on: a cache, rebuilt whenever a mentor changes.
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_CACHE_SIZE = 4
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Fit:
    """Someone who fits the person asking: their table row, the score and the reasons."""

    row: str
    score: float
    reasons: list[ReasonData]


def load_engine_in_background() -> None:
    """Import the matching library (seconds of scikit-learn) beside the server, not in a first click."""
    loading = threading.Thread(target=importlib.import_module, args=("matching",), daemon=True)
    loading.start()


def _fitted(key: tuple[Any, ...], frame: pd.DataFrame, names: TopicNames) -> Any:
    from matching import MentorMatcher

    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    fitted = MentorMatcher().fit(with_topics(frame, names))
    with _LOCK:
        _CACHE[key] = fitted
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return fitted


def mentors_of(pool: Pool) -> pd.DataFrame:
    """The mentors' rows of a pool: who has a free place now."""
    return pool.frame[pool.frame["role"] == MENTOR].reset_index(drop=True)


def with_mentor(mentors: pd.DataFrame, mentor: Profile) -> pd.DataFrame:
    """The mentors' rows with this mentor's added (with one place) when it is not among them."""
    if mentor_row(mentor.id) in set(mentors["id"]):
        return mentors
    extra = pd.DataFrame([participant(MENTOR, mentor, Kind.TRADITIONAL, 1)], columns=mentors.columns)
    return extra if mentors.empty else pd.concat([mentors, extra], ignore_index=True)


async def rank_mentors(
    session: AsyncSession, mentee: Profile, mentors: pd.DataFrame, n: int, among: list[Profile] | None = None
) -> list[Fit]:
    """The ``n`` best of these mentors (or of ``among`` them) for this mentee, best first."""
    newest = await session.scalar(select(func.max(Profile.updated_at)).where(Profile.is_mentor))
    names = await topic_names(session)
    key = (tuple(mentors["id"]), tuple(mentors["capacity"]), newest, tuple(sorted(names.items())))
    person = pd.DataFrame([participant(MENTEE, mentee, Kind.TRADITIONAL, 0)])
    rows = None if among is None else [mentor_row(m.id) for m in among]

    def run() -> list[Fit]:
        from matching import suggest_mentors

        fitted = _fitted(key, mentors, names)
        found = suggest_mentors(fitted, with_topics(person, names), n, among=rows)
        return [Fit(s.mentor_id, float(s.score), stored(s.reasons)) for s in found]

    return await anyio.to_thread.run_sync(run)


async def rank_peers(pool: Pool, profile: Profile, n: int) -> list[Fit]:
    """The ``n`` peers of a peer pool who fit this person best (each can teach the other)."""
    me = mentee_row(profile.id)
    if me not in pool.profiles or pool.mentees < 2:
        return []

    def run() -> list[Fit]:
        from matching import PeerMatcher, suggest_peers

        found = suggest_peers(PeerMatcher().fit(with_topics(pool.frame, pool.topic_names)), me, n)
        return [Fit(s.mentor_id, float(s.score), stored(s.reasons)) for s in found]

    return await anyio.to_thread.run_sync(run)
