import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.kinds.traditional import MentorMatcher
from matching.scoring.candidates import CandidateLists
from matching.solvers.traditional import solve_traditional
from tests.matching.reference import dense_scores, exact_total

TOPICS = ["python", "design", "rust", "writing", "testing", "devops"]
WORDS = ["learn", "build", "data", "apps", "teams", "docs", "speaking", "security", "cloud", "games"]
LANGS = ["en", "de", "fr"]
ZONES = ["UTC", "+05:30", "Europe/Berlin", "America/New_York", "Asia/Tokyo", ""]


@st.composite
def communities(draw: st.DrawFn) -> tuple[pd.DataFrame, np.ndarray]:
    n = draw(st.integers(1, 18))
    m = draw(st.integers(1, 7))
    rows = []
    for k in range(n + m):
        mentor = k >= n
        tags = ";".join(draw(st.lists(st.sampled_from(TOPICS), max_size=3)))
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=5)))
        langs = draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=2))
        rows.append(
            {
                "id": f"p{k}",
                "name": f"P {k}",
                "role": "mentor" if mentor else "mentee",
                "goals": "" if mentor else text,
                "experience": text if mentor else "",
                "offers": tags if mentor else "",
                "seeks": "" if mentor else tags,
                "languages": ";".join(langs),
                "timezone": draw(st.sampled_from(ZONES)),
                "capacity": str(draw(st.integers(0, 3))) if mentor else "",
            }
        )
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(n, n + m - 1)), max_size=4))
    return pd.DataFrame(rows), np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _matcher(**params: object) -> MentorMatcher:
    defaults: dict[str, object] = {"list_size": 2, "top_k": 1, "cluster_size": 2}
    defaults.update(params)
    return MentorMatcher(**defaults)  # type: ignore[arg-type]


@settings(max_examples=80, deadline=None)
@given(
    data=communities(),
    min_score=st.sampled_from([0.0, 0.2]),
    hours=st.sampled_from([None, 3.0]),
    path=st.sampled_from(["dense", "kernel", "kernel with mentor-side lists"]),
)
def test_assignment_is_feasible_and_optimal(
    data: tuple[pd.DataFrame, np.ndarray], min_score: float, hours: float | None, path: str
) -> None:
    frame, exclude = data
    matcher = _matcher(
        min_score=min_score,
        max_hours_apart=hours,
        dense_limit=10**9 if path == "dense" else 0,
        mentor_side_limit=0 if path.endswith("lists") else 10**18,
    ).fit(frame)

    result = matcher.match(exclude)

    table = matcher.table_
    load = pd.Series(result.mentor_rows).value_counts()
    assert all(load[row] <= table.capacity[row] for row in load.index)
    assert len(set(result.member_rows.tolist())) == len(result.member_rows)
    for e, r, score in zip(result.member_rows, result.mentor_rows, result.member_scores, strict=True):
        assert set(table.languages[e]) & set(table.languages[r])
        assert e != r
        assert score >= min_score
    excluded = {(int(a), int(b)) for a, b in exclude}
    assert not excluded & set(zip(result.member_rows.tolist(), result.mentor_rows.tolist(), strict=True))
    scorer = matcher.scorer(exclude)
    exact = exact_total(dense_scores(scorer), table.capacity[matcher.mentors_])
    assert abs(result.total - exact) <= 1e-6 * max(1.0, exact)
    assert result.upper_bound >= exact - 1e-9
    assert result.is_optimal()


@settings(max_examples=25, deadline=None)
@given(data=communities(), seed=st.integers(0, 3), dense=st.booleans())
def test_same_input_and_seed_give_the_same_result(
    data: tuple[pd.DataFrame, np.ndarray], seed: int, dense: bool
) -> None:
    frame, exclude = data
    limit = 10**9 if dense else 0

    first = _matcher(seed=seed, dense_limit=limit).fit(frame).match(exclude)
    second = _matcher(seed=seed, dense_limit=limit).fit(frame).match(exclude)

    assert first.units == second.units
    assert first.unmatched == second.unmatched
    assert first.upper_bound == second.upper_bound


