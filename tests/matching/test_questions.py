"""A program's own questions: hard rules hold in every pair of every kind, preferences weigh and explain."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from matching import (
    GroupMatcher,
    MentorMatcher,
    PeerMatcher,
    Question,
    TableError,
    suggest_mentors,
    suggest_peers,
)
from matching.scoring.questions import PREFERENCE_SCALE, AnswerEncoder, similarity
from matching.synthetic import group_community, peer_community, synthetic_community
from matching.table import parse_participants

from .conftest import person

TEAMS = ["Wikipedia", "Wikidata", "Commons", "Wiktionary"]
TEAM = Question("team", use="different", label="Which team are you in?")
SAME_TEAM = Question("team", use="same", label="Which team are you in?")


def with_teams(frame: pd.DataFrame, seed: int = 0, blank: float = 0.1) -> pd.DataFrame:
    """The table with a random team per person, some left blank (unknown)."""
    rng = np.random.default_rng(seed)
    teams = rng.choice(TEAMS, size=len(frame))
    teams[rng.random(len(frame)) < blank] = ""
    return frame.assign(team=teams)


def team_of(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["id"], frame["team"], strict=True))


def pairs_of(result: object) -> list[tuple[str, str]]:
    """Every pair a result proposes: each member with the mentor, or the two peers."""
    found = []
    for unit in result.units:  # type: ignore[attr-defined]
        ids = [m.id for m in unit.members]
        if unit.mentor_id is not None:
            found += [(i, unit.mentor_id) for i in ids]
        else:
            found.append((ids[0], ids[1]))
    return found


def holds(rule: str, a: str, b: str) -> bool:
    if not a or not b:
        return True  # an unknown answer passes
    return a != b if rule == "different" else a == b


@pytest.mark.parametrize("rule", ["different", "same"])
@pytest.mark.parametrize("dense_limit", [1_000_000, 0])
def test_a_hard_rule_holds_in_every_traditional_pair(rule: str, dense_limit: int) -> None:
    frame = with_teams(synthetic_community(240, seed=3))
    question = Question("team", use=rule, label="Which team are you in?")

    result = MentorMatcher(questions=(question,), dense_limit=dense_limit).fit(frame).match()

    teams = team_of(frame)
    pairs = pairs_of(result)
    assert len(pairs) > 100
    assert all(holds(rule, teams[a], teams[b]) for a, b in pairs)
    assert result.proved_optimal


def test_a_different_rule_changes_the_traditional_optimum_only_where_it_must() -> None:
    frame = with_teams(synthetic_community(240, seed=3))
    free = MentorMatcher().fit(frame).match()
    ruled = MentorMatcher(questions=(TEAM,)).fit(frame).match()
    teams = team_of(frame)

    broken = [p for p in pairs_of(free) if not holds("different", teams[p[0]], teams[p[1]])]

    assert broken, "the free optimum pairs people of one team: the rule has work to do"
    assert ruled.total <= free.total + 1e-9
    assert ruled.proved_optimal


@pytest.mark.parametrize("rule", ["different", "same"])
def test_a_hard_rule_holds_in_every_peer_pair(rule: str) -> None:
    frame = with_teams(peer_community(400, seed=5))
    question = Question("team", use=rule)

    result = PeerMatcher(questions=(question,), exact_limit=100).fit(frame).match()

    teams = team_of(frame)
    pairs = pairs_of(result)
    assert len(pairs) > 50
    assert all(holds(rule, teams[a], teams[b]) for a, b in pairs)


@pytest.mark.parametrize("rule", ["different", "same"])
def test_a_hard_rule_holds_between_every_group_member_and_the_mentor(rule: str) -> None:
    frame = with_teams(group_community(200, seed=7))
    question = Question("team", use=rule)

    result = GroupMatcher(questions=(question,)).fit(frame).match()

    teams = team_of(frame)
    pairs = pairs_of(result)
    assert len(pairs) > 50
    assert all(holds(rule, teams[a], teams[b]) for a, b in pairs)
    if rule == "same":
        # Members who answered share the answer of a mentor who did, so they share each other's too.
        for unit in result.units:
            mentor = teams[str(unit.mentor_id)]
            if mentor:
                assert {teams[m.id] for m in unit.members if teams[m.id]} <= {mentor}


def test_a_suggestion_never_breaks_a_hard_rule() -> None:
    frame = with_teams(synthetic_community(80, seed=2), blank=0.0)
    fitted = MentorMatcher(questions=(TEAM,)).fit(frame)
    teams = team_of(frame)
    mentee = frame.iloc[0].to_dict()

    found = suggest_mentors(fitted, mentee, 10)

    assert found
    assert all(teams[s.mentor_id] != mentee["team"] for s in found)


def test_a_peer_suggestion_never_breaks_a_hard_rule() -> None:
    frame = with_teams(peer_community(60, seed=2), blank=0.0)
    fitted = PeerMatcher(questions=(SAME_TEAM,)).fit(frame)
    teams = team_of(frame)
    me = str(frame.iloc[0]["id"])

    found = suggest_peers(fitted, me, 10)

    assert found
    assert all(teams[s.mentor_id] == teams[me] for s in found)


def two_by_two(**answers: str) -> pd.DataFrame:
    """Two mentees and two mentors who all fit alike on topics; ``answers`` give each a project."""
    rows = [
        person("ana", "mentee", seeks="wiki;python", goals="write articles"),
        person("bo", "mentee", seeks="wiki;python", goals="write articles"),
        person("dev", "mentor", offers="wiki;python", experience="writing articles"),
        person("eve", "mentor", offers="wiki;python", experience="writing articles"),
    ]
    return pd.DataFrame([row | {"project": answers.get(row["id"], "")} for row in rows])


def mentor_of(result: object) -> dict[str, str]:
    return dict(pairs_of(result))


def test_a_preference_changes_the_match() -> None:
    frame = two_by_two(ana="Wikidata", bo="Wikipedia", dev="Wikipedia", eve="Wikidata")
    prefer = Question("project", use="prefer", weight=1.0, label="Which project do you edit most?")

    without = mentor_of(MentorMatcher().fit(frame).match())
    with_it = mentor_of(MentorMatcher(questions=(prefer,)).fit(frame).match())

    assert without == {"ana": "dev", "bo": "eve"}  # ties go to the first mentor
    assert with_it == {"ana": "eve", "bo": "dev"}


def test_a_preference_adds_its_weight_times_the_similarity() -> None:
    frame = two_by_two(ana="Wikidata", dev="Wikidata", eve="Wikipedia")
    plain = MentorMatcher().fit(frame).scorer().block(np.arange(2), np.arange(2))
    prefer = Question("project", weight=2.5)

    scores = MentorMatcher(questions=(prefer,)).fit(frame).scorer().block(np.arange(2), np.arange(2))

    gain = scores - plain
    assert gain[0, 0] == pytest.approx(2.5 * PREFERENCE_SCALE)  # ana and dev: the same answer
    assert gain[0, 1] == pytest.approx(0.0)
    assert gain[1] == pytest.approx([0.0, 0.0])  # bo did not answer: no preference counts


@pytest.mark.parametrize(
    ("kind", "a", "b", "expected"),
    [
        ("single_choice", "Wikidata", "Wikidata", 1.0),
        ("single_choice", "Wikidata", "Commons", 0.0),
        ("multiple_choice", "a;b;c", "b;c;d", 0.5),
        ("multiple_choice", "a", "b", 0.0),
        ("scale", "1", "5", 0.0),
        ("scale", "2", "3", 0.75),
        ("scale", "4", "4", 1.0),
    ],
)
def test_preference_features_give_each_kind_its_similarity(
    kind: str, a: str, b: str, expected: float
) -> None:
    question = Question("q", kind=kind, weight=1.0)
    frame = pd.DataFrame(
        [
            person("x", "mentee", q=a),
            person("y", "mentor", q=b),
            person("z", "mentor", q="1" if kind == "scale" else "z"),
        ]
    )
    encoder = AnswerEncoder((question,)).fit(parse_participants(frame))

    assert encoder.left_ is not None and encoder.right_ is not None
    product = (encoder.left_ @ encoder.right_.T).toarray()

    assert product[0, 1] == pytest.approx(expected * PREFERENCE_SCALE)
    assert product[1, 0] == pytest.approx(expected * PREFERENCE_SCALE)  # symmetric, as peers need
    values = encoder.answers_[0]
    assert similarity(question, values[0], values[1]) == pytest.approx(expected)


def test_reasons_name_the_question_and_the_shared_answer() -> None:
    frame = two_by_two(ana="Wikidata", bo="Wikipedia", dev="Wikipedia", eve="Wikidata")
    prefer = Question("project", weight=1.0, label="Which project do you edit most?")

    result = MentorMatcher(questions=(prefer,)).fit(frame).match()

    ana = next(u for u in result.units if u.members[0].id == "ana")
    answer = next(r for r in ana.reasons if r.code == "shared_answer")
    assert answer.items == ("Which project do you edit most?", "Wikidata")
    assert answer.value == 1.0
    codes = [r.code for r in ana.reasons]
    assert codes.index("shared_answer") < codes.index("languages")


def test_a_private_question_gives_a_private_reason_code() -> None:
    frame = two_by_two(ana="Wikidata", bo="Wikipedia", dev="Wikipedia", eve="Wikidata")
    secret = Question("project", weight=1.0, label="Which project?", private=True)

    result = MentorMatcher(questions=(secret,)).fit(frame).match()

    codes = {r.code for u in result.units for r in u.reasons}
    assert "private_shared_answer" in codes
    assert "shared_answer" not in codes


def test_peer_and_group_reasons_name_the_question() -> None:
    peers = peer_community(30, seed=1).assign(project="Wikidata")
    groups = group_community(40, seed=1).assign(project="Commons")
    question = Question("project", label="Which project?")

    peer = PeerMatcher(questions=(question,)).fit(peers).match()
    group = GroupMatcher(questions=(question,), min_size=2).fit(groups).match()

    assert any(
        r.code == "shared_answer" and r.items == ("Which project?", "Wikidata") for r in peer.units[0].reasons
    )
    assert any(r.items == ("Which project?", "Commons") for r in group.units[0].reasons)
    assert any(r.code == "shared_answer" for r in group.units[0].members[0].reasons)


def test_a_different_rule_names_the_question_without_the_answers() -> None:
    frame = two_by_two(ana="A", bo="A", dev="B", eve="B")

    result = (
        MentorMatcher(questions=(Question("project", use="different", label="Team?"),)).fit(frame).match()
    )

    reasons = [r for u in result.units for r in u.reasons if r.code == "different_answers"]
    assert reasons and all(r.items == ("Team?",) for r in reasons)


def test_nobody_can_pair_when_a_rule_forbids_every_pair() -> None:
    frame = two_by_two(ana="A", bo="A", dev="A", eve="A")

    result = MentorMatcher(questions=(Question("project", use="different"),)).fit(frame).match()

    assert result.units == []
    assert {left.id for left in result.unmatched} == {"ana", "bo"}


@pytest.mark.parametrize("matcher", [MentorMatcher, PeerMatcher, GroupMatcher])
def test_a_matcher_with_questions_clones(matcher: type[MentorMatcher | PeerMatcher | GroupMatcher]) -> None:
    questions = (TEAM, Question("project", kind="multiple_choice", weight=0.5))
    estimator = matcher(questions=questions)

    copy = clone(estimator)

    assert copy.get_params()["questions"] == questions
    assert copy is not estimator


def test_without_questions_nothing_is_added() -> None:
    frame = synthetic_community(40, seed=1)

    fitted = MentorMatcher().fit(frame)
    scorer = fitted.scorer()

    assert fitted.answers_ is None
    assert scorer.needs.shape[1] == fitted.needs_.shape[1]
    assert scorer.mentee_rules.shape == (len(fitted.mentees_), 0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"kind": "essay"}, "question kind"), ({"use": "never"}, "question use"), ({"weight": 5.0}, "weight")],
)
def test_a_question_says_what_is_wrong_with_it(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Question("q", **changes)  # type: ignore[arg-type]


def test_a_scale_answer_out_of_range_names_its_row_and_column() -> None:
    frame = two_by_two(ana="3", bo="9")

    with pytest.raises(TableError) as error:
        MentorMatcher(questions=(Question("project", kind="scale"),)).fit(frame)

    assert (error.value.row, error.value.column) == (1, "project")
