"""The compiled best-pairs search against brute force over every pair, with every hard constraint."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.kinds.traditional import MentorMatcher
from tests.matching.reference import dense_scores
from tests.matching.test_traditional import communities


@settings(max_examples=60, deadline=None)
@given(
    data=communities(),
    min_score=st.sampled_from([0.0, 0.2]),
    hours=st.sampled_from([None, 3.0]),
    keep=st.integers(1, 6),
    budget=st.sampled_from([None, 1, 2]),
    seed=st.integers(0, 2**16),
)
def test_best_pairs_are_the_best_above_the_floor_and_the_rest_is_bounded(
    data: tuple[pd.DataFrame, np.ndarray],
    min_score: float,
    hours: float | None,
    keep: int,
    budget: int | None,
    seed: int,
) -> None:
    frame, exclude = data
    matcher = MentorMatcher(min_score=min_score, max_hours_apart=hours, cluster_size=2).fit(frame)
    scorer = matcher.scorer(exclude)
    scores = dense_scores(scorer)
    n, m = scores.shape
    rng = np.random.default_rng(seed)
    prices = rng.uniform(0, 0.3, m)
    # Some mentors left out of the search altogether (an infinite price).
    prices[rng.random(m) < 0.3] = np.inf
    floor = rng.uniform(-0.3, 0.3, n)
    rows = np.arange(n, dtype=np.int64)

    r, mentors, kept_scores, left = scorer.best(rows, floor, prices, keep=keep, budget=budget)

    reduced = scores - prices[None, :]
    assert np.allclose(kept_scores, scores[r, mentors], atol=1e-12)
    assert np.isfinite(kept_scores).all(), "a forbidden pair was kept"
    assert (reduced[r, mentors] > floor[r]).all()
    counts = np.bincount(r, minlength=n)
    assert (counts <= keep).all()
    kept = np.zeros((n, m), dtype=bool)
    kept[r, mentors] = True
    rest = np.where(kept | ~np.isfinite(reduced), -np.inf, reduced).max(axis=1, initial=-np.inf)
    assert (left >= rest - 1e-9).all(), "the bound on the pairs left out is not a bound"
    if budget is None:
        # Without a budget the search is exact: the best pairs above the floor, all of them if few.
        want = np.where(np.isfinite(reduced) & (reduced > floor[:, None]), reduced, -np.inf)
        best = -np.sort(-want, axis=1)
        for i in range(n):
            got = np.sort(reduced[i, mentors[r == i]])[::-1]
            expected = best[i][np.isfinite(best[i])][:keep]
            assert np.allclose(got, expected, atol=1e-12)


def test_a_cluster_bound_plus_a_per_row_base_prunes_without_losing_pairs() -> None:
    frame = pd.DataFrame(
        [
            {"id": "a", "name": "A", "role": "mentee", "seeks": "python", "languages": "en"},
            {"id": "b", "name": "B", "role": "mentee", "seeks": "design", "languages": "en"},
            {"id": "x", "name": "X", "role": "mentor", "offers": "python", "languages": "en"},
            {"id": "y", "name": "Y", "role": "mentor", "offers": "design", "languages": "en"},
        ]
    )
    scorer = MentorMatcher(cluster_size=1).fit(frame).scorer()
    scores = dense_scores(scorer)
    rows = np.arange(2, dtype=np.int64)
    # A base of -inf says no pair can matter: nothing is scored, nothing is kept.
    before = scorer.pairs_scored
    r, _, _, left = scorer.best(
        rows, np.full(2, -1.0), np.zeros(2), keep=2, base=np.full(2, -np.inf), lift=np.zeros(2)
    )
    assert len(r) == 0 and scorer.pairs_scored == before
    assert (left == -np.inf).all()
    # A generous base keeps the search exact.
    r, m, s, _ = scorer.best(
        rows, np.full(2, -1.0), np.zeros(2), keep=2, base=np.full(2, 9.0), lift=np.zeros(2)
    )
    assert np.allclose(s, scores[r, m]) and len(r) == int(np.isfinite(scores).sum())


def test_every_search_uses_the_one_signature_the_install_step_compiles() -> None:
    from matching.scoring import kernels
    from matching.synthetic import synthetic_community

    kernels.load()
    MentorMatcher(dense_limit=0, list_size=8, cluster_size=4).fit(synthetic_community(60, seed=0)).match()
    assert len(kernels.best_pairs.signatures) == 1
    assert len(kernels.mentor_tops.signatures) == 1


@settings(max_examples=80, deadline=None)
@given(
    mentors=st.lists(st.integers(0, 5), max_size=40),
    limits=st.lists(st.integers(0, 4), min_size=6, max_size=6),
    values=st.lists(st.sampled_from([0.1, 0.2, 0.5, 0.9]), min_size=40, max_size=40),
)
def test_each_mentor_keeps_its_best_entries_and_the_earlier_of_equal_ones(
    mentors: list[int], limits: list[int], values: list[float]
) -> None:
    from matching.scoring.kernels import mentor_tops

    m = np.array(mentors, dtype=np.int64)
    s = np.array(values[: len(mentors)])
    kept = mentor_tops(m, s, np.array(limits, dtype=np.int64))
    for j, limit in enumerate(limits):
        mine = np.flatnonzero(m == j)
        # By score, highest first; equal scores: the earlier entry first.
        best = mine[np.lexsort((mine, -s[mine]))][:limit]
        assert set(np.flatnonzero(kept & (m == j))) == set(best)


@settings(max_examples=40, deadline=None)
@given(data=communities(), hours=st.sampled_from([None, 3.0]), keep=st.integers(1, 4))
def test_mentor_side_lists_are_each_mentors_best_eligible_mentees(
    data: tuple[pd.DataFrame, np.ndarray], hours: float | None, keep: int
) -> None:
    from matching.scoring.candidates import mentor_lists

    frame, exclude = data
    scorer = MentorMatcher(max_hours_apart=hours, cluster_size=2).fit(frame).scorer(exclude)
    scores = dense_scores(scorer)
    n, m = scores.shape

    # A budget as large as the number of mentee clusters makes the search exact.
    mentees, mentors, found = mentor_lists(scorer, keep, budget=n + 1, cluster_size=2)

    assert np.allclose(found, scores[mentees, mentors], rtol=1e-12, atol=1e-12)
    for j in range(m):
        column = np.sort(scores[:, j][np.isfinite(scores[:, j])])[::-1]
        mine = np.sort(found[mentors == j])[::-1]
        assert np.allclose(mine, column[:keep], rtol=1e-12, atol=1e-12)
