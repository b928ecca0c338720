"""Exact top-L candidate lists by blocked scoring, hard-constraint filters and cluster bounds.

Mentors are grouped into small clusters. For a need vector ``x`` and a cluster ``C``,
``x+ . max_C(y) + x- . min_C(y)`` (elementwise maximum and minimum over the cluster) is
an upper bound on every score in ``C``; a cluster whose bound cannot beat what a mentee
already has is never scored. Hard constraints (a shared language, the largest time-zone
difference, exclusions, no self pairs, the minimum score, hard rules over answers) are applied to
every scored block.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.scoring.clusters import MentorClusters
from matching.scoring.kernels import best_pairs
from matching.scoring.languages import language_words, share_language, share_language_pairs
from matching.scoring.questions import rules_block, rules_pairs
from matching.table.participants import hours_apart

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
UIntArray = npt.NDArray[np.uint64]
Visit = Callable[[IntArray, IntArray, FloatArray], None]


@dataclass(frozen=True)
class Constraints:
    """Hard constraints on mentee-mentor pairs.

    Attributes
    ----------
    min_score : float
        Pairs scoring below this (or zero) are never proposed.
    max_hours_apart : float or None
        Largest time-zone difference; ``None`` for no limit. Unknown zones pass.
    exclude : ndarray of int, shape (n_pairs, 2)
        (mentee position, mentor position) pairs never to propose.
    rules : tuple of int
        The mode of each hard rule over answers (see :mod:`~matching.scoring.questions`); the
        scorer holds each side's codes. Unknown answers pass.
    """

    min_score: float = 0.0
    max_hours_apart: float | None = None
    exclude: IntArray | None = None
    rules: tuple[int, ...] = ()


@dataclass
class CandidateLists:
    """Each mentee's stored eligible mentors, best first, and a bound on all the others.

    Attributes
    ----------
    indptr : ndarray of int, shape (n_mentees + 1,)
        Row ``i`` is ``mentors[indptr[i]:indptr[i + 1]]``.
    mentors : ndarray of int
        Mentor positions.
    scores : ndarray of float
        Their scores, descending within a row.
    tail : ndarray of float, shape (n_mentees,)
        Every eligible pair missing from a row scores at most this (``-inf``: the row is complete).
    pairs_scored : int
        Pairs scored to build the lists.
    """

    indptr: IntArray
    mentors: IntArray
    scores: FloatArray
    tail: FloatArray
    pairs_scored: int

    @property
    def rows(self) -> IntArray:
        """The mentee of each stored pair."""
        return np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))

    def best(self) -> tuple[IntArray, FloatArray]:
        """Each mentee's best stored mentor (``-1``) and score (``-inf``) when the row is empty."""
        has = np.diff(self.indptr) > 0
        first = self.indptr[:-1]
        mentor = (
            np.where(has, self.mentors[np.minimum(first, len(self.mentors) - 1)], -1)
            if len(self.mentors)
            else np.full(len(has), -1)
        )
        score = (
            np.where(has, self.scores[np.minimum(first, len(self.scores) - 1)], -np.inf)
            if len(self.scores)
            else np.full(len(has), -np.inf)
        )
        return mentor.astype(np.int64), score


