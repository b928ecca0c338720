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

import typing
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    Float,
    Numeric,
    Select,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

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


# Up to this many ids are read with an IN list; more (or none) read every mentor through grouped joins,
# since SQLite plans a list of thousands of ids badly.
FEW = 50


async def mentor_loads(
    session: AsyncSession,
    today: date | None = None,
    profile_ids: Collection[UUID] | None = None,
    *,
    with_pulse: bool = False,
) -> dict[UUID, Load]:
    """The load of every mentor (or of the given profiles), from one query of grouped subqueries.

    The private pulse is read only with ``with_pulse``, which only the mentor's own views ask for.
    """
    today = today or datetime.now(UTC).date()
    few = _few(profile_ids)
    params: dict[str, Any] = {"today": today} if few is None else {"today": today, "ids": list(few)}
    rows = (await session.execute(_loads_query(few is not None), params)).all()
    if profile_ids is not None:
        wanted = set(profile_ids)
        rows = [row for row in rows if row.profile_id in wanted]
    if not rows:
        return {}
    pulses = (
        await _pulses(session, {row.profile_id for row in rows} if few is not None else None, today)
        if with_pulse
        else {}
    )
    return {
        row.profile_id: Load(
            row.profile_id,
            row.capacity,
            int(row.active_mentees),
            int(row.pending),
            round(float(row.meetings), 3),
            int(row.overdue_items),
            pulses.get(row.profile_id),
        )
        for row in rows
    }


async def overloaded(
    session: AsyncSession,
    threshold: float,
    today: date | None = None,
    profile_ids: Collection[UUID] | None = None,
) -> set[UUID]:
    """Mentors whose load is above the threshold (among ``profile_ids`` when given), chosen in SQL."""
    loads = load_rows(today or datetime.now(UTC).date(), _few(profile_ids)).subquery()
    query = select(loads.c.profile_id).where(loads.c.value > threshold)
    found: set[UUID] = set((await session.execute(query)).scalars())
    return found if profile_ids is None else found & set(profile_ids)


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


@cache
def _loads_query(few: bool) -> Select[UUID, int, Any, Any, Any, Any, float]:
    """`load_rows` built once, for a few mentors' bound ids or for every mentor, on a bound day.

    A mentor's own pages read their load on every visit; building this statement of grouped
    subqueries cost more than running it.
    """
    ids = bindparam("ids", expanding=True, type_=Profile.id.type) if few else None
    return load_rows(bindparam("today", type_=Date), ids)


def _few(profile_ids: Collection[UUID] | None) -> Collection[UUID] | None:
    """The ids worth an IN list, or None to read every mentor."""
    return profile_ids if profile_ids is not None and len(profile_ids) <= FEW else None


