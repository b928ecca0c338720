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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from sklearn.utils.validation import check_is_fitted

from matching.kinds.base import BaseMatcher, Progress
from matching.reports.explain import explain_pairs, shared_languages
from matching.scoring.candidates import PairScorer, retrieve
from matching.solvers.grouping import solve_groups, with_assignment
from matching.solvers.traditional import Certified, initial_edges, solve_traditional
from matching.table.participants import hours_apart
from matching.table.text import join_words

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
OPEN_AT = 1


@dataclass
class Group:
    """One group: its mentor, members and why they belong together.

    Attributes
    ----------
    group_id : str
        ``g1``, ``g2``, ... in the order of the mentors in the table.
    mentor_row : int
    mentor_id : str
    member_rows : ndarray of int
    member_ids : list of str
    scores : ndarray of float
        Each member's fit with the mentor.
    cohesion : float
        Mean need similarity of two members.
    reasons : str
        What the members share and what the mentor offers them.
    """

    group_id: str
    mentor_row: int
    mentor_id: str
    member_rows: IntArray
    member_ids: list[str]
    scores: FloatArray
    cohesion: float
    reasons: str


@dataclass
class GroupResult(Certified):
    """Proposed groups with the mentor fit, its bound, and cohesion against random groups.

    Attributes
    ----------
    groups : list of Group
    group_ids, mentor_ids, mentee_ids : list of str
        One entry per member (flat, for tables).
    mentor_rows, mentee_rows : ndarray of int
    scores : ndarray of float
        Mentor fit per member.
    reasons : list of str
        Per member: the group's reasons and the member's own fit with the mentor.
    unmatched_rows : ndarray of int
    unmatched_ids, unmatched_reasons : list of str
    total : float
        Mentor fit: the sum of the members' scores with their mentor.
    upper_bound : float
        Certified bound on the optimal traditional assignment with the same capacities,
        which bounds the fit of every grouping.
    traditional_total : float
        The optimal traditional assignment's total (its ``fit_ratio`` denominator).
    cohesion : float
        Mean, over grouped mentees, of their mean need similarity to the other members.
    random_cohesion : float
        The same for random groups of the same sizes (its exact expectation).
    timings : dict of str to float
    """

    groups: list[Group]
    group_ids: list[str]
    mentor_ids: list[str]
    mentee_ids: list[str]
    mentor_rows: IntArray
    mentee_rows: IntArray
    scores: FloatArray
    reasons: list[str]
    unmatched_rows: IntArray
    unmatched_ids: list[str]
    unmatched_reasons: list[str]
    total: float
    upper_bound: float
    traditional_total: float
    cohesion: float
    random_cohesion: float
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def fit_ratio(self) -> float:
        """Mentor fit against the optimal traditional assignment (at most 1)."""
        return self.total / self.traditional_total if self.traditional_total > 0 else 1.0

    @property
    def cohesion_ratio(self) -> float:
        """Cohesion against random groups of the same sizes."""
        return self.cohesion / self.random_cohesion if self.random_cohesion > 0 else float("inf")


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
    ) -> None:
        super().__init__(
            topic_weight=topic_weight,
            text_weight=text_weight,
            timezone_weight=timezone_weight,
            min_score=min_score,
            max_hours_apart=max_hours_apart,
            seed=seed,
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

    def match(self, exclude: IntArray | None = None, *, progress: Progress | None = None) -> GroupResult:
        """Form the groups.

        Parameters
        ----------
        exclude : ndarray of int, shape (n_pairs, 2), optional
            (mentee table row, mentor table row) pairs never to put together.
        progress : callable, optional
            Called with the name of each stage as it starts.

        Returns
        -------
        GroupResult
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
        result = self._result(scorer, mentor_of, optimum.total, optimum.upper_bound)
        timings["explain"] = time.perf_counter() - started
        result.timings = timings
        return result

    def _group(
        self, rows: IntArray, mentors: IntArray, scores: FloatArray, start: IntArray, capacity: IntArray
    ) -> IntArray:
        """Close mentors whose groups would be too small, then pull similar mentees together."""
        mentor_of = start.copy()
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
    ) -> Group:
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
        Group
            ``group_id`` is empty; ``scores`` holds ``-inf`` for a member whom a hard constraint
            (language, time zone, minimum score, ``exclude``) keeps from this mentor.
        """
        check_is_fitted(self, "clusters_")
        ids = self.table_.ids
        mentee_at = {str(ids[row]): i for i, row in enumerate(self.mentees_)}
        mentor_at = {str(ids[row]): i for i, row in enumerate(self.mentors_)}
        members = np.array([mentee_at[str(m)] for m in member_ids], dtype=np.int64)
        mentor = mentor_at[str(mentor_id)]
        scores = self.scorer(exclude).pairs(members, np.full(len(members), mentor, dtype=np.int64))
        words, text = self._text_features()
        cohesion = group_cohesion(self.similarity_[members], np.zeros(len(members), dtype=np.int64))
        return Group(
            group_id="",
            mentor_row=int(self.mentors_[mentor]),
            mentor_id=str(mentor_id),
            member_rows=self.mentees_[members],
            member_ids=[str(m) for m in member_ids],
            scores=scores,
            cohesion=float(cohesion[0]) if len(members) else 0.0,
            reasons=self._group_reasons(members, mentor, words, text),
        )

    def _text_features(self) -> tuple[list[str], sp.csr_matrix]:
        """The goal words and the mentees' text features, which group reasons name."""
        names = self.vectorizer_.half_feature_names().astype(str)
        is_text = np.char.startswith(names, "text:")
        return [w[5:] for w in names[is_text]], self.needs_[:, np.flatnonzero(is_text)].tocsr()

    def _result(
        self, scorer: PairScorer, mentor_of: IntArray, trad_total: float, bound: float
    ) -> GroupResult:
        table = self.table_
        words, text = self._text_features()
        groups = []
        flat_reasons: list[str] = []
        order = np.flatnonzero(mentor_of >= 0)
        order = order[np.argsort(mentor_of[order], kind="stable")]
        matched = order
        fit = scorer.pairs(matched, mentor_of[matched]) if len(matched) else np.zeros(0)
        e_rows, r_rows = self.mentees_[matched], self.mentors_[mentor_of[matched]]
        pair_reasons = explain_pairs(
            self.vectorizer_.half_feature_names(),
            self.needs_[matched],
            self.offers_[mentor_of[matched]],
            shared_languages(table, e_rows, r_rows),
            hours_apart(table.tz_hours[e_rows], table.tz_hours[r_rows]),
        )
        cuts = np.flatnonzero(np.diff(mentor_of[order])) + 1
        labels = np.zeros(len(order), dtype=np.int64)
        labels[cuts] = 1
        labels = np.cumsum(labels)
        cohesion = group_cohesion(self.similarity_[order], labels)
        group_of: list[str] = []
        for number, idx in enumerate(np.split(np.arange(len(order)), cuts) if len(order) else [], start=1):
            members, mentor = order[idx], int(mentor_of[order[idx[0]]])
            why = self._group_reasons(members, mentor, words, text)
            groups.append(
                Group(
                    group_id=f"g{number}",
                    mentor_row=int(self.mentors_[mentor]),
                    mentor_id=str(table.ids[self.mentors_[mentor]]),
                    member_rows=self.mentees_[members],
                    member_ids=self._ids(self.mentees_[members]),
                    scores=fit[idx],
                    cohesion=float(cohesion[number - 1]),
                    reasons=why,
                )
            )
            group_of += [f"g{number}"] * len(idx)
            flat_reasons += [f"{why} | {pair_reasons[k]}" for k in idx]
        lonely = np.flatnonzero(mentor_of < 0)
        sizes = np.bincount(labels).astype(np.float64)
        return GroupResult(
            groups=groups,
            group_ids=group_of,
            mentor_ids=self._ids(r_rows),
            mentee_ids=self._ids(e_rows),
            mentor_rows=r_rows,
            mentee_rows=e_rows,
            scores=fit,
            reasons=flat_reasons,
            unmatched_rows=self.mentees_[lonely],
            unmatched_ids=self._ids(self.mentees_[lonely]),
            unmatched_reasons=self._unmatched(scorer, lonely),
            total=float(fit.sum()),
            upper_bound=max(bound, float(fit.sum())),
            traditional_total=trad_total,
            cohesion=float((sizes * cohesion).sum() / sizes.sum()) if len(order) else 0.0,
            random_cohesion=random_cohesion(self.similarity_[order]),
        )

    def _group_reasons(
        self, members: IntArray, mentor: int, words: list[str], text: sp.csr_matrix, terms: int = 3
    ) -> str:
        table = self.table_
        rows = self.mentees_[members]
        seeks = Counter(t for r in rows for t in table.seeks[r])
        shared = [t for t, c in seeks.most_common() if c >= 2]
        parts = []
        if shared:
            parts.append(
                "members share: " + join_words([f"{t} ({seeks[t]} of {len(rows)})" for t in shared], terms)
            )
        text = text[members]
        counts = np.bincount(text.indices, minlength=text.shape[1])
        common = np.flatnonzero(counts >= max(2, len(rows) // 2))
        if len(common):
            top = common[np.argsort(-counts[common], kind="stable")]
            parts.append("common goals: " + join_words([words[k] for k in top], terms))
        offered = [t for t in table.offers[self.mentors_[mentor]] if seeks.get(t)]
        offered.sort(key=lambda t: -seeks[t])
        if offered:
            parts.append(
                "mentor offers them: " + join_words([f"{t} ({seeks[t]} seek it)" for t in offered], terms)
            )
        return "; ".join(parts) or "grouped by overall fit"

    def _unmatched(self, scorer: PairScorer, lonely: IntArray) -> list[str]:
        reasons = []
        capacity = self.group_capacity()
        everyone = np.arange(len(self.mentors_), dtype=np.int64)
        limit = self.max_hours_apart
        for i in lonely.tolist():
            speaks = (scorer.mentor_languages @ scorer.mentee_languages[i]) > 0
            in_hours = speaks.copy()
            if limit is not None:
                in_hours &= ~(hours_apart(scorer.mentee_hours[i], scorer.mentor_hours) > limit)
            best = scorer.block(np.array([i]), everyone)[0] if len(everyone) else np.zeros(0)
            if not speaks.any():
                reasons.append("no shared language with any group mentor")
            elif not in_hours.any():
                reasons.append("no group mentor with a shared language within the time-zone limit")
            elif not np.isfinite(best).any():
                reasons.append(
                    f"no overlap above the minimum score ({self.min_score:g}) with any group mentor"
                )
            elif not (capacity[np.isfinite(best)] > 0).any():
                reasons.append(f"no group mentor who fits them can lead a group of {self.min_size} or more")
            else:
                top = float(best[np.isfinite(best)].max())
                reasons.append(
                    f"every group that fits them is full or too small to open (best fit {top:.2f})"
                )
        return reasons


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