class PairScorer:
    """Exact, constraint-aware scoring of mentee-mentor blocks.

    Parameters
    ----------
    needs : scipy.sparse.csr_matrix, shape (n_mentees, n_features)
    offers : scipy.sparse.csr_matrix, shape (n_mentors, n_features)
    mentee_languages, mentor_languages : ndarray, shape (n, n_languages)
        One where a person speaks a language.
    mentee_hours, mentor_hours : ndarray of float
        UTC offsets, ``nan`` if unknown.
    mentee_rows, mentor_rows : ndarray of int
        Positions in the participants table (a person never pairs with themselves).
    constraints : Constraints
    clusters : MentorClusters
    threads : int, default=2
        Worker threads for :meth:`scan` (the sparse products release the GIL).
    mentee_rules, mentor_rules : ndarray of uint64, shape (n, len(constraints.rules)), optional
        Each person's code per hard rule (``0``: unknown); needed when ``constraints.rules`` is set.
    """

    def __init__(
        self,
        needs: sp.csr_matrix,
        offers: sp.csr_matrix,
        mentee_languages: npt.NDArray[np.float32],
        mentor_languages: npt.NDArray[np.float32],
        mentee_hours: FloatArray,
        mentor_hours: FloatArray,
        mentee_rows: IntArray,
        mentor_rows: IntArray,
        constraints: Constraints,
        clusters: MentorClusters,
        threads: int = 2,
        mentee_rules: UIntArray | None = None,
        mentor_rules: UIntArray | None = None,
    ) -> None:
        self.needs = sp.csr_matrix(needs)
        self.offers = sp.csr_matrix(offers)
        self.mentee_languages = mentee_languages
        self.mentor_languages = mentor_languages
        self.mentee_hours = mentee_hours
        self.mentor_hours = mentor_hours
        self.mentee_rows = mentee_rows
        self.mentor_rows = mentor_rows
        self.constraints = constraints
        self.clusters = clusters
        self.threads = threads
        self.n_mentors = offers.shape[0]
        exclude = constraints.exclude
        keys = (exclude[:, 0] * self.n_mentors + exclude[:, 1]) if exclude is not None else np.zeros(0)
        self._excluded = np.unique(keys.astype(np.int64))
        self._self_pairs = bool(np.intersect1d(mentee_rows, mentor_rows).size)
        self.mentee_words = language_words(mentee_languages)
        self.mentor_words = language_words(mentor_languages)
        self.rule_modes = np.asarray(constraints.rules, dtype=np.int64)
        self.mentee_rules = _rule_codes(mentee_rules, len(mentee_rows), len(self.rule_modes))
        self.mentor_rules = _rule_codes(mentor_rules, len(mentor_rows), len(self.rule_modes))
        self._offers_t: npt.NDArray[np.float64] | None = None
        self._kernel_args: tuple[object, ...] | None = None
        self._extremes: tuple[sp.csr_matrix, sp.csr_matrix]
        self.pairs_scored = 0

    def _allowed(self, rows: IntArray, mentors: IntArray, scores: FloatArray) -> FloatArray:
        """``scores`` with ``-inf`` where a hard constraint forbids the pair (in place)."""
        allowed = share_language(self.mentee_words[rows], self.mentor_words[mentors])
        allowed &= scores >= max(self.constraints.min_score, np.nextafter(0.0, 1.0))
        if self._self_pairs:
            allowed &= self.mentee_rows[rows][:, None] != self.mentor_rows[mentors][None, :]
        limit = self.constraints.max_hours_apart
        if limit is not None:
            apart = hours_apart(self.mentee_hours[rows][:, None], self.mentor_hours[mentors][None, :])
            allowed &= ~(apart > limit)
        if len(self._excluded):
            keys = rows[:, None] * self.n_mentors + mentors[None, :]
            allowed &= ~np.isin(keys, self._excluded)
        if len(self.rule_modes):
            allowed &= rules_block(self.mentee_rules[rows], self.mentor_rules[mentors], self.rule_modes)
        scores[~allowed] = -np.inf
        return scores

    def rules_allow(self, rows: IntArray, mentors: IntArray) -> npt.NDArray[np.bool_]:
        """Whether the hard rules over answers allow the pairs ``(rows[k], mentors[k])``."""
        if not len(self.rule_modes):
            return np.ones(len(rows), dtype=bool)
        return rules_pairs(self.mentee_rules[rows], self.mentor_rules[mentors], self.rule_modes)

    def block(self, rows: IntArray, mentors: IntArray) -> FloatArray:
        """Scores of ``rows x mentors``, ``-inf`` where a hard constraint forbids the pair."""
        self.pairs_scored += len(rows) * len(mentors)
        return self._allowed(rows, mentors, self._raw(self.needs[rows], mentors))

    def _raw(self, needs: sp.csr_matrix, mentors: IntArray) -> FloatArray:
        used = np.zeros(needs.shape[1], dtype=bool)
        used[needs.indices] = True
        cols = np.flatnonzero(used)
        dense = np.ascontiguousarray(self.offers[mentors][:, cols].toarray().T)
        return np.asarray(needs[:, cols] @ dense, dtype=np.float64).reshape(needs.shape[0], len(mentors))

    def _cluster_raw(self, needs: sp.csr_matrix, cluster: int) -> FloatArray:
        """Raw scores against one cluster, from a cached dense copy of the offers when it is small."""
        clusters = self.clusters
        if self._offers_t is None and self.n_mentors * self.offers.shape[1] <= _DENSE_OFFERS:
            self._offers_t = np.asfortranarray(self.offers[clusters.order].toarray().T)
        if self._offers_t is None:
            return self._raw(needs, clusters.members(cluster))
        part = self._offers_t[:, clusters.starts[cluster] : clusters.starts[cluster + 1]]
        return np.asarray(needs @ part, dtype=np.float64)

    def pairs(self, rows: IntArray, mentors: IntArray) -> FloatArray:
        """Scores of the pairs ``(rows[k], mentors[k])``, ``-inf`` where forbidden."""
        scores = np.asarray(
            self.needs[rows].multiply(self.offers[mentors]).sum(axis=1), dtype=np.float64
        ).ravel()
        allowed = share_language_pairs(self.mentee_words[rows], self.mentor_words[mentors])
        allowed &= (scores > 0) & (scores >= self.constraints.min_score)
        allowed &= self.mentee_rows[rows] != self.mentor_rows[mentors]
        limit = self.constraints.max_hours_apart
        if limit is not None:
            allowed &= ~(hours_apart(self.mentee_hours[rows], self.mentor_hours[mentors]) > limit)
        if len(self._excluded):
            allowed &= ~np.isin(rows * self.n_mentors + mentors, self._excluded)
        allowed &= self.rules_allow(rows, mentors)
        return np.where(allowed, scores, -np.inf)

    def scan(self, rows: IntArray, cluster_ids: IntArray, visit: Visit) -> None:
        """Score each ``(rows[k], cluster_ids[k])`` block and hand it to ``visit(rows, mentors, scores)``.

        Blocks are grouped by cluster, so each cluster is scored once against all the rows
        that need it; forbidden pairs come as ``-inf``. Blocks are scored on ``threads``
        worker threads, and ``visit`` is called in the calling thread in a fixed order.
        """
        order = np.lexsort((rows, cluster_ids))
        rows, cluster_ids = rows[order], cluster_ids[order]
        bounds = np.flatnonzero(np.diff(cluster_ids, prepend=-1, append=-1))
        tasks = [
            (rows[start : min(int(b), start + 8192)], int(cluster_ids[a]))
            for a, b in itertools.pairwise(bounds)
            for start in range(int(a), int(b), 8192)
        ]

        def score(task: tuple[IntArray, int]) -> FloatArray:
            block_rows, cluster = task
            members = self.clusters.members(cluster)
            return self._allowed(block_rows, members, self._cluster_raw(self.needs[block_rows], cluster))

        for (block_rows, cluster), scores in zip(
            tasks, _ordered_map(score, tasks, self.threads), strict=True
        ):
            self.pairs_scored += scores.size
            visit(block_rows, self.clusters.members(cluster), scores)

    def transposed(self, cluster_size: int = 32) -> PairScorer:
        """The same pairs with the roles swapped: mentors as rows, mentees in clusters.

        Mentees are grouped by the mentor cluster group they are nearest to (no second
        k-means), then by language and strongest feature, as mentors are.
        """
        clusters = MentorClusters(
            self.needs, self.mentee_languages, size=cluster_size, coarse=self.clusters.nearest(self.needs)
        )
        exclude = self.constraints.exclude
        swapped = Constraints(
            self.constraints.min_score,
            self.constraints.max_hours_apart,
            None if exclude is None else np.ascontiguousarray(exclude[:, ::-1]),
            self.constraints.rules,
        )
        return PairScorer(
            self.offers,
            self.needs,
            self.mentor_languages,
            self.mentee_languages,
            self.mentor_hours,
            self.mentee_hours,
            self.mentor_rows,
            self.mentee_rows,
            swapped,
            clusters,
            self.threads,
            self.mentor_rules,
            self.mentee_rules,
        )

    def best(
        self,
        rows: IntArray,
        floor: FloatArray,
        prices: FloatArray,
        *,
        keep: int,
        budget: int | None = None,
        cap: FloatArray | None = None,
        base: FloatArray | None = None,
        lift: FloatArray | None = None,
    ) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
        """Per row, its ``keep`` best eligible pairs by reduced score ``s - prices[j]`` above ``floor``.

        Clusters are bounded and scored best first (at most ``budget`` of them per row),
        in compiled code on all cores.

        Parameters
        ----------
        rows : ndarray of int
            Mentee positions.
        floor : ndarray of float, shape (len(rows),)
            Only pairs whose reduced score exceeds this are kept.
        prices : ndarray of float, shape (n_mentors,)
        keep : int
            Most pairs kept per row (the best).
        budget : int, optional
            Most clusters scored per row; unlimited by default.
        cap : ndarray of float, shape (len(rows),), optional
            A known bound on the score of every pair of the row that matters.
        base, lift : ndarray of float, shapes (len(rows),) and (n_mentors,), optional
            A known bound ``base[i] + lift[j]`` on the reduced score of every pair that matters.

        Returns
        -------
        pair_rows, mentors, scores : ndarray
            The kept pairs, row by row, best reduced score first.
        left_out : ndarray of float, shape (len(rows),)
            Per row, a bound on the reduced score of every eligible pair not kept
            (``-inf`` if there is none).
        """
        rows = np.asarray(rows, dtype=np.int64)
        if cap is None:
            cap = np.full(len(rows), np.inf)
        if keep < 1 or len(rows) == 0 or self.n_mentors == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), np.full(len(rows), -np.inf)
        args = self._kernel_args or self._prepare_kernel()
        high, low = self._extremes
        n, keep = len(rows), int(keep)
        out_m = np.full((n, keep), -1, dtype=np.int64)
        out_s = np.zeros((n, keep))
        counts = np.zeros(n, dtype=np.int64)
        left = np.full(n, -np.inf)
        scored = np.zeros(n, dtype=np.int64)
        order, starts = self.clusters.order, self.clusters.starts
        prices = np.asarray(prices, dtype=np.float64)
        c_minv = np.minimum.reduceat(prices[order], starts[:-1]) if len(order) else np.zeros(0)
        if base is None or lift is None:
            base, c_lift = np.full(n, np.inf), np.zeros(len(c_minv))
        else:
            c_lift = np.maximum.reduceat(np.asarray(lift, dtype=np.float64)[order], starts[:-1])
        # Clusters whose every mentor is left out (infinite price) are not even bounded.
        c_id = np.flatnonzero(c_minv < np.inf)
        if len(c_id) < len(c_minv):
            high, low = high[:, c_id], low[:, c_id]
        # Contiguous float64 everywhere: one compiled signature, the one `matching.warm` caches.
        fixed = (
            out_m, out_s, counts, left, scored, np.ascontiguousarray(rows),
            np.ascontiguousarray(floor, dtype=np.float64), np.ascontiguousarray(cap, dtype=np.float64),
            np.ascontiguousarray(base, dtype=np.float64), np.ascontiguousarray(prices),
            keep, int(budget if budget is not None else self.clusters.n_clusters),
            c_id.astype(np.int64), c_minv[c_id].astype(np.float64), c_lift[c_id].astype(np.float64),
            high.indptr.astype(np.int64), high.indices.astype(np.int64), high.data,
            low.indptr.astype(np.int64), low.indices.astype(np.int64), low.data,
            *args,
        )  # fmt: skip
        # Row ranges on threads (the kernel releases the GIL); small ones so threads finish together.
        step = max(64, -(-n // (16 * max(1, self.threads))))
        ranges = [(a, min(n, a + step)) for a in range(0, n, step)]
        for _ in _ordered_map(lambda r: best_pairs(r[0], r[1], *fixed), ranges, self.threads):
            pass
        self.pairs_scored += int(scored.sum())
        kept = np.arange(keep)[None, :] < counts[:, None]
        return np.repeat(rows, counts), out_m[kept], out_s[kept], left

    def _prepare_kernel(self) -> tuple[object, ...]:
        """The arrays :func:`~matching.kernels.best_pairs` reads, mentor side in cluster order."""
        clusters, order = self.clusters, self.clusters.order
        high, low = clusters.feature_major()
        self._extremes = (
            sp.csr_matrix(high, dtype=np.float64),
            sp.csr_matrix(low, dtype=np.float64),
        )
        offers = sp.csr_matrix(self.offers[order], dtype=np.float64)
        offers.sort_indices()
        limit = self.constraints.max_hours_apart
        self._kernel_args = (
            self.needs.indptr.astype(np.int64),
            self.needs.indices.astype(np.int64),
            self.needs.data.astype(np.float64),
            clusters.starts.astype(np.int64),
            language_words(clusters.languages),
            order.astype(np.int64),
            offers.indptr.astype(np.int64),
            offers.indices.astype(np.int64),
            offers.data,
            self.mentee_words,
            self.mentor_words[order],
            self.mentee_rows.astype(np.int64),
            self.mentor_rows[order].astype(np.int64),
            np.asarray(self.mentee_hours, dtype=np.float64),
            np.asarray(self.mentor_hours, dtype=np.float64)[order],
            float(limit) if limit is not None else -1.0,
            float(max(self.constraints.min_score, np.nextafter(0.0, 1.0))),
            self._excluded.astype(np.int64),
            int(self.needs.shape[1]),
            self.mentee_rules,
            np.ascontiguousarray(self.mentor_rules[order]),
            self.rule_modes,
        )
        return self._kernel_args

    def cluster_bounds(self, rows: IntArray) -> FloatArray:
        """Upper bound on the score of each row against each cluster (``-inf``: no eligible pair)."""
        bound = self.clusters.upper_bounds(self.needs[rows])
        shared = (self.mentee_languages[rows] @ self.clusters.languages.T) > 0
        bound[~shared] = -np.inf
        bound[(bound < self.constraints.min_score) | (bound <= 0)] = -np.inf
        return bound


_DENSE_OFFERS = 60_000_000


def _rule_codes(codes: UIntArray | None, n: int, n_rules: int) -> UIntArray:
    """One side's hard-rule codes as the kernel reads them: contiguous, ``(n, n_rules)``."""
    if n_rules == 0:
        return np.zeros((n, 0), dtype=np.uint64)
    if codes is None or np.shape(codes) != (n, n_rules):
        raise ValueError(f"hard rules need codes of shape ({n}, {n_rules}) on each side")
    return np.ascontiguousarray(codes, dtype=np.uint64)


_T = TypeVar("_T")
_R = TypeVar("_R")


def _ordered_map(func: Callable[[_T], _R], items: list[_T], threads: int) -> Iterator[_R]:
    """``map(func, items)`` on worker threads, in order, with a bounded look-ahead."""
    if threads <= 1 or len(items) < 2:
        yield from map(func, items)
        return
    with ThreadPoolExecutor(threads) as pool:
        pending: deque[Future[_R]] = deque()
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) > 2 * threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _select(
    rows: IntArray,
    mentors: IntArray,
    scores: FloatArray,
    n_rows: int,
    keep_min: int,
    threshold: float,
    cap: int,
) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """Per row: pairs scoring at least ``threshold`` (at least the best ``keep_min``, at most ``cap``).

    Returns indptr, mentors, scores and, per row, the best score dropped (``-inf`` if none).
    """
    order = np.lexsort((mentors, -scores, rows))
    rows, mentors, scores = rows[order], mentors[order], scores[order]
    starts = np.searchsorted(rows, np.arange(n_rows))
    rank = np.arange(len(rows)) - starts[rows]
    keep = ((scores >= threshold) | (rank < keep_min)) & (rank < cap)
    dropped = np.full(n_rows, -np.inf)
    np.maximum.at(dropped, rows[~keep], scores[~keep])
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[keep], minlength=n_rows))]).astype(np.int64)
    return indptr, mentors[keep], scores[keep], dropped


