"""What the three matchers share: score weights, hard constraints, seed, features and the pair scorer."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, Self

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from matching.reports.answers import answer_reasons
from matching.reports.reason import Reasons
from matching.scoring.candidates import Constraints, PairScorer
from matching.scoring.clusters import MentorClusters
from matching.scoring.questions import AnswerEncoder, Question
from matching.scoring.vectorize import ProfileVectorizer
from matching.table import ParticipantTable, as_table

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Progress = Callable[[str], None]


class BaseMatcher(BaseEstimator):  # type: ignore[misc]
    """Parameters and scoring shared by MentorMatcher, PeerMatcher and GroupMatcher.

    A matcher scores the people of one side (mentees, or peers) against those of the other
    (mentors, or the same peers) by the dot product of their features, under the hard
    constraints (a shared language, ``max_hours_apart``, ``min_score``, exclusions, and the
    hard rules of ``questions``), plus the weighted similarity of answers to the preferences.
    Subclasses list every parameter in their own ``__init__`` (scikit-learn reads them
    from its signature) and pass the shared ones here; :meth:`_fit_sides` builds their
    fitted attributes and :meth:`_sides` names the two sides.

    Parameters
    ----------
    topic_weight, text_weight, timezone_weight : float
        Score weights, see :class:`~matching.scoring.vectorize.ProfileVectorizer`.
    min_score : float
        Pairs scoring below this are never proposed.
    max_hours_apart : float or None
        Largest time-zone difference of a pair; ``None`` for no limit.
    seed : int
        Seed of the clustering and sampling (results are deterministic for a seed).
    questions : sequence of Question
        A program's own questions whose answers (table columns) are hard rules or preferences,
        see :mod:`~matching.scoring.questions`; none by default (and then no extra work).

    Attributes
    ----------
    table_ : ParticipantTable
    vectorizer_ : ProfileVectorizer
    clusters_ : MentorClusters
        Bounds on blocks of the right side.
    timings_ : dict of str to float
        Seconds spent in ``vectorize``.
    answers_ : AnswerEncoder or None
        The answers to ``questions``: rule codes, preference features; ``None`` without questions.
    """

    def __init__(
        self,
        *,
        topic_weight: float,
        text_weight: float,
        timezone_weight: float,
        min_score: float,
        max_hours_apart: float | None,
        seed: int,
        questions: Sequence[Question] = (),
    ) -> None:
        self.topic_weight = topic_weight
        self.text_weight = text_weight
        self.timezone_weight = timezone_weight
        self.min_score = min_score
        self.max_hours_apart = max_hours_apart
        self.seed = seed
        self.questions = questions

    def fit(self, participants: pd.DataFrame | ParticipantTable, y: object = None) -> Self:
        """Parse the table, fit the vectorizer, and build each side's features and bounds.

        Parameters
        ----------
        participants : pandas.DataFrame or ParticipantTable
            The participants table (see :mod:`matching.table`).
        y : None
            Ignored.

        Returns
        -------
        self
        """
        self._check_params()
        started = time.perf_counter()
        self.table_ = as_table(participants)
        questions = tuple(self.questions or ())
        self.answers_ = AnswerEncoder(questions).fit(self.table_) if questions else None
        needs, offers = self._fit_features(self.table_)
        self._fit_sides(needs, offers)
        self.timings_ = {"vectorize": time.perf_counter() - started}
        return self

    def _check_params(self) -> None:
        """Raise ``ValueError`` for parameters that cannot work together."""

    def _fit_features(self, table: ParticipantTable) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Fit :attr:`vectorizer_` on the table: the needs and offers of every row."""
        self.vectorizer_ = ProfileVectorizer(
            topic_weight=self.topic_weight, text_weight=self.text_weight, timezone_weight=self.timezone_weight
        ).fit(table)
        return self.vectorizer_.transform_needs(table), self.vectorizer_.transform_offers(table)

    def _fit_sides(self, needs: sp.csr_matrix, offers: sp.csr_matrix) -> None:
        """Set the kind's fitted attributes from every row's needs and offers, ``clusters_`` included."""
        raise NotImplementedError

    def _sides(self) -> tuple[sp.csr_matrix, sp.csr_matrix, IntArray, IntArray]:
        """Left features, right features, and the table positions of the left and right sides."""
        raise NotImplementedError

    def _clusters(self, right: sp.csr_matrix, rows: IntArray, size: int) -> MentorClusters:
        """Bounding clusters of the right side's features (``rows``: their table positions)."""
        right = self._with_preferences(right, rows, "right")
        return MentorClusters(right, self.table_.language_matrix[rows], size=size, seed=self.seed)

    def _with_preferences(self, features: sp.csr_matrix, rows: IntArray, side: str) -> sp.csr_matrix:
        """A side's features with its preference features after them (the same matrix without any)."""
        answers = self.__dict__.get("answers_")
        extra = None if answers is None else (answers.left_ if side == "left" else answers.right_)
        if extra is None:
            return features
        return sp.hstack([features, extra[rows]], format="csr")

    def scorer(self, exclude: IntArray | None = None) -> PairScorer:
        """A :class:`~matching.scoring.candidates.PairScorer` of the fitted left side against the right.

        Parameters
        ----------
        exclude : ndarray of int, shape (n_pairs, 2), optional
            (left table row, right table row) pairs never to propose (for peers, in either order).
        """
        check_is_fitted(self, "clusters_")
        left, right, rows, cols = self._sides()
        table = self.table_
        answers: AnswerEncoder | None = self.__dict__.get("answers_")
        rules = answers.rule_modes_ if answers is not None else ()
        return PairScorer(
            self._with_preferences(left, rows, "left"),
            self._with_preferences(right, cols, "right"),
            table.language_matrix[rows],
            table.language_matrix[cols],
            table.tz_hours[rows],
            table.tz_hours[cols],
            rows,
            cols,
            Constraints(self.min_score, self.max_hours_apart, self._local_pairs(exclude), rules),
            self.clusters_,
            mentee_rules=answers.codes_[rows] if rules and answers is not None else None,
            mentor_rules=answers.codes_[cols] if rules and answers is not None else None,
        )

    def _answer_reasons(self, rows_a: IntArray, rows_b: IntArray) -> list[Reasons]:
        """What the answers to ``questions`` say about each pair of table rows (nothing without any)."""
        answers: AnswerEncoder | None = self.__dict__.get("answers_")
        if answers is None:
            return [() for _ in range(len(rows_a))]
        return answer_reasons(answers.questions, answers.answers_, answers.answers_, rows_a, rows_b)

    def _local_pairs(self, exclude: IntArray | None) -> IntArray | None:
        """Excluded (table row, table row) pairs as (left position, right position), others dropped."""
        if exclude is None or len(exclude) == 0:
            return None
        exclude = np.asarray(exclude, dtype=np.int64)
        _, _, rows, cols = self._sides()
        left_at = np.full(len(self.table_), -1, dtype=np.int64)
        right_at = np.full(len(self.table_), -1, dtype=np.int64)
        left_at[rows] = np.arange(len(rows))
        right_at[cols] = np.arange(len(cols))
        pairs = np.column_stack([left_at[exclude[:, 0]], right_at[exclude[:, 1]]])
        return pairs[(pairs >= 0).all(axis=1)]

    def _ids(self, rows: IntArray) -> list[str]:
        """The ids of table rows, as strings."""
        return [str(x) for x in self.table_.ids[rows]]

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.required = False
        return tags
