"""Candidate lists for a whole scope at once: one model per scope, every mentee ranked in one batch."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
import pandas as pd

from mentorship.engine.pool import Pool
from mentorship.engine.reasons import stored
from mentorship.engine.rows import same_person
from mentorship.engine.suggest import Fit
from mentorship.engine.table import TopicNames, with_topics

#: Candidates kept per mentee and scope: enough to survive the request's checks (full, away, asked).
KEEP = 20


def _lists(mentees: pd.DataFrame, found: list[list[Any]], keep: int) -> dict[str, list[Fit]]:
    """Each mentee's fits by table row, never herself as her own mentor, at most ``keep``."""
    lists: dict[str, list[Fit]] = {}
    for row, ranked in zip(mentees["id"], found, strict=True):
        fits = [Fit(s.mentor_id, float(s.score), stored(s.reasons)) for s in ranked]
        lists[str(row)] = [f for f in fits if not same_person(f.row, str(row))][:keep]
    return lists


def _rank(mentors: pd.DataFrame, mentees: pd.DataFrame, names: TopicNames, keep: int) -> dict[str, list[Fit]]:
    from matching import MentorMatcher, suggest_mentors_batch

    if mentors.empty or mentees.empty:
        return {}
    fitted = MentorMatcher().fit(with_topics(mentors, names))
    # One more than kept: someone both mentor and mentee is never her own candidate.
    return _lists(mentees, suggest_mentors_batch(fitted, with_topics(mentees, names), keep + 1), keep)


@dataclass(frozen=True)
class Changed:
    """What changed in a scope since its lists were built, by table row."""

    seekers: set[str]  # new or changed people seeking: ranked anew
    candidates: set[str]  # new or changed candidates: merged into the others' kept lists
    floors: dict[str, float]  # the others' last kept score (0 while a list is short of ``keep``)


@dataclass(frozen=True)
class Update:
    """A scope's new lists for changed people, and the changed candidates who enter others' lists."""

    ranked: dict[str, list[Fit]]
    entering: dict[str, list[Fit]] = field(default_factory=dict)


def _update(
    mentors: pd.DataFrame, mentees: pd.DataFrame, names: TopicNames, changed: Changed, keep: int
) -> Update:
    from matching import MentorMatcher, suggest_mentors_batch

    if mentors.empty or mentees.empty:
        return Update({str(row): [] for row in mentees["id"] if str(row) in changed.seekers})
    fitted = MentorMatcher().fit(with_topics(mentors, names))
    is_seeker = mentees["id"].astype(str).isin(changed.seekers)
    seekers = mentees[is_seeker].reset_index(drop=True)
    ranked = _lists(seekers, suggest_mentors_batch(fitted, with_topics(seekers, names), keep + 1), keep)
    among = [str(row) for row in mentors["id"] if str(row) in changed.candidates]
    if not among:
        return Update(ranked)
    others = mentees[~is_seeker].reset_index(drop=True)
    floors = [changed.floors.get(str(row), 0.0) for row in others["id"]]
    found = suggest_mentors_batch(fitted, with_topics(others, names), keep + 1, among=among, above=floors)
    entering = {row: fits for row, fits in _lists(others, found, keep).items() if fits}
    return Update(ranked, entering)


async def update_scope(
    mentors: pd.DataFrame, mentees: pd.DataFrame, names: TopicNames, changed: Changed, keep: int = KEEP
) -> Update:
    """Rank the changed mentees anew and find where the changed mentors enter the others' kept lists.

    One model is fitted on the scope's mentors as they are now; only the changed mentors' columns
    are scored for everyone else, and only those above a mentee's last kept score are explained.
    """
    return await anyio.to_thread.run_sync(lambda: _update(mentors, mentees, names, changed, keep))


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
        return {str(row): [] for row in pool.frame["id"]}

    def run() -> dict[str, list[Fit]]:
        from matching import PeerMatcher, suggest_peers_batch

        fitted = PeerMatcher().fit(with_topics(pool.frame, pool.topic_names))
        return _peer_fits(suggest_peers_batch(fitted, keep))

    return await anyio.to_thread.run_sync(run)


def _peer_fits(found: dict[str, list[Any]]) -> dict[str, list[Fit]]:
    """The library's peer suggestions by table row as stored fits."""
    return {row: [Fit(s.mentor_id, float(s.score), stored(s.reasons)) for s in f] for row, f in found.items()}


def _update_peers(pool: Pool, changed: Changed, keep: int) -> Update:
    from matching import PeerMatcher, suggest_peers_batch

    if pool.mentees < 2:
        return Update({row: [] for row in changed.seekers})
    fitted = PeerMatcher().fit(with_topics(pool.frame, pool.topic_names))
    ranked = _peer_fits(suggest_peers_batch(fitted, keep, people=sorted(changed.seekers)))
    if not changed.candidates:
        return Update(ranked)
    others = [str(row) for row in pool.frame["id"] if str(row) not in changed.seekers]
    found = suggest_peers_batch(
        fitted, keep, people=others, among=sorted(changed.candidates), above=changed.floors
    )
    return Update(ranked, {row: f for row, f in _peer_fits(found).items() if f})


async def update_peers(pool: Pool, changed: Changed, keep: int = KEEP) -> Update:
    """The changed peers' lists anew, and where they enter the other peers' kept lists (one fit)."""
    return await anyio.to_thread.run_sync(lambda: _update_peers(pool, changed, keep))
