"""The one fairness audit: a round's run stores the library's report, the command line's own."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pandas as pd

from mentorship.engine.audit import BLANK
from mentorship.engine.batch import parse_participants
from mentorship.engine.kinds import run_kind
from mentorship.engine.pool import Pool
from mentorship.engine.rows import mentee_row, mentor_row
from mentorship.engine.run import run
from mentorship.engine.table import participants
from mentorship.match.kinds import fairness
from mentorship.models import Kind
from mentorship.rounds.preview import fairness_audit

TOPICS = ["bots", "glam", "wikidata", "translation"]


def _person(row: str, role: str, **cells: str) -> dict[str, Any]:
    return {"id": row, "name": row[-4:], "role": role, "kinds": "traditional", "languages": "en"} | cells


def _frame() -> pd.DataFrame:
    """Three mentors with nine places for 24 mentees: 10 Africa, 6 Europe, 3 Oceania, 5 who did not say."""
    rows = [
        _person(mentor_row(uuid4()), "mentor", offers=";".join(TOPICS[k : k + 2]), capacity=places)
        for k, places in enumerate(("1", "4", "4"))
    ]
    regions = ["Africa"] * 10 + ["Europe"] * 6 + ["Oceania"] * 3 + [""] * 5
    for k, region in enumerate(regions):
        rows.append(_person(mentee_row(uuid4()), "mentee", seeks=TOPICS[k % 4], region=region))
    return participants(rows)


def test_a_rounds_audit_is_the_command_lines_report_with_blank_and_small_groups() -> None:
    frame = _frame()

    outcome = run(Pool(Kind.TRADITIONAL, frame, {}, {}), {}, lambda stage, fraction: None)
    table = parse_participants(frame)
    matcher, result = run_kind("traditional", table, None, options={}, progress=lambda stage: None)
    _result, _lines, cli = fairness(table, matcher, result, ["region"], None)

    assert outcome.audit == cli["audit"]
    (region,) = outcome.audit["attributes"]  # nobody shared gender or first language: not audited
    groups = {g["value"]: g for g in region["groups"]}
    assert groups["Oceania"]["suppressed"] and groups["Oceania"]["people"] == 3
    assert groups["(blank)"]["people"] == 5 and not groups["(blank)"]["suppressed"]
    assert groups["Africa"]["people"] == 10 and groups["Africa"]["matched"] + groups["Europe"]["matched"] <= 9


def test_the_preview_words_each_flagged_gap_and_marks_the_worst_group() -> None:
    group = {"people": 8, "suppressed": False, "match_rate": 0.5, "mean_score": 0.4}
    report = {
        "people": 16,
        "min_group_size": 5,
        "max_rate_gap": 0.1,
        "max_score_gap": 0.1,
        "attributes": [
            {
                "attribute": "first_language",
                "groups": [group | {"value": "es"}, group | {"value": "en", "match_rate": 1.0}],
                "disparities": [
                    {"metric": "match_rate", "best": "en", "worst": "es", "gap": 0.5, "limit": 0.1},
                    {"metric": "mean_score", "best": "es", "worst": "en", "gap": 0.25, "limit": 0.1},
                ],
            }
        ],
    }

    shown = fairness_audit({"audit": report})

    assert shown is not None and shown["rate_points"] == 10 and shown["score_percent"] == "10%"
    (attribute,) = shown["attributes"]
    assert attribute["name"] == "First language"
    assert attribute["flags"] == [
        "“Spanish” is matched 50 points less often than “English”.",
        "“English” gets pairings scoring 25% lower than “Spanish”.",
    ]
    assert [g["label"] for g in attribute["groups"]] == ["Spanish", "English"]
    assert [g["flagged"] for g in attribute["groups"]] == [True, True]
    assert fairness_audit({"audit": [{"attribute": "region", "groups": []}]}) is None


def test_the_preview_folds_the_groups_too_small_to_describe_into_one_line() -> None:
    described = {"people": 8, "suppressed": False, "match_rate": 1.0, "mean_score": 0.4}
    small = {"people": 2, "suppressed": True}
    report = {
        "people": 14,
        "min_group_size": 5,
        "max_rate_gap": 0.1,
        "max_score_gap": 0.1,
        "attributes": [
            {
                "attribute": "first_language",
                "groups": [described | {"value": "ko"}, small | {"value": "qu"}, small | {"value": BLANK}],
                "disparities": [],
            },
            {"attribute": "region", "groups": [small | {"value": "Oceania"}], "disparities": []},
        ],
    }

    shown = fairness_audit({"audit": report})

    assert shown is not None
    language, region = shown["attributes"]
    assert [g["label"] for g in language["groups"]] == ["Korean"]
    assert language["small"] == ["Quechua", "(blank)"]
    assert region["groups"] == [] and region["small"] == ["Oceania"]


def test_the_app_names_the_blank_group_as_the_library_does() -> None:
    from matching.reports.audit import BLANK as LIBRARY_BLANK

    assert BLANK == LIBRARY_BLANK
