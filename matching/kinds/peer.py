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
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.kinds.base import BaseMatcher, Progress
from matching.kinds.result import Left, Matching, Member, Unit
from matching.reports.answers import with_answers
from matching.reports.explain_kinds import explain_peer_pairs, explain_unmatched_peers
from matching.reports.named import WordNamer, pair_words
from matching.reports.pause import collector_paused
from matching.reports.reason import Reasons
from matching.scoring.candidates import CandidateLists, PairScorer
from matching.scoring.questions import Question
from matching.solvers.pairing import Edges, solve_pairs
from matching.solvers.peer_search import Pricing, Tiles, scan_lists

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


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
    questions : sequence of Question, default=()
        A program's questions whose answers are hard rules or weighted preferences (see
        :mod:`~matching.scoring.questions`); rules hold in every pair proposed.

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
        questions: Sequence[Question] = (),
    ) -> None:
        super().__init__(
            topic_weight=topic_weight,
            text_weight=text_weight,
            timezone_weight=timezone_weight,
            min_score=min_score,
            max_hours_apart=max_hours_apart,
            seed=seed,
            questions=questions,
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

    def match(self, exclude: IntArray | None = None, *, progress: Progress | None = None) -> Matching:
        """Propose peer pairs maximising the total score, with an upper bound on the optimum.

        Parameters
        ----------
        exclude : ndarray of int, shape (n_pairs, 2), optional
            Pairs of table rows never to propose, in either order.
        progress : callable, optional
            Called with the name of each stage as it starts.

        Returns
        -------
        Matching
            Units of two members and no mentor (``group_id`` ``p1``, ``p2``...);
            ``details["exact"]`` says whether the exact blossom ran over every eligible pair.
        """
        scorer = self.scorer(exclude)
        report = progress or (lambda stage: None)
        n = len(self.peers_)
        exact = n <= self.exact_limit
        report("candidates")
        started = time.perf_counter()
        # The scorer's sides: the peer features, with the preferences' after them when there are any.
        right = Tiles(scorer.needs, scorer.offers)
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
        with collector_paused():
            result = self._result(scorer, lists, pairing.mate, pairing.score)
        timings["explain"] = time.perf_counter() - started
        result.total, result.upper_bound = pairing.total, pairing.upper_bound
        result.details["exact"] = bool(pairing.exact)
        result.pairs_scored, result.timings = scorer.pairs_scored, timings
        return result

    def _result(
        self, scorer: PairScorer, lists: CandidateLists, mate: IntArray, score: FloatArray
    ) -> Matching:
        table, peers = self.table_, self.peers_
        first = np.flatnonzero((mate >= 0) & (np.arange(len(mate)) < mate))
        a_rows, b_rows = peers[first], peers[mate[first]]
        lonely = np.flatnonzero(mate < 0)
        _, best = lists.best()
        reasons = self.explain(first, mate[first])
        ids = table.ids
        units = [
            Unit(None, None, [Member(a, str(ids[a]), s), Member(b, str(ids[b]), s)], s, why, f"p{k}")
            for k, (a, b, s, why) in enumerate(
                zip(a_rows.tolist(), b_rows.tolist(), score[first].tolist(), reasons, strict=True), start=1
            )
        ]
        lonely_reasons = explain_unmatched_peers(scorer, lonely, best[lonely], mate, self.min_score)
        return Matching(
            kind="peer",
            units=units,
            unmatched=[
                Left(int(r), str(ids[r]), why) for r, why in zip(peers[lonely], lonely_reasons, strict=True)
            ],
            total=0.0,
            upper_bound=0.0,
            names=self._names(np.concatenate([a_rows, b_rows])),
        )

    def _names(self, rows: IntArray) -> dict[str, str]:
        return {str(self.table_.ids[r]): str(self.table_.names[r]) for r in rows.tolist()}

    def word_namer(self) -> WordNamer:
        """Names the words reasons give, knowing each language's common words (made once a fit)."""
        namer = self.__dict__.get("_word_namer")
        if namer is None or namer.vectorizer is not self.vectorizer_:
            namer = WordNamer(self.vectorizer_, self.table_, ((self.peers_, self.needs_),))
            self.__dict__["_word_namer"] = namer
        return namer

    def explain(self, first: IntArray, second: IntArray) -> list[Reasons]:
        """Reasons of pairs of peer positions (not table rows), as ``explain_peer_pairs`` gives them."""
        peers = self.peers_
        shared = self.needs_[first].multiply(self.needs_[second]).tocsr()
        table = self.table_
        words = pair_words(self.word_namer(), (table, peers[first], "needs"), (table, peers[second], "needs"))
        reasons = explain_peer_pairs(
            table, peers[first], peers[second], self.vectorizer_.half_feature_names(), shared, words
        )
        return with_answers(reasons, self._answer_reasons(peers[first], peers[second]))
