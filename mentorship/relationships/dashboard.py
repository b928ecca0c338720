"""The coordinators' dashboard: figures over the community or one program, aggregates only, charts as SVG."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.services import pulse_aggregates, support_requests
from mentorship.models import (
    ActionItem,
    Checkin,
    CheckinStatus,
    MembershipStatus,
    Profile,
    ProgramMembership,
    PulseAnswer,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
)
from mentorship.relationships.load import mentor_loads
from mentorship.relationships.reminders import missed

RISK_OVERDUE_ITEMS = 3  # this many open action items past their date puts a relationship at risk
LOAD_BUCKETS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
UPCOMING = (CheckinStatus.PLANNED, CheckinStatus.RESCHEDULED)  # a moved check-in is still to come
COUNTED = (*UPCOMING, CheckinStatus.HELD, CheckinStatus.MISSED)  # cancelled ones were never due


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, value and series (the template lays it out)."""

    label: str
    value: int
    series: str = ""


@dataclass
class Dashboard:
    """Everything the dashboard shows."""

    active: int = 0
    paused: int = 0
    completed: int = 0
    ended: int = 0
    completed_this_month: int = 0
    ended_this_month: int = 0
    rematch_requests: int = 0
    planned_this_month: int = 0
    held_this_month: int = 0
    overdue_checkins: int = 0
    overdue_items: int = 0
    at_risk: list[dict[str, Any]] = field(default_factory=list)
    pulse: dict[str, Any] | None = None
    support_requests: int = 0
    mentors: int = 0
    overloaded: int = 0
    load_bars: list[Bar] = field(default_factory=list)
    month_bars: list[Bar] = field(default_factory=list)
    busiest: list[dict[str, Any]] = field(default_factory=list)
    program: str = ""  # the program's slug, or '' for the whole community

    @staticmethod
    def labels(chart: list[Bar]) -> list[str]:
        """A chart's labels, once each, in order."""
        return list(dict.fromkeys(bar.label for bar in chart))

    @staticmethod
    def series(chart: list[Bar], name: str = "") -> list[int]:
        """The values of one series of a chart, in order."""
        return [bar.value for bar in chart if bar.series == name]

    def as_dict(self) -> dict[str, Any]:
        """The figures for the JSON API (charts as their numbers)."""
        data = {k: v for k, v in vars(self).items() if k not in {"load_bars", "month_bars"}}
        data["load_distribution"] = [{"range": b.label, "mentors": b.value} for b in self.load_bars]
        months: dict[str, dict[str, int]] = {}
        for bar in self.month_bars:
            months.setdefault(bar.label, {})[bar.series] = bar.value
        data["months"] = [{"month": month, **values} for month, values in months.items()]
        return data


def month_start(day: date) -> datetime:
    """Midnight UTC on the first of the day's month."""
    return datetime.combine(day.replace(day=1), time.min, tzinfo=UTC)


def _next_month(moment: datetime) -> datetime:
    return (moment + timedelta(days=32)).replace(day=1)


def bars(values: list[tuple[str, int]], series: str = "") -> list[Bar]:
    """Labelled counts as bars of one series."""
    return [Bar(label, value, series) for label, value in values]


def paired_bars(months: list[tuple[str, int, int]]) -> list[Bar]:
    """Planned and held per month, as two series."""
    return [
        Bar(label, value, series)
        for label, planned, held in months
        for series, value in (("planned", planned), ("held", held))
    ]


def load_histogram(values: list[float]) -> list[tuple[str, int]]:
    """Mentors per load range."""
    edges = [0.0, *LOAD_BUCKETS]
    counts = [0] * len(edges)
    for value in values:
        counts[sum(1 for edge in LOAD_BUCKETS if value >= edge)] += 1
    labels = [f"{low:g}–{high:g}" for low, high in zip(edges, LOAD_BUCKETS, strict=False)] + [
        f"≥{LOAD_BUCKETS[-1]:g}"
    ]
    return list(zip(labels, counts, strict=True))


def _in(program_id: UUID | None) -> ColumnElement[bool]:
    """Relationships of one program, or every one (None: the whole community)."""
    return true() if program_id is None else Relationship.program_id == program_id


