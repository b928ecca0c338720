import numpy as np
import pandas as pd

from matching import Matching, MentorMatcher, Reason, sentence, suggest_mentors
from matching.synthetic import synthetic_community
from tests.matching.conftest import person


def pairs_of(result: Matching) -> dict[str, str]:
    return {m.id: str(u.mentor_id) for u, m in result.members}


def unmatched_words(result: Matching) -> dict[str, str]:
    return {left.id: sentence(left.reasons) for left in result.unmatched}


def test_pairs_come_with_plain_word_reasons(small_table: pd.DataFrame) -> None:
    result = MentorMatcher().fit(small_table).match()

    assert pairs_of(result) == {"ana": "dev", "bo": "eve"}
    why = {m.id: sentence(u.reasons) for u, m in result.members}
    codes = [r.code for r in next(u.reasons for u in result.units if u.mentor_id == "dev")]
    assert {"shared_topics", "languages"} <= set(codes)
    assert (
        "shared topics: python and pandas" in why["ana"] or "shared topics: pandas and python" in why["ana"]
    )
    assert "both speak en" in why["ana"]
    assert "hour" in why["ana"] or "same time zone" in why["ana"]
    assert result.is_optimal()


def test_unmatched_people_get_the_reason(small_table: pd.DataFrame) -> None:
    extra = pd.DataFrame([person("fay", "mentee", seeks="python;pandas", goals="data analysis")])
    table = pd.concat([small_table, extra], ignore_index=True)

    result = MentorMatcher().fit(table).match()

    reasons = unmatched_words(result)
    assert reasons["chi"] == "no shared language with any mentor"
    chi = next(left for left in result.unmatched if left.id == "chi")
    assert chi.reasons == (Reason("no_shared_language"),)
    left_out = [r for pid, r in reasons.items() if pid in {"ana", "fay"}]
    assert len(left_out) == 1
    assert left_out[0].startswith("capacity exhausted")


def test_minimum_score_leaves_weak_pairs_out(small_table: pd.DataFrame) -> None:
    result = MentorMatcher(min_score=0.99).fit(small_table).match()

    assert result.units == []
    assert {r.code for left in result.unmatched for r in left.reasons} >= {"below_min_score"}
    assert any("minimum score" in r for r in unmatched_words(result).values())


def test_exclusions_are_respected(small_table: pd.DataFrame) -> None:
    matcher = MentorMatcher().fit(small_table)

    result = matcher.match(np.array([[0, 3]]))

    assert pairs_of(result).get("ana") != "dev"


def test_time_zone_limit_is_a_hard_constraint() -> None:
    table = pd.DataFrame(
        [
            person("ana", "mentee", seeks="python", timezone="Asia/Tokyo"),
            person("dev", "mentor", offers="python", timezone="America/New_York"),
        ]
    )

    result = MentorMatcher(max_hours_apart=4).fit(table).match()

    assert list(unmatched_words(result).values()) == [
        "no mentor with a shared language within the time-zone limit"
    ]


def test_suggestions_rank_mentors_and_skip_full_ones(small_table: pd.DataFrame) -> None:
    matcher = MentorMatcher().fit(small_table)
    newcomer = person("new", "mentee", seeks="python", goals="data analysis")

    suggestions = suggest_mentors(matcher, newcomer, n=2)
    assert suggestions[0].mentor_id == "dev"
    assert suggestions[0].score >= suggestions[-1].score
    assert "python" in sentence(suggestions[0].reasons)

    busy = suggest_mentors(matcher, newcomer, n=2, load=[1, 0])
    assert [s.mentor_id for s in busy] == ["eve"]


def test_one_known_pair_is_scored_and_explained_as_in_the_ranking(small_table: pd.DataFrame) -> None:
    matcher = MentorMatcher().fit(small_table)
    newcomer = person("new", "mentee", seeks="python", goals="data analysis")
    ranked = {s.mentor_id: s for s in suggest_mentors(matcher, newcomer, n=10)}

    only = suggest_mentors(matcher, newcomer, n=1, among=["eve"])

    assert [s.mentor_id for s in only] == ["eve"]
    assert only[0].score == ranked["eve"].score and only[0].reasons == ranked["eve"].reasons
    assert suggest_mentors(matcher, newcomer, n=1, among=["nobody"]) == []


def test_synthetic_community_is_seeded_and_valid() -> None:
    a, b = synthetic_community(40, seed=3), synthetic_community(40, seed=3)

    pd.testing.assert_frame_equal(a, b)
    assert (a["role"] == "mentee").sum() == 40
    assert (a["role"] == "mentor").sum() == 10
    assert set(a.loc[a["role"] == "mentor", "capacity"].astype(int)) <= {1, 2, 3, 4, 5}
    result = MentorMatcher().fit(a).match()
    assert result.is_optimal()
