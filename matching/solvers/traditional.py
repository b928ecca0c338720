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

from matching.scoring.candidates import CandidateLists, PairScorer, row_major_key
from matching.scoring.kernels import mentor_tops
from matching.solvers.flow import COST_SCALE, FlowSolution, resolve_assignment, solve_assignment

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
_TOL = 2.0 / COST_SCALE
#: Fast mode stops once the total is proved within this share of the optimum (0.9998 of the bound).
FAST_GAP = 2e-4


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
    keep = rank < top_k
    if len(scores):
        keep |= mentor_tops(mentors, scores, np.asarray(2 * capacity + 2, dtype=np.int64))
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


def _raise_to(bound: FloatArray, rows: IntArray, values: FloatArray) -> None:
    """``bound[rows[k]] = max(bound[rows[k]], values[k])``, touching only the values that raise it.

    ``np.maximum.at`` is slow per element, and over the lists and the edge pool nearly
    every value is below its row's bound already.
    """
    over = values > bound[rows]
    np.maximum.at(bound, rows[over], values[over])


class _EdgeSet:
    """The flow's candidate edges, growing without duplicates."""

    def __init__(self, n_mentors: int, rows: IntArray, mentors: IntArray, scores: FloatArray) -> None:
        self.width = max(1, n_mentors)
        keys = rows * self.width + mentors
        self.keys, first = np.unique(keys, return_index=True)
        self.rows, self.mentors, self.scores = rows[first], mentors[first], scores[first]

    def add(self, rows: IntArray, mentors: IntArray, scores: FloatArray) -> int:
        """Add the new pairs among these; return how many were new."""
        keys, first = np.unique(np.asarray(rows * self.width + mentors, dtype=np.int64), return_index=True)
        at = np.searchsorted(self.keys, keys)
        known = self.keys[np.minimum(at, len(self.keys) - 1)] if len(self.keys) else keys + 1
        fresh = (at >= len(self.keys)) | (known != keys)
        if not fresh.any():
            return 0
        new = np.asarray(first[fresh], dtype=np.int64)
        self.rows = np.concatenate([self.rows, rows[new]])
        self.mentors = np.concatenate([self.mentors, mentors[new]])
        self.scores = np.concatenate([self.scores, scores[new]])
        self.keys = np.insert(self.keys, at[fresh], keys[fresh])
        return int(fresh.sum())