def pick_threshold(scorer: PairScorer, per_row: int, sample: int = 256, seed: int = 0) -> float:
    """A score that about ``per_row`` eligible pairs per mentee reach, from a sample of full rows."""
    n, m = scorer.needs.shape[0], scorer.offers.shape[0]
    if n == 0 or m == 0:
        return 0.0
    rows = np.sort(np.random.default_rng(seed).choice(n, size=min(n, sample), replace=False)).astype(np.int64)
    scores = scorer.block(rows, np.arange(m, dtype=np.int64)).ravel()
    scores = scores[np.isfinite(scores)]
    want = per_row * len(rows)
    if len(scores) <= want:
        return float(scores.min()) if len(scores) else 0.0
    return float(np.partition(scores, len(scores) - want)[len(scores) - want])


class _Collector:
    """Keeps the pairs of scored blocks that reach a per-row floor."""

    def __init__(self, floor: FloatArray) -> None:
        self.floor = floor
        self.parts: list[tuple[IntArray, IntArray, FloatArray]] = []

    def __call__(self, rows: IntArray, members: IntArray, scores: FloatArray) -> None:
        i, j = np.nonzero((scores >= self.floor[rows][:, None]) & np.isfinite(scores))
        self.parts.append((rows[i], members[j], scores[i, j]))

    def pairs(self) -> tuple[IntArray, IntArray, FloatArray]:
        if not self.parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        return tuple(np.concatenate(p) for p in zip(*self.parts, strict=True))  # type: ignore[return-value]


