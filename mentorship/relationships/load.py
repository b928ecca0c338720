"""The mentor load index: how close a mentor is to burning out, from what the program already knows.

The formula, one term per signal (each documented where it is computed)::

    load     = occupancy + requests + meetings + overdue      (shared: gates, coordinators see it)
    personal = load + strain                                     (only the mentor ever sees it)

    occupancy = active mentees / capacity            (1.0 = every offered place taken)
    requests  = 0.25 x proposals and requests waiting for the mentor's answer
    meetings  = 0.05 x planned check-ins per 30 days (sum of 30 / cadence over active relationships)
    overdue   = 0.10 x the mentor's action items past their due date
    strain    = 0.25 x (mean of workload and stress - 3), only when the mentor's latest pulse
                (last 30 days) is above 3; from 0 to 0.5

A capacity of 0 counts as 1. A mentor whose load is above ``Settings.load_threshold``
(MENTORSHIP_LOAD_THRESHOLD, 1.5 by default) gets no new proposals in a round, no requests and no
place in instant suggestions, and is invited to take an away period.

The pulse is private, so the strain term stays out of everything another person can observe: the
shared load, the coordinators' figures, and the gating (a mentor left out of a round or of
suggestions is visible to others, so gating on the pulse would let them read it back). Only the
mentor sees ``personal``, with its terms; when it is above the threshold the mentor alone is
invited to rest and to set an away period, which is then theirs to take.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import (
    ActionItem,
    MemberRole,
    Profile,
    Proposal,
    ProposalMember,
    ProposalStatus,
    PulseAnswer,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    Response,
)

DEFAULT_THRESHOLD = 1.5
REQUEST_WEIGHT = 0.25
MEETING_WEIGHT = 0.05
OVERDUE_WEIGHT = 0.10
STRAIN_WEIGHT = 0.25
PULSE_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class Load:
    """One mentor's load index with the signals it is made of."""

    profile_id: UUID
    capacity: int
    active_mentees: int = 0
    pending: int = 0
    checkins_per_30_days: float = 0.0
    overdue_items: int = 0
    pulse: float | None = None  # mean of workload and stress in the latest recent pulse, private

    @property
    def occupancy(self) -> float:
        """Active mentees relative to capacity."""
        return self.active_mentees / max(self.capacity, 1)

    @property
    def requests(self) -> float:
        """The term for answers the mentor still owes."""
        return REQUEST_WEIGHT * self.pending

    @property
    def meetings(self) -> float:
        """The term for how often the mentor meets people."""
        return MEETING_WEIGHT * self.checkins_per_30_days

    @property
    def overdue(self) -> float:
        """The term for action items past their date."""
        return OVERDUE_WEIGHT * self.overdue_items

    @property
    def strain(self) -> float:
        """The term for a recent pulse with high workload or stress."""
        return STRAIN_WEIGHT * max(0.0, self.pulse - 3) if self.pulse is not None else 0.0

    @property
    def value(self) -> float:
        """The shared load index: what gates new mentees and what coordinators see (no pulse in it)."""
        return round(self.occupancy + self.requests + self.meetings + self.overdue, 3)

    @property
    def personal(self) -> float:
        """The load index with the mentor's own pulse, shown to that mentor only."""
        return round(self.value + self.strain, 3)

    def over(self, threshold: float) -> bool:
        """Whether the shared load is above the threshold (the mentor takes no new mentees)."""
        return self.value > threshold

    def personally_over(self, threshold: float) -> bool:
        """Whether the mentor's own load, pulse included, is above the threshold (an invitation to rest)."""
        return self.personal > threshold


async def mentor_loads(
    session: AsyncSession,
    today: date | None = None,
    profile_ids: set[UUID] | None = None,
    *,
    with_pulse: bool = False,
) -> dict[UUID, Load]:
    """The load of every mentor (or of the given profiles), from a handful of grouped queries.

    The private pulse is read only with ``with_pulse``, which only the mentor's own views ask for.
    """
    today = today or datetime.now(UTC).date()
    query = select(Profile.id, Profile.capacity).where(Profile.is_mentor)
    if profile_ids is not None:
        query = query.where(Profile.id.in_(profile_ids))
    capacities = dict((await session.execute(query)).all())
    if not capacities:
        return {}
    ids = set(capacities)
    mentees, meetings = await _relationships(session, ids)
    pending = await _pending(session, ids)
    overdue = await _overdue(session, ids, today)
    pulses = await _pulses(session, ids, today) if with_pulse else {}
    return {
        pid: Load(
            pid,
            capacities[pid],
            mentees.get(pid, 0),
            pending.get(pid, 0),
            round(meetings.get(pid, 0.0), 3),
            overdue.get(pid, 0),
            pulses.get(pid),
        )
        for pid in ids
    }