class _PriceCheck:
    """The price check over every eligible pair, remembering what earlier rounds proved.

    A row is *rescanned* (its clusters bounded, the promising ones scored, best first) only
    when neither its list's tail nor an earlier proof shows that no pair outside the edges
    and the lists beats ``u_i``. A rescan adds the best ``keep`` pairs within ``margin`` of
    ``u_i`` to the edges and remembers a bound on the rest; later rounds re-prove that
    bound among the mentors whose price fell, and rescan only rows whose ``u_i`` fell below
    it. The first round's rescan scores at most ``first_budget`` clusters a row: its prices
    come from top-score lists and are far from the optimum's, so exhaustive search waits.
    ``glanced`` says whether the last call's rescan was so limited (its bounds may be loose).
    """

    def __init__(
        self, scorer: PairScorer, lists: CandidateLists, margin: float, keep: int = 48, first_budget: int = 8
    ) -> None:
        self.scorer, self.lists, self.margin, self.keep = scorer, lists, margin, keep
        self.first_budget = first_budget
        n = len(lists.tail)
        self.ref = np.full(n, np.inf)
        self.ref_round = np.zeros(n, dtype=np.int64)
        self.history: list[FloatArray] = []
        self.rescanned = 0
        self.glanced = False

    def __call__(
        self, prices: FloatArray, u: FloatArray, *, scan: bool = True
    ) -> tuple[tuple[IntArray, IntArray, FloatArray], FloatArray]:
        """Pairs to add to the edges (improving or within the margin) and ``max_j s_ij - v_j`` bounds."""
        lists, rows_all = self.lists, self.lists.rows
        listed = lists.scores - prices[lists.mentors]
        reach = np.maximum(u, 0.0)
        _raise_to(reach, rows_all, listed)
        outside = lists.tail - _min_price_per_row(self.scorer, prices)
        good = listed > u[rows_all] + _TOL
        found = [(rows_all[good], lists.mentors[good], lists.scores[good])]
        for past in np.unique(self.ref_round[np.isfinite(self.ref)]):
            found.append(self._since(int(past), prices, u, outside))
        rescan = np.flatnonzero(outside > u + _TOL)
        self.glanced = bool(scan and len(rescan)) and not self.history
        if scan and len(rescan):
            r, m, s, best = self._rescan(rescan, prices, u)
            found.append((r, m, s))
            outside[rescan] = best
            self.ref[rescan] = best
            self.ref_round[rescan] = len(self.history)
            self.rescanned += len(rescan)
        self.history.append(prices.copy())
        r, m, s = (np.concatenate(p) for p in zip(*found, strict=True))
        _raise_to(reach, r, s - prices[m])
        reach = np.maximum(reach, outside)
        return (r, m, s), reach

    def _since(
        self, past: int, prices: FloatArray, u: FloatArray, outside: FloatArray
    ) -> tuple[IntArray, IntArray, FloatArray]:
        """Bound the rows last proved in round ``past`` from what was proved then, and re-anchor them.

        Pairs outside the edges and lists had a reduced score of at most ``ref`` at that
        round's prices, so a mentor whose price did not fall cannot beat it now; among the
        mentors whose price fell, only clusters where ``ref`` plus the fall (or the cluster
        bound) could beat ``u`` are scored. The new bound holds at today's prices, so the
        next round starts from it.
        """
        rows = np.flatnonzero((self.ref_round == past) & np.isfinite(self.ref))
        # Rows whose ``u`` fell below what was proved are rescanned whatever the prices did.
        rows = rows[self.ref[rows] <= u[rows] + _TOL]
        drop = self.history[past] - prices
        fallen = drop > 0
        ref = self.ref[rows]
        bound = ref
        found = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
        if fallen.any() and len(rows):
            r, m, s, left = self.scorer.best(
                rows,
                u[rows] + _TOL,
                np.where(fallen, prices, np.inf),
                keep=8,
                cap=self.lists.tail[rows],
                base=ref,
                lift=np.where(fallen, drop, -np.inf),
            )
            # Improving pairs join the edges; the rest stay bounded by ``left``.
            ref = np.maximum(ref, left)
            bound = ref.copy()
            _raise_to(bound, np.searchsorted(rows, r), s - prices[m])
            found = (r, m, s)
        outside[rows] = np.minimum(outside[rows], bound)
        self.ref[rows] = ref
        self.ref_round[rows] = len(self.history)
        return found

    def _rescan(
        self, rows: IntArray, prices: FloatArray, u: FloatArray
    ) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
        """Score ``rows`` against every cluster that may hold a pair within the margin of ``u``.

        Returns those pairs (the best ``keep`` per row) and, per row, a bound on ``s - v``
        over the pairs left out.
        """
        # The first prices are far from the optimum's: a quick look at the best clusters finds
        # the edges that move them; exhaustive rescans wait for prices worth certifying.
        budget = self.first_budget if not self.history else None
        r, m, s, left = self.scorer.best(
            rows, u[rows] - self.margin, prices, keep=self.keep, cap=self.lists.tail[rows], budget=budget
        )
        return r, m, s, left


def _priced(
    check: _PriceCheck, edges: _EdgeSet, capacity: IntArray, prices: FloatArray, u: FloatArray
) -> tuple[int, FloatArray, float]:
    """Price every pair and add the improving ones to the edges: how many, the edges' slack, the bound."""
    (rows, mentors, scores), reach = check(prices, u, scan=True)
    added = edges.add(rows, mentors, scores)
    reduced = edges.scores - prices[edges.mentors]
    _raise_to(reach, edges.rows, reduced)
    bound = float(np.maximum(reach, 0).sum() + (capacity * prices).sum())
    return added, u[edges.rows] - reduced, bound


