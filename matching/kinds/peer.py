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
from matching.solvers.pairing import Edges, solve_pairs
from matching.solvers.peer_search import Pricing, scan_lists
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
        price = None if exact else Pricing(scorer, right, lists.tail)
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
