"""Capacitated assignment by min-cost flow with integer costs, and its dual prices."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from matching.solvers.augment import repair

IntArray = npt.NDArray[np.int64]
#: Scores are multiplied by this and rounded, so the flow is exact and deterministic.
COST_SCALE = 100_000_000


class FlowError(RuntimeError):
    """The flow solver did not return an optimal solution."""


@dataclass(frozen=True)
class FlowSolution:
    """An optimal assignment over candidate edges, with a dual certificate.

    Attributes
    ----------
    assigned : ndarray of int, shape (n_left,)
        Right position assigned to each left node, ``-1`` if unassigned.
    edge_used : ndarray of bool, shape (n_edges,)
        Which candidate edges carry flow.
    prices : ndarray of int, shape (n_right,)
        Non-negative integer prices ``v_j`` (in cost units): with ``u_i = c(i, a(i)) - v_a(i)``
        (or 0 if unassigned), ``u_i + v_j >= c_ij`` holds on every candidate edge.
    total_cost : int
        Sum of the integer weights of the used edges.
    """

    assigned: IntArray
    edge_used: npt.NDArray[np.bool_]
    prices: IntArray
    total_cost: int


def solve_assignment(
    n_left: int,
    capacity: IntArray,
    left: IntArray,
    right: IntArray,
    weight: IntArray,
    *,
    highest_prices: bool = False,
) -> FlowSolution:
    """Maximise the total integer weight; left nodes used at most once, right ``j`` at most ``capacity[j]``.

    Parameters
    ----------
    n_left : int
        Number of left nodes (mentees).
    capacity : ndarray of int, shape (n_right,)
        Capacities of the right nodes (mentors).
    left, right : ndarray of int, shape (n_edges,)
        Candidate edges; no duplicates.
    weight : ndarray of int, shape (n_edges,)
        Positive integer weight per edge.
    highest_prices : bool, default=False
        Certify with the highest prices (:func:`highest_dual_prices`) instead of the lowest.

    Returns
    -------
    FlowSolution
    """
    n_right = len(capacity)
    source, sink = n_left + n_right, n_left + n_right + 1
    active = np.unique(left)
    flow = min_cost_flow.SimpleMinCostFlow()
    nodes_l = active.astype(np.int64)
    zeros = np.zeros(len(active), dtype=np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(np.full(len(active), source), nodes_l, zeros + 1, zeros)
    first_edge = flow.num_arcs()
    flow.add_arcs_with_capacity_and_unit_cost(
        left.astype(np.int64), (right + n_left).astype(np.int64), np.ones(len(left), np.int64), -weight
    )
    mentors = np.arange(n_right, dtype=np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(
        mentors + n_left, np.full(n_right, sink), capacity.astype(np.int64), np.zeros(n_right, np.int64)
    )
    # Everyone may stay unassigned through a free bypass, so the flow maximises weight, not cardinality.
    flow.add_arc_with_capacity_and_unit_cost(source, sink, len(active), 0)
    supplies = np.zeros(n_left + n_right + 2, dtype=np.int64)
    supplies[source], supplies[sink] = len(active), -len(active)
    flow.set_nodes_supplies(np.arange(len(supplies)), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise FlowError(f"min-cost flow status {status}")
    used = flow.flows(np.arange(first_edge, first_edge + len(left))) > 0
    assigned = np.full(n_left, -1, dtype=np.int64)
    assigned[left[used]] = right[used]
    if highest_prices:
        prices = highest_dual_prices(n_left, capacity, assigned, left, right, weight)
    else:
        prices = dual_prices(n_left, n_right, assigned, left, right, weight)
    return FlowSolution(assigned, used, prices, int(weight[used].sum()))


def resolve_assignment(
    n_left: int,
    capacity: IntArray,
    left: IntArray,
    right: IntArray,
    weight: IntArray,
    previous: FlowSolution,
    *,
    max_movers: float = 0.02,
) -> FlowSolution:
    """:func:`solve_assignment` (highest prices) warm-started from an optimal solution on other edges.

    ``previous`` must be optimal, with highest prices, on edges that include its matched
    ones, and those must be among these. Only the left nodes with an edge that beats
    their dual move (:func:`matching.augment.repair`); when more than ``max_movers`` of
    them would, a fresh solve is quicker.
    """
    assigned, prices = previous.assigned, previous.prices
    matched = assigned >= 0
    own = np.zeros(n_left, dtype=np.int64)
    mine = assigned[left] == right
    own[left[mine]] = weight[mine]
    u = np.where(matched, own - prices[np.maximum(assigned, 0)], 0)
    movers = np.unique(left[weight - u[left] - prices[right] > 0])
    if len(movers) > max_movers * max(1, len(np.unique(left))):
        return solve_assignment(n_left, capacity, left, right, weight, highest_prices=True)
    order = np.argsort(left, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(left, minlength=n_left))]).astype(np.int64)
    assigned = assigned.copy()
    repair(
        indptr, right[order].astype(np.int64), weight[order].astype(np.int64), capacity.astype(np.int64),
        assigned, u.astype(np.int64), prices.astype(np.int64), movers.astype(np.int64),
    )  # fmt: skip
    used = assigned[left] == right
    prices = highest_dual_prices(n_left, capacity, assigned, left, right, weight)
    return FlowSolution(assigned, used, prices, int(weight[used].sum()))


def dual_prices(
    n_left: int, n_right: int, assigned: IntArray, left: IntArray, right: IntArray, weight: IntArray
) -> IntArray:
    """Smallest non-negative right prices that certify an optimal assignment on the candidate edges.

    The price of ``j`` is the longest path to ``j`` in the graph where an unassigned
    left node ``i`` opens ``j`` at ``w_ij`` and a left node assigned to ``k`` leads from
    ``k`` to ``j`` at ``w_ij - w_ik``. An optimal assignment has no positive cycle, so a
    label-correcting pass converges; a free right node ends at price 0.

    Parameters
    ----------
    n_left, n_right : int
    assigned : ndarray of int, shape (n_left,)
    left, right, weight : ndarray of int, shape (n_edges,)

    Returns
    -------
    ndarray of int, shape (n_right,)
    """
    own = np.zeros(n_left, dtype=np.int64)
    matched_edge = assigned[left] == right
    own[left[matched_edge]] = weight[matched_edge]
    tail = assigned[left]
    free = tail < 0
    prices = np.zeros(n_right, dtype=np.int64)
    np.maximum.at(prices, right[free], weight[free])
    keep = ~free & ~matched_edge
    tail, head, gain = tail[keep], right[keep], weight[keep] - own[left[keep]]
    order = np.argsort(tail, kind="stable")
    tail, head, gain = tail[order], head[order], gain[order]
    starts = np.searchsorted(tail, np.arange(n_right + 1))
    changed = np.ones(n_right, dtype=bool)
    for _ in range(n_right + 1):
        nodes = np.flatnonzero(changed)
        if len(nodes) == 0:
            return prices
        if len(nodes) > n_right // 8:
            sel = changed[tail]
        else:
            lengths = starts[nodes + 1] - starts[nodes]
            sel = np.repeat(starts[nodes] - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        reach = prices[tail[sel]] + gain[sel]
        before = prices.copy()
        np.maximum.at(prices, head[sel], reach)
        changed = prices != before
    raise FlowError("prices did not converge: the assignment is not optimal on its edges")


def highest_dual_prices(
    n_left: int, capacity: IntArray, assigned: IntArray, left: IntArray, right: IntArray, weight: IntArray
) -> IntArray:
    """Largest right prices that certify an optimal assignment on the candidate edges.

    A right node with free capacity has price 0; a full one at most ``w_ia - u_i`` for
    each of its left nodes ``i``, where ``u_i = max(0, max_k w_ik - v_k)`` is what ``i``
    could get elsewhere. Lowering from the largest weights by label correction (shortest
    paths) converges, as an optimal assignment has no improving cycle. High prices keep
    ``max_j s_ij - v_j`` small for everyone, which is what lets a price check skip pairs.

    Parameters
    ----------
    n_left : int
    capacity : ndarray of int, shape (n_right,)
    assigned : ndarray of int, shape (n_left,)
    left, right, weight : ndarray of int, shape (n_edges,)

    Returns
    -------
    ndarray of int, shape (n_right,)
    """
    n_right = len(capacity)
    load = np.bincount(assigned[assigned >= 0], minlength=n_right)
    own = np.zeros(n_left, dtype=np.int64)
    matched_edge = assigned[left] == right
    own[left[matched_edge]] = weight[matched_edge]
    ceiling = int(weight.max(initial=0)) + 1
    prices = np.full(n_right, ceiling, dtype=np.int64)
    np.minimum.at(prices, right[matched_edge], weight[matched_edge])
    prices[load < capacity] = 0
    # Arc k -> a (a = the mentor of i, (i, k) an edge): v_a <= v_k + w_ia - w_ik.
    tail = assigned[left]
    keep = (tail >= 0) & ~matched_edge
    src, dst, length = right[keep], tail[keep], own[left[keep]] - weight[keep]
    order = np.argsort(src, kind="stable")
    src, dst, length = src[order], dst[order], length[order]
    starts = np.searchsorted(src, np.arange(n_right + 1))
    changed = np.ones(n_right, dtype=bool)
    for _ in range(n_right + 1):
        nodes = np.flatnonzero(changed)
        if len(nodes) == 0:
            return prices
        if len(nodes) > n_right // 8:
            sel = changed[src]
        else:
            lengths = starts[nodes + 1] - starts[nodes]
            sel = np.repeat(starts[nodes] - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        reach = prices[src[sel]] + length[sel]
        before = prices.copy()
        np.minimum.at(prices, dst[sel], reach)
        changed = prices != before
    raise FlowError("prices did not converge: the assignment is not optimal on its edges")
