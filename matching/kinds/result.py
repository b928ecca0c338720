"""One result for every kind: units of a mentor (or none) and members, who is left out and why, the proof."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

import numpy as np
import numpy.typing as npt

from matching.reports.reason import Reasons
from matching.solvers.traditional import Certified

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class Details(TypedDict, total=False):
    """What only some kinds report.

    prices : ndarray of float
        Traditional: mentor prices ``v`` of the certificate, in ``MentorMatcher.mentors_`` order.
    exact : bool
        Peer: solved by the exact blossom over every eligible pair.
    cohesion, random_cohesion : float
        Group: mean need similarity of two members, in these groups and in random ones.
    group_cohesion : dict of str to float
        Group: the same per group id.
    traditional_total : float
        Group: the optimal traditional total with the same capacities (bounds the mentor fit).
    """

    prices: FloatArray
    exact: bool
    cohesion: float
    random_cohesion: float
    group_cohesion: dict[str, float]
    traditional_total: float


@dataclass(frozen=True)
class Member:
    """One person in a unit: table row and id, their own score and reasons (a group member's fit)."""

    row: int
    id: str
    score: float
    reasons: Reasons = ()


@dataclass
class Unit:
    """A proposal: a mentor (``None`` for peers) and the members matched with them.

    ``score`` is the pair's score (traditional, peer) or the mean of the members' scores
    (group); ``reasons`` say why the unit fits; ``group_id`` is ``g1``, ``p1``... for groups
    and peer pairs, empty for traditional pairs.
    """

    mentor_row: int | None
    mentor_id: str | None
    members: list[Member]
    score: float
    reasons: Reasons
    group_id: str = ""


@dataclass(frozen=True)
class Left:
    """Someone left out (a person unmatched, or a mentor given nobody) and why."""

    row: int
    id: str
    reasons: Reasons


@dataclass
class Matching(Certified):
    """The result of every kind of matching, with its certificate.

    Attributes
    ----------
    kind : {"traditional", "peer", "group"}
    units : list of Unit
    unmatched : list of Left
        People to be matched who were not, with reasons.
    idle_mentors : list of Left
        Mentors with room given nobody, with reasons (traditional only).
    total, upper_bound : float
        Total score and a bound on the optimum over every eligible pair (equal when proved).
    timings : dict of str to float
        Seconds per stage.
    pairs_scored : int
    rounds : int
        Flow solves (traditional).
    details : Details
        What only some kinds report.
    names : dict of str to str
        Display names, by id, of the people reasons name (``who``).
    """

    kind: str
    units: list[Unit]
    unmatched: list[Left]
    total: float
    upper_bound: float
    idle_mentors: list[Left] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pairs_scored: int = 0
    rounds: int = 0
    details: Details = field(default_factory=lambda: Details())
    names: dict[str, str] = field(default_factory=dict)

    @property
    def proved_optimal(self) -> bool:
        """Whether the certificate proves the total optimal (relative gap within 1e-6)."""
        return self.is_optimal()

    @property
    def members(self) -> list[tuple[Unit, Member]]:
        """Every matched person with their unit, unit by unit."""
        return [(unit, member) for unit in self.units for member in unit.members]

    @property
    def member_rows(self) -> IntArray:
        """Table rows of every matched person, unit by unit."""
        return np.array([m.row for _, m in self.members], dtype=np.int64)

    @property
    def mentor_rows(self) -> IntArray:
        """Per matched person, their mentor's table row (``-1`` for peers)."""
        rows = [-1 if u.mentor_row is None else u.mentor_row for u, _ in self.members]
        return np.array(rows, dtype=np.int64)

    @property
    def member_scores(self) -> FloatArray:
        """Per matched person, their own score."""
        return np.array([m.score for _, m in self.members], dtype=np.float64)

    @property
    def unmatched_ids(self) -> list[str]:
        """Ids of the people left unmatched."""
        return [left.id for left in self.unmatched]

    @property
    def unmatched_rows(self) -> IntArray:
        """Table rows of the people left unmatched."""
        return np.array([left.row for left in self.unmatched], dtype=np.int64)
