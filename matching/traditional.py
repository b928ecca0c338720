"""Traditional (capacitated mentee-to-mentor) assignment, proved optimal by a price check.

The assignment is a transportation problem. Min-cost flow solves it over candidate
edges; its mentor prices ``v >= 0`` give ``u_i = max(0, max_j s_ij - v_j)`` over *all*
eligible pairs, and ``sum(u) + sum(capacity * v)`` bounds the optimum from above (LP weak
duality). Any pair with ``s_ij - v_j > u_i`` is added and the flow re-solved until the
bound meets the total.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from matching.candidates import CandidateLists, PairScorer
from matching.flow import COST_SCALE, solve_assignment

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
_TOL = 2.0 / COST_SCALE


class Certified:
    """A total with an upper bound on the optimum: the gap between them certifies the result."""

    total: float
    upper_bound: float

    @property
    def gap(self) -> float:
        """``upper_bound - total`` (never negative beyond round-off)."""
        return self.upper_bound - self.total

    @property
    def relative_gap(self) -> float:
        """Gap relative to the bound (to 1 when the bound is smaller)."""
        return self.gap / max(abs(self.upper_bound), 1.0)

    def is_optimal(self, tolerance: float = 1e-6) -> bool:
        """Whether the certificate proves the total optimal within ``tolerance`` (relative)."""
        return self.relative_gap <= tolerance


@dataclass
class Assignment(Certified):
    """An assignment in mentee and mentor positions with its certificate.

    Attributes
    ----------
    mentor_of : ndarray of int, shape (n_mentees,)
        Mentor position per mentee, ``-1`` if unmatched.
    scores : ndarray of float, shape (n_mentees,)
        Score of each mentee's pair (0 if unmatched).
    prices : ndarray of float, shape (n_mentors,)
        Mentor prices ``v`` of the certificate.
    total : float
        Sum of the scores.
    upper_bound : float
        LP-duality bound on the optimum over every eligible pair.
    rounds : int
        Flow solves.
    timings : dict of str to float
        Seconds in ``solve`` (first flow) and ``certify`` (pricing and re-solves).
    """

    mentor_of: IntArray
    scores: FloatArray
    prices: FloatArray
    total: float
    upper_bound: float
    rounds: int
    timings: dict[str, float] = field(default_factory=dict)


def initial_edges(
    lists: CandidateLists, capacity: IntArray, top_k: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """Each mentee's ``top_k`` stored pairs plus each mentor's best ``2c + 2`` mentees among the lists."""
    rows, mentors, scores = lists.rows, lists.mentors, lists.scores
    rank = np.arange(len(rows)) - lists.indptr[rows]
    order = np.lexsort((rows, -scores, mentors))
    by_mentor = mentors[order]
    starts = np.searchsorted(by_mentor, np.arange(len(capacity)))
    mentor_rank = np.empty(len(order), dtype=np.int64)
    mentor_rank[order] = np.arange(len(order)) - starts[by_mentor]
    keep = (rank < top_k) | (mentor_rank < 2 * capacity[mentors] + 2)
    return rows[keep], mentors[keep], scores[keep]


def _min_price_per_row(scorer: PairScorer, prices: FloatArray) -> FloatArray:
    """Lowest price among the mentors sharing a language with each mentee."""
    langs = scorer.mentor_languages > 0
    per_language = np.array(
        [prices[langs[:, k]].min() if langs[:, k].any() else np.inf for k in range(langs.shape[1])]
    )
    spoken = scorer.mentee_languages > 0
    return np.asarray(
        np.where(spoken, per_language[None, :], np.inf).min(axis=1, initial=np.inf), dtype=np.float64
    )


class _Improvers:
    """Collects pairs with ``s - v > u`` and each row's best ``s - v`` from scored blocks."""

    def __init__(self, rows: IntArray, prices: FloatArray, u: FloatArray) -> None:
        self.rows, self.prices, self.u = rows, prices, u
        self.best = np.full(len(rows), -np.inf)
        self.parts: list[tuple[IntArray, IntArray, FloatArray]] = []

    def __call__(self, rows: IntArray, members: IntArray, scores: FloatArray) -> None:
        reduced = scores - self.prices[members][None, :]
        np.maximum.at(self.best, np.searchsorted(self.rows, rows), reduced.max(axis=1))
        i, j = np.nonzero(reduced > self.u[rows][:, None] + _TOL)
        self.parts.append((rows[i], members[j], scores[i, j]))


