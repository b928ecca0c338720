"""Candidate lists for a whole scope at once: one model per scope, every mentee ranked in one batch."""

from __future__ import annotations

from collections.abc import Mapping

import anyio.to_thread
import pandas as pd

from mentorship.engine.pool import Pool
from mentorship.engine.reasons import stored
from mentorship.engine.rows import MENTEE, mentee_row, same_person
from mentorship.engine.suggest import Fit
from mentorship.engine.table import TopicNames, participant, participants, with_topics
from mentorship.models import Kind, Profile

#: Candidates kept per mentee and scope: enough to survive the request's checks (full, away, asked).
KEEP = 20


def mentee_frame(mentees: list[Profile]) -> pd.DataFrame:
    """The table rows of people seeking a mentor, as a suggestion ranks them."""
    return participants([participant(MENTEE, p, Kind.TRADITIONAL, 0) for p in mentees])


def _rank(mentors: pd.DataFrame, mentees: pd.DataFrame, names: TopicNames, keep: int) -> dict[str, list[Fit]]:
    from matching import MentorMatcher, suggest_mentors_batch

    if mentors.empty or mentees.empty:
        return {}
    fitted = MentorMatcher().fit(with_topics(mentors, names))
    # One more than kept: someone both mentor and mentee is never her own candidate.
    found = suggest_mentors_batch(fitted, with_topics(mentees, names), keep + 1)
    lists: dict[str, list[Fit]] = {}
    for row, ranked in zip(mentees["id"], found, strict=True):
        fits = [Fit(s.mentor_id, float(s.score), stored(s.reasons)) for s in ranked]
        lists[str(row)] = [f for f in fits if not same_person(f.row, str(row))][:keep]
    return lists


async def rank_scopes(
    mentors: Mapping[str, pd.DataFrame],
    mentees: Mapping[str, pd.DataFrame],
    names: TopicNames,
    keep: int = KEEP,
) -> dict[str, dict[str, list[Fit]]]:
    """Each scope's best mentors for each of its mentees (by table row), one fitted model per scope."""

    def run() -> dict[str, dict[str, list[Fit]]]:
        return {scope: _rank(mentors[scope], frame, names, keep) for scope, frame in mentees.items()}

    return await anyio.to_thread.run_sync(run)


async def rank_every_peer(pool: Pool, keep: int = KEEP) -> dict[str, list[Fit]]:
    """Every peer's best peers (by table row), from one fitted peer model."""
    if pool.mentees < 2:
        return {mentee_row(p.id): [] for p in pool.profiles.values()}

    def run() -> dict[str, list[Fit]]:
        from matching import PeerMatcher, suggest_peers_batch

        fitted = PeerMatcher().fit(with_topics(pool.frame, pool.topic_names))
        found = suggest_peers_batch(fitted, keep)
        return {
            row: [Fit(s.mentor_id, float(s.score), stored(s.reasons)) for s in f] for row, f in found.items()
        }

    return await anyio.to_thread.run_sync(run)
