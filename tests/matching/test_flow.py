import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.flow import solve_assignment
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