def _flow_round(
    n: int,
    capacity: IntArray,
    rows: IntArray,
    mentors: IntArray,
    scores: FloatArray,
    previous: FlowSolution | None = None,
) -> tuple[FlowSolution, FloatArray, FloatArray, FloatArray]:
    """Solve the flow on these edges (from ``previous`` if given): the solution, scores, ``v``, ``u``."""
    weights = np.rint(scores * COST_SCALE).astype(np.int64)
    if previous is None:
        solution = solve_assignment(n, capacity, rows, mentors, weights, highest_prices=True)
    else:
        solution = resolve_assignment(n, capacity, rows, mentors, weights, previous)
    prices = solution.prices / COST_SCALE
    own = np.zeros(n)
    own[rows[solution.edge_used]] = scores[solution.edge_used]
    matched = solution.assigned >= 0
    # With no mentor at all nobody is matched and there is no price to read.
    paid = prices[np.maximum(solution.assigned, 0)] if len(prices) else np.zeros(n)
    u = np.where(matched, own - paid, 0.0)
    return solution, own, prices, u


def solve_traditional(
    scorer: PairScorer,
    lists: CandidateLists,
    capacity: IntArray,
    *,
    top_k: int = 20,
    fast: bool = False,
    max_rounds: int = 100,
    tolerance: float = 1e-9,
    margin: float = 0.05,
    flow_slack: float = 0.03,
    extra: tuple[IntArray, IntArray, FloatArray] | None = None,
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
        Stop as soon as the bound proves the total within :data:`FAST_GAP` of the optimum.
    max_rounds : int, default=100
        Give up certifying after this many solves (the gap is still reported honestly).
    tolerance : float, default=1e-9
        Stop when the relative gap is at most this.
    margin : float, default=0.05
        Pairs this close to improving are added to the flow when a row is rescanned, so
        that small price moves in later rounds need no rescan.
    flow_slack : float, default=0.03
        After the first round, pairs further than this from improving wait in the pool.
    extra : tuple of (mentees, mentors, scores) arrays, optional
        More pairs for the first flow (e.g. :func:`~matching.candidates.mentor_lists`).

    Returns
    -------
    Assignment
    """
    n = len(lists.tail)
    timings = {"solve": 0.0, "certify": 0.0}
    started = time.perf_counter()
    rows, mentors, scores = initial_edges(lists, capacity, top_k)
    if extra is not None:
        rows, mentors, scores = (np.concatenate(p) for p in zip((rows, mentors, scores), extra, strict=True))
    tolerance = max(tolerance, FAST_GAP) if fast else tolerance
    edges = _EdgeSet(len(capacity), rows, mentors, scores)
    check = _PriceCheck(scorer, lists, margin)
    rounds = 0
    # The flow runs on the edges near the current prices' optimum (``active``); the others
    # stay in the pool and are priced every round like any pair outside the flow.
    active = np.ones(len(edges.rows), dtype=bool)
    solution = None
    while True:
        solution, own, prices, u = _flow_round(
            n, capacity, edges.rows[active], edges.mentors[active], edges.scores[active], solution
        )
        assigned = solution.assigned
        rounds += 1
        timings["solve" if rounds == 1 else "certify"] += time.perf_counter() - started
        started = time.perf_counter()
        added, slack, bound = _priced(check, edges, capacity, prices, u)
        total = float(own.sum())
        done = bound - total <= tolerance * max(abs(bound), 1.0)
        waking = ~active & (slack[: len(active)] < -_TOL)
        if not (done or added or waking.any()) and check.glanced:
            # The first rescan saw a few clusters a row: finding nothing there proves nothing.
            added, slack, bound = _priced(check, edges, capacity, prices, u)
            done = bound - total <= tolerance * max(abs(bound), 1.0)
        timings["rescanned"] = float(check.rescanned)
        if done or not (added or waking.any()) or rounds >= max_rounds:
            timings["certify"] += time.perf_counter() - started
            return Assignment(assigned, own, prices, total, max(bound, total), rounds, timings)
        # New pairs join the flow only as near-tight as the pool's (the others wait there).
        active = (slack < flow_slack) | (assigned[edges.rows] == edges.mentors)
        timings["certify"] += time.perf_counter() - started
        started = time.perf_counter()


def dense_candidates(scores: FloatArray, per_row: int, seed: int = 0) -> CandidateLists:
    """Each mentee's best mentor and every pair above a common threshold (about ``per_row`` a mentee).

    A threshold from a sample of the matrix avoids a per-row selection, which is slow on
    score matrices with many ties. The tail of a row is its best score (a valid bound).
    """
    n, m = scores.shape
    if n == 0 or m == 0:
        # Nobody to pair: empty lists whose tails say no mentor can be reached.
        empty = np.zeros(0, dtype=np.int64)
        return CandidateLists(
            np.zeros(n + 1, dtype=np.int64), empty, empty.astype(np.float64), np.full(n, -np.inf), 0
        )
    flat = scores.ravel()
    sample = flat[np.random.default_rng(seed).integers(0, len(flat), size=min(len(flat), 200_000))]
    sample = sample[np.isfinite(sample)]
    share = min(1.0, per_row / max(m, 1))
    threshold = float(np.quantile(sample, 1 - share)) if len(sample) else np.inf
    rows, cols = np.nonzero(scores >= threshold)
    best = np.argmax(scores, axis=1)
    ok = np.isfinite(scores[np.arange(n), best])
    rows = np.concatenate([rows.astype(np.int64), np.flatnonzero(ok)])
    cols = np.concatenate([cols.astype(np.int64), best[ok].astype(np.int64)])
    keys = np.unique(rows * m + cols)
    rows, cols = keys // m, keys % m
    values = scores[rows, cols]
    order = np.argsort(row_major_key(rows, values))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))]).astype(np.int64)
    tail = np.where(ok, scores[np.arange(n), best], -np.inf)
    return CandidateLists(indptr, cols[order], values[order], tail, n * m)


def solve_dense(
    scores: FloatArray,
    capacity: IntArray,
    *,
    top_k: int = 20,
    fast: bool = False,
    max_rounds: int = 100,
    tolerance: float = 1e-9,
    margin: float = 0.01,
) -> Assignment:
    """:func:`solve_traditional` for small instances whose every pair is scored in memory.

    The price check is exact over the whole matrix, so the bound is the LP-duality bound
    itself; improving pairs (and those within ``margin``) join the flow until none is left.

    Parameters
    ----------
    scores : ndarray of float, shape (n_mentees, n_mentors)
        Every pair's score, ``-inf`` where forbidden.
    capacity : ndarray of int, shape (n_mentors,)
    top_k, fast, max_rounds, tolerance, margin
        As in :func:`solve_traditional`.

    Returns
    -------
    Assignment
    """
    n, m = scores.shape
    timings = {"solve": 0.0, "certify": 0.0, "rescanned": 0.0}
    if n == 0 or m == 0:
        return Assignment(np.full(n, -1, np.int64), np.zeros(n), np.zeros(m), 0.0, 0.0, 0, timings)
    lists = dense_candidates(scores, top_k)
    edges = _EdgeSet(m, lists.rows, lists.mentors, lists.scores)
    tolerance = max(tolerance, FAST_GAP) if fast else tolerance
    rounds = 0
    while True:
        started = time.perf_counter()
        solution, own, prices, u = _flow_round(n, capacity, edges.rows, edges.mentors, edges.scores)
        assigned = solution.assigned
        rounds += 1
        timings["solve" if rounds == 1 else "certify"] += time.perf_counter() - started
        started = time.perf_counter()
        reduced = scores - prices[None, :]
        reach = np.maximum(reduced.max(axis=1), u)
        bound = float(np.maximum(reach, 0).sum() + (capacity * prices).sum())
        total = float(own.sum())
        i, j = np.nonzero(reduced > (u - margin)[:, None])
        added = edges.add(i.astype(np.int64), j.astype(np.int64), scores[i, j])
        timings["certify"] += time.perf_counter() - started
        done = bound - total <= tolerance * max(abs(bound), 1.0)
        if done or not added or rounds >= max_rounds:
            return Assignment(assigned, own, prices, total, max(bound, total), rounds, timings)
