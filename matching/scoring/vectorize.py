"""Directional profile features: what a person needs against what a person offers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from matching.scoring.text_features import TextVectorizer
from matching.scoring.words import NGRAM_LANGUAGES
from matching.table.participants import ParticipantTable, as_table

Table: TypeAlias = pd.DataFrame | ParticipantTable


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
    ``text_weight`` times the TF-IDF cosine of goals against experience (terms in any
    script and language, see :class:`~matching.scoring.text_features.TextVectorizer`), plus
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
        Ignore terms in fewer texts than this.
    max_features : int or None, default=None
        Keep only the most frequent terms.
    language : {"detect", "first"}, default="detect"
        Read each text in the language whose function words it uses most, or in the
        writer's first listed language.
    stop_words : bool, default=True
        Drop the function words of each text's language.
    stem : bool, default=True
        Stem words with Snowball where it has a stemmer for the language.
    ngrams : {"unstemmed", "all", "none"} or tuple of str, default=NGRAM_LANGUAGES
        Which words also give character n-grams within the word: those of languages with
        no stemmer (Japanese, Chinese ...) and of the inflection-rich languages named (see
        :class:`~matching.scoring.text_features.TextVectorizer`); "unstemmed", "all" or "none".
    ngram_range : tuple of int, default=(2, 3)
        Lengths of those n-grams.
    max_df : float, default=0.5
        Ignore terms in more than this share of one language's texts.
    min_language_docs : int, default=20
        Apply ``max_df`` only to languages with at least this many texts.

    Attributes
    ----------
    topics_ : ndarray of str
        The topic vocabulary (normalised tags).
    text_ : TextVectorizer
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
        language: str = "detect",
        stop_words: bool = True,
        stem: bool = True,
        ngrams: str | tuple[str, ...] = NGRAM_LANGUAGES,
        ngram_range: tuple[int, int] = (2, 3),
        max_df: float = 0.5,
        min_language_docs: int = 20,
    ) -> None:
        self.topic_weight = topic_weight
        self.text_weight = text_weight
        self.timezone_weight = timezone_weight
        self.min_df = min_df
        self.max_features = max_features
        self.language = language
        self.stop_words = stop_words
        self.stem = stem
        self.ngrams = ngrams
        self.ngram_range = ngram_range
        self.max_df = max_df
        self.min_language_docs = min_language_docs

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
        """Learn topics and text terms (on every non-empty goal and experience); their rows, if any."""
        self.topics_ = np.array(
            sorted({t for tags in (*table.offers, *table.seeks) for t in tags}), dtype=object
        )
        self.text_ = TextVectorizer(
            language=self.language,
            stop_words=self.stop_words,
            stem=self.stem,
            ngrams=self.ngrams,
            ngram_range=self.ngram_range,
            min_df=self.min_df,
            max_df=self.max_df,
            min_language_docs=self.min_language_docs,
            max_features=self.max_features,
        )
        corpus = [
            (text, langs)
            for texts in (table.goals, table.experience)
            for text, langs in zip(texts, table.languages, strict=True)
            if text
        ]
        fitted = self.text_.fit_transform(corpus)
        self._topic_index = {t: k for k, t in enumerate(self.topics_)}
        self.n_half_ = len(self.topics_) + len(self.text_.vocabulary_) + 3
        return fitted if corpus else None

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
            self._block(table.seeks, table.goals, table.languages, table.tz_hours, texts[:n]),
            self._block(table.offers, table.experience, table.languages, table.tz_hours, texts[n:]),
        )

    def _block(
        self,
        tags: list[tuple[str, ...]],
        texts: list[str],
        languages: list[tuple[str, ...]],
        hours: npt.NDArray[np.float64],
        tfidf: sp.csr_matrix | None = None,
    ) -> sp.csr_matrix:
        check_is_fitted(self, "text_")
        rows = self.text_.transform(zip(texts, languages, strict=True)) if tfidf is None else tfidf
        text = rows * np.sqrt(self.text_weight)
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
        return self._block(table.seeks, table.goals, table.languages, table.tz_hours)

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
        return self._block(table.offers, table.experience, table.languages, table.tz_hours)

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
        """Names of the columns of one block: ``topic:...``, ``text:...``, ``gram:...``, ``tz:...``.

        A stem is named ``text:`` and its most frequent written word (case-folded), a
        character n-gram ``gram:`` and the n-gram; :meth:`surface_words` gives the words
        each person wrote.
        """
        check_is_fitted(self, "text_")
        kinds = np.where(self.text_.is_gram_, "gram", "text")
        return np.array(
            [f"topic:{t}" for t in self.topics_]
            + [f"{kind}:{label}" for kind, label in zip(kinds, self.text_.labels_, strict=True)]
            + ["tz:bias", "tz:cos", "tz:sin"],
            dtype=object,
        )

    def surface_words(
        self,
        X: Table,  # noqa: N803
        row: int,
        side: str,
        features: Iterable[int] | None = None,
    ) -> dict[int, list[str]]:
        """The words one person wrote, exactly as written, behind each text feature of a block.

        For a pair, call it for the mentee's ``"needs"`` row and the mentor's ``"offers"``
        row with the columns their product shares: each side's words for each feature.

        Parameters
        ----------
        X : pandas.DataFrame or ParticipantTable
            The table the person is in.
        row : int
            The person's position in ``X``.
        side : {"needs", "offers"}
            Read their goals (needs) or their experience (offers).
        features : iterable of int, optional
            Columns of one block (:meth:`half_feature_names`); others than ``text:`` and
            ``gram:`` ones are ignored. All of them by default.

        Returns
        -------
        dict of int to list of str
            Each of ``features`` the person's text gives, and its distinct written words
            in the order written (for a ``gram:`` feature, the words containing it).
        """
        # Called once a person while reasons are worded: check_is_fitted costs more than the read.
        if not hasattr(self, "text_"):
            check_is_fitted(self, "text_")
        if side not in {"needs", "offers"}:
            raise ValueError(f"side must be 'needs' or 'offers', not {side!r}")
        table = as_table(X)
        text = (table.goals if side == "needs" else table.experience)[row]
        offset = len(self.topics_)
        columns = (
            None
            if features is None
            else [c - offset for c in features if 0 <= c - offset < len(self.text_.vocabulary_)]
        )
        found = self.text_.written(text, table.languages[row], columns)
        return {column + offset: list(words) for column, words in found.items()}

    def written(self, table: ParticipantTable, row: int, side: str) -> dict[int, dict[str, None]]:
        """Every stem feature of one person's side and their words for it, as dict keys (for reasons)."""
        text = (table.goals if side == "needs" else table.experience)[row]
        offset = len(self.topics_)
        found = self.text_.written(text, table.languages[row], stems_only=True)
        return {c + offset: w for c, w in found.items()}

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
    """A fitted vectorizer as plain JSON-friendly data (parameters, topics, text terms and their IDF)."""
    check_is_fitted(vectorizer, "text_")
    return {
        "params": vectorizer.get_params(),
        "topics": [str(t) for t in vectorizer.topics_],
        "text": vectorizer.text_.state(),
    }


def vectorizer_from_state(state: dict[str, Any]) -> ProfileVectorizer:
    """Rebuild a fitted vectorizer from :func:`vectorizer_state`; it transforms exactly as before."""
    params = dict(state["params"])
    params["ngram_range"] = tuple(params["ngram_range"])
    if not isinstance(params["ngrams"], str):  # JSON turned the tuple into a list
        params["ngrams"] = tuple(params["ngrams"])
    vectorizer = ProfileVectorizer(**params)
    vectorizer.topics_ = np.array(state["topics"], dtype=object)
    vectorizer._topic_index = {t: k for k, t in enumerate(vectorizer.topics_)}
    vectorizer.text_ = TextVectorizer.from_state(state["text"])
    vectorizer.n_half_ = len(vectorizer.topics_) + len(vectorizer.text_.vocabulary_) + 3
    return vectorizer
