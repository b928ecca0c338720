"""Directional profile features: what a person needs against what a person offers."""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from matching.table.participants import ParticipantTable, as_table

Table: TypeAlias = pd.DataFrame | ParticipantTable
_TOKENS = r"(?u)\b[a-zA-Z][a-zA-Z0-9+#]+\b"


def _topic_matrix(tags: list[tuple[str, ...]], index: dict[str, int], weight: float) -> sp.csr_matrix:
    rows, cols = [], []
    for row, items in enumerate(tags):
        for tag in items:
            col = index.get(tag)
            if col is not None:
                rows.append(row)
                cols.append(col)
    counts = np.bincount(np.asarray(rows, dtype=np.intp), minlength=len(tags)).astype(np.float64)
    row_arr = np.asarray(rows, dtype=np.intp)
    values = np.sqrt(weight) / np.sqrt(counts[row_arr]) if len(rows) else np.zeros(0)
    return sp.csr_matrix((values, (row_arr, np.asarray(cols, dtype=np.intp))), shape=(len(tags), len(index)))


def _timezone_matrix(hours: npt.NDArray[np.float64], weight: float) -> sp.csr_matrix:
    # a * [1, cos, sin] on both sides: the product is weight * (1 + cos(angle)) / 2, a closeness in
    # [0, weight] that is weight / 2 (neutral) when either side is unknown.
    scale = np.sqrt(weight / 2)
    angle = np.nan_to_num(hours) * (2 * np.pi / 24)
    known = ~np.isnan(hours)
    dense = np.column_stack([np.ones_like(angle), np.cos(angle) * known, np.sin(angle) * known]) * scale
    return sp.csr_matrix(dense)


