"""The fairness report: known answers on a hand-made table, suppression, flags, and the max-min mode."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from matching import (
    Left,
    Matching,
    Member,
    MentorMatcher,
    PeerMatcher,
    Reason,
    Unit,
    audit,
    max_min_fair,
    parse_participants,
)
from matching.synthetic import synthetic_community

from .conftest import person


def hand_made() -> tuple[pd.DataFrame, Matching]:
    """Six mentees in the north (all matched), six in the south (three matched), two in the east."""
    regions = ["north"] * 6 + ["south"] * 6 + ["east"] * 2
    rows = [person(f"e{k}", "mentee", region=r) for k, r in enumerate(regions)]
    rows.append(person("r", "mentor", capacity="20", region="north"))
    matched = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 12])
    scores = np.array([0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.2, 0.3, 0.4, 0.5])
    lonely = np.array([9, 10, 11, 13])
    reasons = [Reason("no_shared_language")] + [Reason("capacity_full", value=0.3)] * 3
    result = Matching(
        kind="traditional",
        units=[
            Unit(14, "r", [Member(int(k), f"e{k}", float(s))], float(s), ())
            for k, s in zip(matched, scores, strict=True)
        ],
        unmatched=[Left(int(k), f"e{k}", (why,)) for k, why in zip(lonely, reasons, strict=True)],
        total=float(scores.sum()),
        upper_bound=float(scores.sum()),
    )
    return pd.DataFrame(rows), result


def test_audit_figures_match_a_hand_made_table() -> None:
    frame, result = hand_made()

    report = audit(parse_participants(frame), result, ["region"])

    groups = {g.value: g for g in report.attributes[0].groups}
    north, south = groups["north"], groups["south"]
    assert report.people == 14
    assert (north.people, north.matched, north.match_rate) == (6, 6, 1.0)
    assert north.mean_score == pytest.approx(0.65)
    assert north.lower_quartile_score == pytest.approx(np.quantile([0.4, 0.5, 0.6, 0.7, 0.8, 0.9], 0.25))
    assert (south.people, south.matched, south.match_rate) == (6, 3, 0.5)
    assert south.mean_score == pytest.approx(0.3)
    assert south.mean_score_per_person == pytest.approx(0.15)
    assert south.unmatched_share == pytest.approx(0.5)
    assert south.unmatched_reasons == {
        "no shared language with any mentor": 1,
        "capacity exhausted: every mentor who fits is full": 2,
    }


def test_groups_under_five_are_suppressed() -> None:
    frame, result = hand_made()

    report = audit(parse_participants(frame), result, ["region"])

    east = next(g for g in report.attributes[0].groups if g.value == "east")
    assert east.suppressed and east.people == 2
    assert east.match_rate is None and east.mean_score is None and east.unmatched_reasons == {}
    assert all(east.value not in (d.best, d.worst) for d in report.disparities)


def test_disparities_are_flagged_over_the_limits() -> None:
    frame, result = hand_made()

    report = audit(parse_participants(frame), result, ["region"])

    flags = {d.metric: d for d in report.disparities}
    assert flags["match_rate"].gap == pytest.approx(0.5)
    assert (flags["match_rate"].best, flags["match_rate"].worst) == ("north", "south")
    assert "50 points" in flags["match_rate"].message
    assert flags["mean_score"].gap == pytest.approx((0.65 - 0.3) / 0.65)
    assert audit(parse_participants(frame), result, ["region"], max_rate_gap=0.6).disparities[0].metric != (
        "match_rate"
    )


def test_report_is_plain_json_data() -> None:
    frame, result = hand_made()

    document = audit(parse_participants(frame), result, ["region", "role"]).to_dict()

    assert json.loads(json.dumps(document))["attributes"][1]["attribute"] == "role"


def test_unknown_column_is_a_key_error() -> None:
    frame, result = hand_made()

    with pytest.raises(KeyError, match="nope"):
        audit(parse_participants(frame), result, ["nope"])


def test_peer_results_are_audited_per_person() -> None:
    frame = pd.DataFrame(
        [
            person(f"p{k}", "mentee", kinds="peer", seeks="python", offers="python", team=k % 2)
            for k in range(11)
        ]
    )
    matcher = PeerMatcher().fit(frame)

    report = audit(matcher.table_, matcher.match(), ["team"])

    assert sum(g.people for g in report.attributes[0].groups) == 11
    assert sum(g.matched or 0 for g in report.attributes[0].groups) == 10


def test_max_min_mode_never_lowers_the_worst_group_and_states_the_cost() -> None:
    matcher = MentorMatcher().fit(synthetic_community(400, seed=5))
    base = matcher.match()

    trade = max_min_fair(matcher, "field", base=base)

    assert trade.worst_mean_after >= trade.worst_mean_before - 1e-12
    assert trade.total_after <= base.upper_bound + 1e-9
    assert trade.cost == pytest.approx(base.total - trade.result.total)
    assert trade.result.member_scores.sum() == pytest.approx(trade.total_after)
    load = np.bincount(trade.result.mentor_rows, minlength=len(matcher.table_))
    assert (load <= matcher.table_.capacity).all()
    assert "cost" in trade.to_dict()