def retrieve(
    scorer: PairScorer,
    per_row: int = 128,
    *,
    keep_min: int = 8,
    cap: int = 512,
    probe: int = 2,
    block: int = 8192,
    seed: int = 0,
) -> CandidateLists:
    """Every eligible pair above a common threshold (at least ``keep_min`` per mentee), cluster-bounded.

    The threshold is chosen so that about ``per_row`` pairs per mentee reach it. A
    cluster is scored for a mentee only if its bound reaches the threshold; the
    ``probe`` best-bounded clusters are scored too, so every mentee gets candidates.
    Whatever is left out scores at most the row's ``tail``, which certifies the price check.

    Parameters
    ----------
    scorer : PairScorer
    per_row : int, default=128
        Target mean list length.
    keep_min : int, default=8
        Pairs kept per mentee even below the threshold.
    cap : int, default=512
        Longest list.
    probe : int, default=2
        Best-bounded clusters always scored per mentee.
    block : int, default=8192
        Mentees bounded together.
    seed : int, default=0
        Seed of the sample that picks the threshold.

    Returns
    -------
    CandidateLists
    """
    n = scorer.needs.shape[0]
    threshold = pick_threshold(scorer, per_row, seed=seed)
    n_clusters = scorer.clusters.n_clusters
    collect = _Collector(np.full(n, threshold))
    probe_collect = _Collector(np.full(n, -np.inf))
    tail = np.full(n, -np.inf)
    k = min(probe, n_clusters)
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block), dtype=np.int64)
        bound = scorer.cluster_bounds(rows)
        need = bound >= threshold
        finite = np.isfinite(bound)
        # Pairs below the threshold are dropped from scored clusters and never scored in the others.
        tail[rows[finite.any(axis=1)]] = threshold
        local, clus = np.nonzero(need)
        scorer.scan(rows[local], clus.astype(np.int64), collect)
        if k:
            top = np.argpartition(-bound, k - 1, axis=1)[:, :k]
            local = np.repeat(np.arange(len(rows)), k)
            top_c = top.ravel()
            extra = finite[local, top_c] & ~need[local, top_c]
            scorer.scan(rows[local[extra]], top_c[extra].astype(np.int64), probe_collect)
    r1, m1, s1 = collect.pairs()
    r2, m2, s2 = probe_collect.pairs()
    # Probe pairs only count as kept if they make a row's best keep_min; the rest stay under the tail.
    indptr, mentors, scores, dropped = _select(
        np.concatenate([r1, r2]),
        np.concatenate([m1, m2]),
        np.concatenate([s1, s2]),
        n,
        keep_min,
        threshold,
        cap,
    )
    return CandidateLists(indptr, mentors, scores, np.maximum(tail, dropped), scorer.pairs_scored)


