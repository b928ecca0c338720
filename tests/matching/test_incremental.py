import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.kinds.incremental import SolvedCommunity
from matching.synthetic import synthetic_community
from tests.matching.conftest import person


def _split(size: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A community and a pool of newcomers (mentees and mentors) from the same generator."""
    frame = synthetic_community(size, seed=seed)
    pool = frame.sample(frac=0.15, random_state=seed)
    return frame.drop(pool.index), pool


def _feasible(community: SolvedCommunity) -> None:
    frame = community.frame().set_index("id")
    load: dict[str, int] = {}
    for mentee, mentor, score in community.pairs():
        load[mentor] = load.get(mentor, 0) + 1
        assert set(frame.at[mentee, "languages"].split(";")) & set(frame.at[mentor, "languages"].split(";"))
        assert frame.at[mentee, "role"] == "mentee" and frame.at[mentor, "role"] == "mentor"
        assert score > 0
    assert all(count <= int(frame.at[mentor, "capacity"] or 1) for mentor, count in load.items())


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    steps=st.lists(st.sampled_from(["add", "remove", "edit"]), min_size=1, max_size=6),
    dense=st.booleans(),
)
def test_incremental_result_equals_a_full_re_solve(seed: int, steps: list[str], dense: bool) -> None:
    base, pool = _split(80, seed)
    community = SolvedCommunity.solve(base, dense_limit=10**9 if dense else 0, list_size=8, cluster_size=4)
    rng = np.random.default_rng(seed)

    for step in steps:
        ids = sorted(community.records)
        if step == "add" and len(pool):
            community.add(pool.iloc[0].to_dict())
            pool = pool.iloc[1:]
        elif step == "remove":
            community.remove(ids[rng.integers(len(ids))])
        else:
            record = dict(community.records[ids[rng.integers(len(ids))]])
            record["capacity" if record["role"] == "mentor" else "seeks"] = (
                str(rng.integers(0, 4)) if record["role"] == "mentor" else "python;testing"
            )
            community.edit(record)

        again = community.resolve()
        assert community.total == pytest.approx(again.total, rel=1e-6, abs=1e-9)
        assert community.relative_gap <= 1e-6
        assert community.certificate_gap() <= 1e-6
        _feasible(community)


def test_state_survives_json_and_replays_changes_identically() -> None:
    base, pool = _split(200, seed=3)
    community = SolvedCommunity.solve(base)
    restored = SolvedCommunity.from_dict(json.loads(json.dumps(community.to_dict())))
    changes = pd.DataFrame([pool.iloc[0].to_dict(), pool.iloc[1].to_dict()])

    first = community.apply(changes)
    second = restored.apply(changes)

    assert community.pairs() == restored.pairs()
    assert first.moved == second.moved
    assert second.upper_bound == pytest.approx(first.upper_bound)
    assert restored.is_optimal()


def test_changes_table_adds_new_ids_edits_known_ones_and_removes_on_request() -> None:
    table = pd.DataFrame(
        [
            person("ana", "mentee", seeks="python"),
            person("bo", "mentee", seeks="design"),
            person("dev", "mentor", offers="python"),
        ]
    )
    community = SolvedCommunity.solve(table)
    assert community.mentor_of_id("ana") == "dev"
    changes = pd.DataFrame(
        [
            {**person("eve", "mentor", offers="design"), "action": ""},
            {**person("ana", "mentee", seeks="cooking"), "action": ""},
            {"id": "dev", "action": "remove"},
        ]
    ).fillna("")

    update = community.apply(changes)

    assert (update.added, update.edited, update.removed) == (1, 1, 1)
    assert community.mentor_of_id("bo") == "eve"
    assert community.mentor_of_id("ana") is None
    assert update.moved == ["ana", "bo"]
    assert update.is_optimal()


def test_newcomer_with_a_better_fit_takes_the_seat_and_the_other_is_left_out() -> None:
    table = pd.DataFrame(
        [person("ana", "mentee", seeks="python;sql"), person("dev", "mentor", offers="python;pandas")]
    )
    community = SolvedCommunity.solve(table)

    community.add(person("cy", "mentee", seeks="python;pandas"))

    assert community.mentor_of_id("cy") == "dev"
    assert community.mentor_of_id("ana") is None
    assert community.is_optimal()


def test_unknown_action_and_unknown_id_are_refused() -> None:
    community = SolvedCommunity.solve(pd.DataFrame([person("ana", "mentee"), person("dev", "mentor")]))

    with pytest.raises(ValueError, match="unknown action"):
        community.apply(pd.DataFrame([{"id": "ana", "action": "merge"}]))
    with pytest.raises(KeyError):
        community.remove("nobody")
