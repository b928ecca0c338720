"""Grouping by min-cost flow: an assignment whose open mentors each reach a minimum group size."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from matching.solvers.flow import COST_SCALE, FlowError

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def with_assignment(
    rows: IntArray, mentors: IntArray, scores: FloatArray, mentor_of: IntArray, own: FloatArray
) -> tuple[IntArray, IntArray, FloatArray]:
    """The candidate edges plus every pair of an assignment (the price check may have found them)."""
    matched = np.flatnonzero(mentor_of >= 0)
    rows = np.concatenate([rows, matched])
    mentors = np.concatenate([mentors, mentor_of[matched]])
    scores = np.concatenate([scores, own[matched]])
    _, first = np.unique(rows * (int(mentors.max(initial=0)) + 1) + mentors, return_index=True)
    return rows[first], mentors[first], scores[first]


def solve_groups(
    n: int, rows: IntArray, mentors: IntArray, scores: FloatArray, capacity: IntArray, min_size: int
) -> IntArray:
    """Max-weight assignment where each open mentor's first ``min_size`` places carry a large bonus."""
    m = len(capacity)
    source, sink = n + m, n + m + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    active = np.unique(rows)
    zeros = np.zeros(len(active), dtype=np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(np.full(len(active), source), active, zeros + 1, zeros)
    usable = capacity[mentors] > 0
    first = flow.num_arcs()
    weight = np.rint(scores[usable] * COST_SCALE).astype(np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(
        rows[usable], mentors[usable] + n, np.ones(int(usable.sum()), np.int64), -weight
    )
    heads = np.arange(m, dtype=np.int64) + n
    base = np.minimum(capacity, min_size)
    flow.add_arcs_with_capacity_and_unit_cost(
        heads, np.full(m, sink), base, np.full(m, -COST_SCALE, np.int64)
    )
    flow.add_arcs_with_capacity_and_unit_cost(heads, np.full(m, sink), capacity - base, np.zeros(m, np.int64))
    flow.add_arc_with_capacity_and_unit_cost(source, sink, len(active), 0)
    supplies = np.zeros(n + m + 2, dtype=np.int64)
    supplies[source], supplies[sink] = len(active), -len(active)
    flow.set_nodes_supplies(np.arange(len(supplies)), supplies)
    if flow.solve() != flow.OPTIMAL:
        raise FlowError("group flow did not solve")
    used = flow.flows(np.arange(first, first + int(usable.sum()))) > 0
    mentor_of = np.full(n, -1, dtype=np.int64)
    mentor_of[rows[usable][used]] = mentors[usable][used]
    return mentor_of
