import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.solvers.flow import FlowSolution, resolve_assignment, solve_assignment
from tests.matching.reference import exact_total

IntArray = npt.NDArray[np.int64]


def _instance(
    rng: np.random.Generator, n: int, m: int, density: float, top: int
) -> tuple[IntArray, npt.NDArray[np.bool_], IntArray, IntArray, IntArray]:
    """Weights below ``top``, which pairs are candidates, capacities, and the candidates as edges."""
    weights = rng.integers(1, top, size=(n, m)).astype(np.int64)
    present = rng.random((n, m)) < density
    capacity = rng.integers(0, 4, size=m).astype(np.int64)
    left, right = (a.astype(np.int64) for a in np.nonzero(present))
    return weights, present, capacity, left, right


def _assert_optimal_and_certified(
    solution: FlowSolution, weights: IntArray, present: npt.NDArray[np.bool_], capacity: IntArray
) -> None:
    """The exact optimum, within capacities, with prices whose dual bound equals it."""
    left, right = np.nonzero(present)
    dense = np.where(present, weights, -np.inf).astype(np.float64)
    assert solution.total_cost == round(exact_total(dense, capacity))
    matched = solution.assigned >= 0
    assert np.all(np.bincount(solution.assigned[matched], minlength=len(capacity)) <= capacity)
    assert np.array_equal(solution.edge_used, solution.assigned[left] == right)
    own = np.zeros(len(weights), dtype=np.int64)
    own[matched] = weights[matched, solution.assigned[matched]]
    u = own - np.where(matched, solution.prices[np.maximum(solution.assigned, 0)], 0)
    assert np.all(solution.prices >= 0)
    assert np.all(u >= 0)
    assert np.all(u[left] + solution.prices[right] >= weights[present])
    assert u.sum() + (capacity * solution.prices).sum() == solution.total_cost


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 12),
    m=st.integers(1, 5),
    seed=st.integers(0, 10_000),
    density=st.floats(0.2, 1.0),
)
def test_flow_is_optimal_and_prices_certify_it(n: int, m: int, seed: int, density: float) -> None:
    weights, present, capacity, left, right = _instance(np.random.default_rng(seed), n, m, density, 1000)

    solution = solve_assignment(n, capacity, left, right, weights[present])

    _assert_optimal_and_certified(solution, weights, present, capacity)


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
    weights, present, capacity, left, right = _instance(rng, n, m, density, 60)  # few values: many ties
    w = weights[present]
    first = rng.random(len(left)) < known
    before = solve_assignment(n, capacity, left[first], right[first], w[first], highest_prices=True)

    # Every mover takes the warm path: none is left to a fresh solve.
    after = resolve_assignment(n, capacity, left, right, w, before, max_movers=1.0)

    _assert_optimal_and_certified(after, weights, present, capacity)
