"""Peer mentoring: pair mentees who chose ``peer`` with each other, by a symmetric score.

The score of two peers ``a`` and ``b`` is

``cross * (needs_a . offers_b + needs_b . offers_a) / 2 + goals * needs_a . needs_b
+ experience * offers_a . offers_b``

(each offers what the other seeks, shared goals, similar experience). It is the dot
product of ``[needs_a, offers_a]`` with ``[goals * needs_b + cross / 2 * offers_b,
cross / 2 * needs_b + experience * offers_b]``, so the engine's blocked scoring, cluster
bounds and hard constraints apply unchanged.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.kinds.base import BaseMatcher, Progress
from matching.reports.explain import shared_languages
from matching.scoring.candidates import CandidateLists, PairScorer
from matching.scoring.languages import share_language, share_language_pairs
from matching.solvers.pairing import NEAR, Edges, solve_pairs
from matching.solvers.traditional import Certified
from matching.table.participants import hours_apart
from matching.table.text import join_words

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass
class PeerResult(Certified):
    """Proposed peer pairs with their certificate and reasons.

    Attributes
    ----------
    first_rows, second_rows : ndarray of int
        Table positions of the two peers of each pair.
    first_ids, second_ids : list of str
    scores : ndarray of float
    reasons : list of str
        Plain-word reasons per pair.
    unmatched_rows : ndarray of int
        Table positions of peers left without a partner.
    unmatched_ids : list of str
    unmatched_reasons : list of str
    total, upper_bound : float
        Total score and a bound on the optimum over every eligible pair (equal when exact).
    exact : bool
        Solved by the exact blossom algorithm over every eligible pair.
    pairs_scored : int
    timings : dict of str to float
        Seconds per stage: ``candidates``, ``relax``, ``round``, ``improve`` (or ``blossom``), ``explain``.
    """

    first_rows: IntArray
    second_rows: IntArray
    first_ids: list[str]
    second_ids: list[str]
    scores: FloatArray
    reasons: list[str]
    unmatched_rows: IntArray
    unmatched_ids: list[str]
    unmatched_reasons: list[str]
    total: float
    upper_bound: float
    exact: bool
    pairs_scored: int
    timings: dict[str, float] = field(default_factory=dict)


def peer_features(
    needs: sp.csr_matrix, offers: sp.csr_matrix, cross: float, goals: float, experience: float
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Left and right features whose dot product is the symmetric peer score."""
    left = sp.hstack([needs, offers], format="csr")
    right = sp.hstack(
        [goals * needs + cross / 2 * offers, cross / 2 * needs + experience * offers], format="csr"
    )
    return left, right


