"""What `mentorship match` needs of the library: tables, result rows, fairness and saved communities."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeAlias

from matching import (
    ACTIONS,
    AuditReport,
    FairnessTradeoff,
    GroupResult,
    MatchResult,
    MentorMatcher,
    ParticipantTable,
    PeerResult,
    SolvedCommunity,
    TableError,
    max_min_fair,
    parse_participants,
    shown,
)
from mentorship.engine.audit import audit

__all__ = [
    "ACTIONS",
    "AnyResult",
    "AuditReport",
    "FairnessTradeoff",
    "ParticipantTable",
    "SolvedCommunity",
    "TableError",
    "audit",
    "kind_notes",
    "max_min",
    "parse_participants",
    "result_rows",
    "shown",
    "solved_community",
]

AnyResult: TypeAlias = MatchResult | PeerResult | GroupResult


def result_rows(result: AnyResult) -> Iterator[tuple[str, str, str, str, float, str]]:
    """Output rows: kind, group, mentor_id (empty for peer), mentee_id, score, reasons."""
    if isinstance(result, PeerResult):
        for k, (a, b, score, why) in enumerate(
            zip(result.first_ids, result.second_ids, result.scores, result.reasons, strict=True), start=1
        ):
            yield "peer", f"p{k}", "", a, float(score), why
            yield "peer", f"p{k}", "", b, float(score), why
    elif isinstance(result, GroupResult):
        for group, mentor, mentee, score, why in zip(
            result.group_ids, result.mentor_ids, result.mentee_ids, result.scores, result.reasons, strict=True
        ):
            yield "group", group, mentor, mentee, float(score), why
    else:
        for mentor, mentee, score, why in zip(
            result.mentor_ids, result.mentee_ids, result.scores, result.reasons, strict=True
        ):
            yield "traditional", "", mentor, mentee, float(score), why


def kind_notes(result: AnyResult) -> list[str]:
    """Summary lines particular to group and peer results."""
    if isinstance(result, PeerResult):
        how = (
            "exact blossom over every eligible pair" if result.exact else "bound from the fractional matching"
        )
        return [f"peer pairs: {len(result.scores)}; unmatched peers: {len(result.unmatched_ids)} ({how})"]
    if isinstance(result, GroupResult):
        sizes = [len(g.member_ids) for g in result.groups]
        return [
            f"groups: {len(result.groups)} (sizes {min(sizes, default=0)}-{max(sizes, default=0)}), "
            f"{sum(sizes)} mentees",
            f"cohesion: {result.cohesion:.3f} vs {result.random_cohesion:.3f} for random groups "
            f"({result.cohesion_ratio:.1f}x)",
            f"mentor fit: {result.total:.6f} = {result.fit_ratio:.4f} of the traditional optimum "
            f"{result.traditional_total:.6f}",
        ]
    return []


def max_min(matcher: Any, column: str, result: AnyResult) -> FairnessTradeoff:
    """Raise the worst-off group of ``column`` (traditional matchings only, else ValueError)."""
    if not isinstance(matcher, MentorMatcher) or not isinstance(result, MatchResult):
        raise ValueError("--max-min works with --kind traditional")
    return max_min_fair(matcher, column, base=result)


def solved_community(matcher: Any, result: AnyResult, pairs: Any) -> SolvedCommunity:
    """A solved traditional community to save for later incremental updates."""
    if not isinstance(result, MatchResult):
        raise ValueError("--state keeps traditional matchings only")
    return SolvedCommunity.from_match(matcher, result, pairs)
