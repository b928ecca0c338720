import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.flow import resolve_assignment, solve_assignment
from tests.matching.reference import exact_total


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 12),
    m=st.integers(1, 5),
    seed=st.integers(0, 10_000),
    density=st.floats(0.2, 1.0),
)
def test_flow_is_optimal_and_prices_certify_it(n: int, m: int, seed: int, density: float) -> None:
    rng = np.random.default_rng(seed)
    weights = rng.integers(1, 1000, size=(n, m)).astype(np.int64)
    present = rng.random((n, m)) < density
    capacity = rng.integers(0, 4, size=m).astype(np.int64)
    left, right = np.nonzero(present)

    solution = solve_assignment(n, capacity, left.astype(np.int64), right.astype(np.int64), weights[present])

    dense = np.where(present, weights, -np.inf).astype(np.float64)
    assert solution.total_cost == round(exact_total(dense, capacity))
    assert np.all(np.bincount(solution.assigned[solution.assigned >= 0], minlength=m) <= capacity)
    own = np.zeros(n, dtype=np.int64)
    own[solution.assigned >= 0] = weights[solution.assigned >= 0, solution.assigned[solution.assigned >= 0]]
    u = own - np.where(solution.assigned >= 0, solution.prices[np.maximum(solution.assigned, 0)], 0)
    assert np.all(solution.prices >= 0)
    assert np.all(u >= 0)
    assert np.all(u[left] + solution.prices[right] >= weights[present])
    assert u.sum() + (capacity * solution.prices).sum() == solution.total_cost


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(1, 16),
    m=st.integers(1, 6),
    seed=st.integers(0, 10_000),
    density=st.floats(0.2, 1.0),
    known=st.floats(0.0, 1.0),
)
def test_a_solution_warm_started_after_new_edges_is_optimal_on_all_of_them(
    n: int, m: int, seed: int, density: float, known: float
) -> None:
    rng = np.random.default_rng(seed)
    weights = rng.integers(1, 60, size=(n, m)).astype(np.int64)  # few values: many ties
    present = rng.random((n, m)) < density
    capacity = rng.integers(0, 4, size=m).astype(np.int64)
    left, right = (a.astype(np.int64) for a in np.nonzero(present))
    w = weights[present]
    first = rng.random(len(left)) < known
    before = solve_assignment(n, capacity, left[first], right[first], w[first], highest_prices=True)

    # Every mover takes the warm path: none is left to a fresh solve.
    after = resolve_assignment(n, capacity, left, right, w, before, max_movers=1.0)

    dense = np.where(present, weights, -np.inf).astype(np.float64)
    assert after.total_cost == round(exact_total(dense, capacity))
    assert np.all(np.bincount(after.assigned[after.assigned >= 0], minlength=m) <= capacity)
    assert np.array_equal(after.edge_used, after.assigned[left] == right)
    own = np.zeros(n, dtype=np.int64)
    own[left[after.edge_used]] = w[after.edge_used]
    u = own - np.where(after.assigned >= 0, after.prices[np.maximum(after.assigned, 0)], 0)
    assert np.all(u >= 0) and np.all(u[left] + after.prices[right] >= w)
