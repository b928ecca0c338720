"""What a round's run found, as plain storable data: units, who is left and why, the certificate."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mentorship.lib.reasons import ReasonData

HISTOGRAM_BINS = 10


@dataclass
class Unit:
    """One proposal: a mentor (or none, for peers) and the people matched with them."""

    mentor: str | None
    members: list[str]
    score: float
    reasons: list[ReasonData]
    group: str = ""
    # A group's score is the mean of each member's own fit with the mentor, kept here.
    member_scores: list[float] = field(default_factory=list)


@dataclass
class Outcome:
    """What a round found: proposals, who is left and why, and the engine's certificate."""

    units: list[Unit]
    # Each person left unmatched (table row) with the reasons why, as data.
    unmatched: list[tuple[str, list[ReasonData]]]
    total: float
    upper_bound: float
    proved_optimal: bool
    seconds: dict[str, float]
    # For each mentee row: other mentors that fit, best first, as (mentor row, score, reasons).
    alternatives: dict[str, list[tuple[str, float, list[ReasonData]]]] = field(default_factory=dict)
    # The fairness report of `matching.audit` as JSON data (None when nothing could be matched).
    audit: dict[str, Any] | None = None

    @property
    def relative_gap(self) -> float:
        """How far the total may be from the best possible, relative to the bound."""
        if self.upper_bound <= 0:
            return 0.0
        return max(0.0, (self.upper_bound - self.total) / self.upper_bound)


def histogram(scores: list[float]) -> list[int]:
    """Counts of scores in ten equal bins from 0 to 1 (the top bin includes 1)."""
    counts = [0] * HISTOGRAM_BINS
    for score in scores:
        counts[min(HISTOGRAM_BINS - 1, max(0, int(score * HISTOGRAM_BINS)))] += 1
    return counts
