"""The exact dense reference: scipy's assignment on the capacity-expanded score matrix."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

from matching.scoring.candidates import PairScorer


def dense_scores(scorer: PairScorer) -> npt.NDArray[np.float64]:
    """Every pair's score, ``-inf`` where forbidden."""
    n, m = scorer.needs.shape[0], scorer.offers.shape[0]
    return scorer.block(np.arange(n, dtype=np.int64), np.arange(m, dtype=np.int64))


def exact_total(scores: npt.NDArray[np.float64], capacity: npt.NDArray[np.int64]) -> float:
    """Optimal total: one column per unit of capacity, forbidden pairs worth nothing."""
    slots = np.repeat(np.arange(len(capacity)), capacity)
    if scores.shape[0] == 0 or len(slots) == 0:
        return 0.0
    weights = np.where(np.isfinite(scores), scores, 0.0)[:, slots]
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return float(weights[rows, cols].sum())
