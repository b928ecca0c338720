"""Compiled inner loop of candidate retrieval and the price check: bound clusters, score, keep the best.

One pass per mentee, in parallel over mentees: the score bound of every mentor cluster
(a sparse row against the clusters' feature-wise extremes), then the clusters whose
bound minus their lowest price could beat the row's floor, best first, scored member
by member with every hard constraint, keeping the ``keep`` best reduced scores
``s - v``. Whatever is left out, scored or not, is bounded exactly, which is what lets
the price check certify optimality over all pairs. Written with numba because the
numpy version spent most of its time building, masking and re-reading ``n x K`` bound
matrices instead of computing.
"""

from __future__ import annotations

import numba as nb
import numpy as np
import numpy.typing as npt

from matching.scoring.languages import WordArray

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@nb.njit(cache=True, nogil=True, inline="always")
def _shares(a: WordArray, b: WordArray) -> bool:  # pragma: no cover - compiled
    for w in range(a.shape[0]):  # noqa: SIM110 - numba compiles loops, not generators
        if a[w] & b[w]:
            return True
    return False


@nb.njit(cache=True, nogil=True, inline="always")
def _rules_hold(a: WordArray, b: WordArray, modes: IntArray) -> bool:  # pragma: no cover - compiled
    """Whether every hard rule over answers allows the pair (see ``matching.scoring.questions``)."""
    for r in range(modes.shape[0]):
        x, y = a[r], b[r]
        if x == 0 or y == 0:
            continue  # an unknown answer passes
        mode = modes[r]
        if mode == 0:
            bad = x != y
        elif mode == 1:
            bad = x == y
        elif mode == 2:
            bad = (x & y) == 0
        else:
            bad = (x & y) != 0
        if bad:
            return False
    return True


@nb.njit(cache=True, nogil=True, inline="always")
def _dot(
    dense: FloatArray, indices: IntArray, data: FloatArray, start: int, stop: int
) -> float:  # pragma: no cover
    """A sparse row against a dense one, in four independent sums (the adds need not wait on each other)."""
    s0 = s1 = s2 = s3 = 0.0
    p = start
    while p + 4 <= stop:
        s0 += dense[indices[p]] * data[p]
        s1 += dense[indices[p + 1]] * data[p + 1]
        s2 += dense[indices[p + 2]] * data[p + 2]
        s3 += dense[indices[p + 3]] * data[p + 3]
        p += 4
    while p < stop:
        s0 += dense[indices[p]] * data[p]
        p += 1
    return (s0 + s1) + (s2 + s3)


@nb.njit(cache=True, nogil=True, inline="always")
def _below(hv: FloatArray, hm: IntArray, a: int, b: int) -> bool:  # pragma: no cover - compiled
    """Heap order: lower reduced score first; on ties the larger mentor position (it is dropped first)."""
    return bool(hv[a] < hv[b] or (hv[a] == hv[b] and hm[a] > hm[b]))


@nb.njit(cache=True, nogil=True, inline="always")
def _swap(hv: FloatArray, hm: IntArray, hs: FloatArray, a: int, b: int) -> None:  # pragma: no cover
    hv[a], hv[b] = hv[b], hv[a]
    hm[a], hm[b] = hm[b], hm[a]
    hs[a], hs[b] = hs[b], hs[a]


@nb.njit(cache=True, nogil=True)
def _sift_down(hv: FloatArray, hm: IntArray, hs: FloatArray, size: int) -> None:  # pragma: no cover
    """Restore the min-heap from the root."""
    k = 0
    while 2 * k + 1 < size:
        child = 2 * k + 1
        if child + 1 < size and _below(hv, hm, child + 1, child):
            child += 1
        if not _below(hv, hm, child, k):
            return
        _swap(hv, hm, hs, k, child)
        k = child