def best_lists(scorer: PairScorer, per_row: int = 64, *, budget: int = 16) -> CandidateLists:
    """Each mentee's ``per_row`` best eligible mentors, found best bound first.

    A row is exact (its tail is below its last stored score) unless ``budget`` clusters
    were scored before the next cluster's bound fell below the stored ones; either way
    every eligible pair missing from a row scores at most its tail.

    Parameters
    ----------
    scorer : PairScorer
    per_row : int, default=64
        Longest list.
    budget : int, default=16
        Most clusters scored per mentee.

    Returns
    -------
    CandidateLists
    """
    n = scorer.needs.shape[0]
    rows = np.arange(n, dtype=np.int64)
    r, m, s, tail = scorer.best(
        rows, np.full(n, -np.inf), np.zeros(scorer.n_mentors), keep=per_row, budget=budget
    )
    indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=n))]).astype(np.int64)
    return CandidateLists(indptr, m, s, tail, scorer.pairs_scored)


def mentor_lists(
    scorer: PairScorer, per_mentor: int = 32, *, budget: int = 8, cluster_size: int = 32
) -> tuple[IntArray, IntArray, FloatArray]:
    """Each mentor's best mentees, searched from the mentor's side (``budget`` mentee clusters each).

    Mentee-side lists hold each mentee's favourite mentors, which are the same popular
    few for many mentees; the optimum places many mentees far down their own order, with
    mentors who rank them high. These pairs give the first flow those edges. They need
    not be exact: the price check proves the result either way.

    Returns
    -------
    mentees, mentors, scores : ndarray
        The pairs, as mentee and mentor positions.
    """
    m = scorer.n_mentors
    if m == 0 or scorer.needs.shape[0] == 0 or per_mentor < 1:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    side = scorer.transposed(cluster_size)
    mentors, mentees, scores, _ = side.best(
        np.arange(m, dtype=np.int64),
        np.full(m, -np.inf),
        np.zeros(scorer.needs.shape[0]),
        keep=per_mentor,
        budget=budget,
    )
    scorer.pairs_scored += side.pairs_scored
    return mentees, mentors, scores