class PeerMatcher(BaseMatcher):
    """Pair the mentees who chose peer mentoring, maximising the total symmetric score.

    Parameters
    ----------
    topic_weight, text_weight, timezone_weight : float
        Score weights, see :class:`~matching.vectorize.ProfileVectorizer`.
    cross_weight : float, default=0.6
        Weight of "each offers what the other seeks".
    goals_weight : float, default=0.25
        Weight of shared goals (needs against needs).
    experience_weight : float, default=0.15
        Weight of similar experience (offers against offers).
    min_score : float, default=0.0
        Pairs scoring below this are never proposed.
    max_hours_apart : float or None, default=None
        Largest time-zone difference of a pair; ``None`` for no limit.
    exact_limit : int, default=300
        Up to this many peers, the exact blossom algorithm runs on every eligible pair.
    list_size : int, default=64
        Best partners stored per peer for the bound.
    top_k : int, default=16
        Partners per peer in the first relaxation.
    block_size : int, default=3000
        Largest block re-solved exactly around unmatched peers.
    seed : int, default=0

    Attributes
    ----------
    table_ : ParticipantTable
    vectorizer_ : ProfileVectorizer
    peers_ : ndarray of int
        Table positions of the peers.
    left_, right_ : scipy.sparse.csr_matrix
        Features whose products are the peer scores.
    clusters_ : MentorClusters
    timings_ : dict of str to float
    """

    def __init__(
        self,
        *,
        topic_weight: float = 0.55,
        text_weight: float = 0.35,
        timezone_weight: float = 0.10,
        cross_weight: float = 0.6,
        goals_weight: float = 0.25,
        experience_weight: float = 0.15,
        min_score: float = 0.0,
        max_hours_apart: float | None = None,
        exact_limit: int = 300,
        list_size: int = 64,
        top_k: int = 16,
        block_size: int = 3000,
        seed: int = 0,
    ) -> None:
        super().__init__(
            topic_weight=topic_weight,
            text_weight=text_weight,
            timezone_weight=timezone_weight,
            min_score=min_score,
            max_hours_apart=max_hours_apart,
            seed=seed,
        )
        self.cross_weight = cross_weight
        self.goals_weight = goals_weight
        self.experience_weight = experience_weight
        self.exact_limit = exact_limit
        self.list_size = list_size
        self.top_k = top_k
        self.block_size = block_size

    def _fit_sides(self, needs: sp.csr_matrix, offers: sp.csr_matrix) -> None:
        """The peers against themselves, by the features whose products are the peer scores."""
        self.peers_ = self.table_.positions("mentee", "peer").astype(np.int64)
        self.needs_, self.offers_ = needs[self.peers_], offers[self.peers_]
        self.left_, self.right_ = peer_features(
            self.needs_, self.offers_, self.cross_weight, self.goals_weight, self.experience_weight
        )
        # Peers are scored in full symmetric tiles, not by cluster bounds: one cluster, no k-means.
        self.clusters_ = self._clusters(self.right_, self.peers_, max(1, len(self.peers_)))

    def _sides(self) -> tuple[sp.csr_matrix, sp.csr_matrix, IntArray, IntArray]:
        return self.left_, self.right_, self.peers_, self.peers_

    def _local_pairs(self, exclude: IntArray | None) -> IntArray | None:
        """Excluded pairs as peer positions, in both orders."""
        pairs = super()._local_pairs(exclude)
        return None if pairs is None else np.concatenate([pairs, pairs[:, ::-1]])

    def match(self, exclude: IntArray | None = None, *, progress: Progress | None = None) -> PeerResult:
        """Propose peer pairs maximising the total score, with an upper bound on the optimum.

        Parameters
        ----------
        exclude : ndarray of int, shape (n_pairs, 2), optional
            Pairs of table rows never to propose, in either order.
        progress : callable, optional
            Called with the name of each stage as it starts.

        Returns
        -------
        PeerResult
        """
        scorer = self.scorer(exclude)
        report = progress or (lambda stage: None)
        n = len(self.peers_)
        exact = n <= self.exact_limit
        report("candidates")
        started = time.perf_counter()
        right = self.right_.toarray()
        lists = scan_lists(scorer, right, n if exact else self.list_size, seed=self.seed)
        candidates = Edges.from_pairs(lists.rows, lists.mentors, lists.scores)
        timings = {"candidates": time.perf_counter() - started}
        report("solve")
        rank = np.arange(len(lists.rows)) - lists.indptr[lists.rows]
        top = rank < self.top_k
        first = Edges.from_pairs(lists.rows[top], lists.mentors[top], lists.scores[top])
        price = None if exact else _Pricing(scorer, right, lists.tail)
        pairing = solve_pairs(
            n, candidates, lists.tail, first=first, price=price, exact=exact, block_size=self.block_size
        )
        timings.update(pairing.timings)
        report("explain")
        started = time.perf_counter()
        result = self._result(scorer, lists, pairing.mate, pairing.score)
        timings["explain"] = time.perf_counter() - started
        result.total, result.upper_bound, result.exact = pairing.total, pairing.upper_bound, pairing.exact
        result.pairs_scored, result.timings = scorer.pairs_scored, timings
        return result

    def _result(
        self, scorer: PairScorer, lists: CandidateLists, mate: IntArray, score: FloatArray
    ) -> PeerResult:
        peers = self.peers_
        first = np.flatnonzero((mate >= 0) & (np.arange(len(mate)) < mate))
        a_rows, b_rows = peers[first], peers[mate[first]]
        lonely = np.flatnonzero(mate < 0)
        _, best = lists.best()
        return PeerResult(
            first_rows=a_rows,
            second_rows=b_rows,
            first_ids=self._ids(a_rows),
            second_ids=self._ids(b_rows),
            scores=score[first],
            reasons=explain_peer_pairs(self, first, mate[first]),
            unmatched_rows=peers[lonely],
            unmatched_ids=self._ids(peers[lonely]),
            unmatched_reasons=_unmatched_reasons(scorer, lonely, best[lonely], mate, self.min_score),
            total=0.0,
            upper_bound=0.0,
            exact=False,
            pairs_scored=0,
        )


def _eligible(scorer: PairScorer, rows: IntArray, cols: IntArray, n: int) -> npt.NDArray[np.bool_]:
    """Language, self, time-zone and exclusion constraints of the pairs ``(rows[k], cols[k])``."""
    words = scorer.mentee_words
    ok = share_language_pairs(words[rows], words[cols])
    ok &= rows != cols
    limit = scorer.constraints.max_hours_apart
    if limit is not None:
        ok &= ~(hours_apart(scorer.mentee_hours[rows], scorer.mentor_hours[cols]) > limit)
    exclude = scorer.constraints.exclude
    if exclude is not None and len(exclude):
        ok &= ~np.isin(rows * n + cols, exclude[:, 0] * n + exclude[:, 1])
    return ok


