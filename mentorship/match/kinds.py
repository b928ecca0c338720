"""The three kinds of `mentorship match` (traditional, group, peer), the fairness audit and its rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    import numpy as np

    from matching import AuditReport, FairnessTradeoff, GroupResult, MatchResult, ParticipantTable, PeerResult

    AnyResult = MatchResult | PeerResult | GroupResult

_SIZE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$")


def parse_group_size(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    """``3-6`` (or ``4`` for exactly four) as (smallest, largest); a usage error (exit 2) otherwise."""
    if value is None:
        return None
    match = _SIZE.match(value)
    if not match:
        raise click.BadParameter(f"expected MIN-MAX such as 3-6, got {value!r}")
    low = int(match.group(1))
    high = int(match.group(2) or low)
    if not 1 <= low <= high:
        raise click.BadParameter(f"sizes must satisfy 1 <= MIN <= MAX, got {value!r}")
    return low, high


def run_match(
    kind: str,
    table: ParticipantTable,
    pairs: np.ndarray[Any, Any] | None,
    *,
    options: dict[str, Any],
    progress: Callable[[str], None],
) -> tuple[Any, AnyResult]:
    """Fit the matcher of ``kind`` and match; returns the fitted matcher and its result."""
    from matching import GroupMatcher, MentorMatcher, PeerMatcher

    common = {k: options[k] for k in ("min_score", "max_hours_apart", "seed")}
    matcher: Any
    if kind == "peer":
        matcher = PeerMatcher(**common)
    elif kind == "group":
        low, high = options.get("group_size") or (3, 6)
        matcher = GroupMatcher(min_size=low, max_size=high, **common)
    else:
        matcher = MentorMatcher(fast=options["fast"], **common)
    matcher.fit(table)
    progress("vectorize")
    return matcher, matcher.match(pairs, progress=progress)


def result_rows(result: AnyResult) -> Iterator[tuple[str, str, str, str, float, str]]:
    """Output rows: kind, group, mentor_id (empty for peer), mentee_id, score, reasons."""
    from matching import GroupResult, PeerResult

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
    from matching import GroupResult, PeerResult

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


def audit_lines(report: AuditReport) -> list[str]:
    """The fairness report as plain lines."""
    lines = []
    for attribute in report.attributes:
        lines.append(f"fairness by {attribute.attribute}:")
        for g in attribute.groups:
            if g.suppressed:
                lines.append(f"  {g.value}: {g.people} people (under {report.min_group_size}: suppressed)")
                continue
            lines.append(
                f"  {g.value}: {g.people} people, matched {g.match_rate or 0:.0%}, "
                f"mean score {_num(g.mean_score)}, lower quartile {_num(g.lower_quartile_score)}, "
                f"unmatched {g.unmatched_share or 0:.0%}"
                + "".join(f"; {n} x {r}" for r, n in g.unmatched_reasons.items())
            )
        lines += [f"  FLAG: {d.message}" for d in attribute.disparities]
    return lines


def tradeoff_lines(trade: FairnessTradeoff) -> list[str]:
    """The max-min mode's cost and gain as plain lines."""
    return [
        f"max-min by {trade.attribute}: worst-off group {trade.worst_before!r} mean score per person "
        f"{trade.worst_mean_before:.4f} -> {trade.worst_mean_after:.4f} (now worst: {trade.worst_after!r}, "
        f"gain {trade.gain:+.4f})",
        f"  total {trade.total_before:.6f} -> {trade.total_after:.6f} "
        f"(cost {trade.cost:.6f}, {trade.cost / max(trade.total_before, 1e-12):.2%})",
    ]


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def fairness(
    table: ParticipantTable,
    matcher: Any,
    result: AnyResult,
    audit_by: Sequence[str],
    max_min: str | None,
) -> tuple[AnyResult, list[str], dict[str, Any]]:
    """Run the max-min mode (traditional) and the audit; returns the result to write, lines and JSON data."""
    from matching import MentorMatcher, audit, max_min_fair

    lines: list[str] = []
    data: dict[str, Any] = {}
    if max_min is not None:
        if not isinstance(matcher, MentorMatcher):
            raise click.UsageError("--max-min works with --kind traditional")
        trade = max_min_fair(matcher, max_min, base=result)  # type: ignore[arg-type]
        result = trade.result
        lines += tradeoff_lines(trade)
        data["max_min"] = trade.to_dict()
    if audit_by:
        report = audit(table, result, list(audit_by))
        lines += audit_lines(report)
        data["audit"] = report.to_dict()
    return result, lines, data
