"""Run the matching library over a round's pool and turn its answer into plain, storable data."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mentorship.models import Kind
from mentorship.rounds.pool import Pool

Progress = Callable[[str, float], None]
HISTOGRAM_BINS = 10
ALTERNATIVES = 4
# Offering alternatives costs one suggestion query per mentee: worth it for rounds people edit by hand.
ALTERNATIVES_UP_TO = 5_000


@dataclass
class Unit:
    """One proposal: a mentor (or none, for peers) and the people matched with them."""

    mentor: str | None
    members: list[str]
    score: float
    reasons: list[str]
    group: str = ""
    # A group's score is the mean of each member's own fit with the mentor, kept here.
    member_scores: list[float] = field(default_factory=list)


@dataclass
class Outcome:
    """What a round found: proposals, who is left and why, and the engine's certificate."""

    units: list[Unit]
    unmatched: list[tuple[str, str]]
    total: float
    upper_bound: float
    proved_optimal: bool
    seconds: dict[str, float]
    # For each mentee row: other mentors that fit, best first, as (mentor row, score, reasons).
    alternatives: dict[str, list[tuple[str, float, list[str]]]] = field(default_factory=dict)

    @property
    def relative_gap(self) -> float:
        """How far the total may be from the best possible, relative to the bound."""
        if self.upper_bound <= 0:
            return 0.0
        return max(0.0, (self.upper_bound - self.total) / self.upper_bound)


def _split(reasons: str) -> list[str]:
    return [part.strip() for part in reasons.split(";") if part.strip()]


def run(pool: Pool, options: dict[str, Any], progress: Progress) -> Outcome:
    """Match a pool with the round's options (CPU-bound: call it from a worker thread)."""
    if pool.mentees == 0 or (pool.kind is not Kind.PEER and pool.mentors == 0):
        who = [(rid, _nobody_reason(pool)) for rid in pool.frame.loc[pool.frame["role"] == "mentee", "id"]]
        return Outcome([], who, 0.0, 0.0, True, {})
    if pool.kind is Kind.TRADITIONAL:
        return _traditional(pool, options, progress)
    if pool.kind is Kind.PEER:
        return _peer(pool, options, progress)
    return _group(pool, options, progress)


def _nobody_reason(pool: Pool) -> str:
    if pool.kind is Kind.PEER:
        return "no one else chose peer mentoring"
    return "no mentor with free capacity chose this kind of mentoring"


def _exclusions(pool: Pool, options: dict[str, Any], index: dict[str, int]) -> np.ndarray[Any, Any] | None:
    pairs = [*pool.self_pairs, *(tuple(p) for p in options.get("exclude_rows", []))]
    rows = [(index[a], index[b]) for a, b in pairs if a in index and b in index]
    return np.asarray(rows, dtype=np.int64).reshape(-1, 2) if rows else None


def _traditional(pool: Pool, options: dict[str, Any], progress: Progress) -> Outcome:
    from matching import MentorMatcher, suggest_mentors

    stages = {"vectorize": 0.1, "candidates": 0.3, "solve": 0.55, "certify": 0.75, "explain": 0.9}
    progress("vectorize", 0.05)
    matcher = MentorMatcher(
        min_score=float(options.get("min_score") or 0.0),
        max_hours_apart=options.get("max_hours_apart"),
    ).fit(pool.frame)
    index = {str(rid): i for i, rid in enumerate(matcher.table_.ids)}
    result = matcher.match(
        _exclusions(pool, options, index), progress=lambda stage: progress(stage, stages.get(stage, 0.5))
    )
    units = [
        Unit(mentor, [mentee], float(score), _split(reasons))
        for mentee, mentor, score, reasons in zip(
            result.mentee_ids, result.mentor_ids, result.scores, result.reasons, strict=True
        )
    ]
    unmatched = list(zip(result.unmatched_ids, result.unmatched_reasons, strict=True))
    alternatives: dict[str, list[tuple[str, float, list[str]]]] = {}
    mentees = list(pool.frame.loc[pool.frame["role"] == "mentee", "id"])
    if len(mentees) <= ALTERNATIVES_UP_TO:
        progress("alternatives", 0.95)
        rows = pool.frame.set_index("id")
        banned: dict[str, set[str]] = {}
        for mentee, mentor in options.get("exclude_rows", []):
            banned.setdefault(mentee, set()).add(mentor)
        for rid in mentees:
            person = rows.loc[rid].to_dict() | {"id": rid}
            own = rid.replace("mentee:", "mentor:")
            alternatives[rid] = [
                (s.mentor_id, float(s.score), _split(s.reasons))
                for s in suggest_mentors(matcher, person, ALTERNATIVES + 1 + len(banned.get(rid, ())))
                if s.mentor_id != own and s.mentor_id not in banned.get(rid, ())
            ][:ALTERNATIVES]
    return Outcome(
        units,
        unmatched,
        float(result.total),
        float(result.upper_bound),
        bool(result.is_optimal()),
        {k: float(v) for k, v in result.timings.items() if isinstance(v, int | float)},
        alternatives,
    )


