"""Compiled repair of an optimal capacitated assignment after candidate edges are added.

Between two rounds of the price check, most of the assignment stays optimal: only the
mentees with a new edge that beats what they have (``w_ij > u_i + v_j``) need to move.
Each such mentee gives up its place by the cheapest path back to the sink (the best
replacement, or an empty place), then re-enters by the cheapest augmenting path (a
mentor with room, or a mentee who drops out, or staying unmatched). Both searches are
Dijkstra on reduced costs with the previous duals as potentials, so every step keeps
the assignment optimal on the edges seen so far, in exact integer arithmetic: the
textbook successive-shortest-path method, warm-started, instead of solving a fresh
min-cost flow for a handful of moves.

Nodes: mentee ``i`` is ``i``, mentor ``j`` is ``n + j``, the sink ``n + m``. An arc's
reduced cost is ``cost + p[tail] - p[head]``, with cost ``-w`` from a mentee to a
mentor, ``+w`` back along a matched edge, 0 to or from the sink (a mentor's free place,
or a mentee's staying unmatched).
"""

from __future__ import annotations

import numba as nb
import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
_INF = np.iinfo(np.int64).max // 4


@nb.njit(cache=True, nogil=True)
def _push(keys: IntArray, nodes: IntArray, size: int, key: int, node: int) -> int:  # pragma: no cover
    """Add ``(key, node)`` to the binary min-heap; return its new size."""
    k = size
    keys[k], nodes[k] = key, node
    while k > 0:
        parent = (k - 1) // 2
        if keys[parent] < keys[k] or (keys[parent] == keys[k] and nodes[parent] <= nodes[k]):
            break
        keys[k], keys[parent] = keys[parent], keys[k]
        nodes[k], nodes[parent] = nodes[parent], nodes[k]
        k = parent
    return size + 1


@nb.njit(cache=True, nogil=True)
def _pop(keys: IntArray, nodes: IntArray, size: int) -> int:  # pragma: no cover - compiled
    """Remove the heap's root (read it first); return the new size."""
    size -= 1
    keys[0], nodes[0] = keys[size], nodes[size]
    k = 0
    while True:
        child = 2 * k + 1
        if child >= size:
            break
        right = child + 1
        if right < size and (
            keys[right] < keys[child] or (keys[right] == keys[child] and nodes[right] < nodes[child])
        ):
            child = right
        if keys[k] < keys[child] or (keys[k] == keys[child] and nodes[k] <= nodes[child]):
            break
        keys[k], keys[child] = keys[child], keys[k]
        nodes[k], nodes[child] = nodes[child], nodes[k]
        k = child
    return size


@nb.njit(cache=True, nogil=True)
def _start(
    r: int, dist: IntArray, touched: IntArray, keys: IntArray, nodes: IntArray
) -> tuple[int, int]:  # pragma: no cover - compiled
    """Begin a search at ``r``; return the touched count and heap size."""
    dist[r], touched[0], keys[0], nodes[0] = 0, r, 0, r
    return 1, 1


@nb.njit(cache=True, nogil=True)
def _settle(
    keys: IntArray, nodes: IntArray, size: int, dist: IntArray, done: BoolArray
) -> tuple[int, int, int]:  # pragma: no cover - compiled
    """Settle the nearest unsettled node: its distance, the node, the heap size (node -1: none left)."""
    while size:
        d, x = keys[0], nodes[0]
        size = _pop(keys, nodes, size)
        if not done[x] and d <= dist[x]:
            done[x] = True
            return d, x, size
    return _INF, -1, size


@nb.njit(cache=True, nogil=True)
def _reprice(
    pot: IntArray, touched: IntArray, n_touched: int, dist: IntArray, done: BoolArray, delta: int, sign: int
) -> None:  # pragma: no cover - compiled
    """Move each node settled nearer than ``delta`` by its distance's gap to it.

    A forward search lowers them (``sign=1``), a backward one raises them (``-1``); either way every
    residual arc keeps a non-negative reduced cost and the path's arcs become tight.
    """
    for t in range(n_touched):
        x = touched[t]
        if done[x] and dist[x] < delta:
            pot[x] += sign * (dist[x] - delta)


