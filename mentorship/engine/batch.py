"""What `mentorship match` needs of the library: tables, result rows, fairness and saved communities."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeAlias

from matching import (
    ACTIONS,
    AuditReport,
    FairnessTradeoff,
    Matching,
    ParticipantTable,
    SolvedCommunity,
    TableError,
    max_min_fair,
    parse_participants,
    sentence,
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
    "sentence",
    "shown",
    "solved_community",
]

AnyResult: TypeAlias = Matching


def result_rows(result: Matching) -> Iterator[tuple[str, str, str, str, float, str]]:
    """One row per matched person: kind, group, mentor_id (empty for peers), mentee_id, score, reasons.

    A group member's reasons are the group's, then `` | `` and their own fit with the mentor.
    """
    for unit in result.units:
        why = sentence(unit.reasons, result.names)
        for member in unit.members:
            own = f"{why} | {sentence(member.reasons)}" if member.reasons else why
            yield result.kind, unit.group_id, unit.mentor_id or "", member.id, member.score, own


def kind_notes(result: Matching) -> list[str]:
    """Summary lines particular to group and peer results, from the result's details."""
    details = result.details
    notes = []
    if "exact" in details:
        how = (
            "exact blossom over every eligible pair"
            if details["exact"]
            else "bound from the fractional matching"
        )
        notes.append(f"peer pairs: {len(result.units)}; unmatched peers: {len(result.unmatched)} ({how})")
    if "cohesion" in details:
        sizes = [len(unit.members) for unit in result.units]
        cohesion, random = details["cohesion"], details["random_cohesion"]
        ratio = cohesion / random if random > 0 else float("inf")
        traditional = details["traditional_total"]
        fit = result.total / traditional if traditional > 0 else 1.0
        notes += [
            f"groups: {len(result.units)} (sizes {min(sizes, default=0)}-{max(sizes, default=0)}), "
            f"{sum(sizes)} mentees",
            f"cohesion: {cohesion:.3f} vs {random:.3f} for random groups ({ratio:.1f}x)",
            f"mentor fit: {result.total:.6f} = {fit:.4f} of the traditional optimum {traditional:.6f}",
        ]
    return notes


def max_min(matcher: Any, column: str, result: Matching) -> FairnessTradeoff:
    """Raise the worst-off group of ``column`` (traditional matchings only, else ValueError)."""
    if result.kind != "traditional":
        raise ValueError("--max-min works with --kind traditional")
    return max_min_fair(matcher, column, base=result)


def solved_community(matcher: Any, result: Matching, pairs: Any) -> SolvedCommunity:
    """A solved traditional community to save for later incremental updates."""
    if result.kind != "traditional":
        raise ValueError("--state keeps traditional matchings only")
    return SolvedCommunity.from_match(matcher, result, pairs)
