"""A pairing before it is sent, and what a send made: plain values the pages and the API show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from mentorship.lib.errors import Conflict
from mentorship.lib.reasons import as_json
from mentorship.manual.checks import Warning, name
from mentorship.manual.fit import PairFit, overall
from mentorship.manual.forms import Pick
from mentorship.models import Profile, Program


class MatchConflict(Conflict):
    """The pairing cannot be made as things stand now; the message says why."""


@dataclass(frozen=True)
class Preview:
    """A pairing before it is sent: who, the engine's fit, and every warning."""

    program: Program
    pick: Pick
    mentor: Profile | None
    mentees: list[Profile]
    fits: list[PairFit]
    warnings: list[Warning]

    @property
    def score(self) -> float:
        """The pairing's fit as one number."""
        return overall(self.pick.kind, self.fits)

    @property
    def mentor_full(self) -> bool:
        """Whether starting now takes the mentor past their places (needs the coordinator's say-so)."""
        return any(w.code == "capacity_full" for w in self.warnings)

    @property
    def names(self) -> dict[str, str]:
        """Everyone's name by profile id, for reasons that name people."""
        people = [*([self.mentor] if self.mentor else []), *self.mentees]
        return {str(p.id): name(p) for p in people}


@dataclass(frozen=True)
class Plan:
    """A previewed pairing as plain values: a retried transaction reads no expired row."""

    pick: Pick
    score: float
    reasons: list[Any]
    user_ids: list[UUID]
    mentor_name: str
    mentor_full: bool
    program_name: str
    program_slug: str
    cadence_days: int
    program_id: UUID | None = None

    @classmethod
    def of(cls, seen: Preview) -> Plan:
        """The plan of a preview."""
        people = [*([seen.mentor] if seen.mentor else []), *seen.mentees]
        return cls(
            pick=seen.pick,
            score=seen.score,
            reasons=as_json(r for fit in seen.fits for r in fit.reasons),
            user_ids=[p.user_id for p in people],
            mentor_name=name(seen.mentor) if seen.mentor else "",
            mentor_full=seen.mentor_full,
            program_name=seen.program.name,
            program_slug=seen.program.slug,
            program_id=seen.program.id,
            cadence_days=seen.program.checkin_cadence_days,
        )


@dataclass(frozen=True)
class Made:
    """What a send made: a proposal waiting for answers, or a relationship started now."""

    proposal_id: UUID | None = None
    relationship_id: UUID | None = None


@dataclass(frozen=True)
class Started:
    """A relationship a coordinator started directly."""

    relationship_id: UUID
    program_slug: str