def row_major_key(rows: IntArray, scores: FloatArray) -> FloatArray:
    """A float key that sorts by row, then by descending score (one sort instead of a lexsort)."""
    scale = 2 * float(np.abs(scores).max(initial=0.0)) + 1e-300
    return np.asarray(rows + 0.5 * (1 - scores / scale), dtype=np.float64)


def score_all(scorer: PairScorer, block: int = 1024) -> FloatArray:
    """Every pair's score (``-inf`` where forbidden), for instances small enough to hold in memory."""
    n, m = scorer.needs.shape[0], scorer.n_mentors
    mentors = np.arange(m, dtype=np.int64)
    out = np.empty((n, m))
    small = m * scorer.offers.shape[1] <= _DENSE_OFFERS
    offers_t = np.ascontiguousarray(scorer.offers.toarray().T) if small else None
    chunks = [np.arange(s, min(n, s + block), dtype=np.int64) for s in range(0, n, block)]

    def score(rows: IntArray) -> FloatArray:
        raw = (
            scorer.needs[rows] @ offers_t
            if offers_t is not None
            else scorer._raw(scorer.needs[rows], mentors)
        )
        return scorer._allowed(rows, mentors, np.asarray(raw, dtype=np.float64))

    for rows, scores in zip(chunks, _ordered_map(score, chunks, scorer.threads), strict=True):
        out[rows] = scores
    scorer.pairs_scored += n * m
    return out