def _rescan(
    scorer: PairScorer, rows: IntArray, cap: FloatArray, prices: FloatArray, u: FloatArray
) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """Price ``rows`` against every cluster that could hold an improving pair; exact where scored.

    Returns the improving pairs and, per row, a bound on ``max_j s_ij - v_j`` outside its list.
    """
    clusters = scorer.clusters
    order = clusters.order
    min_v = np.minimum.reduceat(prices[order], clusters.starts[:-1]) if len(order) else np.zeros(0)
    found = _Improvers(rows, prices, u)
    for start in range(0, len(rows), 4096):
        part = rows[start : start + 4096]
        reach = np.minimum(scorer.cluster_bounds(part), cap[start : start + 4096, None]) - min_v[None, :]
        need = reach > u[part][:, None] + _TOL
        found.best[start : start + 4096] = np.where(need, -np.inf, reach).max(axis=1, initial=-np.inf)
        local, clus = np.nonzero(need)
        scorer.scan(part[local], clus.astype(np.int64), found)
    if not found.parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), found.best
    r, m, s = (np.concatenate(p) for p in zip(*found.parts, strict=True))
    return r, m, s, found.best


def _price_check(
    scorer: PairScorer, lists: CandidateLists, prices: FloatArray, u: FloatArray
) -> tuple[IntArray, IntArray, FloatArray, FloatArray, int]:
    """Pairs that could improve the assignment, ``max_j s_ij - v_j`` (or a bound on it) per mentee,
    and the number of mentees rescanned."""
    n = len(u)
    all_rows = lists.rows
    listed = lists.scores - prices[lists.mentors]
    reach = np.full(n, -np.inf)
    np.maximum.at(reach, all_rows, listed)
    outside = lists.tail - _min_price_per_row(scorer, prices)
    rescan = outside > u + _TOL
    reach = np.maximum(reach, np.where(rescan, -np.inf, outside))
    bad = listed > u[all_rows] + _TOL
    cand_r, cand_m, cand_s = [all_rows[bad]], [lists.mentors[bad]], [lists.scores[bad]]
    rows = np.flatnonzero(rescan)
    if len(rows):
        r, m, s, best = _rescan(scorer, rows, lists.tail[rows], prices, u)
        reach[rows] = np.maximum(reach[rows], best)
        cand_r.append(r)
        cand_m.append(m)
        cand_s.append(s)
    return np.concatenate(cand_r), np.concatenate(cand_m), np.concatenate(cand_s), reach, len(rows)


def solve_traditional(
    scorer: PairScorer,
    lists: CandidateLists,
    capacity: IntArray,
    *,
    top_k: int = 20,
    fast: bool = False,
    max_rounds: int = 100,
    tolerance: float = 1e-9,
) -> Assignment:
    """Maximise the total score with mentor capacities, proving optimality over all eligible pairs.

    Parameters
    ----------
    scorer : PairScorer
        Exact scores and hard constraints.
    lists : CandidateLists
        Each mentee's best mentors and a bound on the rest.
    capacity : ndarray of int, shape (n_mentors,)
    top_k : int, default=20
        List entries per mentee in the first flow.
    fast : bool, default=False
        One flow solve, then only the bound (no re-solves).
    max_rounds : int, default=100
        Give up certifying after this many solves (the gap is still reported honestly).
    tolerance : float, default=1e-9
        Stop when the relative gap is at most this.

    Returns
    -------
    Assignment
    """
    n = len(lists.tail)
    timings = {"solve": 0.0, "certify": 0.0}
    rows, mentors, scores = initial_edges(lists, capacity, top_k)
    keys = rows * max(1, len(capacity)) + mentors
    rounds = 0
    while True:
        started = time.perf_counter()
        weights = np.rint(scores * COST_SCALE).astype(np.int64)
        solution = solve_assignment(n, capacity, rows, mentors, weights)
        rounds += 1
        timings["solve" if rounds == 1 else "certify"] += time.perf_counter() - started
        started = time.perf_counter()
        prices = solution.prices / COST_SCALE
        own = np.zeros(n)
        own[rows[solution.edge_used]] = scores[solution.edge_used]
        matched = solution.assigned >= 0
        u = np.where(matched, own - prices[np.maximum(solution.assigned, 0)], 0.0)
        new_r, new_m, new_s, reach, rescanned = _price_check(scorer, lists, prices, u)
        bound = float(np.maximum(reach, 0).sum() + (capacity * prices).sum())
        total = float(own.sum())
        new_keys = new_r * max(1, len(capacity)) + new_m
        fresh = ~np.isin(new_keys, keys)
        timings["certify"] += time.perf_counter() - started
        timings["rescanned"] = timings.get("rescanned", 0) + rescanned
        done = bound - total <= tolerance * max(abs(bound), 1.0)
        if fast or done or not fresh.any() or rounds >= max_rounds:
            return Assignment(solution.assigned, own, prices, total, max(bound, total), rounds, timings)
        new_keys, idx = np.unique(new_keys[fresh], return_index=True)
        rows = np.concatenate([rows, new_r[fresh][idx]])
        mentors = np.concatenate([mentors, new_m[fresh][idx]])
        scores = np.concatenate([scores, new_s[fresh][idx]])
        keys = np.concatenate([keys, new_keys])
