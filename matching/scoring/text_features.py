"""TF-IDF text features for every script and language, and the written words behind each feature."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.utils.validation import check_is_fitted

from matching.scoring.words import GRAM, NGRAM_LANGUAGES, WordTerms, _Terms, base_code, detect_language
from matching.table.text import WORD_JOINERS, split_words

#: One document: its text and the languages its writer speaks, most fluent first.
Document = tuple[str, Sequence[str]]
_Prepared = tuple[list[str], str]


class TextVectorizer(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Sublinear TF-IDF of language-aware terms: stems, or words and their character n-grams.

    Composes :class:`~sklearn.feature_extraction.text.CountVectorizer` (with the analyzer
    of :class:`~matching.scoring.words.WordTerms`), a per-language document-frequency
    cut, and :class:`~sklearn.feature_extraction.text.TfidfTransformer`. Each text is
    read in the language it is written in (detected or the writer's first), split into
    words in any script (:func:`~matching.table.text.split_words`), freed of that
    language's function words, stemmed where Snowball has a stemmer, and cut into
    character n-grams otherwise. A term that more than ``max_df`` of one language's
    texts use says nothing about a theme (function words a list missed, "I want to
    learn") and is dropped.

    Parameters
    ----------
    language : {"detect", "first"}, default="detect"
        Read each text in the language whose function words it uses most (ties and texts
        with none go to the writer's first language), or always in the first language.
    stop_words : bool, default=True
        Drop each language's function words (lists of the ``stop-words`` package).
    stem : bool, default=True
        Stem words with Snowball where it has a stemmer for the language.
    ngrams : {"unstemmed", "all", "none"} or tuple of str, default=NGRAM_LANGUAGES
        Which words also give character n-grams: those of languages with no stemmer
        (Japanese, Chinese ...) and of the languages named (by default the inflection-rich
        ones of :data:`~matching.scoring.words.NGRAM_LANGUAGES`); only the former
        ("unstemmed"); every word ("all": denser vectors, slower scoring); or none.
    ngram_range : tuple of int, default=(2, 3)
        Lengths of those n-grams, within word boundaries.
    min_df : int, default=1
        Ignore terms in fewer texts than this.
    max_df : float, default=0.5
        Ignore terms in more than this share of the texts of a language that has at least
        ``min_language_docs`` texts.
    min_language_docs : int, default=20
        Fewer texts than this in a language are too few to judge its frequent terms.
    max_features : int or None, default=None
        Keep only the most frequent terms.

    Attributes
    ----------
    vocabulary_ : dict of str to int
        Term to column.
    labels_ : ndarray of str
        A readable name per column: a stem's most frequent written word (case-folded),
        or an n-gram itself.
    is_gram_ : ndarray of bool
        Columns that are character n-grams.
    idf_ : ndarray of float
        Inverse document frequency per column.
    """

    def __init__(
        self,
        *,
        language: str = "detect",
        stop_words: bool = True,
        stem: bool = True,
        ngrams: str | tuple[str, ...] = NGRAM_LANGUAGES,
        ngram_range: tuple[int, int] = (2, 3),
        min_df: int = 1,
        max_df: float = 0.5,
        min_language_docs: int = 20,
        max_features: int | None = None,
    ) -> None:
        self.language = language
        self.stop_words = stop_words
        self.stem = stem
        self.ngrams = ngrams
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.min_language_docs = min_language_docs
        self.max_features = max_features

    def fit(self, X: Iterable[Document], y: object = None) -> TextVectorizer:  # noqa: N803
        """Learn the terms and their IDF from ``(text, languages)`` documents."""
        self.fit_transform(X)
        return self

    def fit_transform(self, X: Iterable[Document], y: object = None, **_: Any) -> sp.csr_matrix:  # noqa: N803
        """Fit and return the TF-IDF rows of ``X`` (one per document, L2-normalised)."""
        if self.language not in {"detect", "first"} or (
            isinstance(self.ngrams, str) and self.ngrams not in {"unstemmed", "all", "none"}
        ):
            raise ValueError(f"unknown language={self.language!r} or ngrams={self.ngrams!r}")
        self.terms_ = WordTerms(
            (self.ngram_range[0], self.ngram_range[1]),
            _codes(self.ngrams),
            stop=self.stop_words,
            stem=self.stem,
        )
        read = list(X)
        docs = [self._prepare(text, listed) for text, listed in read]
        # Reasons read the fitted texts again: each one's language is then looked up, not detected.
        self._languages = {
            (text, tuple(listed)): lang for (text, listed), (_, lang) in zip(read, docs, strict=True)
        }
        counter = CountVectorizer(analyzer=self._analyze, min_df=self.min_df, dtype=np.float64)
        try:
            counts = sp.csr_matrix(counter.fit_transform(docs))
        except ValueError:  # no term at all
            return self._set_vocabulary({}, docs, np.zeros(0), len(docs))
        keep = self._kept_columns(counts, [lang for _, lang in docs])
        if not len(keep):  # every term too common to tell people apart (everyone wrote the same)
            return self._set_vocabulary({}, docs, np.zeros(0), len(docs))
        terms = counter.get_feature_names_out()[keep]
        counts = counts[:, keep]
        self.tfidf_ = TfidfTransformer(sublinear_tf=True).fit(counts)
        self._set_vocabulary({str(t): k for k, t in enumerate(terms)}, docs, self.tfidf_.idf_, len(docs))
        return sp.csr_matrix(self.tfidf_.transform(counts), dtype=np.float64)

    def _kept_columns(self, counts: sp.csr_matrix, languages: list[str]) -> npt.NDArray[np.intp]:
        codes, which = np.unique(np.asarray(languages, dtype=object), return_inverse=True)
        sizes = np.bincount(which, minlength=len(codes))
        member = sp.csr_matrix(
            (np.ones(len(which)), (which, np.arange(len(which)))), shape=(len(codes), len(which))
        )
        used = (member @ (counts > 0).astype(np.float64)).toarray()
        judged = sizes >= self.min_language_docs
        common = (used[judged] > self.max_df * sizes[judged, None]).any(axis=0)
        keep = np.flatnonzero(~common)
        if self.max_features is not None and len(keep) > self.max_features:
            totals = np.asarray(counts[:, keep].sum(axis=0)).ravel()
            keep = np.sort(keep[np.argsort(-totals, kind="stable")[: self.max_features]])
        return keep

    def _set_vocabulary(
        self, vocabulary: dict[str, int], docs: list[_Prepared], idf: npt.NDArray[np.float64], n_docs: int
    ) -> sp.csr_matrix:
        self.vocabulary_ = vocabulary
        self.idf_ = np.asarray(idf, dtype=np.float64)
        self.labels_ = self._labels(docs)
        self.is_gram_ = np.array([t.startswith(GRAM) for t in vocabulary], dtype=bool)
        return sp.csr_matrix((n_docs, len(vocabulary)), dtype=np.float64)

    def _labels(self, docs: list[_Prepared]) -> npt.NDArray[np.object_]:
        """Each stem's most frequent written word (unhyphenated ones first); n-grams as they are."""
        by_language: dict[str, list[list[str]]] = {}
        for words, lang in docs:
            by_language.setdefault(lang, []).append(words)
        seen = {lang: Counter(chain.from_iterable(texts)) for lang, texts in by_language.items()}
        best: dict[str, tuple[bool, int, str]] = {}
        for lang, counts in seen.items():
            for word, count in counts.items():
                key = (not WORD_JOINERS.search(word), count, word)
                for term in self.terms_.terms([word], lang):
                    if term in self.vocabulary_ and key[:2] > best.get(term, (False, 0, ""))[:2]:
                        best[term] = key
        return np.array(
            [t.strip() if t.startswith(GRAM) else best.get(t, (True, 0, t))[2] for t in self.vocabulary_],
            dtype=object,
        )

    def _prepare(self, text: str, listed: Sequence[str], words: list[str] | None = None) -> _Prepared:
        words = split_words(text.casefold()) if words is None else words
        if self.language == "first":
            return words, base_code(listed[0]) if listed else ""
        return words, detect_language(words, listed)

    def _analyze(self, doc: _Prepared) -> list[str]:
        return self.terms_.terms(*doc)

    def transform(self, X: Iterable[Document]) -> sp.csr_matrix:  # noqa: N803
        """TF-IDF rows of ``(text, languages)`` documents, L2-normalised (zero rows for no term)."""
        check_is_fitted(self, "vocabulary_")
        docs = [self._prepare(text, listed) for text, listed in X]
        if not self.vocabulary_:
            return sp.csr_matrix((len(docs), 0), dtype=np.float64)
        counter = CountVectorizer(analyzer=self._analyze, vocabulary=self.vocabulary_, dtype=np.float64)
        return sp.csr_matrix(self.tfidf_.transform(counter.transform(docs)), dtype=np.float64)

    def surface_words(
        self, text: str, languages: Sequence[str], columns: Iterable[int] | None = None
    ) -> dict[int, list[str]]:
        """The words of ``text``, exactly as written, that give each of ``columns``.

        Parameters
        ----------
        text : str
            One person's text (as transformed).
        languages : sequence of str
            The languages that person speaks, most fluent first (as transformed).
        columns : iterable of int, optional
            Columns of this vectorizer's output; all of them by default (the text is read
            once whatever the columns, so asking for all at once is cheapest).

        Returns
        -------
        dict of int to list of str
            For each of ``columns`` that the text has, its distinct written words in
            order of appearance (a word once, however often written).
        """
        found = self.written(text, languages, columns)
        return {column: list(words) for column, words in found.items()}

    def written(
        self,
        text: str,
        languages: Sequence[str],
        columns: Iterable[int] | None = None,
        *,
        stems_only: bool = False,
    ) -> dict[int, dict[str, None]]:
        """:meth:`surface_words` with each column's words as dict keys: what reasons read, faster.

        With ``stems_only``, only stem columns (no n-grams): the ones a reason may name.
        """
        if not hasattr(self, "vocabulary_"):  # check_is_fitted costs more than the read (see above)
            check_is_fitted(self, "vocabulary_")
        wanted = None if columns is None else set(columns)
        written = split_words(text)
        words = [w.casefold() for w in written]
        language = self.__dict__.get("_languages", {}).get((text, tuple(languages)))
        if language is None:
            language = self._prepare(text, languages, words)[1]
        found: dict[int, dict[str, None]] = {}
        # Most words give no column (function words) or one: look them all up at once, loop over the rest.
        lookup = self._columns(language, stems_only)
        for surface, columns_of in zip(written, map(lookup.__getitem__, words), strict=True):
            for column in columns_of:
                if wanted is None or column in wanted:
                    found.setdefault(column, {})[surface] = None
        return found

    def _columns(self, language: str, stems_only: bool) -> dict[str, tuple[int, ...]]:
        """Case-folded word to its columns in ``language`` (stems only, or all), each worked out once."""
        cache: tuple[dict[str, int], dict[tuple[str, bool], Any]] | None = self.__dict__.get("_column_cache")
        if cache is None or cache[0] is not self.vocabulary_:  # refitted: the columns changed
            cache = (self.vocabulary_, {})
            self._column_cache = cache
        found = cache[1].get((language, stems_only))
        if found is None:
            terms, vocabulary, grams = self.terms_.lookup(language), self.vocabulary_, self.is_gram_

            def columns(word: str) -> tuple[int, ...]:
                found = (vocabulary.get(term) for term in terms[word])
                return tuple(c for c in found if c is not None and not (stems_only and grams[c]))

            found = cache[1][language, stems_only] = _Terms(columns)  # type: ignore[arg-type]
        return found  # type: ignore[return-value]

    def state(self) -> dict[str, Any]:
        """The fitted vectorizer as plain JSON-friendly data: parameters, terms, IDF and labels."""
        check_is_fitted(self, "vocabulary_")
        return {
            "params": self.get_params(),
            "terms": sorted(self.vocabulary_, key=self.vocabulary_.__getitem__),
            "idf": [float(x) for x in self.idf_],
            "labels": [str(x) for x in self.labels_],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> TextVectorizer:
        """Rebuild a fitted vectorizer from :meth:`state`; it transforms exactly as before."""
        params = dict(state["params"])
        params["ngram_range"] = tuple(params["ngram_range"])
        params["ngrams"] = params["ngrams"] if isinstance(params["ngrams"], str) else tuple(params["ngrams"])
        vectorizer = cls(**params)
        vectorizer.terms_ = WordTerms(
            vectorizer.ngram_range,
            _codes(vectorizer.ngrams),
            stop=vectorizer.stop_words,
            stem=vectorizer.stem,
        )
        vectorizer.vocabulary_ = {t: k for k, t in enumerate(state["terms"])}
        vectorizer.idf_ = np.asarray(state["idf"], dtype=np.float64)
        vectorizer.labels_ = np.array(state["labels"], dtype=object)
        vectorizer.is_gram_ = np.array([t.startswith(GRAM) for t in state["terms"]], dtype=bool)
        tfidf = TfidfTransformer(sublinear_tf=True)
        tfidf.idf_ = vectorizer.idf_
        tfidf.n_features_in_ = len(vectorizer.idf_)
        vectorizer.tfidf_ = tfidf
        return vectorizer

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.required = False
        tags.transformer_tags.preserves_dtype = []
        return tags


def _codes(ngrams: str | Sequence[str]) -> str | frozenset[str]:
    return ngrams if isinstance(ngrams, str) else frozenset(base_code(c) for c in ngrams)