async def dashboard(
    session: AsyncSession, threshold: float, now: datetime | None = None, program_id: UUID | None = None
) -> Dashboard:
    """The figures at this moment: the whole community's, or one program's with ``program_id``.

    A mentor's load is one figure across programs (one person, one burnout risk); a program's view
    shows the load of its mentors, and the wellbeing pulse given at its relationships' check-ins.
    """
    now = now or datetime.now(UTC)
    d = Dashboard()
    scope = _in(program_id)
    statuses = dict(
        (
            await session.execute(
                select(Relationship.status, func.count()).where(scope).group_by(Relationship.status)
            )
        ).all()
    )
    d.active = statuses.get(RelationshipStatus.ACTIVE, 0)
    d.paused = statuses.get(RelationshipStatus.PAUSED, 0)
    d.completed = statuses.get(RelationshipStatus.COMPLETED, 0)
    d.ended = statuses.get(RelationshipStatus.ENDED, 0)
    start = month_start(now.date())
    for status, name in ((RelationshipStatus.COMPLETED, "completed"), (RelationshipStatus.ENDED, "ended")):
        count = await session.scalar(
            select(func.count()).where(Relationship.status == status, Relationship.ended_at >= start, scope)
        )
        setattr(d, f"{name}_this_month", int(count or 0))
    d.rematch_requests = int(
        await session.scalar(
            select(func.count()).where(
                Relationship.rematch_requested,
                Relationship.is_live,
                scope,
            )
        )
        or 0
    )
    months = await _months(session, start, 6, scope)
    d.month_bars = paired_bars(months)
    d.planned_this_month, d.held_this_month = months[-1][1], months[-1][2]
    # The same definition as the coordinators' notes, so the figure and the inbox agree.
    d.overdue_checkins = int(
        await session.scalar(
            select(func.count())
            .select_from(Checkin)
            .join(Relationship, Relationship.id == Checkin.relationship_id)
            .where(missed(now), scope)
        )
        or 0
    )
    overdue_by_relationship = await _overdue_items(session, now.date(), scope)
    d.overdue_items = sum(overdue_by_relationship.values())
    d.at_risk = await _at_risk(session, now, overdue_by_relationship, scope)
    d.pulse, d.support_requests = await pulse_summary(session, now - timedelta(days=30), program_id)
    if d.pulse is not None:
        d.pulse = {**d.pulse, "low": _low(d.pulse)}
    await _loads(session, d, threshold, now.date(), program_id)
    return d


async def _months(
    session: AsyncSession, this_month: datetime, count: int, scope: ColumnElement[bool]
) -> list[tuple[str, int, int]]:
    """Check-ins due (planned, moved, held or missed) and held, per month, oldest first."""
    starts = [this_month]
    for _i in range(count - 1):
        starts.insert(0, (starts[0] - timedelta(days=1)).replace(day=1))
    rows = await session.execute(
        select(Checkin.scheduled_at, Checkin.status)
        .join(Relationship, Relationship.id == Checkin.relationship_id)
        .where(
            Checkin.scheduled_at >= starts[0],
            Checkin.scheduled_at < _next_month(this_month),
            Checkin.status.in_(COUNTED),
            scope,
        )
    )
    planned = dict.fromkeys(starts, 0)
    held = dict.fromkeys(starts, 0)
    for when, status in rows.all():
        key = month_start(when.date())
        planned[key] += 1
        held[key] += status is CheckinStatus.HELD
    return [(s.strftime("%Y-%m"), planned[s], held[s]) for s in starts]


async def _overdue_items(session: AsyncSession, today: date, scope: ColumnElement[bool]) -> dict[UUID, int]:
    rows = await session.execute(
        select(ActionItem.relationship_id, func.count())
        .join(Relationship, Relationship.id == ActionItem.relationship_id)
        .where(
            ActionItem.is_overdue(today),
            Relationship.is_live,
            scope,
        )
        .group_by(ActionItem.relationship_id)
    )
    return {rid: int(count) for rid, count in rows.all()}