@settings(max_examples=60, deadline=None)
@given(data=communities(), keep=st.integers(1, 2))
def test_certificate_never_claims_optimality_for_a_truncated_solve(
    data: tuple[pd.DataFrame, np.ndarray], keep: int
) -> None:
    frame, _ = data
    matcher = _matcher().fit(frame)
    scorer = matcher.scorer()
    scores = dense_scores(scorer)
    capacity = matcher.table_.capacity[matcher.mentors_]
    exact = exact_total(scores, capacity)
    # Only each mentee's `keep` best mentors, with an honest tail: the next best score.
    order = np.argsort(-scores, axis=1, kind="stable")
    rows, mentors, values, tail = [], [], [], []
    for i in range(scores.shape[0]):
        ok = [j for j in order[i] if np.isfinite(scores[i, j])]
        rows += [i] * len(ok[:keep])
        mentors += ok[:keep]
        values += [scores[i, j] for j in ok[:keep]]
        tail.append(scores[i, ok[keep]] if len(ok) > keep else -np.inf)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=scores.shape[0]))]).astype(np.int64)
    lists = CandidateLists(indptr, np.array(mentors, np.int64), np.array(values), np.array(tail), 0)

    fast = solve_traditional(scorer, lists, capacity, top_k=keep, fast=True)

    assert fast.upper_bound >= exact - 1e-9
    assert fast.total <= exact + 1e-9
    if fast.relative_gap <= 1e-9:
        assert abs(fast.total - exact) <= 1e-6 * max(1.0, exact)
    certified = solve_traditional(scorer, lists, capacity, top_k=keep)
    assert abs(certified.total - exact) <= 1e-6 * max(1.0, exact)


@settings(max_examples=6, deadline=None)
@given(
    seed=st.integers(0, 1000), list_size=st.sampled_from([2, 8, 64]), cluster_size=st.sampled_from([2, 4, 16])
)
def test_synthetic_communities_match_the_exact_dense_solver(
    seed: int, list_size: int, cluster_size: int
) -> None:
    from matching.synthetic import synthetic_community

    frame = synthetic_community(240, seed=seed)
    params = {"list_size": list_size, "cluster_size": cluster_size, "dense_limit": 0, "mentor_side_limit": 0}
    matcher = MentorMatcher(top_k=4, seed=seed, **params).fit(frame)  # type: ignore[arg-type]

    result = matcher.match()
    fast = MentorMatcher(fast=True, **params).fit(frame).match()  # type: ignore[arg-type]
    dense = MentorMatcher(top_k=4, seed=seed, list_size=list_size).fit(frame).match()

    exact = exact_total(dense_scores(matcher.scorer()), matcher.table_.capacity[matcher.mentors_])
    assert abs(result.total - exact) <= 1e-6 * exact
    assert abs(dense.total - exact) <= 1e-6 * exact
    assert result.upper_bound >= exact - 1e-9
    assert fast.upper_bound >= exact - 1e-9
    assert fast.total <= exact + 1e-9


def _many_free_mentors(seed: int) -> pd.DataFrame:
    """A few mentees of one field and ten times as many mentors, one place each (the demo's shape)."""
    from matching.synthetic import synthetic_community

    frame = synthetic_community(150, ratio=1, seed=seed)
    mentees = frame[frame["role"] == "mentee"]
    mentees = mentees[mentees["field"] == mentees["field"].value_counts().index[0]].head(30)
    mentors = frame[frame["role"] == "mentor"].assign(capacity="1")
    return pd.concat([mentees, mentors], ignore_index=True)


@pytest.mark.parametrize("seed", [1, 6, 7])
def test_first_glance_finding_nothing_still_ends_proved(seed: int) -> None:
    # Free text makes cluster bounds loose: the first rescan's few best-bounded clusters hold no
    # improving pair, and the solve must not take that as proof that there is none anywhere.
    frame = _many_free_mentors(seed)
    matcher = MentorMatcher(dense_limit=0).fit(frame)

    result = matcher.match()

    exact = exact_total(dense_scores(matcher.scorer()), matcher.table_.capacity[matcher.mentors_])
    assert result.upper_bound >= exact - 1e-9
    assert abs(result.total - exact) <= 1e-9 * exact
    assert result.is_optimal(), f"gap {result.relative_gap:.3g} after {result.rounds} rounds"
