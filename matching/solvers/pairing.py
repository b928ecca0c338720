"""Maximum-weight matching on a non-bipartite candidate graph, with a fractional upper bound.

The fractional matching LP (``x_ab >= 0``, each node's edges sum to at most one) is the
assignment problem on the bipartite double cover (each node on both sides, each edge in
both directions): min-cost flow solves it and its prices ``u, v`` give node duals
``y = (u + v) / 2`` with ``y_a + y_b >= s_ab`` on every candidate edge. Pairs missing from
both candidate lists score at most each row's ``tail``, so ``y' = max(y, tail / 2)`` is
feasible for *every* pair and ``sum(y')`` bounds the optimum over all pairs (weak duality).

The LP's solution is a set of 2-cycles (pairs) and longer cycles or paths; the best
matching on each cycle or path is found by dynamic programming, then the exact blossom
algorithm (rustworkx) re-optimises blocks of nodes around whoever is left unmatched.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import rustworkx as rx
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, reverse_cuthill_mckee

from matching.solvers.flow import COST_SCALE, solve_assignment
from matching.solvers.traditional import Certified

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass
class Pairing(Certified):
    """A matching of ``n`` nodes with its certificate.

    Attributes
    ----------
    mate : ndarray of int, shape (n,)
        Partner of each node, ``-1`` if unmatched.
    score : ndarray of float, shape (n,)
        Score of each node's pair (0 if unmatched).
    total : float
        Sum of the pair scores.
    upper_bound : float
        Bound on the optimum over every eligible pair (equal to ``total`` when exact).
    fractional_bound : float
        Value of the fractional (LP) relaxation's dual, before the exact shortcut.
    exact : bool
        The blossom algorithm ran on the complete candidate graph.
    rounds : int
        Flow solves of the relaxation.
    timings : dict of str to float
    """

    mate: IntArray
    score: FloatArray
    total: float
    upper_bound: float
    fractional_bound: float
    exact: bool
    rounds: int
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Edges:
    """Undirected weighted edges ``a < b``, unique, with integer weights."""

    a: IntArray
    b: IntArray
    score: FloatArray

    @classmethod
    def from_pairs(cls, a: IntArray, b: IntArray, score: FloatArray) -> Edges:
        """Orient each pair low-high, drop self pairs and duplicates (keeping the first)."""
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        keep = (lo != hi) & np.isfinite(score)
        lo, hi, score = lo[keep], hi[keep], score[keep]
        width = int(hi.max()) + 1 if len(hi) else 1
        _, first = np.unique(lo * width + hi, return_index=True)
        return cls(lo[first].astype(np.int64), hi[first].astype(np.int64), score[first].astype(np.float64))

    @property
    def weight(self) -> IntArray:
        return np.rint(self.score * COST_SCALE).astype(np.int64)

    def __len__(self) -> int:
        return len(self.a)

    def take(self, mask: npt.NDArray[np.bool_] | IntArray) -> Edges:
        return Edges(self.a[mask], self.b[mask], self.score[mask])


def blossom(n: int, edges: Edges) -> IntArray:
    """Exact maximum-weight matching (not necessarily of maximum cardinality); ``mate`` per node."""
    mate = np.full(n, -1, dtype=np.int64)
    positive = edges.take(edges.weight > 0)
    if len(positive) == 0:
        return mate
    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(range(n))
    graph.add_edges_from(
        list(zip(positive.a.tolist(), positive.b.tolist(), positive.weight.tolist(), strict=True))
    )
    for a, b in rx.max_weight_matching(graph, max_cardinality=False, weight_fn=int):
        mate[a], mate[b] = b, a
    return mate


def _fractional(n: int, edges: Edges) -> tuple[IntArray, FloatArray]:
    """Optimal cycle cover (half-integral fractional matching) and node duals ``y`` in score units."""
    weight = edges.weight
    left = np.concatenate([edges.a, edges.b])
    right = np.concatenate([edges.b, edges.a])
    both = np.concatenate([weight, weight])
    solution = solve_assignment(n, np.ones(n, dtype=np.int64), left, right, both)
    own = np.zeros(n, dtype=np.int64)
    own[left[solution.edge_used]] = both[solution.edge_used]
    matched = solution.assigned >= 0
    u = np.where(matched, own - solution.prices[np.maximum(solution.assigned, 0)], 0)
    return solution.assigned, (u + solution.prices) / (2 * COST_SCALE)


def _path_matching(weights: list[float]) -> list[int]:
    """Indices of the edges of the best matching on a path with these edge weights."""
    best = [0.0] * (len(weights) + 2)
    for k, w in enumerate(weights):
        best[k + 2] = max(best[k + 1], best[k] + w)
    chosen, k = [], len(weights) - 1
    while k >= 0:
        if best[k + 2] != best[k + 1]:
            chosen.append(k)
            k -= 2
        else:
            k -= 1
    return chosen


def _components(assigned: IntArray) -> list[tuple[list[int], bool]]:
    """Paths and cycles of the cycle cover ``i -> assigned[i]``; ``True`` marks a cycle."""
    n = len(assigned)
    incoming = np.full(n, -1, dtype=np.int64)
    has = assigned >= 0
    incoming[assigned[has]] = np.flatnonzero(has)
    seen = np.zeros(n, dtype=bool)
    parts: list[tuple[list[int], bool]] = []
    for start in np.flatnonzero(has & (incoming < 0)).tolist():
        path = [start]
        while assigned[path[-1]] >= 0:
            path.append(int(assigned[path[-1]]))
        seen[path] = True
        parts.append((path, False))
    for start in np.flatnonzero(has & ~seen).tolist():
        if seen[start]:
            continue
        cycle = [start]
        seen[start] = True
        while not seen[assigned[cycle[-1]]]:
            cycle.append(int(assigned[cycle[-1]]))
            seen[cycle[-1]] = True
        parts.append((cycle, True))
    return parts


def round_cover(assigned: IntArray, score_of: dict[tuple[int, int], float]) -> IntArray:
    """Best matching inside each path and cycle of the cover (2-cycles become pairs)."""
    mate = np.full(len(assigned), -1, dtype=np.int64)

    def weight(a: int, b: int) -> float:
        return score_of[(a, b) if a < b else (b, a)]

    for nodes, cycle in _components(assigned):
        if cycle and len(nodes) == 2:
            mate[nodes[0]], mate[nodes[1]] = nodes[1], nodes[0]
            continue
        steps = [weight(nodes[k], nodes[k + 1]) for k in range(len(nodes) - 1)]
        chosen = _path_matching(steps)
        if cycle:
            # Either the closing edge is out (a path), or it is in and its two ends take no other edge.
            inner = [k + 1 for k in _path_matching(steps[1:-1])]
            closing = weight(nodes[-1], nodes[0])
            if closing + sum(steps[k] for k in inner) > sum(steps[k] for k in chosen):
                chosen = [*inner, len(nodes) - 1]
        for k in chosen:
            a, b = nodes[k], nodes[(k + 1) % len(nodes)]
            mate[a], mate[b] = b, a
    return mate


#: Pairs within this of violating the duals join the relaxation early (fewer flow solves).
NEAR = 0.005


def _violations(edges: Edges, y: FloatArray, margin: float = 0.0) -> npt.NDArray[np.bool_]:
    return y[edges.a] + y[edges.b] < edges.score - 2.0 / COST_SCALE + margin


def _union(*parts: Edges) -> Edges:
    return Edges.from_pairs(
        np.concatenate([p.a for p in parts]),
        np.concatenate([p.b for p in parts]),
        np.concatenate([p.score for p in parts]),
    )


def improve_tight(
    n: int, edges: Edges, mate: IntArray, y: FloatArray, *, slack: float, block_size: int
) -> IntArray:
    """Re-solve exactly the parts of the graph of nearly tight edges (and the current pairs).

    Edges whose reduced cost ``y_a + y_b - s_ab`` exceeds ``slack`` rarely belong to a
    better matching: the rest splits into parts, each solved by the blossom algorithm.
    Parts larger than ``block_size`` are cut into windows of a bandwidth-reducing order
    (reverse Cuthill-McKee), twice with shifted windows; pairs cut by a window stay as they are.
    """
    paired = mate[edges.a] == edges.b
    tight = edges.take((y[edges.a] + y[edges.b] - edges.score <= slack) | paired)
    graph = sp.csr_matrix((np.ones(len(tight)), (tight.a, tight.b)), shape=(n, n))
    graph = (graph + graph.T).tocsr()
    _, label = connected_components(graph, directed=False)
    sizes = np.bincount(label)
    big = sizes[label] > block_size
    small = ~big & (sizes[label] > 2)
    inner = small[tight.a]
    part_edges = _groups(label[tight.a[inner]], np.flatnonzero(inner))
    for nodes, idx in zip(_groups(label[small], np.flatnonzero(small)), part_edges, strict=True):
        _resolve(nodes, tight.take(idx), mate)
    if big.any():
        order = reverse_cuthill_mckee(graph, symmetric_mode=True)
        order = order[big[order]]
        for offset in (0, block_size // 2):
            for start in range(-offset, len(order), block_size):
                window = order[max(0, start) : start + block_size]
                inside = np.zeros(n, dtype=bool)
                inside[window] = True
                keep = (mate[window] < 0) | inside[np.maximum(mate[window], 0)]
                _resolve(window[keep], tight, mate)
    return mate


def _groups(keys: IntArray, items: IntArray) -> list[IntArray]:
    order = np.argsort(keys, kind="stable")
    cuts = np.flatnonzero(np.diff(keys[order])) + 1
    return np.split(items[order], cuts) if len(items) else []


def _resolve(nodes: IntArray, edges: Edges, mate: IntArray) -> None:
    """Replace the pairs inside ``nodes`` by the blossom optimum on their edges if it is better."""
    local = np.full(len(mate), -1, dtype=np.int64)
    local[nodes] = np.arange(len(nodes))
    inner = (local[edges.a] >= 0) & (local[edges.b] >= 0)
    sub = Edges(local[edges.a[inner]], local[edges.b[inner]], edges.score[inner])
    new_local = blossom(len(nodes), sub)
    weight = sub.weight
    old_local = np.where(mate[nodes] >= 0, local[np.maximum(mate[nodes], 0)], -1)
    before = int(weight[old_local[sub.a] == sub.b].sum())
    if int(weight[new_local[sub.a] == sub.b].sum()) > before:
        mate[nodes] = np.where(new_local >= 0, nodes[np.maximum(new_local, 0)], -1)


Price = Callable[[FloatArray], tuple[IntArray, IntArray, FloatArray]]


def solve_pairs(
    n: int,
    candidates: Edges,
    tail: FloatArray,
    *,
    first: Edges | None = None,
    price: Price | None = None,
    exact: bool = False,
    slack: tuple[float, ...] = (0.005, 0.02),
    block_size: int = 3000,
    max_rounds: int = 50,
) -> Pairing:
    """Maximum-weight matching over ``candidates`` with a bound over every eligible pair.

    Parameters
    ----------
    n : int
        Number of nodes.
    candidates : Edges
        Every stored eligible pair.
    tail : ndarray of float, shape (n,)
        Each pair missing from the candidates scores at most the ``tail`` of both its
        nodes (``-inf``: every eligible pair of the node is a candidate).
    first : Edges, optional
        The sparser edge set the relaxation starts from (default: all candidates).
    price : callable, optional
        Given node duals ``y``, returns the pairs outside the candidates with
        ``s_ab > y_a + y_b`` (``a``, ``b``, ``score``); without it the bound uses ``tail``.
    exact : bool, default=False
        Run the blossom algorithm on all candidates (exact; for small sets).
    slack : tuple of float, default=(0.005, 0.02)
        Reduced-cost limits of the successive exact re-solves.
    block_size : int, default=3000
        Largest part re-solved exactly at once.
    max_rounds : int, default=50
        Most flow solves of the relaxation.

    Returns
    -------
    Pairing
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    working = first if first is not None else candidates
    rounds = 0
    while True:
        assigned, y = _fractional(n, working)
        rounds += 1
        bad = _violations(candidates, y)
        extra = Edges(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
        if not bad.any() and price is not None:
            extra = Edges.from_pairs(*price(y))
        outside = bool(_violations(extra, y).any())
        if (not bad.any() and not outside) or rounds >= max_rounds:
            break
        # Nearly violated pairs join too: the next duals would likely violate them.
        near = _violations(candidates, y, margin=NEAR)
        working = _union(working, candidates.take(near), extra)
        candidates = _union(candidates, extra)
    certified = not bad.any() and not outside and price is not None
    if bad.any():
        fix = np.zeros(n)
        excess = candidates.score - y[candidates.a] - y[candidates.b]
        np.maximum.at(fix, candidates.a[bad], excess[bad])
        y = y + fix
    y = np.maximum(y, 0)
    bound = float(y.sum() if certified else np.maximum(y, tail / 2).sum())
    timings["relax"] = time.perf_counter() - started
    started = time.perf_counter()
    if exact:
        mate = blossom(n, candidates)
    else:
        score_of = dict(
            zip(zip(working.a.tolist(), working.b.tolist(), strict=True), working.score, strict=True)
        )
        mate = round_cover(assigned, score_of)
        timings["round"] = time.perf_counter() - started
        started = time.perf_counter()
        for limit in slack:
            mate = improve_tight(n, working, mate, y, slack=limit, block_size=block_size)
    timings["improve" if not exact else "blossom"] = time.perf_counter() - started
    score = _pair_scores(mate, candidates)
    total = float(score.sum() / 2)
    return Pairing(
        mate=mate,
        score=score,
        total=total,
        upper_bound=total if exact else max(bound, total),
        fractional_bound=bound,
        exact=exact,
        rounds=rounds,
        timings=timings,
    )


def _pair_scores(mate: IntArray, edges: Edges) -> FloatArray:
    score = np.zeros(len(mate))
    used = mate[edges.a] == edges.b
    score[edges.a[used]] = edges.score[used]
    score[edges.b[used]] = edges.score[used]
    return score
