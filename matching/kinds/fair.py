"""Max-min fairness: raise the worst-off group's mean score, at a stated cost to the total.

The groups are the values of one attribute column, as :func:`~matching.reports.audit.audit`
reports them; the optimiser re-weights the worst-off group's scores and re-solves the
traditional assignment by min-cost flow over the fitted matcher's candidate lists.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.kinds.result import Matching
from matching.kinds.traditional import MentorMatcher
from matching.reports.audit import attribute_values
from matching.scoring.candidates import retrieve
from matching.solvers.flow import COST_SCALE, solve_assignment
from matching.solvers.traditional import initial_edges

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass
class FairnessTradeoff:
    """What a fairness mode costs the total and gives the worst-off group.

    Attributes
    ----------
    attribute, mode : str
    total_before, total_after : float
        Total score of the unconstrained optimum and of the fair assignment.
    worst_before, worst_after : str
        The worst-off group (lowest mean score per person) in each.
    worst_mean_before, worst_mean_after : float
        Their mean score per person (unmatched counting 0).
    means_before, means_after : dict of str to float
        Every unsuppressed group's mean score per person.
    result : Matching
        The fair assignment.
    """

    attribute: str
    mode: str
    total_before: float
    total_after: float
    worst_before: str
    worst_after: str
    worst_mean_before: float
    worst_mean_after: float
    means_before: dict[str, float]
    means_after: dict[str, float]
    result: Matching

    @property
    def cost(self) -> float:
        """Total score given up."""
        return self.total_before - self.total_after

    @property
    def gain(self) -> float:
        """Rise of the lowest group mean."""
        return self.worst_mean_after - self.worst_mean_before

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready figures (without the assignment)."""
        figures = {k: v for k, v in asdict(self).items() if k != "result"}
        return figures | {"cost": self.cost, "gain": self.gain}


def _group_means(
    labels: IntArray, names: list[str], per_person: FloatArray, shown: IntArray
) -> dict[str, float]:
    sums = np.bincount(labels, per_person, minlength=len(names))
    counts = np.bincount(labels, minlength=len(names))
    return {names[g]: float(sums[g] / counts[g]) for g in shown}


def max_min_fair(
    matcher: MentorMatcher,
    attribute: str,
    *,
    base: Matching | None = None,
    exclude: IntArray | None = None,
    rounds: int = 12,
    step: float = 0.5,
    min_group_size: int = 5,
) -> FairnessTradeoff:
    """Raise the worst-off group's mean score per person, at a stated cost to the total.

    Scores of the worst-off group's mentees are weighted up (by ``1 + step``, the step
    shrinking each round) and the assignment re-solved by min-cost flow over the candidate
    lists; the round whose lowest group mean is highest wins. Suppressed groups (fewer
    than ``min_group_size``) are not targeted.

    Parameters
    ----------
    matcher : MentorMatcher
        A fitted matcher.
    attribute : str
        The column whose groups to balance.
    base : Matching, optional
        The unconstrained optimum (computed if not given).
    exclude : ndarray of int, shape (n_pairs, 2), optional
    rounds : int, default=12
    step : float, default=0.5
    min_group_size : int, default=5

    Returns
    -------
    FairnessTradeoff
    """
    base = base if base is not None else matcher.match(exclude)
    table, mentees = matcher.table_, matcher.mentees_
    names, labels = np.unique(
        np.array(attribute_values(table, attribute, mentees), dtype=object), return_inverse=True
    )
    names_list = [str(v) for v in names]
    shown = np.flatnonzero(np.bincount(labels, minlength=len(names)) >= min_group_size)
    scorer = matcher.scorer(exclude)
    lists = retrieve(scorer, matcher.list_size, seed=matcher.seed)
    capacity = table.capacity[matcher.mentors_]
    rows, mentors, scores = initial_edges(lists, capacity, matcher.top_k)
    at = np.full(len(table), -1, dtype=np.int64)
    at[matcher.mentors_] = np.arange(len(matcher.mentors_))
    local = np.searchsorted(mentees, base.member_rows)
    rows = np.concatenate([rows, local])
    mentors = np.concatenate([mentors, at[base.mentor_rows]])
    scores = np.concatenate([scores, base.member_scores])
    _, first = np.unique(rows * max(1, len(capacity)) + mentors, return_index=True)
    rows, mentors, scores = rows[first], mentors[first], scores[first]
    before = np.zeros(len(mentees))
    before[local] = base.member_scores
    means_before = _group_means(labels, names_list, before, shown)
    best_plan, best_min = before, min(means_before.values(), default=0.0)
    best_mentor = np.full(len(mentees), -1, dtype=np.int64)
    best_mentor[local] = at[base.mentor_rows]
    weight = np.ones(len(names))
    for _ in range(rounds if len(shown) >= 2 else 0):
        means = _group_means(labels, names_list, best_plan, shown)
        worst = names_list.index(min(means, key=means.__getitem__))
        weight[worst] *= 1 + step
        step *= 0.8
        weighted = np.rint(scores * weight[labels[rows]] * COST_SCALE).astype(np.int64)
        solution = solve_assignment(len(mentees), capacity, rows, mentors, weighted)
        plan = np.zeros(len(mentees))
        plan[rows[solution.edge_used]] = scores[solution.edge_used]
        low = min(_group_means(labels, names_list, plan, shown).values())
        if low > best_min:
            best_plan, best_min, best_mentor = plan, low, solution.assigned
    fair = matcher._result(scorer, lists, best_mentor, best_plan)
    fair.total = float(best_plan.sum())
    fair.upper_bound = base.upper_bound
    means_after = _group_means(labels, names_list, best_plan, shown)
    return FairnessTradeoff(
        attribute=attribute,
        mode="max-min",
        total_before=base.total,
        total_after=fair.total,
        worst_before=min(means_before, key=means_before.__getitem__) if means_before else "",
        worst_after=min(means_after, key=means_after.__getitem__) if means_after else "",
        worst_mean_before=min(means_before.values(), default=0.0),
        worst_mean_after=min(means_after.values(), default=0.0),
        means_before=means_before,
        means_after=means_after,
        result=fair,
    )