@nb.njit(cache=True, nogil=True)
def _clear(
    touched: IntArray, n_touched: int, dist: IntArray, pred: IntArray, done: BoolArray
) -> None:  # pragma: no cover - compiled
    """Forget a search: only the nodes it touched are reset."""
    for t in range(n_touched):
        x = touched[t]
        dist[x], pred[x], done[x] = _INF, -1, False


@nb.njit(cache=True, nogil=True)
def _relax(
    dist: IntArray,
    pred: IntArray,
    touched: IntArray,
    n_touched: int,
    keys: IntArray,
    nodes: IntArray,
    size: int,
    node: int,
    nd: int,
    via: int,
) -> tuple[int, int]:  # pragma: no cover - compiled
    """Offer ``node`` distance ``nd`` via ``via``; return the new touched count and heap size."""
    if nd < dist[node]:
        if dist[node] == _INF:
            touched[n_touched] = node
            n_touched += 1
        dist[node], pred[node] = nd, via
        size = _push(keys, nodes, size, nd, node)
    return n_touched, size


@nb.njit(cache=True, nogil=True)
def _take(
    members: IntArray, first: IntArray, load: IntArray, slot: IntArray, i: int, j: int
) -> None:  # pragma: no cover
    """Seat mentee ``i`` in a handed-over place of mentor ``j``."""
    for s in range(first[j], first[j] + load[j]):
        if members[s] == -1:
            members[s], slot[i] = i, s
            return
    raise RuntimeError("no place to hand over on an augmenting path")


@nb.njit(cache=True, nogil=True)
def _weight_of(
    indptr: IntArray, right: IntArray, weight: IntArray, i: int, j: int
) -> int:  # pragma: no cover
    """Weight of the edge ``(i, j)``."""
    for e in range(indptr[i], indptr[i + 1]):
        if right[e] == j:
            return int(weight[e])
    raise RuntimeError("a path used an edge that is not a candidate")