@nb.njit(cache=True, nogil=True)
def _sift_up(hv: FloatArray, hm: IntArray, hs: FloatArray, k: int) -> None:  # pragma: no cover
    """Restore the min-heap from entry ``k`` up."""
    while k > 0 and _below(hv, hm, k, (k - 1) // 2):
        _swap(hv, hm, hs, k, (k - 1) // 2)
        k = (k - 1) // 2


@nb.njit(cache=True, nogil=True)
def best_pairs(
    start: int,
    stop: int,
    out_m: IntArray,
    out_s: FloatArray,
    counts: IntArray,
    left_out: FloatArray,
    scored: IntArray,
    rows: IntArray,
    floor: FloatArray,
    cap: FloatArray,
    base: FloatArray,
    prices: FloatArray,
    keep: int,
    budget: int,
    c_id: IntArray,
    c_minv: FloatArray,
    c_lift: FloatArray,
    h_indptr: IntArray,
    h_indices: IntArray,
    h_data: FloatArray,
    l_indptr: IntArray,
    l_indices: IntArray,
    l_data: FloatArray,
    n_indptr: IntArray,
    n_indices: IntArray,
    n_data: FloatArray,
    c_starts: IntArray,
    c_words: WordArray,
    slot_mentor: IntArray,
    o_indptr: IntArray,
    o_indices: IntArray,
    o_data: FloatArray,
    e_words: WordArray,
    r_words: WordArray,
    e_table: IntArray,
    r_table: IntArray,
    e_hours: FloatArray,
    r_hours: FloatArray,
    max_hours: float,
    min_score: float,
    excluded: IntArray,
    n_features: int,
    e_rules: WordArray,
    r_rules: WordArray,
    rule_modes: IntArray,
) -> None:  # pragma: no cover - compiled
    """Per row, the ``keep`` best eligible pairs whose reduced score ``s - prices[j]`` beats ``floor``.

    Rows ``start:stop`` are done, into ``out_m``, ``out_s`` (best reduced score first),
    ``counts``, ``left_out`` (a bound on the reduced score of every eligible pair left
    out, ``-inf`` if none) and ``scored`` (pairs scored). ``cap`` bounds the score of
    every pair of a row that matters (``inf``: none known), and ``base + c_lift`` the
    reduced score of every such pair in a cluster (``inf``: none known).

    Only the clusters ``c_id`` are searched (``c_minv``: their lowest price; ``h_*`` and
    ``l_*``: their feature-wise maxima and minima, feature by feature, in that numbering),
    best bound first, at most ``budget`` per row. Mentor-side arrays are in cluster order
    (slots); ``slot_mentor`` maps a slot to its mentor. ``e_rules`` and ``r_rules`` (slots)
    hold each side's codes of the hard rules over answers, ``rule_modes`` their modes (none:
    no rule, no work). Releases the GIL, so threads run row ranges at once.
    """
    n_clusters = c_id.shape[0]
    n_mentors = slot_mentor.shape[0]
    n_rules = rule_modes.shape[0]
    bound = np.zeros(n_clusters)
    dense = np.zeros(n_features)
    reach = np.empty(n_clusters)
    cand = np.empty(n_clusters, dtype=np.int64)
    hv = np.empty(keep)
    hm = np.empty(keep, dtype=np.int64)
    hs = np.empty(keep)
    for at in range(start, stop):
        i = rows[at]
        row_floor = floor[at]
        row_cap = cap[at]
        row_base = base[at]
        left = -np.inf
        bound[:] = 0.0
        for p in range(n_indptr[i], n_indptr[i + 1]):
            f = n_indices[p]
            x = n_data[p]
            dense[f] = x
            if x > 0:
                for q in range(h_indptr[f], h_indptr[f + 1]):
                    bound[h_indices[q]] += x * h_data[q]
            elif x < 0:
                for q in range(l_indptr[f], l_indptr[f + 1]):
                    bound[l_indices[q]] += x * l_data[q]
        n_cand = 0
        row_words = e_words[i]
        for k in range(n_clusters):
            b = bound[k]
            # Round-off in the sums must never push the bound below a true score.
            b += 1e-9 * (1.0 + abs(b))
            if b < min_score or not _shares(row_words, c_words[c_id[k]]):
                continue
            b = min(b, row_cap)
            r = min(b - c_minv[k], row_base + c_lift[k])
            if r > row_floor:
                reach[n_cand] = r
                cand[n_cand] = c_id[k]
                n_cand += 1
            elif r > left:
                left = r
        if n_cand > budget:
            # Only the ``budget`` best-bounded clusters can be scored: the next bounds the rest.
            cut = -np.partition(-reach[:n_cand], budget)[budget]
            left = max(left, cut)
            kept = 0
            for k in range(n_cand):
                if reach[k] > cut:
                    reach[kept], cand[kept] = reach[k], cand[k]
                    kept += 1
            n_cand = kept
        order = np.argsort(-reach[:n_cand], kind="mergesort")
        size = 0
        cur = row_floor
        done = 0
        for k in range(n_cand):
            c = cand[order[k]]
            r_c = reach[order[k]]
            if r_c <= cur or done >= budget:
                # Best first: this cluster bounds every one not scored.
                left = max(left, r_c)
                break
            done += 1
            first, width = c_starts[c], c_starts[c + 1] - c_starts[c]
            scored[at] += width
            for t in range(width):
                slot = first + t
                j = slot_mentor[slot]
                # An infinite price leaves a mentor out (a search among some mentors only).
                if prices[j] == np.inf or not _shares(row_words, r_words[slot]):
                    continue
                if n_rules and not _rules_hold(e_rules[i], r_rules[slot], rule_modes):
                    continue
                s = _dot(dense, o_indices, o_data, o_indptr[slot], o_indptr[slot + 1])
                if s < min_score or e_table[i] == r_table[slot]:
                    continue
                if max_hours >= 0:
                    apart = abs(e_hours[i] - r_hours[slot]) % 24.0
                    if min(apart, 24.0 - apart) > max_hours:
                        continue
                if excluded.shape[0]:
                    key = i * n_mentors + j
                    pos = np.searchsorted(excluded, key)
                    if pos < excluded.shape[0] and excluded[pos] == key:
                        continue
                red = s - prices[j]
                if red <= cur:
                    left = max(left, red)
                    continue
                if size < keep:
                    hv[size], hm[size], hs[size] = red, j, s
                    _sift_up(hv, hm, hs, size)
                    size += 1
                else:
                    left = max(left, hv[0])
                    hv[0], hm[0], hs[0] = red, j, s
                    _sift_down(hv, hm, hs, size)
                if size == keep:
                    cur = max(row_floor, hv[0])
        for p in range(n_indptr[i], n_indptr[i + 1]):
            dense[n_indices[p]] = 0.0
        # Best reduced score first (ties: smaller mentor position first).
        for k in range(size - 1, -1, -1):
            out_m[at, k], out_s[at, k] = hm[0], hs[0]
            hv[0], hm[0], hs[0] = hv[k], hm[k], hs[k]
            _sift_down(hv, hm, hs, k)
        counts[at] = size
        left_out[at] = left


@nb.njit(cache=True, nogil=True)
def mentor_tops(
    mentors: IntArray, scores: FloatArray, limit: IntArray
) -> npt.NDArray[np.bool_]:  # pragma: no cover - compiled
    """Which entries are among their mentor's ``limit[j]`` best scores (ties: the earlier entry).

    One pass with a bounded min-heap per mentor, instead of sorting every entry by mentor
    and score.
    """
    n_mentors = limit.shape[0]
    offset = np.zeros(n_mentors + 1, dtype=np.int64)
    for j in range(n_mentors):
        offset[j + 1] = offset[j] + max(limit[j], 0)
    hv = np.empty(offset[n_mentors])
    hm = np.empty(offset[n_mentors], dtype=np.int64)  # entry numbers; a larger one loses a tie
    hs = np.empty(offset[n_mentors])  # unused payload, so the heap helpers apply as they are
    size = np.zeros(n_mentors, dtype=np.int64)
    for e in range(mentors.shape[0]):
        j = mentors[e]
        cap, first = offset[j + 1] - offset[j], offset[j]
        if cap == 0:
            continue
        v, w, x = hv[first : first + cap], hm[first : first + cap], hs[first : first + cap]
        if size[j] < cap:
            v[size[j]], w[size[j]] = scores[e], e
            _sift_up(v, w, x, size[j])
            size[j] += 1
        elif scores[e] > v[0]:
            v[0], w[0] = scores[e], e
            _sift_down(v, w, x, cap)
    kept = np.zeros(mentors.shape[0], dtype=np.bool_)
    for j in range(n_mentors):
        for k in range(size[j]):
            kept[hm[offset[j] + k]] = True
    return kept


def load() -> None:
    """Load (or compile) the kernels now, :func:`best_pairs` with the one signature every search uses.

    A process pays this once, on its first search; callers that time searches load first.
    """
    i64, f64 = np.zeros(0, np.int64), np.zeros(0)
    words = np.zeros((0, 1), np.uint64)
    rules = np.zeros((0, 0), np.uint64)
    best_pairs(
        0, 0, np.zeros((0, 1), np.int64), np.zeros((0, 1)), i64, f64, i64, i64, f64, f64, f64, f64,
        1, 1, i64, f64, f64, i64, i64, f64, i64, i64, f64, i64, i64, f64, i64, words, i64, i64, i64, f64,
        words, words, i64, i64, f64, f64, -1.0, 1e-300, i64, 1, rules, rules, i64,
    )  # fmt: skip
    mentor_tops(i64, f64, i64)
