"""The engine's estimator: fit on a participants table, then match, suggest and explain."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.kinds.base import BaseMatcher, Progress
from matching.kinds.result import Left, Matching, Member, Unit
from matching.reports.answers import with_answers
from matching.reports.explain import (
    explain_idle_mentor,
    explain_pairs,
    explain_unmatched_mentees,
    shared_languages,
)
from matching.reports.named import WordNamer, pair_words
from matching.reports.pause import collector_paused
from matching.reports.reason import Reasons
from matching.scoring.candidates import (
    CandidateLists,
    PairScorer,
    best_lists,
    mentor_lists,
    score_all,
)
from matching.scoring.languages import share_language
from matching.scoring.questions import Question
from matching.scoring.vectorize import ProfileVectorizer
from matching.solvers.traditional import (
    Assignment,
    dense_candidates,
    solve_dense,
    solve_traditional,
)
from matching.table.participants import ParticipantTable, hours_apart

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class MentorMatcher(BaseMatcher):
    """Score mentee-mentor pairs and propose a provably optimal capacitated assignment.

    Parameters
    ----------
    topic_weight, text_weight, timezone_weight : float
        Score weights, see :class:`~matching.vectorize.ProfileVectorizer`.
    min_score : float, default=0.0
        Pairs scoring below this are never proposed.
    max_hours_apart : float or None, default=None
        Largest time-zone difference of a pair; ``None`` for no limit.
    list_size : int, default=64
        Best mentors stored per mentee for the price check.
    top_k : int, default=10
        Candidates per mentee in the first flow solve (the price check adds what it needs).
    cluster_size : int or None, default=None
        Mentors per bounding cluster; ``None`` picks 8 under 2,500 mentors and 16 from
        there on (measured: 12% faster at 1,250 mentors, 20% slower at 5,000).
    fast : bool, default=False
        Stop certifying once the bound proves the total within 0.02% of the optimum.
    dense_limit : int, default=1_000_000
        Up to this many mentee-mentor pairs, score them all in memory and price exactly.
    mentor_side_limit : int, default=500_000_000
        From this many pairs on, the first flow also gets each mentor's best mentees
        (searched from the mentors' side). Measured: at 20k mentees x 5k mentors they cost
        more than they save (mentee-side lists already bring the first flow within 0.5% of
        the optimum); at 100k x 25k they save a sixth of the solve (mentee-side lists
        leave it 5% short).
    seed : int, default=0
        Seed of the mentor clustering (the result is deterministic for a seed).
    vectorizer : ProfileVectorizer or None, default=None
        An already fitted vectorizer to score with (kept as is), e.g. to re-solve a
        community with the scores of an earlier run; ``None`` fits one on the table.
    questions : sequence of Question, default=()
        A program's questions whose answers are hard rules or weighted preferences (see
        :mod:`~matching.scoring.questions`); rules hold in every pair proposed.

    Attributes
    ----------
    table_ : ParticipantTable
    vectorizer_ : ProfileVectorizer
    mentees_, mentors_ : ndarray of int
        Table positions of the traditional mentees and mentors.
    needs_, offers_ : scipy.sparse.csr_matrix
        Needs of the mentees and offers of the mentors.
    clusters_ : MentorClusters
    timings_ : dict of str to float
        Seconds spent in ``vectorize``.
    """

    def __init__(
        self,
        *,
        topic_weight: float = 0.55,
        text_weight: float = 0.35,
        timezone_weight: float = 0.10,
        min_score: float = 0.0,
        max_hours_apart: float | None = None,
        list_size: int = 64,
        top_k: int = 10,
        cluster_size: int | None = None,
        fast: bool = False,
        dense_limit: int = 1_000_000,
        mentor_side_limit: int = 500_000_000,
        seed: int = 0,
        vectorizer: ProfileVectorizer | None = None,
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
        self.list_size = list_size
        self.top_k = top_k
        self.cluster_size = cluster_size
        self.fast = fast
        self.dense_limit = dense_limit
        self.mentor_side_limit = mentor_side_limit
        self.vectorizer = vectorizer

    def _fit_features(self, table: ParticipantTable) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """The given vectorizer's features (kept as is), or a new one's, fitted reading each text once."""
        if self.vectorizer is None:
            self.vectorizer_ = ProfileVectorizer(
                topic_weight=self.topic_weight,
                text_weight=self.text_weight,
                timezone_weight=self.timezone_weight,
            )
            return self.vectorizer_.fit_transform_blocks(table)
        self.vectorizer_ = self.vectorizer
        return self.vectorizer_.transform_needs(table), self.vectorizer_.transform_offers(table)

    def _fit_sides(self, needs: sp.csr_matrix, offers: sp.csr_matrix) -> None:
        """Traditional mentees against mentors, with the mentors clustered for bounds."""
        self.mentees_ = self.table_.positions("mentee").astype(np.int64)
        self.mentors_ = self.table_.positions("mentor").astype(np.int64)
        self.needs_ = needs[self.mentees_]
        self.offers_ = offers[self.mentors_]
        size = self.cluster_size or (8 if len(self.mentors_) < 2_500 else 16)
        self.clusters_ = self._clusters(self.offers_, self.mentors_, size)

    def _sides(self) -> tuple[sp.csr_matrix, sp.csr_matrix, IntArray, IntArray]:
        return self.needs_, self.offers_, self.mentees_, self.mentors_

    def match(self, exclude: IntArray | None = None, *, progress: Progress | None = None) -> Matching:
        """Propose the optimal traditional assignment and prove it.

        Parameters
        ----------
        exclude : ndarray of int, shape (n_pairs, 2), optional
            (mentee table row, mentor table row) pairs never to propose.
        progress : callable, optional
            Called with the name of each stage as it starts.

        Returns
        -------
        Matching
            Units of one mentor and one mentee; ``details["prices"]`` holds the mentor prices
            of the certificate.
        """
        scorer = self.scorer(exclude)
        report = progress or (lambda stage: None)
        report("candidates")
        started = time.perf_counter()
        lists, assignment = self._solve(scorer, report, started)
        timings = {"candidates": assignment.timings.pop("candidates")}
        timings.update(assignment.timings)
        report("explain")
        started = time.perf_counter()
        with collector_paused():
            result = self._result(scorer, lists, assignment.mentor_of, assignment.scores)
        timings["explain"] = time.perf_counter() - started
        result.total, result.upper_bound = assignment.total, assignment.upper_bound
        result.rounds, result.pairs_scored, result.timings = assignment.rounds, scorer.pairs_scored, timings
        result.details["prices"] = assignment.prices
        return result

    def _solve(
        self, scorer: PairScorer, report: Progress, started: float
    ) -> tuple[CandidateLists, Assignment]:
        """Score (all pairs when few, else cluster probes), then solve and certify."""
        capacity = self.table_.capacity[self.mentors_]
        pairs = len(self.mentees_) * len(self.mentors_)
        if pairs <= self.dense_limit:
            scores = score_all(scorer)
            lists = dense_candidates(scores, self.top_k, self.seed)
            scored = time.perf_counter() - started
            report("solve")
            assignment = solve_dense(scores, capacity, top_k=self.top_k, fast=self.fast)
        else:
            lists = best_lists(scorer, self.list_size)
            extra = mentor_lists(scorer, self.list_size // 2) if pairs >= self.mentor_side_limit else None
            scored = time.perf_counter() - started
            report("solve")
            assignment = solve_traditional(
                scorer, lists, capacity, top_k=self.top_k, fast=self.fast, extra=extra
            )
        assignment.timings["candidates"] = scored
        return lists, assignment

    def word_namer(self) -> WordNamer:
        """Names the words reasons give, knowing each language's common words (made once a fit)."""
        namer = self.__dict__.get("_word_namer")
        if namer is None or namer.vectorizer is not self.vectorizer_:
            namer = WordNamer(
                self.vectorizer_, self.table_, ((self.mentees_, self.needs_), (self.mentors_, self.offers_))
            )
            self.__dict__["_word_namer"] = namer
        return namer

    def _result(
        self, scorer: PairScorer, lists: CandidateLists, mentor_of: IntArray, scores: FloatArray
    ) -> Matching:
        table = self.table_
        matched = np.flatnonzero(mentor_of >= 0)
        e_rows, r_rows = self.mentees_[matched], self.mentors_[mentor_of[matched]]
        reasons = explain_pairs(
            self.vectorizer_.half_feature_names(),
            self.needs_[matched],
            self.offers_[mentor_of[matched]],
            shared_languages(table, e_rows, r_rows),
            hours_apart(table.tz_hours[e_rows], table.tz_hours[r_rows]),
            words=pair_words(self.word_namer(), (table, e_rows, "needs"), (table, r_rows, "offers")),
        )
        reasons = with_answers(reasons, self._answer_reasons(e_rows, r_rows))
        lonely = np.flatnonzero(mentor_of < 0)
        speaks = _any_shared(scorer, lonely, with_hours=False)
        in_hours = _any_shared(scorer, lonely, with_hours=True)
        best = _best_scores(scorer, lonely, lists)
        unmatched = explain_unmatched_mentees(np.isfinite(best), speaks, in_hours, best, self.min_score)
        load = np.bincount(mentor_of[matched], minlength=len(self.mentors_))
        idle = np.flatnonzero((load == 0) & (table.capacity[self.mentors_] > 0))
        listed = np.zeros(len(self.mentors_), dtype=bool)
        listed[lists.mentors] = True
        mentee_langs = scorer.mentee_languages.max(axis=0, initial=0)
        idle_reasons = [
            explain_idle_mentor(bool(listed[j]), bool((scorer.mentor_languages[j] * mentee_langs).sum() > 0))
            for j in idle
        ]
        ids = table.ids
        units = [
            Unit(int(r), str(ids[r]), [Member(int(e), str(ids[e]), float(score))], float(score), why)
            for e, r, score, why in zip(e_rows, r_rows, scores[matched], reasons, strict=True)
        ]
        return Matching(
            kind="traditional",
            units=units,
            unmatched=_left(table, self.mentees_[lonely], unmatched),
            total=0.0,
            upper_bound=0.0,
            idle_mentors=_left(table, self.mentors_[idle], idle_reasons),
        )