def _peer(pool: Pool, options: dict[str, Any], progress: Progress) -> Outcome:
    from matching import PeerMatcher

    stages = {"candidates": 0.3, "relax": 0.5, "round": 0.7, "improve": 0.8, "blossom": 0.6, "explain": 0.9}
    progress("vectorize", 0.05)
    matcher = PeerMatcher(
        min_score=float(options.get("min_score") or 0.0),
        max_hours_apart=options.get("max_hours_apart"),
    ).fit(pool.frame)
    index = {str(rid): i for i, rid in enumerate(matcher.table_.ids)}
    result = matcher.match(
        _exclusions(pool, options, index), progress=lambda stage: progress(stage, stages.get(stage, 0.5))
    )
    units = [
        Unit(None, [first, second], float(score), _split(reasons))
        for first, second, score, reasons in zip(
            result.first_ids, result.second_ids, result.scores, result.reasons, strict=True
        )
    ]
    return Outcome(
        units,
        list(zip(result.unmatched_ids, result.unmatched_reasons, strict=True)),
        float(result.total),
        float(result.upper_bound),
        bool(result.is_optimal()),
        {k: float(v) for k, v in result.timings.items() if isinstance(v, int | float)},
    )


def _group_matcher(pool: Pool, options: dict[str, Any]) -> Any:
    from matching import GroupMatcher

    return GroupMatcher(
        min_size=int(options.get("group_min") or 3),
        max_size=int(options.get("group_max") or 6),
        min_score=float(options.get("min_score") or 0.0),
        max_hours_apart=options.get("max_hours_apart"),
    ).fit(pool.frame)


def _group_unit(group: Any) -> Unit:
    return Unit(
        group.mentor_id,
        list(group.member_ids),
        float(np.mean(group.scores)) if len(group.scores) else 0.0,
        _split(group.reasons),
        group.group_id,
        [float(score) for score in group.scores],
    )


def _group(pool: Pool, options: dict[str, Any], progress: Progress) -> Outcome:
    progress("vectorize", 0.05)
    matcher = _group_matcher(pool, options)
    index = {str(rid): i for i, rid in enumerate(matcher.table_.ids)}
    result = matcher.match(_exclusions(pool, options, index), progress=lambda stage: progress(stage, 0.5))
    units = [_group_unit(group) for group in result.groups]
    return Outcome(
        units,
        list(zip(result.unmatched_ids, result.unmatched_reasons, strict=True)),
        float(result.total),
        float(result.upper_bound),
        bool(result.is_optimal()),
        {k: float(v) for k, v in result.timings.items() if isinstance(v, int | float)},
    )


def score_groups(pool: Pool, options: dict[str, Any], groups: list[tuple[str, list[str]]]) -> list[Unit]:
    """Groups changed by hand, each scored and explained as the round's run would (CPU-bound).

    A member whom a hard constraint keeps from the mentor (language, time zone, minimum score, an
    earlier relationship or decline) gets ``-inf`` in ``member_scores``.
    """
    matcher = _group_matcher(pool, options)
    index = {str(rid): i for i, rid in enumerate(matcher.table_.ids)}
    exclude = _exclusions(pool, options, index)
    return [_group_unit(matcher.describe_group(members, mentor, exclude)) for mentor, members in groups]


def histogram(scores: list[float]) -> list[int]:
    """Counts of scores in ten equal bins from 0 to 1 (the top bin includes 1)."""
    counts = [0] * HISTOGRAM_BINS
    for score in scores:
        counts[min(HISTOGRAM_BINS - 1, max(0, int(score * HISTOGRAM_BINS)))] += 1
    return counts


# A reason ends with the person's own best fit: without it, people left for the same reason group together.
BEST_FIT = re.compile(r"\s*\(best fit (\d+(?:\.\d+)?)\)\s*$")


def reason_key(reason: str) -> tuple[str, float | None]:
    """A reason without its per-person best fit, and that fit (None when it has none)."""
    found = BEST_FIT.search(reason)
    if found is None:
        return reason, None
    return reason[: found.start()], float(found.group(1))


def reason_counts(unmatched: list[tuple[str, str]]) -> dict[str, int]:
    """How many people were left unmatched for each reason, commonest first."""
    return dict(Counter(reason_key(reason)[0] for _rid, reason in unmatched).most_common())