class ProfileVectorizer(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Turn a participants table into directional need and offer features.

    The dot product of one person's *needs* row and another's *offers* row is the
    match score: ``topic_weight`` times the cosine of sought and offered topics, plus
    ``text_weight`` times the TF-IDF cosine of goals against experience, plus
    ``timezone_weight`` times a time-zone closeness in [0, 1]. With the default weights
    the score lies in [0, 1]. Every feature but the time-zone ones is non-negative.

    Parameters
    ----------
    topic_weight : float, default=0.55
        Weight of the topic (``seeks`` against ``offers``) similarity.
    text_weight : float, default=0.35
        Weight of the free-text (``goals`` against ``experience``) similarity.
    timezone_weight : float, default=0.10
        Weight of time-zone closeness: full when zero hours apart, none at twelve.
    min_df : int, default=1
        Ignore words in fewer documents than this.
    max_features : int or None, default=None
        Keep only the most frequent words.

    Attributes
    ----------
    topics_ : ndarray of str
        The topic vocabulary (normalised tags).
    tfidf_ : sklearn.feature_extraction.text.TfidfVectorizer
        Fitted on goals and experience together.
    n_half_ : int
        Width of the needs block (and of the offers block).
    """

    def __init__(
        self,
        *,
        topic_weight: float = 0.55,
        text_weight: float = 0.35,
        timezone_weight: float = 0.10,
        min_df: int = 1,
        max_features: int | None = None,
    ) -> None:
        self.topic_weight = topic_weight
        self.text_weight = text_weight
        self.timezone_weight = timezone_weight
        self.min_df = min_df
        self.max_features = max_features

    def fit(self, X: Table, y: object = None) -> ProfileVectorizer:  # noqa: N803
        """Learn the topic vocabulary and the TF-IDF weights.

        Parameters
        ----------
        X : pandas.DataFrame or ParticipantTable
            A participants table (see :mod:`matching.table`).
        y : None
            Ignored.

        Returns
        -------
        self : ProfileVectorizer
        """
        table = as_table(X)
        self._fit_text(table)
        return self

    def _fit_text(self, table: ParticipantTable) -> sp.csr_matrix | None:
        """Learn topics and TF-IDF weights (on every non-empty goal and experience); their rows, if any."""
        self.topics_ = np.array(
            sorted({t for tags in (*table.offers, *table.seeks) for t in tags}), dtype=object
        )
        self.tfidf_ = TfidfVectorizer(
            stop_words="english",
            sublinear_tf=True,
            min_df=self.min_df,
            max_features=self.max_features,
            token_pattern=_TOKENS,
            dtype=np.float64,
        )
        corpus = [text for text in (*table.goals, *table.experience) if text]
        fitted: sp.csr_matrix | None = None
        try:
            if corpus:
                fitted = sp.csr_matrix(self.tfidf_.fit_transform(corpus))
            else:
                self.tfidf_.fit(["placeholder"])
        except ValueError:  # only stop words: keep an empty-ish vocabulary
            self.tfidf_.fit(["placeholder"])
        self._topic_index = {t: k for k, t in enumerate(self.topics_)}
        self.n_half_ = len(self.topics_) + len(self.tfidf_.vocabulary_) + 3
        return fitted

    def fit_transform_blocks(self, X: Table) -> tuple[sp.csr_matrix, sp.csr_matrix]:  # noqa: N803
        """Fit, then return the needs and offers blocks of the same table, reading each text once.

        Equal to ``fit(X)`` followed by :meth:`transform_needs` and :meth:`transform_offers`.
        """
        table = as_table(X)
        fitted = self._fit_text(table)
        if fitted is None:
            return self.transform_needs(table), self.transform_offers(table)
        n = len(table.goals)
        goals = np.flatnonzero([bool(t) for t in table.goals])
        experience = np.flatnonzero([bool(t) for t in table.experience])
        # Scatter the corpus rows back to their people (empty texts stay zero rows).
        place = sp.csr_matrix(
            (
                np.ones(len(goals) + len(experience)),
                (np.concatenate([goals, experience + n]), np.arange(fitted.shape[0])),
            ),
            shape=(2 * n, fitted.shape[0]),
        )
        texts = sp.csr_matrix(place @ fitted)
        return (
            self._block(table.seeks, table.goals, table.tz_hours, texts[:n]),
            self._block(table.offers, table.experience, table.tz_hours, texts[n:]),
        )

    def _block(
        self,
        tags: list[tuple[str, ...]],
        texts: list[str],
        hours: npt.NDArray[np.float64],
        tfidf: sp.csr_matrix | None = None,
    ) -> sp.csr_matrix:
        check_is_fitted(self, "tfidf_")
        text = (self.tfidf_.transform(texts) if tfidf is None else tfidf) * np.sqrt(self.text_weight)
        parts = [
            _topic_matrix(tags, self._topic_index, self.topic_weight),
            text,
            _timezone_matrix(hours, self.timezone_weight),
        ]
        return sp.hstack(parts, format="csr", dtype=np.float64)

    def transform_needs(self, X: Table) -> sp.csr_matrix:  # noqa: N803
        """Return the needs block: ``seeks`` topics, ``goals`` text and time zone.

        Parameters
        ----------
        X : pandas.DataFrame or ParticipantTable

        Returns
        -------
        scipy.sparse.csr_matrix of shape (n_rows, n_half_)
        """
        table = as_table(X)
        return self._block(table.seeks, table.goals, table.tz_hours)

    def transform_offers(self, X: Table) -> sp.csr_matrix:  # noqa: N803
        """Return the offers block: ``offers`` topics, ``experience`` text and time zone.

        Parameters
        ----------
        X : pandas.DataFrame or ParticipantTable

        Returns
        -------
        scipy.sparse.csr_matrix of shape (n_rows, n_half_)
        """
        table = as_table(X)
        return self._block(table.offers, table.experience, table.tz_hours)

    def transform(self, X: Table) -> sp.csr_matrix:  # noqa: N803
        """Return ``[needs | offers]`` for every row.

        Parameters
        ----------
        X : pandas.DataFrame or ParticipantTable

        Returns
        -------
        scipy.sparse.csr_matrix of shape (n_rows, 2 * n_half_)
        """
        table = as_table(X)
        return sp.hstack([self.transform_needs(table), self.transform_offers(table)], format="csr")

    def half_feature_names(self) -> npt.NDArray[np.object_]:
        """Names of the columns of one block: ``topic:...``, ``text:...``, ``tz:...``."""
        check_is_fitted(self, "tfidf_")
        words = self.tfidf_.get_feature_names_out()
        return np.array(
            [f"topic:{t}" for t in self.topics_]
            + [f"text:{w}" for w in words]
            + ["tz:bias", "tz:cos", "tz:sin"],
            dtype=object,
        )

    def get_feature_names_out(self, input_features: Any = None) -> npt.NDArray[np.object_]:
        """Names of the output columns, prefixed ``needs__`` or ``offers__``.

        Parameters
        ----------
        input_features : None
            Ignored; the input is a table, not a feature matrix.

        Returns
        -------
        ndarray of str
        """
        half = self.half_feature_names()
        return np.array([f"needs__{n}" for n in half] + [f"offers__{n}" for n in half], dtype=object)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        # Honest tags: the input is a participants table (a DataFrame of strings), not a numeric 2-D array.
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.input_tags.dict = False
        tags.target_tags.required = False
        tags.transformer_tags.preserves_dtype = []
        return tags


def vectorizer_state(vectorizer: ProfileVectorizer) -> dict[str, Any]:
    """A fitted vectorizer as plain JSON-friendly data (parameters, topics, words and their IDF)."""
    check_is_fitted(vectorizer, "tfidf_")
    vocabulary = vectorizer.tfidf_.vocabulary_
    return {
        "params": vectorizer.get_params(),
        "topics": [str(t) for t in vectorizer.topics_],
        "words": sorted(vocabulary, key=vocabulary.__getitem__),
        "idf": [float(x) for x in vectorizer.tfidf_.idf_],
    }


def vectorizer_from_state(state: dict[str, Any]) -> ProfileVectorizer:
    """Rebuild a fitted vectorizer from :func:`vectorizer_state`; it transforms exactly as before."""
    vectorizer = ProfileVectorizer(**state["params"])
    vectorizer.topics_ = np.array(state["topics"], dtype=object)
    vectorizer._topic_index = {t: k for k, t in enumerate(vectorizer.topics_)}
    tfidf = TfidfVectorizer(
        stop_words="english",
        sublinear_tf=True,
        token_pattern=_TOKENS,
        dtype=np.float64,
        vocabulary={w: k for k, w in enumerate(state["words"])},
    )
    tfidf.fit(["placeholder"])
    tfidf.idf_ = np.asarray(state["idf"], dtype=np.float64)
    vectorizer.tfidf_ = tfidf
    vectorizer.n_half_ = len(vectorizer.topics_) + len(state["words"]) + 3
    return vectorizer
