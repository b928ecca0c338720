"""Group mentoring: mentees with similar needs in groups of a chosen size, each with a mentor who fits.

Each group mentor leads at most one group of at most ``capacity`` (and ``max_size``)
mentees. The engine starts from the optimal capacitated assignment of mentees to
mentors (certified, see :mod:`matching.solvers.traditional`): its total bounds the mentor fit
of every grouping. Mentors whose groups would be smaller than ``min_size`` are closed,
the open ones kept at ``min_size`` or more by a bonus on their first places, and a few
rounds of min-cost flow add ``cohesion_weight`` times each mentee's mean need
similarity to the group's current members to the score, pulling similar mentees together.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from sklearn.utils.validation import check_is_fitted

from matching.kinds.base import BaseMatcher, Progress
from matching.kinds.result import Details, Left, Matching, Member, Unit
from matching.reports.answers import group_answer_reasons, with_answers
from matching.reports.explain import explain_pairs, shared_languages
from matching.reports.explain_kinds import explain_group, explain_unmatched_group
from matching.reports.named import WordNamer, pair_words
from matching.reports.pause import collector_paused
from matching.reports.reason import Reasons
from matching.scoring.candidates import PairScorer, retrieve
from matching.scoring.questions import Question
from matching.solvers.grouping import solve_groups, with_assignment
from matching.solvers.traditional import initial_edges, solve_traditional
from matching.table.participants import hours_apart

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
OPEN_AT = 1


class GroupMatcher(BaseMatcher):
    """Form groups of mentees with similar needs and give each a mentor who fits them.

    Parameters
    ----------
    topic_weight, text_weight, timezone_weight : float
        Score weights, see :class:`~matching.vectorize.ProfileVectorizer`.
    min_size, max_size : int, default=3, 6
        Group sizes; a mentor's ``capacity`` caps their group too.
    cohesion_weight : float, default=0.15
        Weight of a mentee's mean need similarity to the group in the grouping rounds.
    rounds : int, default=2
        Grouping rounds after the traditional optimum.
    min_score : float, default=0.0
    max_hours_apart : float or None, default=None
    list_size, top_k, cluster_size : int
        Candidate list length, flow candidates per mentee, mentors per bounding cluster.
    seed : int, default=0
    questions : sequence of Question, default=()
        A program's questions whose answers are hard rules or weighted preferences (see
        :mod:`~matching.scoring.questions`); rules hold between each member and the mentor
        (so a ``same`` rule also holds between members who answered).

    Attributes
    ----------
    table_ : ParticipantTable
    vectorizer_ : ProfileVectorizer
    mentees_, mentors_ : ndarray of int
        Table positions of the group mentees and group mentors.
    needs_, offers_ : scipy.sparse.csr_matrix
    similarity_ : scipy.sparse.csr_matrix
        Need features without the time zone, for cohesion.
    timings_ : dict of str to float
    """

    def __init__(
        self,
        *,
        topic_weight: float = 0.55,
        text_weight: float = 0.35,
        timezone_weight: float = 0.10,
        min_size: int = 3,
        max_size: int = 6,
        cohesion_weight: float = 0.15,
        rounds: int = 2,
        min_score: float = 0.0,
        max_hours_apart: float | None = None,
        list_size: int = 64,
        top_k: int = 20,
        cluster_size: int = 16,
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
        self.min_size = min_size
        self.max_size = max_size
        self.cohesion_weight = cohesion_weight
        self.rounds = rounds
        self.list_size = list_size
        self.top_k = top_k
        self.cluster_size = cluster_size

    def _check_params(self) -> None:
        if not 1 <= self.min_size <= self.max_size:
            raise ValueError(f"group sizes must satisfy 1 <= min <= max, got {self.min_size}-{self.max_size}")

    def _fit_sides(self, needs: sp.csr_matrix, offers: sp.csr_matrix) -> None:
        """Group mentees against group mentors, with the mentors clustered for bounds."""
        self.mentees_ = self.table_.positions("mentee", "group").astype(np.int64)
        self.mentors_ = self.table_.positions("mentor", "group").astype(np.int64)
        self.needs_ = needs[self.mentees_]
        self.offers_ = offers[self.mentors_]
        self.similarity_ = self.needs_[:, : self.needs_.shape[1] - 3].tocsr()
        self.clusters_ = self._clusters(self.offers_, self.mentors_, self.cluster_size)

    def _sides(self) -> tuple[sp.csr_matrix, sp.csr_matrix, IntArray, IntArray]:
        return self.needs_, self.offers_, self.mentees_, self.mentors_

    def group_capacity(self) -> IntArray:
        """Largest group per mentor: ``min(capacity, max_size)``, or 0 below ``min_size``."""
        capacity = np.minimum(self.table_.capacity[self.mentors_], self.max_size)
        return np.where(capacity >= self.min_size, capacity, 0).astype(np.int64)

    def match(self, exclude: IntArray | None = None, *, progress: Progress | None = None) -> Matching:
        """Form the groups.

        Parameters
        ----------
        exclude : ndarray of int, shape (n_pairs, 2), optional
            (mentee table row, mentor table row) pairs never to put together.
        progress : callable, optional
            Called with the name of each stage as it starts.

        Returns
        -------
        Matching
            One unit per group (``g1``, ``g2``... in the order of the mentors), its score the
            mean of the members' fits with the mentor, its reasons what the members share and
            the mentor offers them; each member's own reasons are their fit with the mentor.
            ``total`` is the mentor fit (the members' scores summed) and ``upper_bound`` a
            certified bound on the optimal traditional assignment with the same capacities,
            which bounds the fit of every grouping. ``details`` holds ``cohesion`` (mean, over
            grouped mentees, of their mean need similarity to the other members),
            ``random_cohesion`` (its exact expectation for random groups of the same sizes),
            ``group_cohesion`` per group and ``traditional_total``.
        """
        scorer = self.scorer(exclude)
        report = progress or (lambda stage: None)
        report("candidates")
        started = time.perf_counter()
        lists = retrieve(scorer, self.list_size, seed=self.seed)
        timings = {"candidates": time.perf_counter() - started}
        report("solve")
        started = time.perf_counter()
        capacity = self.group_capacity()
        optimum = solve_traditional(scorer, lists, capacity, top_k=self.top_k)
        timings["traditional"] = time.perf_counter() - started
        started = time.perf_counter()
        rows, mentors, scores = with_assignment(
            *initial_edges(lists, capacity, self.top_k), optimum.mentor_of, optimum.scores
        )
        mentor_of = self._group(rows, mentors, scores, optimum.mentor_of, capacity)
        timings["group"] = time.perf_counter() - started
        report("explain")
        started = time.perf_counter()
        with collector_paused():
            result = self._result(scorer, mentor_of, optimum.total, optimum.upper_bound)
        timings["explain"] = time.perf_counter() - started
        result.timings = timings
        return result

    def _group(
        self, rows: IntArray, mentors: IntArray, scores: FloatArray, start: IntArray, capacity: IntArray
    ) -> IntArray:
        """Close mentors whose groups would be too small, then pull similar mentees together."""
        mentor_of = start.copy()
        if len(capacity) == 0:  # no group mentor: nobody is grouped
            return mentor_of
        is_open = np.bincount(mentor_of[mentor_of >= 0], minlength=len(capacity)) >= OPEN_AT
        for step in range(self.rounds + 3):
            bonus = self.cohesion_weight * self._mean_similarity(rows, mentors, mentor_of)
            mentor_of = solve_groups(
                len(start), rows, mentors, scores + bonus, capacity * is_open, self.min_size
            )
            load = np.bincount(mentor_of[mentor_of >= 0], minlength=len(capacity))
            small = (load > 0) & (load < self.min_size)
            is_open &= ~small
            if not small.any() and step + 1 >= self.rounds:
                break
        load = np.bincount(mentor_of[mentor_of >= 0], minlength=len(capacity))
        mentor_of[(mentor_of >= 0) & (load[np.maximum(mentor_of, 0)] < self.min_size)] = -1
        return mentor_of

    def _mean_similarity(self, rows: IntArray, mentors: IntArray, mentor_of: IntArray) -> FloatArray:
        """Each candidate edge's mean need similarity of the mentee to the mentor's current members."""
        x = self.similarity_
        grouped = np.flatnonzero(mentor_of >= 0)
        members = sp.csr_matrix(
            (np.ones(len(grouped)), (mentor_of[grouped], grouped)), shape=(len(self.mentors_), x.shape[0])
        )
        sums = (members @ x).tocsr()
        size = np.asarray(members.sum(axis=1)).ravel()
        dots = np.asarray(x[rows].multiply(sums[mentors]).sum(axis=1)).ravel()
        own = mentor_of[rows] == mentors
        norms = np.asarray(x.multiply(x).sum(axis=1)).ravel()
        dots = dots - np.where(own, norms[rows], 0.0)
        others = size[mentors] - own
        return np.where(others > 0, dots / np.maximum(others, 1), 0.0)

    def describe_group(
        self, member_ids: Sequence[str], mentor_id: str, exclude: IntArray | None = None
    ) -> Unit:
        """Score and explain one group as :meth:`match` does, for groups changed by hand.

        Parameters
        ----------
        member_ids : sequence of str
            Ids of group mentees in the fitted table.
        mentor_id : str
            Id of a group mentor in the fitted table.
        exclude : ndarray of int, shape (n_pairs, 2), optional
            (mentee table row, mentor table row) pairs never to put together.

        Returns
        -------
        Unit
            ``group_id`` is empty; a member whom a hard constraint (language, time zone,
            minimum score, ``exclude``) keeps from this mentor scores ``-inf``.
        """
        check_is_fitted(self, "clusters_")
        members, mentor = self._positions(member_ids, mentor_id)
        scores = self.scorer(exclude).pairs(members, np.full(len(members), mentor, dtype=np.int64))
        return self._unit(
            "", members, mentor, scores, self._pair_reasons(members, np.full(len(members), mentor))
        )

    def cohesion(self, member_ids: Sequence[str]) -> float:
        """Mean need similarity of two members of a group of these mentees."""
        members, _ = self._positions(member_ids, None)
        found = group_cohesion(self.similarity_[members], np.zeros(len(members), dtype=np.int64))
        return float(found[0]) if len(members) else 0.0

    def _positions(self, member_ids: Sequence[str], mentor_id: str | None) -> tuple[IntArray, int]:
        ids = self.table_.ids
        mentee_at = {str(ids[row]): i for i, row in enumerate(self.mentees_)}
        mentor_at = {str(ids[row]): i for i, row in enumerate(self.mentors_)}
        members = np.array([mentee_at[str(m)] for m in member_ids], dtype=np.int64)
        return members, -1 if mentor_id is None else mentor_at[str(mentor_id)]

    def _pair_reasons(self, members: IntArray, mentors: IntArray) -> list[Reasons]:
        table = self.table_
        e_rows, r_rows = self.mentees_[members], self.mentors_[mentors]
        reasons = explain_pairs(
            self.vectorizer_.half_feature_names(),
            self.needs_[members],
            self.offers_[mentors],
            shared_languages(table, e_rows, r_rows),
            hours_apart(table.tz_hours[e_rows], table.tz_hours[r_rows]),
            words=pair_words(self.word_namer(), (table, e_rows, "needs"), (table, r_rows, "offers")),
        )
        return with_answers(reasons, self._answer_reasons(e_rows, r_rows))

    def word_namer(self) -> WordNamer:
        """Names the words reasons give, knowing each language's common words (made once a fit)."""
        namer = self.__dict__.get("_word_namer")
        if namer is None or namer.vectorizer is not self.vectorizer_:
            namer = WordNamer(
                self.vectorizer_, self.table_, ((self.mentees_, self.needs_), (self.mentors_, self.offers_))
            )
            self.__dict__["_word_namer"] = namer
        return namer

    def _unit(
        self,
        group_id: str,
        members: IntArray,
        mentor: int,
        scores: FloatArray,
        reasons: list[Reasons],
        text: sp.csr_matrix | None = None,
    ) -> Unit:
        """One group's unit; ``text`` is the members' rows of the stem features when already cut."""
        columns, stems = self._text_features()
        text = stems[members] if text is None else text
        ids, rows, mentor_row = self.table_.ids, self.mentees_[members], int(self.mentors_[mentor])
        namer = self.word_namer()

        def words(found: Sequence[int]) -> tuple[str, ...]:
            return namer.common(self.table_, rows.tolist(), columns[list(found)].tolist())

        return Unit(
            mentor_row,
            str(ids[mentor_row]),
            [
                Member(int(r), str(ids[r]), float(s), why)
                for r, s, why in zip(rows.tolist(), scores.tolist(), reasons, strict=True)
            ],
            float(np.mean(scores)) if len(scores) else 0.0,
            explain_group(self.table_, rows, mentor_row, words, text) + self._group_answers(rows, mentor_row),
            group_id,
        )

    def _group_answers(self, rows: IntArray, mentor_row: int) -> Reasons:
        """The answers the whole group, mentor included, gives alike (nothing without questions)."""
        answers = self.__dict__.get("answers_")
        if answers is None:
            return ()
        everyone = np.append(rows, mentor_row).astype(np.int64)
        return group_answer_reasons(answers.questions, answers.answers_, everyone)

    def _text_features(self) -> tuple[IntArray, sp.csr_matrix]:
        """The stem columns of a block and the mentees' features in them, which group reasons name.

        Made once a fit: every group's reasons read them, and slicing the whole needs matrix per
        group made explaining 20,000 mentees take 10 s instead of under one.
        """
        cached = self.__dict__.get("_text_cache")
        if cached is None or cached[0] is not self.needs_:
            names = self.vectorizer_.half_feature_names().astype(str)
            columns = np.flatnonzero(np.char.startswith(names, "text:")).astype(np.int64)
            cached = (self.needs_, columns, self.needs_[:, columns].tocsr())
            self.__dict__["_text_cache"] = cached
        return cached[1], cached[2]

    def _result(self, scorer: PairScorer, mentor_of: IntArray, trad_total: float, bound: float) -> Matching:
        order = np.flatnonzero(mentor_of >= 0)
        order = order[np.argsort(mentor_of[order], kind="stable")]
        fit = scorer.pairs(order, mentor_of[order]) if len(order) else np.zeros(0)
        reasons = self._pair_reasons(order, mentor_of[order])
        cuts = np.flatnonzero(np.diff(mentor_of[order])) + 1
        labels = np.zeros(len(order), dtype=np.int64)
        labels[cuts] = 1
        labels = np.cumsum(labels)
        cohesion = group_cohesion(self.similarity_[order], labels)
        # Members of a group are consecutive in ``order``: cut their stem rows once, then slice.
        text = self._text_features()[1][order]
        units = [
            self._unit(
                f"g{number}",
                order[idx],
                int(mentor_of[order[idx[0]]]),
                fit[idx],
                [reasons[k] for k in idx],
                text[int(idx[0]) : int(idx[-1]) + 1],
            )
            for number, idx in enumerate(np.split(np.arange(len(order)), cuts) if len(order) else [], start=1)
        ]
        lonely = np.flatnonzero(mentor_of < 0)
        why = explain_unmatched_group(
            scorer, lonely, self.group_capacity(), self.max_hours_apart, self.min_score, self.min_size
        )
        sizes = np.bincount(labels).astype(np.float64)
        details = Details(
            cohesion=float((sizes * cohesion).sum() / sizes.sum()) if len(order) else 0.0,
            random_cohesion=random_cohesion(self.similarity_[order]),
            group_cohesion={u.group_id: float(c) for u, c in zip(units, cohesion, strict=True)},
            traditional_total=trad_total,
        )
        ids = self.table_.ids
        return Matching(
            kind="group",
            units=units,
            unmatched=[Left(int(r), str(ids[r]), w) for r, w in zip(self.mentees_[lonely], why, strict=True)],
            total=float(fit.sum()),
            upper_bound=max(bound, float(fit.sum())),
            details=details,
        )


def group_cohesion(x: sp.csr_matrix, labels: IntArray) -> FloatArray:
    """Mean similarity of two members, per group (``labels``: group of each row, 0..k-1)."""
    k = int(labels.max()) + 1 if len(labels) else 0
    members = sp.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, x.shape[0]))
    sums = members @ x
    squares = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
    own = np.bincount(labels, np.asarray(x.multiply(x).sum(axis=1)).ravel(), minlength=k)
    size = np.bincount(labels, minlength=k).astype(np.float64)
    pairs = size * (size - 1) / 2
    return np.where(pairs > 0, (squares - own) / 2 / np.maximum(pairs, 1), 0.0)


def random_cohesion(x: sp.csr_matrix) -> float:
    """Expected mean similarity of two members of random groups drawn from the rows of ``x``.

    Every pair of rows is equally likely to share a random group, whatever the sizes.
    """
    return float(group_cohesion(x, np.zeros(x.shape[0], dtype=np.int64))[0]) if x.shape[0] > 1 else 0.0
