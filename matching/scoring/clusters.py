"""Small clusters of mentors with elementwise bounds, so whole blocks can be skipped unscored."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from sklearn.cluster import MiniBatchKMeans

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
_DENSE_LIMIT = 20_000_000


def _labels(
    offers: sp.csr_matrix,
    languages: npt.NDArray[np.float32],
    size: int,
    seed: int,
    coarse_given: IntArray | None = None,
) -> tuple[IntArray, FloatArray]:
    """Coarse k-means on the offers (unless coarse groups are given), then chunks of at most ``size``.

    Inside a coarse group mentors are ordered by language and strongest feature.

    Returns the labels and the coarse centres.
    """
    m = offers.shape[0]
    n_coarse = max(1, m // (8 * size))
    if coarse_given is not None:
        coarse = np.asarray(coarse_given, dtype=np.int64)
        n_coarse = int(coarse.max(initial=-1)) + 1
        centres = np.zeros((1, offers.shape[1]))
    elif n_coarse > 1:
        model = MiniBatchKMeans(
            n_clusters=n_coarse, random_state=seed, n_init=1, batch_size=2048, max_iter=10
        )
        coarse = model.fit_predict(offers).astype(np.int64)
        centres = np.asarray(model.cluster_centers_, dtype=np.float64)
    else:
        coarse = np.zeros(m, dtype=np.int64)
        centres = np.asarray(offers.mean(axis=0), dtype=np.float64).reshape(1, -1)
    weights = 2 ** np.arange(languages.shape[1], dtype=np.float64) % 1e15
    signature = languages.astype(np.float64) @ weights
    top = np.asarray(offers.argmax(axis=1)).ravel()
    order = np.lexsort((np.arange(m), top, signature, coarse))
    counts = np.bincount(coarse, minlength=n_coarse)
    labels = np.empty(m, dtype=np.int64)
    next_label = 0
    start = 0
    for count in counts:
        chunks = -(-int(count) // size)
        if chunks:
            part = (np.arange(count) * chunks) // count
            labels[order[start : start + count]] = next_label + part
        next_label += chunks
        start += int(count)
    return labels, centres


class MentorClusters:
    """Mentors in clusters of at most ``size``, with elementwise maxima and minima of their offers.

    Parameters
    ----------
    offers : scipy.sparse.csr_matrix, shape (n_mentors, n_features)
    languages : ndarray, shape (n_mentors, n_languages)
    size : int, default=16
        Largest cluster.
    seed : int, default=0
        Seed of the coarse k-means.
    coarse : ndarray of int, shape (n_mentors,), optional
        Coarse groups to use instead of the k-means (e.g. mentees by their nearest mentor
        group, when clustering the other side); :meth:`nearest` is then unavailable.

    Attributes
    ----------
    labels : ndarray of int, shape (n_mentors,)
    n_clusters : int
    languages : ndarray, shape (n_clusters, n_languages)
        One where any member speaks the language.
    """

    def __init__(
        self,
        offers: sp.csr_matrix,
        languages: npt.NDArray[np.float32],
        *,
        size: int = 16,
        seed: int = 0,
        coarse: IntArray | None = None,
    ) -> None:
        m, d = offers.shape
        if m:
            self.labels, self._centres = _labels(offers, languages, size, seed, coarse)
        else:
            self.labels, self._centres = np.zeros(0, dtype=np.int64), np.zeros((1, d))
        self.n_clusters = int(self.labels.max()) + 1 if m else 0
        self.order = np.argsort(self.labels, kind="stable")
        self.starts = np.searchsorted(self.labels[self.order], np.arange(self.n_clusters + 1))
        member = sp.csr_matrix((np.ones(m), (self.labels, np.arange(m))), shape=(self.n_clusters, m))
        self.languages = np.asarray((member @ languages) > 0, dtype=np.float32)
        self._high, self._low = self._extremes(offers.tocoo(), d)

    def _extremes(self, coo: sp.coo_matrix, d: int) -> tuple[sp.csr_matrix | FloatArray, sp.csr_matrix]:
        cluster = self.labels[coo.row]
        keys = cluster * d + coo.col
        order = np.argsort(keys, kind="stable")
        keys, values = keys[order], coo.data[order]
        unique, starts, counts = np.unique(keys, return_index=True, return_counts=True)
        high = np.maximum.reduceat(values, starts) if len(values) else np.zeros(0)
        low = np.minimum.reduceat(values, starts) if len(values) else np.zeros(0)
        sizes = np.diff(self.starts)[unique // d]
        # A member without the feature has the value 0 there.
        partial = counts < sizes
        high = np.where(partial, np.maximum(high, 0), high)
        low = np.where(partial, np.minimum(low, 0), low)
        shape = (self.n_clusters, d)
        high_m = sp.csr_matrix((high, (unique // d, unique % d)), shape=shape)
        low_m = sp.csr_matrix((low, (unique // d, unique % d)), shape=shape)
        low_m.eliminate_zeros()
        if self.n_clusters * d <= _DENSE_LIMIT:
            return np.asarray(high_m.T.todense()), low_m
        return high_m.T.tocsr(), low_m

    def feature_major(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """The clusters' feature-wise maxima and minima as ``(n_features, n_clusters)`` sparse rows."""
        high = sp.csr_matrix(self._high)
        high.eliminate_zeros()
        return high, sp.csr_matrix(self._low.T)

    def members(self, cluster: int) -> IntArray:
        """Mentor positions in ``cluster``."""
        return self.order[self.starts[cluster] : self.starts[cluster + 1]]

    def nearest(self, needs: sp.csr_matrix) -> IntArray:
        """The coarse group each need row is closest to (to score similar mentees together)."""
        return np.asarray(np.argmax(needs @ self._centres.T, axis=1), dtype=np.int64).ravel()

    def upper_bounds(self, needs: sp.csr_matrix) -> FloatArray:
        """Upper bound on ``needs[i] . offers[j]`` over the members ``j`` of each cluster.

        Parameters
        ----------
        needs : scipy.sparse.csr_matrix, shape (n_rows, n_features)

        Returns
        -------
        ndarray of float, shape (n_rows, n_clusters)
        """
        positive = needs.copy()
        positive.data = np.maximum(positive.data, 0)
        bound = positive @ self._high
        bound = np.asarray(bound.todense() if sp.issparse(bound) else bound, dtype=np.float64)
        negative = needs.copy()
        negative.data = np.minimum(negative.data, 0)
        negative.eliminate_zeros()
        if negative.nnz and self._low.nnz:
            bound += np.asarray((negative @ self._low.T).todense())
        # Round-off in the two products must never push the bound below a true score.
        return np.asarray(bound + 1e-9 * (1 + np.abs(bound)), dtype=np.float64)