def load_rows(
    today: date | ColumnElement[date],
    profile_ids: Collection[UUID] | Select[UUID] | BindParameter[Any] | None = None,
) -> Select[UUID, int, Any, Any, Any, Any, float]:
    """One row per mentor: profile_id, capacity, active_mentees, pending, meetings, overdue_items, value.

    Grouped subqueries outer-joined to the mentors, so a caller can count, bucket, order or filter
    every mentor's load in SQL; ``profile_ids`` (a handful, or a query of a handful) narrows every
    subquery to them.
    """
    mentor, mentee = aliased(RelationshipMember), aliased(RelationshipMember)

    def few(column: Any) -> ColumnElement[bool]:
        return true() if profile_ids is None else column.in_(profile_ids)

    theirs = (
        true()
        if profile_ids is None
        # Only these mentors' relationships: counting every relationship's mentees cost 25 ms at 10k.
        else mentee.relationship_id.in_(
            select(RelationshipMember.relationship_id).where(
                RelationshipMember.profile_id.in_(profile_ids), RelationshipMember.role == MemberRole.MENTOR
            )
        )
    )
    mentees = (
        select(mentee.relationship_id, func.count().label("n"))
        .where(mentee.role == MemberRole.MENTEE, theirs)
        .group_by(mentee.relationship_id)
        .subquery()
    )
    cadence = case((Relationship.cadence_days < 1, 1), else_=Relationship.cadence_days)
    relationships = (
        select(
            mentor.profile_id,
            func.sum(func.coalesce(mentees.c.n, 0)).label("mentees"),
            func.sum(literal(30.0, Float) / cadence).label("meetings"),
        )
        .join(Relationship, Relationship.id == mentor.relationship_id)
        .outerjoin(mentees, mentees.c.relationship_id == Relationship.id)
        .where(
            mentor.role == MemberRole.MENTOR,
            Relationship.status == RelationshipStatus.ACTIVE,
            few(mentor.profile_id),
        )
        .group_by(mentor.profile_id)
        .subquery()
    )
    pending = (
        select(ProposalMember.profile_id, func.count().label("n"))
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(
            ProposalMember.role == MemberRole.MENTOR,
            ProposalMember.response == Response.PENDING,
            Proposal.status == ProposalStatus.OPEN,
            few(ProposalMember.profile_id),
        )
        .group_by(ProposalMember.profile_id)
        .subquery()
    )
    overdue = (
        select(ActionItem.owner_id, func.count().label("n"))
        .join(Relationship, Relationship.id == ActionItem.relationship_id)
        # today may be a bound parameter of a prebuilt statement; the rule reads it the same way.
        .where(
            ActionItem.is_overdue(typing.cast(date, today)), Relationship.is_live, few(ActionItem.owner_id)
        )
        .group_by(ActionItem.owner_id)
        .subquery()
    )
    active = func.coalesce(relationships.c.mentees, 0)
    waiting = func.coalesce(pending.c.n, 0)
    meetings = func.coalesce(relationships.c.meetings, 0.0)
    late = func.coalesce(overdue.c.n, 0)
    # The same terms, in the same order and rounding, as Load.value.
    places = case((Profile.capacity < 1, 1), else_=Profile.capacity)
    value = (
        cast(active, Float) / places
        + literal(REQUEST_WEIGHT, Float) * waiting
        + literal(MEETING_WEIGHT, Float) * _round(meetings)
        + literal(OVERDUE_WEIGHT, Float) * late
    )
    return (
        select(
            Profile.id.label("profile_id"),
            Profile.capacity,
            active.label("active_mentees"),
            waiting.label("pending"),
            meetings.label("meetings"),
            late.label("overdue_items"),
            _round(value).label("value"),
        )
        .outerjoin(relationships, relationships.c.profile_id == Profile.id)
        .outerjoin(pending, pending.c.profile_id == Profile.id)
        .outerjoin(overdue, overdue.c.owner_id == Profile.id)
        .where(Profile.is_mentor, few(Profile.id))
    )


def _round(value: ColumnElement[Any]) -> ColumnElement[float]:
    """Round to three decimals as Python's round() does (PostgreSQL rounds numerics only)."""
    return cast(func.round(cast(value, Numeric), 3), Float)


async def _pulses(session: AsyncSession, ids: set[UUID] | None, today: date) -> dict[UUID, float]:
    """Mean of workload and stress in each mentor's (or these mentors') latest pulse of the last 30 days."""
    since = datetime.combine(today, time.min, tzinfo=UTC) - PULSE_WINDOW
    rows = await session.execute(
        select(PulseAnswer.profile_id, PulseAnswer.workload, PulseAnswer.stress)
        .where(true() if ids is None else PulseAnswer.profile_id.in_(ids), PulseAnswer.created_at >= since)
        .order_by(PulseAnswer.created_at)
    )
    latest: dict[UUID, float] = {}
    for pid, workload, stress in rows.all():
        answered = [v for v in (workload, stress) if v is not None]
        if answered:
            latest[pid] = sum(answered) / len(answered)
    return latest
