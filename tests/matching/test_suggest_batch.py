"""Suggestions for many people at once: the same lists as asking one person at a time."""

from __future__ import annotations

from matching import (
    MentorMatcher,
    PeerMatcher,
    suggest_mentors,
    suggest_mentors_batch,
    suggest_peers,
    suggest_peers_batch,
)
from matching.synthetic import peer_community, synthetic_community


def as_tuples(found: list) -> list[tuple[str, float, tuple]]:  # type: ignore[type-arg]
    return [(s.mentor_id, round(s.score, 9), s.reasons) for s in found]


def test_many_people_get_the_lists_each_would_get_alone() -> None:
    community = synthetic_community(60, seed=5)
    mentors = community[community["role"] == "mentor"].reset_index(drop=True)
    mentees = community[community["role"] == "mentee"].reset_index(drop=True)
    matcher = MentorMatcher().fit(mentors)

    together = suggest_mentors_batch(matcher, mentees, n=4, block=7)

    assert len(together) == len(mentees)
    for i in range(len(mentees)):
        alone = suggest_mentors(matcher, mentees.iloc[[i]], n=4)
        assert as_tuples(together[i]) == as_tuples(alone)
    assert any(together)


def test_a_language_nobody_speaks_gets_an_empty_list() -> None:
    community = synthetic_community(20, seed=1)
    mentors = community[community["role"] == "mentor"].reset_index(drop=True)
    loner = community[community["role"] == "mentee"].head(1).assign(languages="xx")
    matcher = MentorMatcher().fit(mentors)

    assert suggest_mentors_batch(matcher, loner, n=3) == [[]]
    assert suggest_mentors_batch(matcher, loner.iloc[0:0], n=3) == []


def test_every_peer_gets_the_list_they_would_get_alone() -> None:
    frame = peer_community(40, seed=2)
    matcher = PeerMatcher().fit(frame)

    together = suggest_peers_batch(matcher, n=3, block=9)

    assert set(together) == set(frame["id"])
    for pid in frame["id"]:
        assert as_tuples(together[pid]) == as_tuples(suggest_peers(matcher, pid, 3))
    assert all(pid not in [s.mentor_id for s in found] for pid, found in together.items())


def test_fewer_than_two_peers_get_nothing() -> None:
    frame = peer_community(1, seed=0)
    assert suggest_peers_batch(PeerMatcher().fit(frame), n=3) == {str(frame["id"][0]): []}
