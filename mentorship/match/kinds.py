"""The kinds' options of `mentorship match`, its fairness audit and max-min mode, and their lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from mentorship.engine.batch import AnyResult, AuditReport, FairnessTradeoff, ParticipantTable

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
    from mentorship.engine import batch

    lines: list[str] = []
    data: dict[str, Any] = {}
    if max_min is not None:
        try:
            trade = batch.max_min(matcher, max_min, result)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        result = trade.result
        lines += tradeoff_lines(trade)
        data["max_min"] = trade.to_dict()
    if audit_by:
        report = batch.audit(table, result, audit_by)
        lines += audit_lines(report)
        data["audit"] = report.to_dict()
    return result, lines, data