def scan_lists(
    scorer: PairScorer, right: FloatArray, size: int, *, block: int = 1024, seed: int = 0
) -> CandidateLists:
    """Each peer's best ``size`` eligible partners over *all* peers, and a bound on the rest.

    The score is symmetric, so each tile of ``block x block`` pairs at or above the diagonal
    is scored once and serves both its rows and its columns. Each row keeps the eligible
    entries above a floor estimated from a sample of columns (about three times ``size``
    reach it); its ``tail`` is the larger of that floor and the best entry it did not keep.

    Parameters
    ----------
    scorer : PairScorer
        Peers against peers.
    right : ndarray of float64, shape (n_peers, n_features)
        The dense right features.
    size : int
        List length.
    block : int, default=1024
        Tile side.
    seed : int, default=0
        Seed of the column sample.
    """
    n = scorer.needs.shape[0]
    keep = min(size, max(n - 1, 0))
    left = scorer.needs
    floor = _row_floors(scorer, right, keep, seed) if keep < n - 1 else np.full(n, -np.inf)
    found: list[tuple[IntArray, IntArray, FloatArray]] = [
        (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    ]
    least = max(scorer.constraints.min_score, 0.0)
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block), dtype=np.int64)
        dense = left[rows].toarray()
        for other in range(start, n, block):
            cols = np.arange(other, min(n, other + block), dtype=np.int64)
            tile = dense @ right[cols].T
            # Rows keep what beats their floor; columns (the mirrored tile) what beats theirs.
            i, j = np.nonzero(tile > np.maximum(floor[rows], least)[:, None])
            sides = [(rows[i], cols[j], tile[i, j])]
            if other != start:
                i, j = np.nonzero(tile > np.maximum(floor[cols], least)[None, :])
                sides.append((cols[j], rows[i], tile[i, j]))
            for a, b, value in sides:
                ok = _eligible(scorer, a, b, n) & (value > 0) & (value >= scorer.constraints.min_score)
                found.append((a[ok], b[ok], value[ok]))
    scorer.pairs_scored += n * n
    rows, cols, values = (np.concatenate(p) for p in zip(*found, strict=True))
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    tail = np.where(np.isfinite(floor), np.maximum(floor, 0.0) + 1e-9, -np.inf)
    nxt = rank == keep
    tail[rows[nxt]] = np.maximum(tail[rows[nxt]], values[nxt] + 1e-9)
    kept = rank < keep
    rows, cols, values = rows[kept], cols[kept], values[kept]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))]).astype(np.int64)
    return CandidateLists(indptr, cols, values, tail, scorer.pairs_scored)


def _row_floors(scorer: PairScorer, right: FloatArray, keep: int, seed: int) -> FloatArray:
    """Per row, a score about ``3 * keep`` eligible partners reach, from a sample of columns."""
    n = scorer.needs.shape[0]
    sample = np.sort(np.random.default_rng(seed).choice(n, size=min(n, 1024), replace=False))
    depth = min(len(sample) - 1, max(1, int(3 * keep * len(sample) / n)))
    floors = np.full(n, -np.inf)
    for start in range(0, n, 2048):
        rows = np.arange(start, min(n, start + 2048), dtype=np.int64)
        scores = scorer.needs[rows].toarray() @ right[sample].T
        # Only the language and self rules here: the floor is an estimate, the tail stays a bound anyway.
        speaks = share_language(scorer.mentee_words[rows], scorer.mentee_words[sample])
        scores[~speaks | (rows[:, None] == sample[None, :])] = -np.inf
        floors[rows] = -np.partition(-scores, depth, axis=1)[:, depth]
    # A row with too few eligible sampled partners keeps everything eligible.
    return np.where(np.isfinite(floors), floors, -np.inf)


