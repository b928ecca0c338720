"""Search and pricing of peer pairs: best partners over all peers, and the pairs a bound misses.

The peer score is symmetric, so :func:`scan_lists` scores each tile of pairs once for
both its rows and its columns and keeps, per peer, the best partners above a sampled
floor, with a ``tail`` bounding every pair left out. :class:`Pricing` finds the pairs
outside the lists that violate (or nearly) the fractional matching's dual constraints
``y_a + y_b >= s_ab``, for :func:`~matching.solvers.pairing.solve_pairs` to add.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.scoring.candidates import CandidateLists, PairScorer
from matching.scoring.languages import share_language, share_language_pairs
from matching.solvers.pairing import NEAR
from matching.table import hours_apart

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class Tiles:
    """Blocks of the peer scores ``left @ right.T``: dense over common columns, sparse over the rest.

    Text features are wide (a column per stem and per character n-gram of the inflection-rich
    and unspaced languages) but most columns are in few texts. A dense product pays for every
    column in every pair; here only columns in more than ``share`` of the rows of either side
    go dense, the rest multiply as sparse matrices. Same scores (to rounding), several times
    faster at 20,000 peers than one dense product.

    Parameters
    ----------
    left, right : scipy.sparse.csr_matrix, shape (n_peers, n_features)
    share : float, default=0.05
    """

    def __init__(self, left: sp.csr_matrix, right: sp.csr_matrix, share: float = 0.05) -> None:
        width = left.shape[1]
        used = np.bincount(left.indices, minlength=width) + np.bincount(right.indices, minlength=width)
        common = used > share * max(1, left.shape[0])
        self.left_common = sp.csr_matrix(left[:, common])
        self.right_common = np.ascontiguousarray(right[:, common].toarray())
        self.left_rare = sp.csr_matrix(left[:, ~common])
        self.right_rare = sp.csr_matrix(right[:, ~common])

    def block(self, rows: IntArray, cols: IntArray | None = None) -> FloatArray:
        """Scores of ``rows`` against ``cols`` (every peer when ``None``), one row per row."""
        dense = self.right_common if cols is None else self.right_common[cols]
        rare = self.right_rare if cols is None else self.right_rare[cols]
        out: FloatArray = self.left_common[rows].toarray() @ dense.T
        extra = sp.coo_matrix(self.left_rare[rows] @ rare.T)
        # A sparse product has one entry per (row, column): plain indexed addition is exact.
        out[extra.row, extra.col] += extra.data
        return out


def _eligible(scorer: PairScorer, rows: IntArray, cols: IntArray, n: int) -> npt.NDArray[np.bool_]:
    """Language, self, time-zone, exclusion and answer-rule constraints of pairs ``(rows[k], cols[k])``."""
    words = scorer.mentee_words
    ok = share_language_pairs(words[rows], words[cols])
    ok &= rows != cols
    limit = scorer.constraints.max_hours_apart
    if limit is not None:
        ok &= ~(hours_apart(scorer.mentee_hours[rows], scorer.mentor_hours[cols]) > limit)
    exclude = scorer.constraints.exclude
    if exclude is not None and len(exclude):
        ok &= ~np.isin(rows * n + cols, exclude[:, 0] * n + exclude[:, 1])
    return ok & scorer.rules_allow(rows, cols)


def scan_lists(
    scorer: PairScorer, right: Tiles, size: int, *, block: int = 1024, seed: int = 0
) -> CandidateLists:
    """Each peer's best ``size`` eligible partners over *all* peers, and a bound on the rest.

    The score is symmetric, so each tile of ``block x block`` pairs at or above the diagonal
    is scored once and serves both its rows and its columns. Each row keeps the eligible
    entries above a floor estimated from a sample of columns (about three times ``size``
    reach it); its ``tail`` is the larger of that floor and the best entry it did not keep.

    Parameters
    ----------
    scorer : PairScorer
        Peers against peers.
    right : Tiles
        The peer scores, block by block.
    size : int
        List length.
    block : int, default=1024
        Tile side.
    seed : int, default=0
        Seed of the column sample.
    """
    n = scorer.needs.shape[0]
    keep = min(size, max(n - 1, 0))
    floor = _row_floors(scorer, right, keep, seed) if keep < n - 1 else np.full(n, -np.inf)
    found: list[tuple[IntArray, IntArray, FloatArray]] = [
        (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    ]
    least = max(scorer.constraints.min_score, 0.0)
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block), dtype=np.int64)
        for other in range(start, n, block):
            cols = np.arange(other, min(n, other + block), dtype=np.int64)
            tile = right.block(rows, cols)
            # Rows keep what beats their floor; columns (the mirrored tile) what beats theirs.
            i, j = np.nonzero(tile > np.maximum(floor[rows], least)[:, None])
            sides = [(rows[i], cols[j], tile[i, j])]
            if other != start:
                i, j = np.nonzero(tile > np.maximum(floor[cols], least)[None, :])
                sides.append((cols[j], rows[i], tile[i, j]))
            for a, b, value in sides:
                ok = _eligible(scorer, a, b, n) & (value > 0) & (value >= scorer.constraints.min_score)
                found.append((a[ok], b[ok], value[ok]))
    scorer.pairs_scored += n * n
    rows, cols, values = (np.concatenate(p) for p in zip(*found, strict=True))
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    tail = np.where(np.isfinite(floor), np.maximum(floor, 0.0) + 1e-9, -np.inf)
    nxt = rank == keep
    tail[rows[nxt]] = np.maximum(tail[rows[nxt]], values[nxt] + 1e-9)
    kept = rank < keep
    rows, cols, values = rows[kept], cols[kept], values[kept]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))]).astype(np.int64)
    return CandidateLists(indptr, cols, values, tail, scorer.pairs_scored)


def _row_floors(scorer: PairScorer, right: Tiles, keep: int, seed: int) -> FloatArray:
    """Per row, a score about ``3 * keep`` eligible partners reach, from a sample of columns."""
    n = scorer.needs.shape[0]
    sample = np.sort(np.random.default_rng(seed).choice(n, size=min(n, 1024), replace=False))
    depth = min(len(sample) - 1, max(1, int(3 * keep * len(sample) / n)))
    floors = np.full(n, -np.inf)
    for start in range(0, n, 2048):
        rows = np.arange(start, min(n, start + 2048), dtype=np.int64)
        scores = right.block(rows, sample)
        # Only the language and self rules here: the floor is an estimate, the tail stays a bound anyway.
        speaks = share_language(scorer.mentee_words[rows], scorer.mentee_words[sample])
        scores[~speaks | (rows[:, None] == sample[None, :])] = -np.inf
        floors[rows] = -np.partition(-scores, depth, axis=1)[:, depth]
    # A row with too few eligible sampled partners keeps everything eligible.
    return np.where(np.isfinite(floors), floors, -np.inf)


class Pricing:
    """Pairs outside the candidates that violate (or nearly) ``y_a + y_b >= s_ab``, scoring few pairs.

    A pair missing from both lists scores at most ``tail`` of each end. Rows with
    ``tail_i - y_i > theta`` are scored against everyone; the others only against the
    peers with ``y_j < theta`` (for the rest ``y_i + y_j >= tail_i``). ``theta`` is chosen to
    score the fewest pairs.
    """

    def __init__(self, scorer: PairScorer, right: Tiles, tail: FloatArray) -> None:
        self.scorer, self.right, self.tail = scorer, right, tail

    def __call__(self, y: FloatArray) -> tuple[IntArray, IntArray, FloatArray]:
        n = len(y)
        slack = self.tail - y
        if n == 0 or not np.isfinite(slack).any():
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        thetas = np.unique(np.quantile(y, np.linspace(0, 1, 101)))
        cost = [(slack > t).sum() + (y < t).sum() for t in thetas]
        theta = float(thetas[int(np.argmin(cost))])
        full = np.flatnonzero(slack > theta)
        low = np.flatnonzero(y < theta)
        found: list[tuple[IntArray, IntArray, FloatArray]] = []
        for rows, cols in ((full, np.arange(n)), (np.arange(n), low)):
            if len(rows) and len(cols):
                found.append(self._violations(rows.astype(np.int64), cols.astype(np.int64), y))
        a = np.concatenate([f[0] for f in found]) if found else np.zeros(0, np.int64)
        b = np.concatenate([f[1] for f in found]) if found else np.zeros(0, np.int64)
        s = np.concatenate([f[2] for f in found]) if found else np.zeros(0)
        return a, b, s

    def _violations(
        self, rows: IntArray, cols: IntArray, y: FloatArray
    ) -> tuple[IntArray, IntArray, FloatArray]:
        parts = [(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))]
        step = max(1, 8_000_000 // max(1, len(cols)))
        every = len(cols) == len(y)
        n, least = len(y), self.scorer.constraints.min_score
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            scores = self.right.block(part, None if every else cols)
            i, j = np.nonzero(scores - y[cols][None, :] > y[part][:, None] - NEAR)
            a, b, value = part[i], cols[j], scores[i, j]
            ok = _eligible(self.scorer, a, b, n) & (value > 0) & (value >= least)
            parts.append((a[ok], b[ok], value[ok]))
        return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]
