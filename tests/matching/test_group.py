"""Group matching: sizes, one group per mentee and mentor, cohesion, fit against the traditional optimum."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import GroupMatcher, Reason, sentence
from matching.kinds.group import group_cohesion, random_cohesion
from matching.synthetic.kinds import group_community

from .conftest import person


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=0, max_value=120),
    seed=st.integers(min_value=0, max_value=1000),
    sizes=st.sampled_from([(3, 6), (2, 4), (4, 5), (1, 1)]),
)
def test_groups_respect_sizes_capacities_and_hold_each_mentee_once(
    n: int, seed: int, sizes: tuple[int, int]
) -> None:
    table = group_community(n, seed=seed)
    matcher = GroupMatcher(min_size=sizes[0], max_size=sizes[1]).fit(table)

    result = matcher.match()

    members = np.concatenate([result.member_rows, result.unmatched_rows])
    assert len(members) == len(np.unique(members)) == len(matcher.mentees_)
    mentors = [g.mentor_row for g in result.units]
    assert len(mentors) == len(set(mentors))
    for group in result.units:
        assert sizes[0] <= len(group.members) <= sizes[1]
        assert len(group.members) <= matcher.table_.capacity[group.mentor_row]
    assert result.total <= result.details["traditional_total"] + 1e-6
    assert result.details["traditional_total"] <= result.upper_bound + 1e-6


def test_groups_are_more_cohesive_than_random_and_fit_nearly_optimal() -> None:
    result = GroupMatcher().fit(group_community(1500, seed=2)).match()

    assert result.details["cohesion"] >= 3 * result.details["random_cohesion"]
    assert result.total >= 0.99 * result.details["traditional_total"]
    assert len(result.unmatched_ids) <= 15


def test_group_reasons_name_shared_needs_and_what_the_mentor_offers() -> None:
    rows = [
        person(f"m{k}", "mentee", kinds="group", seeks="python;pandas", goals="data dashboards")
        for k in range(3)
    ]
    rows.append(person("r", "mentor", kinds="group", offers="python;pandas;sql", capacity="4"))
    result = GroupMatcher().fit(pd.DataFrame(rows)).match()

    assert len(result.units) == 1
    group = result.units[0]
    assert Reason("members_share", ("python", "pandas"), 3.0, (3, 3)) in group.reasons
    assert "mentor offers them: python (3 seek it)" in sentence(group.reasons)
    assert group.group_id == "g1" and len(group.members) == 3
    assert all(m.reasons and m.reasons[0].code == "shared_topics" for m in group.members)


def test_too_few_mentees_for_a_group_are_unmatched_with_a_reason() -> None:
    rows = [
        person("a", "mentee", kinds="group", seeks="python"),
        person("b", "mentee", kinds="group", seeks="python"),
        person("c", "mentee", kinds="group", seeks="python", languages="ja"),
        person("r", "mentor", kinds="group", offers="python", capacity="6"),
        person("s", "mentor", kinds="group", offers="python", capacity="1"),
    ]

    result = GroupMatcher(min_size=2).fit(pd.DataFrame(rows)).match()

    assert [g.mentor_id for g in result.units] == ["r"]
    assert {left.id: sentence(left.reasons) for left in result.unmatched} == {
        "c": "no shared language with any group mentor"
    }
    assert result.unmatched[0].reasons == (Reason("group_no_shared_language"),)


def test_invalid_sizes_are_rejected() -> None:
    with pytest.raises(ValueError, match="group sizes"):
        GroupMatcher(min_size=4, max_size=3).fit(group_community(10))


def test_cohesion_helpers_have_known_values() -> None:
    import scipy.sparse as sp

    x = sp.csr_matrix(np.array([[1.0, 0], [1.0, 0], [0, 1.0], [0, 1.0]]))

    assert group_cohesion(x, np.array([0, 0, 1, 1])).tolist() == [1.0, 1.0]
    assert random_cohesion(x) == pytest.approx(2 / 6)


def test_a_group_described_again_scores_and_explains_as_the_match_did() -> None:
    matcher = GroupMatcher().fit(group_community(300, seed=4))
    result = matcher.match()

    for group in result.units[:10]:
        ids = [m.id for m in group.members]
        again = matcher.describe_group(ids, str(group.mentor_id))

        assert [m.score for m in again.members] == pytest.approx([m.score for m in group.members])
        assert again.reasons == group.reasons
        assert [m.reasons for m in again.members] == [m.reasons for m in group.members]
        assert matcher.cohesion(ids) == pytest.approx(result.details["group_cohesion"][group.group_id])


def test_a_described_group_marks_a_member_the_constraints_keep_from_its_mentor() -> None:
    rows = [
        person("a", "mentee", kinds="group", seeks="python"),
        person("b", "mentee", kinds="group", seeks="python"),
        person("c", "mentee", kinds="group", seeks="python", languages="ja"),
        person("r", "mentor", kinds="group", offers="python", capacity="6"),
    ]
    matcher = GroupMatcher(min_size=2).fit(pd.DataFrame(rows))
    excluded = np.array([[0, 3]])

    group = matcher.describe_group(["a", "b", "c"], "r", exclude=excluded)

    scores = [m.score for m in group.members]
    assert np.isneginf(scores[0]) and np.isfinite(scores[1]) and np.isneginf(scores[2])
    assert "members share: python (3 of 3)" in sentence(group.reasons)
