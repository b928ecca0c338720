"""A table without mentors is matched to an empty, proved result rather than an error."""

from __future__ import annotations

import pandas as pd

from matching import GroupMatcher, MentorMatcher


def test_mentees_without_any_mentor_are_all_unmatched_with_a_reason() -> None:
    rows = [
        {
            "id": f"e{i}",
            "name": f"E{i}",
            "role": "mentee",
            "seeks": "bots",
            "languages": "en",
            "goals": "learn bots",
        }
        for i in range(3)
    ]

    result = MentorMatcher().fit(pd.DataFrame(rows)).match()

    assert result.total == 0.0 and result.is_optimal()
    assert result.unmatched_ids == ["e0", "e1", "e2"]
    assert all(left.reasons for left in result.unmatched)


def test_group_mentees_without_any_group_mentor_are_all_unmatched_with_a_reason() -> None:
    person = {"kinds": "group", "languages": "en"}
    rows = [person | {"id": f"e{i}", "name": f"E{i}", "role": "mentee", "seeks": "bots"} for i in range(4)]
    # The one mentor mentors one to one only: no group mentor at all.
    rows.append(person | {"id": "m", "name": "M", "role": "mentor", "kinds": "traditional", "offers": "bots"})

    result = GroupMatcher().fit(pd.DataFrame(rows)).match()

    assert result.units == [] and result.total == 0.0 and result.is_optimal()
    assert result.unmatched_ids == ["e0", "e1", "e2", "e3"]
    assert all(left.reasons for left in result.unmatched)