class _Pricing:
    """Pairs outside the candidates that violate (or nearly) ``y_a + y_b >= s_ab``, scoring few pairs.

    A pair missing from both lists scores at most ``tail`` of each end. Rows with
    ``tail_i - y_i > theta`` are scored against everyone; the others only against the
    peers with ``y_j < theta`` (for the rest ``y_i + y_j >= tail_i``). ``theta`` is chosen to
    score the fewest pairs.
    """

    def __init__(self, scorer: PairScorer, right: FloatArray, tail: FloatArray) -> None:
        self.scorer, self.right, self.tail = scorer, right, tail

    def __call__(self, y: FloatArray) -> tuple[IntArray, IntArray, FloatArray]:
        n = len(y)
        slack = self.tail - y
        if n == 0 or not np.isfinite(slack).any():
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        thetas = np.unique(np.quantile(y, np.linspace(0, 1, 101)))
        cost = [(slack > t).sum() + (y < t).sum() for t in thetas]
        theta = float(thetas[int(np.argmin(cost))])
        full = np.flatnonzero(slack > theta)
        low = np.flatnonzero(y < theta)
        found: list[tuple[IntArray, IntArray, FloatArray]] = []
        for rows, cols in ((full, np.arange(n)), (np.arange(n), low)):
            if len(rows) and len(cols):
                found.append(self._violations(rows.astype(np.int64), cols.astype(np.int64), y))
        a = np.concatenate([f[0] for f in found]) if found else np.zeros(0, np.int64)
        b = np.concatenate([f[1] for f in found]) if found else np.zeros(0, np.int64)
        s = np.concatenate([f[2] for f in found]) if found else np.zeros(0)
        return a, b, s

    def _violations(
        self, rows: IntArray, cols: IntArray, y: FloatArray
    ) -> tuple[IntArray, IntArray, FloatArray]:
        parts = [(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))]
        step = max(1, 8_000_000 // max(1, len(cols)))
        right_t = self.right.T if len(cols) == len(y) else self.right[cols].T
        n, least = len(y), self.scorer.constraints.min_score
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            scores = self.scorer.needs[part].toarray() @ right_t
            i, j = np.nonzero(scores - y[cols][None, :] > y[part][:, None] - NEAR)
            a, b, value = part[i], cols[j], scores[i, j]
            ok = _eligible(self.scorer, a, b, n) & (value > 0) & (value >= least)
            parts.append((a[ok], b[ok], value[ok]))
        return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]


def _unmatched_reasons(
    scorer: PairScorer, lonely: IntArray, best: FloatArray, mate: IntArray, min_score: float
) -> list[str]:
    """Why each unmatched peer has no partner."""
    limit = scorer.constraints.max_hours_apart
    reasons = []
    everyone = np.arange(len(mate))
    for i, top in zip(lonely.tolist(), best.tolist(), strict=True):
        others = everyone != i
        speaks = (scorer.mentor_languages[others] @ scorer.mentee_languages[i]) > 0
        in_hours = speaks.copy()
        if limit is not None:
            in_hours &= ~(hours_apart(scorer.mentee_hours[i], scorer.mentor_hours[others]) > limit)
        if not speaks.any():
            reasons.append("no other peer shares a language")
        elif not in_hours.any():
            reasons.append("no peer with a shared language within the time-zone limit")
        elif not np.isfinite(top):
            reasons.append(f"no overlap above the minimum score ({min_score:g}) with any peer")
        elif (mate[others][in_hours] >= 0).all():
            reasons.append(f"odd one out: every peer who fits them is paired (best fit {top:.2f})")
        else:
            reasons.append(f"the peers who fit them fit others better (best fit {top:.2f})")
    return reasons


def _topic_words(tags: tuple[str, ...], wanted: tuple[str, ...], limit: int) -> str:
    return join_words([t for t in tags if t in wanted], limit)


def explain_peer_pairs(matcher: PeerMatcher, first: IntArray, second: IntArray, terms: int = 3) -> list[str]:
    """Plain words for each pair of peer positions: what each offers the other, shared goals.

    Parameters
    ----------
    matcher : PeerMatcher
        A fitted matcher.
    first, second : ndarray of int
        Peer positions (not table rows) of each pair.
    terms : int, default=3
        Most topics or words named per part.

    Returns
    -------
    list of str
    """
    table, peers = matcher.table_, matcher.peers_
    names = matcher.vectorizer_.half_feature_names().astype(str)
    is_text = np.char.startswith(names, "text:")
    shared = matcher.needs_[first].multiply(matcher.needs_[second]).tocsr()
    languages = shared_languages(table, peers[first], peers[second])
    apart = hours_apart(table.tz_hours[peers[first]], table.tz_hours[peers[second]])
    reasons = []
    for k, (i, j) in enumerate(zip(peers[first].tolist(), peers[second].tolist(), strict=True)):
        parts = []
        for giver, taker in ((i, j), (j, i)):
            if words := _topic_words(table.offers[giver], table.seeks[taker], terms):
                parts.append(f"{table.names[giver]} offers {table.names[taker]}: {words}")
        if both := _topic_words(table.seeks[i], table.seeks[j], terms):
            parts.append(f"both want to learn: {both}")
        cols = shared.indices[shared.indptr[k] : shared.indptr[k + 1]]
        vals = shared.data[shared.indptr[k] : shared.indptr[k + 1]]
        text = cols[is_text[cols]][np.argsort(-vals[is_text[cols]], kind="stable")]
        if len(text):
            parts.append(f"shared goals: {join_words([names[c][5:] for c in text], terms)}")
        if languages[k]:
            parts.append(f"both speak {join_words(languages[k], terms)}")
        if not np.isnan(apart[k]):
            parts.append("same time zone" if apart[k] < 0.5 else f"{apart[k]:g} hours apart")
        reasons.append("; ".join(parts))
    return reasons