async def overloaded(session: AsyncSession, threshold: float, today: date | None = None) -> set[UUID]:
    """Mentors whose load is above the threshold."""
    return {pid for pid, load in (await mentor_loads(session, today)).items() if load.over(threshold)}


async def load_of(
    session: AsyncSession, profile_id: UUID, today: date | None = None, *, with_pulse: bool = False
) -> Load | None:
    """One mentor's load, or None for someone who is not a mentor."""
    return (await mentor_loads(session, today, {profile_id}, with_pulse=with_pulse)).get(profile_id)


async def own_load(session: AsyncSession, profile: Profile | None) -> Load | None:
    """My own load, pulse included, when I mentor (for my eyes only)."""
    if profile is None or not profile.is_mentor:
        return None
    return await load_of(session, profile.id, with_pulse=True)


async def _relationships(session: AsyncSession, ids: set[UUID]) -> tuple[dict[UUID, int], dict[UUID, float]]:
    """Active mentees and planned check-ins per 30 days, per mentor."""
    mentor = RelationshipMember
    rows = await session.execute(
        select(mentor.profile_id, Relationship.id, Relationship.cadence_days)
        .join(Relationship, Relationship.id == mentor.relationship_id)
        .where(
            mentor.profile_id.in_(ids),
            mentor.role == MemberRole.MENTOR,
            Relationship.status == RelationshipStatus.ACTIVE,
        )
    )
    by_relationship: dict[UUID, UUID] = {}
    meetings: dict[UUID, float] = {}
    for pid, rid, cadence in rows.all():
        by_relationship[rid] = pid
        meetings[pid] = meetings.get(pid, 0.0) + 30 / max(cadence, 1)
    mentees: dict[UUID, int] = {}
    if by_relationship:
        counted = await session.execute(
            select(RelationshipMember.relationship_id, func.count())
            .where(
                RelationshipMember.relationship_id.in_(by_relationship),
                RelationshipMember.role == MemberRole.MENTEE,
            )
            .group_by(RelationshipMember.relationship_id)
        )
        for rid, count in counted.all():
            mentees[by_relationship[rid]] = mentees.get(by_relationship[rid], 0) + int(count)
    return mentees, meetings


async def _pending(session: AsyncSession, ids: set[UUID]) -> dict[UUID, int]:
    """Open proposals and requests waiting for the mentor's answer."""
    rows = await session.execute(
        select(ProposalMember.profile_id, func.count())
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(
            ProposalMember.profile_id.in_(ids),
            ProposalMember.role == MemberRole.MENTOR,
            ProposalMember.response == Response.PENDING,
            Proposal.status == ProposalStatus.OPEN,
        )
        .group_by(ProposalMember.profile_id)
    )
    return {pid: int(count) for pid, count in rows.all()}


async def _overdue(session: AsyncSession, ids: set[UUID], today: date) -> dict[UUID, int]:
    """Action items the mentor owns in live relationships, not done and past their date."""
    rows = await session.execute(
        select(ActionItem.owner_id, func.count())
        .join(Relationship, Relationship.id == ActionItem.relationship_id)
        .where(
            ActionItem.owner_id.in_(ids),
            ActionItem.is_overdue(today),
            Relationship.is_live,
        )
        .group_by(ActionItem.owner_id)
    )
    return {pid: int(count) for pid, count in rows.all() if pid is not None}


async def _pulses(session: AsyncSession, ids: set[UUID], today: date) -> dict[UUID, float]:
    """Mean of workload and stress in each mentor's latest pulse of the last 30 days."""
    since = datetime.combine(today, time.min, tzinfo=UTC) - PULSE_WINDOW
    rows = await session.execute(
        select(PulseAnswer.profile_id, PulseAnswer.workload, PulseAnswer.stress)
        .where(PulseAnswer.profile_id.in_(ids), PulseAnswer.created_at >= since)
        .order_by(PulseAnswer.created_at)
    )
    latest: dict[UUID, float] = {}
    for pid, workload, stress in rows.all():
        answered = [v for v in (workload, stress) if v is not None]
        if answered:
            latest[pid] = sum(answered) / len(answered)
    return latest