def _left(table: ParticipantTable, rows: IntArray, reasons: list[Reasons]) -> list[Left]:
    return [Left(int(r), str(table.ids[r]), why) for r, why in zip(rows, reasons, strict=True)]


def _any_shared(scorer: PairScorer, rows: IntArray, *, with_hours: bool) -> npt.NDArray[np.bool_]:
    """Whether each mentee shares a language (and, optionally, the time-zone limit) with any mentor.

    Mentees with the same languages (and time zone) share the answer: it is worked out
    once per distinct combination, not once per mentee.
    """
    limit = scorer.constraints.max_hours_apart if with_hours else None
    hours = scorer.mentee_hours[rows] if limit is not None else np.zeros(len(rows))
    # Hours as their bit patterns, so that unknown zones (nan) group together too.
    keys = np.column_stack([scorer.mentee_words[rows].view(np.int64), hours.view(np.int64)])
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    answer = np.zeros(len(unique), dtype=bool)
    for start in range(0, len(unique), 256):
        part = unique[start : start + 256]
        ok = share_language(np.ascontiguousarray(part[:, :-1]).view(np.uint64), scorer.mentor_words)
        if limit is not None:
            mine = np.ascontiguousarray(part[:, -1]).view(np.float64)
            ok &= ~(hours_apart(mine[:, None], scorer.mentor_hours[None, :]) > limit)
        answer[start : start + 256] = ok.any(axis=1)
    return answer[inverse.ravel()]


def _best_scores(scorer: PairScorer, rows: IntArray, lists: CandidateLists) -> FloatArray:
    """Best eligible score of each mentee (``-inf`` if none), scanning all mentors where the list is empty."""
    _, best = lists.best()
    best = best[rows]
    empty = rows[~np.isfinite(best)]
    everyone = np.arange(scorer.offers.shape[0], dtype=np.int64)
    for start in range(0, len(empty), 256):
        part = empty[start : start + 256]
        best[np.searchsorted(rows, part)] = scorer.block(part, everyone).max(axis=1, initial=-np.inf)
    return best