@nb.njit(cache=True, nogil=True)
def repair(
    indptr: IntArray,
    right: IntArray,
    weight: IntArray,
    capacity: IntArray,
    assigned: IntArray,
    u: IntArray,
    v: IntArray,
    movers: IntArray,
) -> int:  # pragma: no cover - compiled
    """Make ``assigned`` optimal again on the edges ``indptr, right, weight``; return the searches run.

    ``assigned`` must be optimal on a subset of these edges that holds its matched ones,
    with integer duals ``u`` (mentees) and ``v`` (mentors) certifying it there;
    ``movers`` must list every mentee with an edge where ``w > u_i + v_j``. Changes
    ``assigned`` in place.
    """
    n, m = indptr.shape[0] - 1, capacity.shape[0]
    sink = n + m
    pot = np.empty(n + m + 1, dtype=np.int64)
    pot[:n] = u
    for j in range(m):
        pot[n + j] = -v[j]
    pot[sink] = 0
    own = np.zeros(n, dtype=np.int64)
    first = np.zeros(m + 1, dtype=np.int64)
    for j in range(m):
        first[j + 1] = first[j] + max(capacity[j], 0)
    members = np.full(first[m], -1, dtype=np.int64)
    load = np.zeros(m, dtype=np.int64)
    slot = np.zeros(n, dtype=np.int64)
    for i in range(n):
        j = assigned[i]
        if j >= 0:
            own[i] = _weight_of(indptr, right, weight, i, j)
            members[first[j] + load[j]], slot[i] = i, first[j] + load[j]
            load[j] += 1
    # Edges into each mentor (for the searches that run backwards from a leaving mentee).
    in_ptr = np.zeros(m + 1, dtype=np.int64)
    for e in range(right.shape[0]):
        in_ptr[right[e] + 1] += 1
    for j in range(m):
        in_ptr[j + 1] += in_ptr[j]
    in_left = np.empty(right.shape[0], dtype=np.int64)
    in_edge = np.empty(right.shape[0], dtype=np.int64)
    fill = in_ptr[:-1].copy()
    for i in range(n):
        for e in range(indptr[i], indptr[i + 1]):
            j = right[e]
            in_left[fill[j]], in_edge[fill[j]] = i, e
            fill[j] += 1
    # Arcs that beat their mentee's dual are left out until that mentee re-enters.
    bad = np.zeros(right.shape[0], dtype=np.bool_)
    out = np.zeros(n, dtype=np.bool_)
    for i in movers:
        for e in range(indptr[i], indptr[i + 1]):
            bad[e] = weight[e] - pot[i] + pot[n + right[e]] > 0
    dist = np.full(n + m + 1, _INF, dtype=np.int64)
    pred = np.full(n + m + 1, -1, dtype=np.int64)
    done = np.zeros(n + m + 1, dtype=np.bool_)
    touched = np.empty(n + m + 1, dtype=np.int64)
    heap_cap = 2 * right.shape[0] + 2 * n + 2 * m + 4
    keys = np.empty(heap_cap, dtype=np.int64)
    nodes = np.empty(heap_cap, dtype=np.int64)
    searches = 0
    # Leaving: the cheapest path from the sink to the mover, found backwards from the mover.
    for k in range(movers.shape[0]):
        r = movers[k]
        out[r] = True
        if assigned[r] < 0:
            continue  # it was unmatched: nothing flows through it
        searches += 1
        n_touched, size = _start(r, dist, touched, keys, nodes)
        while True:
            d, y, size = _settle(keys, nodes, size, dist, done)
            if y < 0 or y == sink:
                delta = d  # the cheapest path's length (_INF: none)
                break
            if y < n:
                # Into a mentee: from its mentor (it leaves) or from the sink (it was unmatched).
                j = assigned[y]
                if j >= 0:
                    nd = d + own[y] + pot[n + j] - pot[y]
                    n_touched, size = _relax(dist, pred, touched, n_touched, keys, nodes, size, n + j, nd, y)
                else:
                    nd = d + pot[sink] - pot[y]
                    n_touched, size = _relax(dist, pred, touched, n_touched, keys, nodes, size, sink, nd, y)
            else:
                j = y - n
                # Into a mentor: a mentee takes the place, or the place stays empty.
                if load[j] > 0:
                    nd = d + pot[sink] - pot[y]
                    n_touched, size = _relax(dist, pred, touched, n_touched, keys, nodes, size, sink, nd, y)
                for q in range(in_ptr[j], in_ptr[j + 1]):
                    x, e = in_left[q], in_edge[q]
                    if out[x] or bad[e] or assigned[x] == j:
                        continue
                    nd = d + pot[x] - weight[e] - pot[y]
                    n_touched, size = _relax(dist, pred, touched, n_touched, keys, nodes, size, x, nd, y)
        if delta == _INF:  # pragma: no cover - the mover's own place can always stay empty
            raise RuntimeError("no path back to the sink")
        _reprice(pot, touched, n_touched, dist, done, delta, -1)
        # The path runs sink -> ... -> r; ``pred`` points one step towards ``r``. First
        # the mentees leave (mentor -> mentee arcs), then take their new mentors
        # (mentee -> mentor arcs); a path starting sink -> mentor closes that place.
        y = sink
        while y != r:
            z = pred[y]
            if y >= n and y != sink:
                members[slot[z]] = -1
                assigned[z] = -1
                own[z] = 0
            y = z
        y = sink
        while y != r:
            z = pred[y]
            if y < n:
                j = z - n
                own[y] = _weight_of(indptr, right, weight, y, j)
                assigned[y] = j
                _take(members, first, load, slot, y, j)
            y = z
        first_hop = pred[sink]
        if first_hop >= n:
            # Arc sink -> mentor: the place stays empty.
            j = first_hop - n
            _close(members, first, load, slot, j)
        _clear(touched, n_touched, dist, pred, done)
    # Entering: the cheapest augmenting path from each mover, as in a fresh solve.
    for k in range(movers.shape[0]):
        r = movers[k]
        out[r] = False
        for e in range(indptr[r], indptr[r + 1]):
            bad[e] = False
        top = pot[sink]
        for e in range(indptr[r], indptr[r + 1]):
            top = max(top, weight[e] + pot[n + right[e]])
        pot[r] = top
        searches += 1
        n_touched, size = _start(r, dist, touched, keys, nodes)
        while True:
            d, x, size = _settle(keys, nodes, size, dist, done)
            if x < 0 or x == sink:
                delta = d  # the cheapest path's length
                break
            if x < n:
                for e in range(indptr[x], indptr[x + 1]):
                    j = right[e]
                    if assigned[x] == j or bad[e]:
                        continue
                    nd = d + pot[x] - weight[e] - pot[n + j]
                    n_touched, size = _relax(dist, pred, touched, n_touched, keys, nodes, size, n + j, nd, x)
                nd = d + pot[x] - pot[sink]
                n_touched, size = _relax(dist, pred, touched, n_touched, keys, nodes, size, sink, nd, x)
            else:
                j = x - n
                if load[j] < capacity[j]:
                    nd = d + pot[x] - pot[sink]
                    n_touched, size = _relax(dist, pred, touched, n_touched, keys, nodes, size, sink, nd, x)
                for s in range(first[j], first[j] + load[j]):
                    i = members[s]
                    if out[i]:  # pragma: no cover - movers away are unmatched
                        continue
                    nd = d + own[i] + pot[x] - pot[i]
                    n_touched, size = _relax(dist, pred, touched, n_touched, keys, nodes, size, i, nd, x)
        _reprice(pot, touched, n_touched, dist, done, delta, 1)
        # The path runs r -> ... -> sink; ``pred`` points back towards ``r``.
        last = pred[sink]
        if last >= n:
            # A free place of ``last`` opens.
            j = last - n
            members[first[j] + load[j]] = -1
            load[j] += 1
        elif last != r:
            # ``last`` drops out: its place goes to whoever the path brings to its mentor.
            members[slot[last]] = -1
            assigned[last] = -1
            own[last] = 0
        x = sink
        while x != r:
            y = pred[x]
            if x < n and y >= n and assigned[x] >= 0:
                # ``x`` leaves mentor ``y`` (the mentee before ``y`` takes its place).
                members[slot[x]] = -1
            x = y
        x = sink
        while x != r:
            y = pred[x]
            if y < n and x >= n and x != sink:
                j = x - n
                own[y] = _weight_of(indptr, right, weight, y, j)
                assigned[y] = j
                _take(members, first, load, slot, y, j)
            x = y
        _clear(touched, n_touched, dist, pred, done)
    return searches


@nb.njit(cache=True, nogil=True)
def _close(
    members: IntArray, first: IntArray, load: IntArray, slot: IntArray, j: int
) -> None:  # pragma: no cover
    """Remove one handed-over place of mentor ``j`` (its last mentee moves into it)."""
    end = first[j] + load[j] - 1
    for s in range(first[j], end + 1):
        if members[s] == -1:
            moved = members[end]
            members[s] = moved
            if moved >= 0:
                slot[moved] = s
            members[end] = -1
            load[j] -= 1
            return
    raise RuntimeError("no place to close on a path")


def load() -> None:
    """Load (or compile) :func:`repair` now."""
    i64 = np.zeros(0, np.int64)
    repair(np.zeros(1, np.int64), i64, i64, i64, i64, i64, i64, i64)
