"""Fairness report by attribute columns: match rates and scores per group, and the gaps between them.

The report is plain data (dataclasses of numbers and strings, :meth:`AuditReport.to_dict`
for JSON) so the command line, the web app's HTML and its API render the same figures.
Groups with fewer than ``min_group_size`` people are suppressed: counted, never described.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.kinds.result import Matching
from matching.reports.words import short
from matching.table.participants import ParticipantTable

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BLANK = "(blank)"


@dataclass(frozen=True)
class Outcomes:
    """Who was to be matched, their score (``nan`` if unmatched) and why not."""

    rows: IntArray
    scores: FloatArray
    reasons: list[str]


def outcomes(result: Matching) -> Outcomes:
    """Per person to be matched: table row, score and why unmatched (the key of their first reason)."""
    matched = result.member_rows
    rows = np.concatenate([matched, result.unmatched_rows]).astype(np.int64)
    values = np.concatenate([result.member_scores, np.full(len(result.unmatched), np.nan)])
    why = [short(left.reasons[0]) if left.reasons else "" for left in result.unmatched]
    return Outcomes(rows, values, [""] * len(matched) + why)


@dataclass
class AuditGroup:
    """Figures for the people sharing one value of an attribute (``None`` when suppressed).

    Attributes
    ----------
    value : str
    people : int
    suppressed : bool
        Fewer than the minimum group size: no figures are shown.
    matched : int or None
    match_rate : float or None
        Share matched, 0 to 1.
    mean_score, lower_quartile_score : float or None
        Over the matched people.
    mean_score_per_person : float or None
        Over everyone, the unmatched counting 0 (what the max-min mode raises).
    unmatched_share : float or None
    unmatched_reasons : dict of str to int
        Reason (without its figures) to count.
    """

    value: str
    people: int
    suppressed: bool
    matched: int | None = None
    match_rate: float | None = None
    mean_score: float | None = None
    lower_quartile_score: float | None = None
    mean_score_per_person: float | None = None
    unmatched_share: float | None = None
    unmatched_reasons: dict[str, int] = field(default_factory=dict)


@dataclass
class Disparity:
    """A gap between two groups of one attribute that exceeds its limit."""

    attribute: str
    metric: str
    best: str
    worst: str
    gap: float
    limit: float
    message: str


@dataclass
class AttributeAudit:
    """The groups of one attribute and the disparities flagged among them."""

    attribute: str
    groups: list[AuditGroup]
    disparities: list[Disparity]


@dataclass
class AuditReport:
    """A fairness report over one or more attribute columns.

    Attributes
    ----------
    people : int
        People who were to be matched.
    attributes : list of AttributeAudit
    min_group_size : int
    max_rate_gap : float
        Match-rate gap flagged above this (0.10: ten points).
    max_score_gap : float
        Mean-score gap flagged above this share of the best group's mean.
    """

    people: int
    attributes: list[AttributeAudit]
    min_group_size: int
    max_rate_gap: float
    max_score_gap: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)

    @property
    def disparities(self) -> list[Disparity]:
        """Every flagged disparity, attribute by attribute."""
        return [d for a in self.attributes for d in a.disparities]


def _describe(value: str, scores: FloatArray, reasons: list[str], min_group_size: int) -> AuditGroup:
    people = len(scores)
    if people < min_group_size:
        return AuditGroup(value=value, people=people, suppressed=True)
    hit = ~np.isnan(scores)
    got = scores[hit]
    return AuditGroup(
        value=value,
        people=people,
        suppressed=False,
        matched=int(hit.sum()),
        match_rate=float(hit.mean()),
        mean_score=float(got.mean()) if len(got) else None,
        lower_quartile_score=float(np.quantile(got, 0.25)) if len(got) else None,
        mean_score_per_person=float(np.nan_to_num(scores).mean()),
        unmatched_share=float(1 - hit.mean()),
        unmatched_reasons=dict(Counter(r for r, h in zip(reasons, hit, strict=True) if not h)),
    )


def _disparities(
    attribute: str, groups: list[AuditGroup], rate_gap: float, score_gap: float
) -> list[Disparity]:
    shown = [g for g in groups if not g.suppressed]
    found = []
    if len(shown) >= 2:
        rated = sorted(shown, key=lambda g: g.match_rate or 0.0)
        worst, best = rated[0], rated[-1]
        gap = (best.match_rate or 0.0) - (worst.match_rate or 0.0)
        if gap > rate_gap:
            found.append(
                Disparity(
                    attribute,
                    "match_rate",
                    best.value,
                    worst.value,
                    gap,
                    rate_gap,
                    f"{attribute}={worst.value!r} is matched {gap * 100:.0f} points less often "
                    f"than {attribute}={best.value!r}",
                )
            )
        scored = sorted((g for g in shown if g.mean_score is not None), key=lambda g: g.mean_score or 0.0)
        if len(scored) >= 2 and (scored[-1].mean_score or 0.0) > 0:
            low, high = scored[0].mean_score or 0.0, scored[-1].mean_score or 0.0
            relative = (high - low) / high
            if relative > score_gap:
                found.append(
                    Disparity(
                        attribute,
                        "mean_score",
                        scored[-1].value,
                        scored[0].value,
                        relative,
                        score_gap,
                        f"{attribute}={scored[0].value!r} gets pairings scoring {relative * 100:.0f}% lower "
                        f"than {attribute}={scored[-1].value!r}",
                    )
                )
    return found


def attribute_values(table: ParticipantTable, attribute: str, rows: IntArray) -> list[str]:
    """The attribute's value for each row (blank cells become ``(blank)``).

    Raises
    ------
    KeyError
        If the table has no such column.
    """
    if attribute not in table.frame.columns:
        raise KeyError(f"no column {attribute!r} to audit by")
    column = table.frame[attribute].to_numpy()
    return [str(v).strip() or BLANK if v is not None and v == v else BLANK for v in column[rows]]


def audit(
    table: ParticipantTable,
    result: Matching,
    by: Sequence[str],
    *,
    min_group_size: int = 5,
    max_rate_gap: float = 0.10,
    max_score_gap: float = 0.10,
) -> AuditReport:
    """Report, per value of each attribute, who was matched, how well, and why not.

    Parameters
    ----------
    table : ParticipantTable
        The table the result was computed from.
    result : Matching
    by : sequence of str
        Attribute columns (any column of the table).
    min_group_size : int, default=5
        Groups with fewer people are suppressed.
    max_rate_gap : float, default=0.10
        Flag match-rate gaps above this (ten points).
    max_score_gap : float, default=0.10
        Flag mean-score gaps above this share of the best group's mean.

    Returns
    -------
    AuditReport

    Raises
    ------
    KeyError
        If an attribute is not a column of the table.
    """
    seen = outcomes(result)
    attributes = []
    for name in by:
        values = attribute_values(table, name, seen.rows)
        groups = []
        for value in sorted(set(values)):
            mask = np.array([v == value for v in values], dtype=bool)
            reasons = [r for r, m in zip(seen.reasons, mask, strict=True) if m]
            groups.append(_describe(value, seen.scores[mask], reasons, min_group_size))
        attributes.append(
            AttributeAudit(name, groups, _disparities(name, groups, max_rate_gap, max_score_gap))
        )
    return AuditReport(len(seen.rows), attributes, min_group_size, max_rate_gap, max_score_gap)
