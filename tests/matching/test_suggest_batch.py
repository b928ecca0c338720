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


def test_a_few_mentors_above_a_floor_are_what_the_full_lists_hold_of_them() -> None:
    community = synthetic_community(80, seed=7)
    mentors = community[community["role"] == "mentor"].reset_index(drop=True)
    mentees = community[community["role"] == "mentee"].reset_index(drop=True)
    matcher = MentorMatcher().fit(mentors)
    full = suggest_mentors_batch(matcher, mentees, n=len(mentors))
    few = list(mentors["id"][:3])
    floors = [found[2].score if len(found) > 2 else 0.0 for found in full]

    merged = suggest_mentors_batch(matcher, mentees, n=3, among=few, above=floors, block=5)

    expected = [
        [s for s in found if s.mentor_id in few and s.score > floor][:3]
        for found, floor in zip(full, floors, strict=True)
    ]
    assert [as_tuples(m) for m in merged] == [as_tuples(e) for e in expected]
    assert any(merged) and not all(merged)


def test_a_few_peers_and_their_entry_into_others_lists_match_the_full_lists() -> None:
    frame = peer_community(40, seed=3)
    matcher = PeerMatcher().fit(frame)
    full = suggest_peers_batch(matcher, n=len(frame))
    few = list(frame["id"][:4])
    others = [pid for pid in frame["id"] if pid not in few]
    floors = {pid: full[pid][2].score for pid in others if len(full[pid]) > 2}

    ranked = suggest_peers_batch(matcher, n=3, people=few, block=3)
    entering = suggest_peers_batch(matcher, n=3, people=others, among=few, above=floors, block=7)

    assert {pid: as_tuples(found) for pid, found in ranked.items()} == {
        pid: as_tuples(full[pid][:3]) for pid in few
    }
    expected = {
        pid: [s for s in full[pid] if s.mentor_id in few and s.score > floors.get(pid, 0.0)][:3]
        for pid in others
    }
    assert {pid: as_tuples(found) for pid, found in entering.items()} == {
        pid: as_tuples(found) for pid, found in expected.items()
    }
    assert any(entering.values()) and not all(entering.values())