async def _at_risk(
    session: AsyncSession, now: datetime, overdue: dict[UUID, int], scope: ColumnElement[bool]
) -> list[dict[str, Any]]:
    """Active relationships with no check-in for two cadence periods, or many overdue items."""
    last_held = (
        select(
            Checkin.relationship_id,
            func.max(func.coalesce(Checkin.held_at, Checkin.scheduled_at)).label("last"),
        )
        .where(Checkin.status == CheckinStatus.HELD)
        .group_by(Checkin.relationship_id)
        .subquery()
    )
    rows = await session.execute(
        select(Relationship, last_held.c.last)
        .outerjoin(last_held, last_held.c.relationship_id == Relationship.id)
        .where(Relationship.status == RelationshipStatus.ACTIVE, scope)
        .order_by(Relationship.started_at)
    )
    found: list[dict[str, Any]] = []
    for row in rows.all():
        relationship: Relationship = row[0]
        last: datetime | None = row[1]
        since = last or relationship.started_at
        since = since if since.tzinfo else since.replace(tzinfo=UTC)
        reasons = []
        if now - since > timedelta(days=2 * relationship.cadence_days):
            reasons.append(f"no check-in for {(now - since).days} days")
        if overdue.get(relationship.id, 0) >= RISK_OVERDUE_ITEMS:
            reasons.append(f"{overdue[relationship.id]} overdue action items")
        if reasons:
            found.append({"relationship": relationship, "id": relationship.id, "reasons": reasons})
    names = await _names(session, [r["id"] for r in found])
    for risk in found:
        risk["names"] = names.get(risk["id"], [])
    return found


async def _names(session: AsyncSession, ids: list[UUID]) -> dict[UUID, list[str]]:
    if not ids:
        return {}
    rows = await session.execute(
        select(RelationshipMember.relationship_id, Profile)
        .join(Profile, Profile.id == RelationshipMember.profile_id)
        .where(RelationshipMember.relationship_id.in_(ids))
    )
    names: dict[UUID, list[str]] = {}
    for rid, profile in rows.all():
        names.setdefault(rid, []).append(profile.user.name)
    return {rid: sorted(found) for rid, found in names.items()}


async def pulse_summary(
    session: AsyncSession, since: datetime, program_id: UUID | None = None
) -> tuple[dict[str, Any] | None, int]:
    """The pulse over five or more people (None under five) and how many asked for support.

    For one program, the answers given at its relationships' check-ins.
    """
    scope = None
    if program_id is not None:
        at_its_checkins = (
            select(Checkin.id)
            .join(Relationship, Relationship.id == Checkin.relationship_id)
            .where(Relationship.program_id == program_id)
        )
        scope = PulseAnswer.checkin_id.in_(at_its_checkins)
    return await pulse_aggregates(session, since, scope), len(await support_requests(session, scope=scope))


def _low(pulse: dict[str, Any]) -> bool:
    """A low pulse: little energy or much workload or stress, on average (1 to 5 scales)."""
    means = pulse.get("means") or {}
    energy, workload, stress = (means.get(k) for k in ("energy", "workload", "stress"))
    return bool(
        (energy is not None and energy <= 2.5)
        or (workload is not None and workload >= 3.5)
        or (stress is not None and stress >= 3.5)
    )


async def _loads(
    session: AsyncSession, d: Dashboard, threshold: float, today: date, program_id: UUID | None
) -> None:
    mentors = None
    if program_id is not None:
        members = select(ProgramMembership.profile_id).where(
            ProgramMembership.program_id == program_id,
            ProgramMembership.is_mentor,
            ProgramMembership.status == MembershipStatus.ACTIVE,
        )
        mentors = set((await session.execute(members)).scalars())
    loads = [
        load
        for load in (await mentor_loads(session, today)).values()
        if (load.capacity > 0 or load.active_mentees) and (mentors is None or load.profile_id in mentors)
    ]
    d.mentors = len(loads)
    d.overloaded = sum(1 for load in loads if load.over(threshold))
    d.load_bars = bars(load_histogram([load.value for load in loads]))
    top = sorted(loads, key=lambda load: -load.value)[:10]
    profiles = {
        p.id: p
        for p in (
            await session.execute(select(Profile).where(Profile.id.in_([t.profile_id for t in top])))
        ).scalars()
    }
    d.busiest = [
        {
            "profile_id": load.profile_id,
            "name": profiles[load.profile_id].user.name,
            "load": load.value,
            "active_mentees": load.active_mentees,
            "capacity": load.capacity,
            "over": load.over(threshold),
        }
        for load in top
        if load.profile_id in profiles
    ]
