"""Peer matching: exact against networkx on small sets, constraints, bounds and reasons."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import PeerMatcher, Reason, sentence
from matching.solvers.pairing import Edges, solve_pairs
from matching.synthetic.kinds import peer_community

from .conftest import person

TOPICS = ["python", "design", "rust", "docs", "testing", "sql"]


def peer(pid: str, **fields: str) -> dict[str, str]:
    return person(pid, "mentee", kinds="peer", **fields)


def networkx_total(scores: np.ndarray) -> float:
    graph = nx.Graph()
    for a, b in zip(*np.nonzero(np.triu(np.isfinite(scores), 1)), strict=True):
        graph.add_edge(int(a), int(b), weight=round(float(scores[a, b]) * 100_000_000))
    matching = nx.max_weight_matching(graph, maxcardinality=False)
    return sum(graph[a][b]["weight"] for a, b in matching) / 100_000_000


@st.composite
def peer_tables(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(min_value=2, max_value=14))
    rows = []
    for k in range(n):
        rows.append(
            peer(
                f"p{k}",
                seeks=";".join(draw(st.lists(st.sampled_from(TOPICS), max_size=3))),
                offers=";".join(draw(st.lists(st.sampled_from(TOPICS), max_size=3))),
                goals=" ".join(
                    draw(st.lists(st.sampled_from(["learn", "build", "ship", "grow"]), max_size=3))
                ),
                languages=draw(st.sampled_from(["en", "de", "en;de", "fr"])),
                timezone=draw(st.sampled_from(["", "UTC", "+05:00", "-08:00", "Asia/Tokyo"])),
            )
        )
    return pd.DataFrame(rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=peer_tables(), limit=st.sampled_from([None, 6.0]), min_score=st.sampled_from([0.0, 0.2]))
def test_exact_total_equals_networkx(table: pd.DataFrame, limit: float | None, min_score: float) -> None:
    matcher = PeerMatcher(max_hours_apart=limit, min_score=min_score).fit(table)
    n = len(matcher.peers_)
    scores = matcher.scorer().block(np.arange(n), np.arange(n))

    result = matcher.match()

    assert result.details["exact"]
    assert result.total == pytest.approx(networkx_total(scores), abs=1e-6)
    assert result.upper_bound == pytest.approx(result.total)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=peer_tables())
def test_large_path_is_within_its_bound_and_close_to_exact(table: pd.DataFrame) -> None:
    exact = PeerMatcher().fit(table).match()

    result = PeerMatcher(exact_limit=0, list_size=3, top_k=2).fit(table).match()

    assert not result.details["exact"]
    assert result.total <= exact.total + 1e-6
    assert exact.total <= result.upper_bound + 1e-6


def test_nobody_is_in_two_pairs_and_constraints_hold() -> None:
    table = peer_community(400, seed=3)
    matcher = PeerMatcher(max_hours_apart=4, exact_limit=100).fit(table)

    result = matcher.match()

    people = np.concatenate([result.member_rows, result.unmatched_rows])
    assert len(people) == len(np.unique(people)) == len(matcher.peers_)
    parsed = matcher.table_
    for a, b in ((u.members[0].row, u.members[1].row) for u in result.units):
        assert a != b
        assert set(parsed.languages[a]) & set(parsed.languages[b])
        apart = abs(parsed.tz_hours[a] - parsed.tz_hours[b]) % 24
        assert np.isnan(apart) or min(apart, 24 - apart) <= 4
    assert result.total <= result.upper_bound + 1e-9
    assert result.relative_gap < 0.01


def test_excluded_pairs_are_never_proposed() -> None:
    table = pd.DataFrame(
        [peer("a", seeks="python", offers="design"), peer("b", seeks="design", offers="python"), peer("c")]
    )
    matcher = PeerMatcher().fit(table)

    result = matcher.match(exclude=np.array([[1, 0]]))

    assert frozenset({"a", "b"}) not in {frozenset(m.id for m in u.members) for u in result.units}


def test_pair_reasons_say_what_each_offers_the_other() -> None:
    table = pd.DataFrame(
        [
            peer("ana", seeks="python", offers="design", goals="build a portfolio"),
            peer("bo", seeks="design", offers="python", goals="build a portfolio", languages="en;de"),
        ]
    )

    result = PeerMatcher().fit(table).match()

    (unit,) = result.units
    assert [m.id for m in unit.members] == ["ana", "bo"] and unit.mentor_id is None
    assert Reason("peer_offers", ("design",), who=("ana", "bo")) in unit.reasons
    words = sentence(unit.reasons, result.names)
    assert "Ana offers Bo: design" in words
    assert "Bo offers Ana: python" in words
    assert "both speak en" in words


def test_odd_one_out_and_lonely_language_get_reasons() -> None:
    table = pd.DataFrame(
        [
            peer("a", seeks="python", offers="design"),
            peer("b", seeks="design", offers="python"),
            peer("c", seeks="python"),
            peer("d", languages="ja"),
        ]
    )

    result = PeerMatcher().fit(table).match()

    reasons = {left.id: sentence(left.reasons) for left in result.unmatched}
    assert reasons["d"] == "no other peer shares a language"
    assert reasons["c"].startswith("odd one out")


def test_only_peer_mentees_are_paired() -> None:
    table = pd.DataFrame([peer("a"), peer("b"), person("c", "mentee"), person("d", "mentor")])

    result = PeerMatcher().fit(table).match()

    assert {*(m.id for _, m in result.members), *result.unmatched_ids} == {"a", "b"}


def test_solver_bound_uses_tail_without_pricing() -> None:
    edges = Edges.from_pairs(np.array([0, 1]), np.array([1, 2]), np.array([0.5, 0.4]))

    pairing = solve_pairs(3, edges, np.array([0.3, 0.3, 0.3]))

    assert pairing.total == pytest.approx(0.5)
    assert pairing.upper_bound >= 0.5
